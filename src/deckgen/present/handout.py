"""The lecturer's script as a PDF: each slide over its full speaker notes, two slides a page when both fit.

Pages laid out with fpdf2 (notes set with the font's own widths and Chinese line breaking, justified, indented two
characters in Chinese, continued when long); each slide is LibreOffice's page of it, as vectors (`slidepages`).
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, Optional

from deckgen.outline.typed import record
from deckgen.present.fonts import FontSet, font_set
from deckgen.present.slidepages import Place, place_slides, slide_pages
from deckgen.present.steps import QUIET, Progress
from deckgen.text.script import has_cjk, is_cjk_language
from deckgen.package.deck import DeckText, SlideText, read_deck
from deckgen.text.breaking import Line, Metrics, per_character, wrap
from deckgen.present.timing import Rate, Timing, clock, is_cue, spoken, timing

PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
PT = 25.4 / 72  # millimetres per point

INK = (26, 26, 26)
MUTED = (110, 110, 110)
RULE = (190, 190, 190)
ACCENT = (158, 27, 27)


@record(frozen=True)
class Style:
    """Page geometry (mm) and type (pt) of the handout."""

    paper: str = "a4"
    margin: float = 18.0
    top: float = 14.0
    bottom: float = 16.0
    notes_size: float = 13.0
    leading: float = 1.6          # line pitch as a multiple of the notes size
    paragraph_gap: float = 0.35   # extra space between paragraphs, in lines
    heading_size: float = 12.5
    small_size: float = 8.5


@record(frozen=True)
class Handout:
    """A written handout: where, how many pages and slides."""

    path: Path
    pages: int
    slides: int
    backup: Optional[Path] = None


class _Words:
    """The handout's words in its language."""

    def __init__(self, cjk: bool) -> None:
        self.cjk = cjk

    def time(self, secs: float, end: float) -> str:
        return f"{spoken(secs, True)} · 累计 {clock(end)}" if self.cjk else f"{spoken(secs, False)} · ends at {clock(end)}"

    @property
    def continued(self) -> str:
        return "（续）" if self.cjk else " (continued)"

    @property
    def no_notes(self) -> str:
        return "（本页无讲稿）" if self.cjk else "(no notes for this slide)"


