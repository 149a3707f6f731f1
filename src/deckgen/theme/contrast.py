"""WCAG contrast of a theme: the colour of every text element of every layout role, and the ratios AA asks."""
from __future__ import annotations


from deckgen.outline.typed import record
from deckgen.theme.model import AA_LARGE, AA_TEXT, Theme

def relative_luminance(hex_rgb: str) -> float:
    """WCAG 2 relative luminance of a hex colour like `A8191B` (0 black … 1 white)."""
    h = hex_rgb.lstrip("#")
    channels = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two hex colours, from 1.0 (same) to 21.0 (black on white)."""
    a, b = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@record(frozen=True)
class TextColor:
    """The scheme colours of one text element of one layout role, and the contrast it needs."""

    role: str
    element: str
    fg: str
    bg: str
    large: bool

    @property
    def required(self) -> float:
        return AA_LARGE if self.large else AA_TEXT


def text_colors(theme: Theme) -> dict[tuple[str, str], TextColor]:
    """Every text element of every layout role, keyed `(role, element)`: its colour and background.

    This is the one table the master and layouts take their text colours from, so the contrast test
    covers exactly what is drawn. Titles and section labels count as large text.
    """
    r = theme.roles
    c = r.content
    label_bg = (r.section.panel or r.section.ornament) if theme.decor.divider == "panel" else r.section.background
    rows = [
        ("title", "title", r.title.title, r.title.background, True),
        ("title", "subtitle", r.title.text, r.title.background, False),
        ("title", "byline", r.title.muted or r.title.text, r.title.background, False),
        ("section", "label", r.section.text, label_bg, True),
        ("section", "title", r.section.title, r.section.background, True),
        ("closing", "title", r.closing.title, r.closing.background, True),
        ("closing", "body", r.closing.text, r.closing.background, False),
        ("content", "title", c.title, c.background, True),
        ("content", "body", c.text, c.background, False),
        ("content", "footer", c.muted or c.text, c.background, False),
        ("agenda", "body", c.text, c.background, False),
        ("statement", "title", c.title, c.background, True),
        ("statement", "source", c.muted or c.text, c.background, False),
        ("cards", "key", c.accent, c.card_fill, True),
        ("cards", "text", c.text, c.card_fill, False),
        ("quote", "quote", c.title, c.background, True),
        ("quote", "source", c.muted or c.text, c.background, False),
        ("numbers", "value", c.accent, c.background, True),
        ("numbers", "label", c.text, c.background, False),
        ("compare", "heading", c.accent, c.background, True),
        ("compare", "body", c.text, c.background, False),
        ("table", "header", *table_header(theme), True),
        ("table", "body", c.text, c.background, False),
        ("table", "band", c.text, c.card_fill, False),
        ("chart", "text", c.text, c.background, False),
        ("picture", "body", c.text, c.background, False),
    ]
    return {(role, el): TextColor(role, el, fg, bg, large) for role, el, fg, bg, large in rows}


def table_header(theme: Theme) -> tuple[str, str]:
    """The header row's text and fill: light on the title colour, or (dark themes) the title colour on the card's."""
    c = theme.roles.content
    return (c.title, c.card_fill) if theme.dark else (c.background, c.title)


def contrast_problems(theme: Theme) -> list[str]:
    """The text elements of `theme` below WCAG AA contrast, as readable lines (empty when all pass)."""
    out = []
    for t in text_colors(theme).values():
        ratio = contrast_ratio(theme.rgb(t.fg), theme.rgb(t.bg))
        if ratio < t.required:
            out.append(f"{t.role} {t.element}: {t.fg} on {t.bg} is {ratio:.2f}:1, needs {t.required:g}:1")
    return out
