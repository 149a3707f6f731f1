"""The plan functions of the kinds the renderer draws as shapes: cards, big numbers, two columns compared."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Optional

from deckgen.outline.model import Role
from deckgen.plan import grid
from deckgen.plan.grid import Box, Paragraphs
from deckgen.plan.model import Block, Blocks, Run, Text
from deckgen.text.fit import fit, text_height
from deckgen.text.metrics import AUTOSPACE_EM, WIDTH_SLACK, text_em

if TYPE_CHECKING:
    from deckgen.plan.planner import Entry, Planner

CARDS = range(3, 7)  # parallel `key：phrase` bullets are set as cards when there are this many
CARD_PAD = 14.0      # inside a card, around its text
_KEY_PHRASE = re.compile(r"\s*(?P<key>[^：:，。；、,.;!?！？“”\"]{1,12}?)\s*(?:：|:\s)\s*(?P<phrase>\S.*)", re.S)
_SAYING = ("指出", "强调", "说", "表示", "认为", "提出", "写道", "said", "says", "wrote")
_FIGURE = re.compile(r"(?P<figure>[+\-−±~约近超逾]?\s*[\d.,]+(?:\s*[~\-–—至]\s*[\d.,]+)?)(?P<unit>.*)", re.S)


def key_phrase(bullet: str) -> Optional[tuple[str, str]]:
    """(`供给`, `建立高质量产业体系`) for `供给：建立高质量产业体系` (or `Supply: …`); None for a bullet of
    another form. The key is short (at most 12 characters), holds no sentence punctuation and is no speaker
    (`A总书记指出：`)."""
    m = _KEY_PHRASE.fullmatch(bullet)
    if not m or m.group("key").rstrip().endswith(_SAYING):  # `A总书记指出：…` introduces words, it is no key
        return None
    return m.group("key").strip(), m.group("phrase").strip()


def cards_shaped(bullets: Iterable[str]) -> bool:
    """Three to six bullets that all have the `key：phrase` form: parallel points, set as cards."""
    items = list(bullets)
    return len(items) in CARDS and all(key_phrase(b) for b in items)


def split_figure(value: str) -> tuple[str, str]:
    """A big number's figure and its unit: `74.4万亿元` → (`74.4`, `万亿元`), `5.2%` → (`5.2`, `%`); a value
    that does not start with a figure is all figure."""
    m = _FIGURE.fullmatch(value.strip())
    if not m or not re.search(r"\d", m.group("figure")):
        return value.strip(), ""
    return m.group("figure").strip(), m.group("unit").strip()


def card_boxes(area: Box, n: int) -> list[Box]:
    """Boxes for `n` cards in `area`: every card the size of one cell of a three-by-two grid, so cards
    are alike on every slide; one row of up to three (two by two for four), rows centred."""
    cols = 3
    w = (area.w - (cols - 1) * grid.GAP) / cols
    h = (area.h - grid.GAP) / 2
    rows = [n] if n <= 3 else ([2, 2] if n == 4 else [3, n - 3])
    top = area.y + (area.h - (len(rows) * h + (len(rows) - 1) * grid.GAP)) / 2
    out = []
    for r, count in enumerate(rows):
        left = area.x + (area.w - (count * w + (count - 1) * grid.GAP)) / 2
        out += [Box(left + i * (w + grid.GAP), top + r * (h + grid.GAP), w, h, CARD_PAD, CARD_PAD, CARD_PAD, CARD_PAD)
                for i in range(count)]
    return out


def even_groups(items: list, k: int) -> list[list]:  # type: ignore[type-arg]
    """`items` cut into `k` runs whose lengths differ by at most one, longer runs first."""
    q, r = divmod(len(items), k)
    starts = [i * q + min(i, r) for i in range(k + 1)]
    return [items[a:b] for a, b in zip(starts, starts[1:])]


def _sizes(top: float, low: float) -> list[float]:
    return [top - i for i in range(int(top - low) + 1)]


def _as_written(bullet: str) -> tuple[str, str]:
    """A card's key with the separator the lecturer wrote (`供给：`) and its phrase: the card holds the bullet's
    words as written, so the text a deck shows is the outline's, searchable and read back whole."""
    found = key_phrase(bullet)
    if not found:
        return "", bullet
    phrase = found[1]
    return bullet[: bullet.rindex(phrase)].strip(), phrase