class _Writer:
    """Lays out the pages on an fpdf2 document."""

    def __init__(self, deck: DeckText, times: Timing, fonts: FontSet, style: Style, ratio: float = 9 / 16) -> None:
        from fpdf import FPDF

        self.deck, self.times, self.style, self.ratio = deck, times, style, ratio
        self.places: list[Place] = []
        self.widths: dict[tuple[str, str, float, float, str], float] = {}
        self.cjk = times.cjk
        self.words = _Words(self.cjk)
        width, height = PAPERS[style.paper]
        self.pdf = FPDF(orientation="P", unit="mm", format=(width, height))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(style.margin, style.top, style.margin)
        self._fonts(fonts)
        self.page_w, self.page_h = width, height
        self.has_fallback = fonts.fallback is not None
        self.text_w = width - 2 * style.margin
        self.y = style.top

    def _fonts(self, fonts: FontSet) -> None:
        pdf = self.pdf
        pdf.add_font("text", "", str(fonts.regular.path), collection_font_number=fonts.regular.index)
        pdf.add_font("text", "B", str(fonts.bold.path), collection_font_number=fonts.bold.index)
        if fonts.fallback is not None:
            pdf.add_font("cjk", "", str(fonts.fallback.path), collection_font_number=fonts.fallback.index)
            bold = fonts.fallback_bold or fonts.fallback
            pdf.add_font("cjk", "B", str(bold.path), collection_font_number=bold.index)
        pdf.set_title(self.deck.title)
        pdf.set_creator("deckgen")
        pdf.set_lang("zh-CN" if self.cjk else (self.deck.language or "en"))

    # --- small drawing helpers ----------------------------------------------------------------
    def _font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font("text", "B" if bold else "", size)
        self.pdf.set_text_color(*color)
        self.pdf.set_char_spacing(0)

    def _runs(self, text: str) -> list[tuple[str, str]]:
        """`text` split into (font family, run): characters the text face lacks go to the CJK fallback.

        fpdf2 applies fallback fonts in cells only, not in `text()`, so runs are switched here.
        """
        if not self.has_fallback or not text:
            return [("text", text)]
        cmap = self.pdf.current_font.cmap
        runs: list[tuple[str, str]] = []
        for ch in text:
            family = "text" if ord(ch) in cmap or ch in " \u00a0" else "cjk"
            if runs and runs[-1][0] == family:
                runs[-1] = (family, runs[-1][1] + ch)
            else:
                runs.append((family, ch))
        return runs

    def _in(self, family: str) -> None:
        pdf = self.pdf
        if pdf.font_family != family:
            pdf.set_font(family, pdf.font_style, pdf.font_size_pt)

    def _w(self, text: str) -> float:
        """The width of `text` (mm) in the current face and size, fallback runs included; remembered by face,
        style, size and spacing (fpdf2 takes 0.06 ms to measure a character)."""
        pdf = self.pdf
        key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, pdf.char_spacing, text)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = self._measure(text)
        return width

    def _measure(self, text: str) -> float:
        total = 0.0
        for family, run in self._runs(text):
            self._in(family)
            total += self.pdf.get_string_width(run)
        self._in("text")
        return total

    def _put(self, x: float, base: float, text: str) -> None:
        """Draw `text` with its left end at `x` on the baseline `base`."""
        for family, run in self._runs(text):
            self._in(family)
            self.pdf.text(x, base, run)
            x += self.pdf.get_string_width(run)
        self._in("text")

    def _width(self) -> Metrics:
        """Per-character widths in the current face and size (for `deckgen.text.breaking.wrap`)."""
        return per_character(self._w)

    def _clip(self, text: str, width: float) -> str:
        if self._w(text) <= width:
            return text
        while text and self._w(text + "…") > width:
            text = text[:-1]
        return text + "…"

    # --- page parts ---------------------------------------------------------------------------
    def _new_page(self, slide: SlideText) -> None:
        pdf, st = self.pdf, self.style
        pdf.add_page()
        self._font(st.small_size, color=MUTED)
        section = self.deck.sections[slide.section] if slide.section is not None and slide.section < len(self.deck.sections) else ""
        right = f"{slide.number} / {len(self.deck.slides)}"
        right_w = self._w(right)
        left = self._clip(" · ".join(x for x in (self.deck.title, section) if x), self.text_w - right_w - 6)
        base = st.top - 4
        self._put(st.margin, base, left)
        self._put(self.page_w - st.margin - right_w, base, right)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.line(st.margin, base + 1.8, self.page_w - st.margin, base + 1.8)
        folio = f"— {pdf.page_no()} —"
        self._put((self.page_w - self._w(folio)) / 2, self.page_h - st.bottom / 2, folio)
        self.y = st.top + 1.5

    def _picture(self, slide: SlideText, scale: float = 1.0) -> None:
        """The slide's box, framed; LibreOffice's page of the slide goes in it when the pages are done."""
        w = self.text_w * scale
        h = w * self.ratio
        self.places.append(Place(self.pdf.page_no() - 1, slide.number - 1, self.style.margin, self.y, w, h))
        self.pdf.set_draw_color(*RULE)
        self.pdf.set_line_width(0.25)
        self.pdf.rect(self.style.margin, self.y, w, h)
        self.y += h + 5.5

    def height(self, slide: SlideText, scale: float) -> float:
        """The height (mm) `slide` takes below a page's header, its picture at `scale` of the text width; the
        heading is measured as if the reading time took 30 mm of its line (never less than it needs)."""
        st = self.style
        h = self.text_w * scale * self.ratio + 5.5
        self._font(st.heading_size, bold=True)
        title = (slide.title or "").replace("\n", " ")
        lines = min(3, len(wrap(title, self.text_w - 30, self._width()))) if title else 1
        h += st.heading_size * PT + (lines - 1) * st.heading_size * 1.3 * PT + 7.2
        if slide.data:
            size = st.notes_size - 2
            self._font(size)
            rows = sum(len(wrap(row, self.text_w, self._width())) for row in slide.data)
            h += size * PT + rows * size * 1.35 * PT + 2.0
        self._font(st.notes_size)
        paragraphs = [p.strip() for p in slide.notes.split("\n") if not is_cue(p)]
        while paragraphs and not paragraphs[-1]:
            paragraphs.pop()
        pitch = st.notes_size * st.leading * PT
        indent = 2 * self._w("中") if self.cjk else 0.0
        widths = self._width()
        lines = sum(len(wrap(p, self.text_w, widths, indent if (self.cjk and p) else 0.0)) for p in paragraphs)
        gaps = max(0, len(paragraphs) - 1) * pitch * st.paragraph_gap * (0.5 if self.cjk else 1.0)
        return h + st.notes_size * PT * 1.6 + lines * pitch + gaps

    def _heading(self, slide: SlideText, continued: bool) -> None:
        pdf, st = self.pdf, self.style
        t = self.times.slides[slide.number - 1]
        self._font(st.small_size + 1, color=MUTED)
        when = self.words.time(t.seconds, self.times.elapsed(slide.number)) if t.seconds > 0 else ""
        when_w = self._w(when)
        self._font(st.heading_size, bold=True, color=ACCENT)
        number = f"{slide.number}"
        number_w = self._w(number + "  ")
        title = (slide.title or "").replace("\n", " ") + (self.words.continued if continued else "")
        self._font(st.heading_size, bold=True)
        room = self.text_w - number_w - (when_w + 5 if when else 0)
        lines = wrap(title, room, self._width()) if title else [Line("", 0, True)]
        pitch = st.heading_size * 1.3 * PT
        base = self.y + st.heading_size * PT
        self._font(st.heading_size, bold=True, color=ACCENT)
        self._put(st.margin, base, number)
        self._font(st.heading_size, bold=True)
        for i, line in enumerate(lines[:3]):
            self._put(st.margin + number_w, base + i * pitch, line.text if i < 2 or len(lines) <= 3 else line.text + "…")
        if when:
            self._font(st.small_size + 1, color=MUTED)
            self._put(self.page_w - st.margin - when_w, base, when)
        self.y = base + (min(len(lines), 3) - 1) * pitch + 3.2
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.line(st.margin, self.y, self.page_w - st.margin, self.y)
        self.y += 4.0

    def _line(self, line: Line, x: float, width: float, base: float) -> None:
        """Draw one line; a full line is justified — spread between characters in Chinese, between words otherwise."""
        pdf = self.pdf
        slack = width - line.width
        gaps = len(line.text) - 1
        size = self.style.notes_size * PT
        if line.last or gaps <= 0 or slack <= 0 or slack > 4 * size:
            pdf.set_char_spacing(0)
            self._put(x, base, line.text)
            return
        words = line.text.split(" ")
        if line.cjk_share < 0.5 and len(words) > 1:
            pdf.set_char_spacing(0)
            space = (width - sum(self._w(w) for w in words)) / (len(words) - 1)
            for w in words:
                self._put(x, base, w)
                x += self._w(w) + space
            return
        pdf.set_char_spacing(slack / gaps / PT)  # fpdf2 takes character spacing in points
        self._put(x, base, line.text)
        pdf.set_char_spacing(0)

    def _notes(self, slide: SlideText) -> None:
        st = self.style
        paragraphs = [p for p in slide.notes.split("\n") if not is_cue(p)]
        while paragraphs and not paragraphs[-1].strip():
            paragraphs.pop()
        self._font(st.notes_size)
        if not any(p.strip() for p in paragraphs):
            self._font(st.notes_size - 1, color=MUTED)
            self._put(st.margin, self.y + st.notes_size * PT, self.words.no_notes)
            self.y += st.notes_size * PT * 1.6  # as `height` counts it: a rule below never crosses the line
            return
        pitch = st.notes_size * st.leading * PT
        indent = 2 * self._w("中") if self.cjk else 0.0
        widths = self._width()
        bottom = self.page_h - st.bottom
        base = self.y + st.notes_size * PT * 1.05
        for k, paragraph in enumerate(paragraphs):
            paragraph = paragraph.strip()
            lead = indent if (self.cjk and paragraph) else 0.0
            if k and not self.cjk:
                base += pitch * st.paragraph_gap
            elif k:
                base += pitch * st.paragraph_gap * 0.5
            for i, line in enumerate(wrap(paragraph, self.text_w, widths, lead)):
                if base > bottom:
                    self._new_page(slide)
                    self._heading(slide, continued=True)
                    self._font(st.notes_size)
                    base = self.y + st.notes_size * PT * 1.05
                x = st.margin + (lead if i == 0 else 0.0)
                self._line(line, x, self.text_w - (lead if i == 0 else 0.0), base)
                base += pitch
        self.y = base

    # --- the whole document -------------------------------------------------------------------
    def _data(self, slide: SlideText) -> None:
        """The slide's tables and chart values as lines of small type, readable where the picture is small."""
        if not slide.data:
            return
        size = self.style.notes_size - 2
        pitch = size * 1.35 * PT
        self._font(size, color=MUTED)
        widths = self._width()
        base = self.y + size * PT
        for row in slide.data:
            for line in wrap(row, self.text_w, widths):
                if base > self.page_h - self.style.bottom:
                    self._new_page(slide)
                    self._heading(slide, continued=True)
                    self._font(size, color=MUTED)
                    base = self.y + size * PT
                self._put(self.style.margin, base, line.text)
                base += pitch
        self.y = base + 2.0

    def slide(self, slide: SlideText, scale: float = 1.0, below: bool = False) -> None:
        """Set `slide` on a new page, or `below` the slide already on this page (with a rule between)."""
        if below:
            self.y += PAIR_GAP / 2
            self.pdf.set_draw_color(*RULE)
            self.pdf.line(self.style.margin, self.y, self.page_w - self.style.margin, self.y)
            self.y += PAIR_GAP / 2
        else:
            self._new_page(slide)
        self._picture(slide, scale)
        self._heading(slide, continued=False)
        self._data(slide)
        self._notes(slide)

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    @property
    def pages(self) -> int:
        return self.pdf.page_no()


def layout(deck: DeckText, slides: Path, times: Timing, fonts: FontSet, style: Style = Style(),
           tick: Optional[Callable[[int], None]] = None) -> tuple[bytes, int]:
    """The handout PDF (bytes) and its page count, for `deck` whose slides are the pages of the PDF `slides`
    in order (`DeckgenError` when it has fewer)."""
    count, ratio = slide_pages(slides)
    if count < len(deck.slides):
        from deckgen.errors import DeckgenError

        raise DeckgenError(f"{str(slides)!r} has {count} pages for {len(deck.slides)} slides")
    writer = _Writer(deck, times, fonts, style, ratio)
    todo = deck.slides
    room = writer.page_h - style.bottom - (style.top + 1.5)
    n = 0
    while n < len(todo):
        s, after = todo[n], todo[n + 1] if n + 1 < len(todo) else None
        # two slides on a page when both fit whole, pictures smaller; else a page (or more) per slide
        if after and writer.height(s, PAIR_SCALE) + PAIR_GAP + writer.height(after, PAIR_SCALE) <= room:
            writer.slide(s, PAIR_SCALE)
            writer.slide(after, PAIR_SCALE, below=True)
            n += 2
        else:
            writer.slide(s)
            n += 1
        if tick is not None:
            tick(n)
    return place_slides(writer.output(), slides, writer.places), writer.pages