def plan_cards(p: "Planner", role: Role, e: "Entry") -> None:
    """Cards: each `key：phrase` bullet a box (the key large and bold in the accent colour, the phrase below),
    at most six a slide; keys share one size and phrases another."""
    items = [_as_written(b) for b in e.node.bullets]
    if len(items) < 2:
        p.warn(e.path, "cards need at least two bullets; set as bullets")
        p.content(Role.CONTENT, e.title, e.node.notes, e.node.bullets, e.path, e.section)
        return
    groups = even_groups(items, -(-len(items) // 6))
    area = p.frames["cards", "cards"].box
    c = p.theme.roles.content
    fitted = [_fit_cards(p, group, card_boxes(area, len(group))[0], e) for group in groups]
    if any(f is None for f in fitted):  # a template's body too small for cards: its bullets instead
        p.warn(e.path, "the cards do not fit the template's body at the smallest size; set as bullets")
        p.content(Role.CONTENT, e.title, e.node.notes, e.node.bullets, e.path, e.section)
        return
    for i, (group, sizes) in enumerate(zip(groups, fitted)):
        boxes = card_boxes(area, len(group))
        key_size, text_size = sizes  # type: ignore[misc]
        blocks = tuple(Block(f"Card {n}", box, tuple(para for para in (
            (Run(key, key_size, True, c.accent),) if key else None,
            (Run(phrase, text_size, False, c.text),)) if para), fill=c.card_fill, line=c.ornament, shape="roundRect",
            space_before=grid.CARD_PARAS.space_before, line_spacing=grid.CARD_PARAS.line_spacing)
            for n, ((key, phrase), box) in enumerate(zip(group, boxes), 1))
        title = e.title if i == 0 else p.continued(e.title)
        p.slide(Role.CARDS, p.title_text(title, e.path, Role.CARDS), e, notes=e.node.notes if i == 0 else "",
                payload=Blocks(blocks))


def _fit_cards(p: "Planner", cards: Iterable[tuple[str, str]], box: Box, e: "Entry") -> Optional[tuple[float, float]]:
    """One key size and one phrase size for every card in boxes like `box`: the largest keys that fit two
    lines, then the largest phrases that fit below them; None on a template where nothing fits."""
    cards = list(cards)
    s = p.sizes
    keys = [k for k, _ in cards if k]
    bold = Paragraphs(grid.CARD_PARAS.line_spacing, bold=True)
    plain = Paragraphs(grid.CARD_PARAS.line_spacing)
    wide = Box(0, 0, box.w, 10_000, box.inset_l, box.inset_r, 0, 0)
    for key_size in _sizes(s.card_key.max, s.card_key.min):
        key_h = max((text_height([k], wide, key_size, bold, p.cjk) for k in keys), default=0.0)
        if keys and not all(fit([k], box, key_size, key_size, bold, max_lines=2, cjk=p.cjk).fits for k in keys):
            continue
        room = Box(0, 0, box.w, box.h - key_h - (grid.CARD_PARAS.space_before if keys else 0), box.inset_l, box.inset_r,
                   box.inset_t, box.inset_b)
        top = min(s.body.pref, key_size)
        sizes = [fit([t], room, top, s.body.min, plain, cjk=p.cjk) for _, t in cards]
        if all(f.fits for f in sizes):
            text_size = _no_orphans([t for _, t in cards], room, min(f.size for f in sizes), s.body.min, plain, p.cjk)
            return key_size, text_size
    if not p.frames.builtin:
        return None
    p.warn(e.path, f"the cards' text does not fit at the smallest size ({s.body.min:g} pt); shorten it")
    return s.card_key.min, s.body.min


def _no_orphans(texts: list[str], box: Box, size: float, low: float, style: Paragraphs, cjk: bool) -> float:
    """`size`, or a size down to `low` at which no text ends in a line of one character (`建立…产业体` / `系`),
    when there is one at which all still fit."""
    from deckgen.text.fit import wrap

    for s in _sizes(size, low):
        width = box.text_w * WIDTH_SLACK / s
        if all(fit([t], box, s, s, style, cjk=cjk).fits and len(wrap(t, width, style.bold, cjk)[-1]) > 1 for t in texts):
            return s
    return size


def plan_numbers(p: "Planner", role: Role, e: "Entry") -> None:
    """Big numbers: two to four figures side by side in the accent colour, each unit smaller on the same
    baseline, the label below; all figures one size, all labels another."""
    items = [(*split_figure(n.value), n.label) for n in e.node.numbers or ()]
    area = p.frames["numbers", "numbers"].box
    n = len(items)
    w = (area.w - (n - 1) * grid.GAP) / n
    s, c = p.sizes, p.theme.roles.content
    inner = (w - 2 * 4.0) * WIDTH_SLACK * 0.98
    figure_size = s.number.min
    # widths are Arial's; another Latin face (or a template's, unknown here) may render as a wider fallback
    # (DejaVu Sans: digits 26 % wider)
    arial = p.frames.builtin and p.theme.fonts.major.latin in ("Arial", "Liberation Sans", "Helvetica")
    wider = 1.0 if arial else 1.26
    figure_size = s.body.max
    for size in _sizes(s.number.max, min(s.number.min, s.body.max)):
        unit = max(s.body.min, round(size * 0.4))
        if all(_figure_width(f, u, size, unit, p.cjk, wider) <= inner for f, u, _ in items):
            figure_size = size
            break
    else:
        p.warn(e.path, f"a figure does not fit its column at {s.body.max:g} pt; shorten it")
    if figure_size < s.number.min:
        p.warn(e.path, f"the figures set at {figure_size:g} pt, below the smallest big-number size ({s.number.min:g} pt)")
    unit_size = max(s.body.min, round(figure_size * 0.4))
    figure_h = figure_size * 1.25
    label_box = Box(0, 0, w, area.h / 2 - 8, 4.0, 4.0, 0, 0)
    top = min(s.body.pref, s.body.max)
    labels = [fit([label], label_box, top, s.body.min, grid.PLAIN_PARAS, max_lines=1, cjk=p.cjk) for _, _, label in items]
    if not all(f.fits for f in labels):  # a label too long for one line: two lines, then three
        labels = [fit([label], label_box, top, s.body.min, grid.PLAIN_PARAS, max_lines=3, cjk=p.cjk) for _, _, label in items]
    if not all(f.fits for f in labels):
        p.warn(e.path, f"a label does not fit under its figure at the smallest size ({s.body.min:g} pt); shorten it")
    label_size = _no_orphans([label for _, _, label in items], label_box, min(f.size for f in labels), s.body.min,
                             grid.PLAIN_PARAS, p.cjk)
    blocks = []
    for i, (figure, unit, label) in enumerate(items):
        box = Box(area.x + i * (w + grid.GAP), area.y, w, area.h, 4.0, 4.0, 0, 0)
        runs = (Run(figure, figure_size, True, c.accent),) + ((Run(unit, unit_size, True, c.accent),) if unit else ())
        blocks.append(Block(f"Number {i + 1}", box, (runs, (Run(label, label_size, False, c.text),)), align="ctr",
                            anchor="ctr", space_before=max(8.0, figure_h * 0.15)))
    p.slide(Role.NUMBERS, p.title_text(e.title, e.path, Role.NUMBERS), e, payload=Blocks(tuple(blocks)))
    p.rest(e)


def _figure_width(figure: str, unit: str, size: float, unit_size: float, cjk: bool, wider: float = 1.0) -> float:
    """The width in points of a figure (its Latin measure times `wider`) and its smaller unit on one line,
    with the space LibreOffice puts between digits and Chinese."""
    width = text_em(figure, True, cjk) * size * wider
    if unit:
        width += text_em(unit, True, cjk) * unit_size + AUTOSPACE_EM * unit_size
    return width


def plan_compare(p: "Planner", role: Role, e: "Entry") -> None:
    """Two columns under their headings, equal in width; the bullets of both at one size. On a layout
    without the four placeholders (a template's content layout) the columns are drawn in its body."""
    f, s = p.frames, p.sizes
    cmp = e.node.compare
    assert cmp is not None
    sides = (("left", cmp.left), ("right", cmp.right))
    slots = {name: f.get("compare", name) for name in ("left_title", "right_title", "left_body", "right_body")}
    if all(slots.values()):
        heads = {side: p.fitted([col.title], slots[f"{side}_title"], s.body, e.path, "the column heading", 2)  # type: ignore[arg-type]
                 for side, col in sides}
        bodies = {side: p.fitted(col.bullets, slots[f"{side}_body"], s.body, e.path, "the column's bullets")  # type: ignore[arg-type]
                  for side, col in sides if col.bullets}
        size = min((t.size for t in bodies.values()), default=s.body.max)
        head = min(t.size for t in heads.values())
        texts = [(f"{side}_title", Text(heads[side].paragraphs, head)) for side, _ in sides]
        texts += [(f"{side}_body", Text(bodies[side].paragraphs, size)) for side, _ in sides if side in bodies]
        p.slide(Role.COMPARE, p.title_text(e.title, e.path, Role.COMPARE), e, texts)
    else:
        p.slide(Role.COMPARE, p.title_text(e.title, e.path, Role.COMPARE), e,
                payload=Blocks(_drawn_columns(p, f["compare", "columns"].box, sides, e)))
    p.rest(e)


def _drawn_columns(p: "Planner", area: Box, sides: Iterable[tuple[str, object]], e: "Entry") -> tuple[Block, ...]:
    s, c = p.sizes, p.theme.roles.content
    w = (area.w - grid.COLUMN_GAP) / 2
    out = []
    for i, (side, col) in enumerate(sides):
        x = area.x + i * (w + grid.COLUMN_GAP)
        head = Box(x, area.y, w, 52)
        body = Box(x, area.y + 60, w, area.h - 60)
        title, bullets = getattr(col, "title"), getattr(col, "bullets")
        h = p.fitted([title], grid.Slot(head, grid.HEAD_PARAS), s.body, e.path, "the column heading", 2)
        b = p.fitted(bullets, grid.Slot(body, grid.PLAIN_PARAS), s.body, e.path, "the column's bullets") if bullets else None
        out.append(Block(f"{side.title()} Heading", head, ((Run(title, h.size, True, c.accent),),), anchor="b"))
        if b is not None:
            out.append(Block(f"{side.title()} Column", body, tuple((Run(t, b.size, False, c.text),) for t in bullets),
                             space_before=grid.PLAIN_PARAS.space_before))
    return tuple(out)


PLANNERS: Mapping[Role, Callable[["Planner", Role, "Entry"], None]] = {
    Role.CARDS: plan_cards, Role.NUMBERS: plan_numbers, Role.COMPARE: plan_compare,
}