PAIR_SCALE = 0.62  # the picture's share of the text width when two slides share a page
PAIR_GAP = 8.0     # mm between two slides on a page (a hairline in the middle)


def deck_times(deck: DeckText, per_minute: Optional[float] = None) -> Timing:
    """Reading time of a deck read back from its .pptx; Chinese when its language or notes say so."""
    lang = deck.language.split("-")[0]
    cjk = is_cjk_language(lang) if lang else has_cjk("".join(s.notes for s in deck.slides))
    return timing(((s.title, s.notes, s.section) for s in deck.slides), deck.sections, Rate.of(per_minute, cjk), cjk)


def make_handout(deck_path: Path, output: Path, per_minute: Optional[float] = None, style: Style = Style(),
                 progress: Progress = QUIET) -> Handout:
    """Write the handout of the deck at `deck_path` to `output` (atomically, with the PDF fingerprint; a PDF
    there that deckgen did not write, or that was changed since, is kept as a dated backup first).

    Raises `ToolMissingError` without LibreOffice or (for a Chinese deck) a Chinese font, and `DeckgenError`
    when a conversion fails.
    """
    from deckgen.package.pdfmark import write_pdf_file
    from deckgen.package.write import check_target, scratch_folder
    from deckgen.present.office import convert_to_pdf

    check_target(output)
    deck = read_deck(deck_path)
    times = deck_times(deck, per_minute)
    fonts = font_set(times.cjk)
    with scratch_folder(Path(tempfile.gettempdir()), "deckgen-handout") as folder:
        with progress.status(f"Converting {deck_path.name} to PDF with LibreOffice"):
            slides_pdf = convert_to_pdf(deck_path, folder, slides=len(deck.slides)).pdf
        pages, _ = slide_pages(slides_pdf)
        if pages != len(deck.slides):
            from deckgen.errors import DeckgenError

            raise DeckgenError(f"LibreOffice rendered {pages} pages for the {len(deck.slides)} shown slides of "
                               f"{str(deck_path)!r}")
        with progress.bar("Laying out pages", pages) as tick:
            data, count = layout(deck, slides_pdf, times, fonts, style, tick)
    backup = write_pdf_file(output, data)
    return Handout(output, count, len(deck.slides), backup)
