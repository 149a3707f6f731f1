"""The plan functions of a quotation and of the kinds that are not text: charts, tables, pictures."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from deckgen.outline.model import Role
from deckgen.plan import grid
from deckgen.plan.grid import Box, Paragraphs
from deckgen.plan.model import Block, ChartPlan, PicturePlan, Run, TablePlan
from deckgen.plan.sizing import holds
from deckgen.text.fit import line_count
from deckgen.text.metrics import LINE_HEIGHT_EM, text_em
from deckgen.text.quotes import Quotation, find_quotation
from deckgen.theme.model import SCHEME_KEYS
from deckgen.theme.contrast import contrast_ratio, table_header

if TYPE_CHECKING:
    from deckgen.plan.planner import Entry, Planner
    from deckgen.plan.grid import Slot

MAX_ROWS = 6              # body rows of a table on one slide (DESIGN: about 6 rows × 5 columns)
CELL_INSETS = (7.2, 3.6)  # a table cell's left/right and top/bottom margins (PowerPoint's defaults)
LABELLED_POINTS = 12      # at most this many data points get labels instead of a value axis
_CHART_NAMES = {"column": ("柱形图", "column chart"), "bar": ("条形图", "bar chart"), "line": ("折线图", "line chart"),
                "pie": ("饼图", "pie chart")}


def plan_quote(p: "Planner", role: Role, e: "Entry") -> None:
    """A quotation set large with its source below; the slide's title stays off the slide (accessibility
    tools and the slide list still name it). The quotation is `quote:`, else the one the bullets or notes
    lead with; bullets follow on a slide of their own."""
    f, s, node = p.frames, p.sizes, e.node
    q = Quotation(node.quote.text, node.quote.source or "") if node.quote else find_quotation([*node.bullets, node.notes])
    assert q is not None  # the validator refuses a quote slide without a quotation
    text = q.text if q.text[:1] in "“\"「『" else p.words(f"“{q.text}”", f"“{q.text}”")
    source = ("——" + q.source if p.cjk else "— " + q.source) if q.source else ""
    paragraphs = [text]
    if source and f.get("quote", "source") is None:
        paragraphs.append(source)  # the layout has no place for the source: it follows the quotation
    if not f.builtin and len(paragraphs) == 2 and holds([text], f["quote", "title"], s.quote, p.cjk) \
            and (not holds(paragraphs, f["quote", "quote"], s.quote, p.cjk) or _larger(f["quote", "title"], f["quote", "quote"])):
        # a template's quote place is a strip (a section layout's one-line body, the room under a statement's lone
        # title): the quotation takes the title's room and its source the strip, rather than the quotation small
        if not holds([source], f["quote", "quote"], s.cover_subtitle, p.cjk, smaller=True) \
                and holds(paragraphs, f["quote", "title"], s.quote, p.cjk):
            # nor the source the strip (a few points tall where the layout's free room ends): both in the title's room
            title = p.fitted(paragraphs, f["quote", "title"], s.quote, e.path, "the quotation")
            p.slide(Role.QUOTE, title, e, [("quote", None), ("source", None)])
            p.rest(e)
            return
        title = p.fitted([text], f["quote", "title"], s.quote, e.path, "the quotation")
        quote = p.fitted([source], f["quote", "quote"], s.cover_subtitle, e.path, "the source")
        p.slide(Role.QUOTE, title, e, [("quote", quote), ("source", None)])
        p.rest(e)
        return
    title = p.fitted([e.title], f["quote", "title"], s.title, e.path, "the title", 2)
    quote = p.fitted(paragraphs, f["quote", "quote"], s.quote, e.path, "the quotation")
    src = p.fitted([source], f["quote", "source"], s.cover_subtitle, e.path, "the source") \
        if source and f.get("quote", "source") is not None else None
    p.slide(Role.QUOTE, title, e, [("quote", quote), ("source", src)])
    p.rest(e)


def _larger(a: "Slot", b: "Slot") -> bool:
    """Whether slot `a`'s box is larger than `b`'s."""
    return a.box.w * a.box.h > b.box.w * b.box.h


def _palette(p: "Planner", n: int) -> tuple[str, ...]:
    """`n` scheme colours: the accent for the series the talk is about, then muted ones, then the theme's
    other accents; only colours at 3:1 against the background (WCAG's contrast for graphics)."""
    c, th = p.theme.roles.content, p.theme
    bg = th.rgb(c.background)
    first = [c.accent, c.muted or c.text, c.ornament]
    rest = [k for k in SCHEME_KEYS if k.startswith("accent") and k not in first]
    out = [k for k in dict.fromkeys(first + rest) if contrast_ratio(th.rgb(k), bg) >= 3.0]
    return tuple(out[i % len(out)] for i in range(n))


def _number(v: float) -> str:
    return f"{v:,.6g}" if abs(v) >= 10_000 else f"{v:.6g}"


def chart_alt(p: "Planner", chart: object) -> str:
    """A description of a chart for screen readers: its type, unit and every value."""
    ch = chart  # outline.model.Chart
    kind = _CHART_NAMES[getattr(ch, "type")][0 if p.cjk else 1]
    unit = getattr(ch, "unit")
    sep, colon, comma = ("。", "：", "，") if p.cjk else (". ", ": ", ", ")
    head = kind + (p.words(f"，单位：{unit}", f", unit: {unit}") if unit else "")
    parts = [f"{s.name}{colon}" + comma.join(f"{c} {_number(v)}" for c, v in zip(getattr(ch, "categories"), s.values))
             for s in getattr(ch, "series")]
    return head + sep + sep.join(parts)


def plan_chart(p: "Planner", role: Role, e: "Entry") -> None:
    """A native chart in the chart frame: the first series in the accent colour and the others muted; data
    labels instead of a value axis when there are few points (and lines do not cross them); the unit
    named above the plot."""
    ch = e.node.chart
    assert ch is not None
    points = len(ch.categories) * len(ch.series)
    labels = ch.type == "pie" or (points <= LABELLED_POINTS and (ch.type != "line" or len(ch.series) == 1))
    sizes = p.sizes.chart
    size = sizes.max if len(ch.categories) <= 8 else sizes.min
    n_colors = len(ch.categories) if ch.type == "pie" else len(ch.series)
    alt = e.node.alt or chart_alt(p, ch)
    if not e.node.alt:
        p.warn(e.path, f"the chart has no alt text; described as {alt[:40]!r}… (write `alt:` to say what it shows)")
    c = p.theme.roles.content
    plan = ChartPlan(ch.type, tuple(ch.categories), tuple((s.name, tuple(s.values)) for s in ch.series),
                     _palette(p, n_colors), ch.unit or "", alt, p.frames["chart", "chart"].box, size, labels,
                     c.text, c.ornament)
    p.slide(Role.CHART, p.title_text(e.title, e.path, Role.CHART), e, payload=plan)
    p.rest(e)


def _numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[+\-−]?[\d,]*\.?\d+\s*[%‰]?", cell.strip()))


def column_widths(header: list[str], rows: list[list[str]], right: tuple[bool, ...], width: float,
                  size: float) -> tuple[tuple[float, ...], bool]:
    """Column widths sharing `width` at `size`, and whether nothing that must stay on one line wraps: headers
    and the cells of number columns get at least their own width, text columns share the rest by their
    longest text (16 em at most counted)."""
    pad = 2 * CELL_INSETS[0] + 2
    slack = 1.15  # Latin digits in a fallback face (a template's Calibri as DejaVu Sans) are wider than Arial's
    need, natural = [], []
    for j, head in enumerate(header):
        cells = [r[j] for r in rows]
        own = max([text_em(head, True)] + ([text_em(c) for c in cells] if right[j] else []))
        need.append(own * size * slack + pad)
        natural.append(max(need[-1], min(max([text_em(c) for c in cells] + [2.0]), 16.0) * size * slack + pad))
    if sum(natural) <= width:
        return tuple(n * width / sum(natural) for n in natural), True
    if sum(need) <= width:
        spare, flexible = width - sum(need), sum(n - m for n, m in zip(natural, need))
        return tuple(m + spare * (n - m) / flexible for n, m in zip(natural, need)), True
    return tuple(m * width / sum(need) for m in need), False


def _row_height(cells: list[str], widths: tuple[float, ...], size: float, cjk: bool, bold: bool = False) -> float:
    style = Paragraphs(1.0, bold=bold)
    lines = max(line_count([c], Box(0, 0, w, 1, *CELL_INSETS[:1] * 2, *CELL_INSETS[1:] * 2), size, style, cjk)[0]
                for c, w in zip(cells, widths))
    return lines * size * LINE_HEIGHT_EM + 2 * CELL_INSETS[1]


def _table_groups(header: list[str], rows: list[list[str]], widths: tuple[float, ...], box: Box, size: float,
                  cjk: bool) -> list[list[list[str]]]:
    """Rows in as few runs as fit `box` under the header at `size`, at most `MAX_ROWS` each, as even as they
    can be (14 rows: 5, 5, 4)."""
    from deckgen.plan.drawn import even_groups

    greedy = _greedy_groups(header, rows, widths, box, size, cjk)
    head = _row_height(header, widths, size, cjk, True)
    even = even_groups(rows, len(greedy))
    if all(head + sum(_row_height(r, widths, size, cjk) for r in g) <= box.h for g in even):
        return even
    return greedy


def _greedy_groups(header: list[str], rows: list[list[str]], widths: tuple[float, ...], box: Box, size: float,
                   cjk: bool) -> list[list[list[str]]]:
    head = _row_height(header, widths, size, cjk, True)
    groups: list[list[list[str]]] = []
    used = box.h
    for row in rows:
        h = _row_height(row, widths, size, cjk)
        if groups and len(groups[-1]) < MAX_ROWS and used + h <= box.h:
            groups[-1].append(row)
            used += h
        else:
            groups.append([row])
            used = head + h
    return groups


def plan_table(p: "Planner", role: Role, e: "Entry") -> None:
    """A native table with a header row: the largest size at which the rows take the fewest slides, at
    most six rows a slide, the header repeated on continuation slides; numbers right-aligned."""
    t = e.node.table
    assert t is not None
    box = p.frames["table", "table"].box
    header, rows = list(t.header), [list(r) for r in t.rows]
    right = tuple(all(_numeric(r[j]) for r in rows if r[j].strip()) and any(r[j].strip() for r in rows)
                  for j in range(len(header)))
    sizes = p.sizes.table
    fewest = -(-len(rows) // MAX_ROWS)
    candidates = []
    for s in range(int(sizes.max), int(sizes.min) - 1, -1):
        widths, clean = column_widths(header, rows, right, box.w, s)
        groups = _table_groups(header, rows, widths, box, s, p.cjk)
        candidates.append((len(groups) > fewest, not clean, -s, widths, groups))
    _, _, neg, widths, groups = min(candidates, key=lambda c: c[:3])  # fewest slides, nothing wrapped, largest
    size = -neg
    head_h = _row_height(header, widths, size, p.cjk, True)
    if any(head_h + _row_height(r, widths, size, p.cjk) > box.h for r in rows):
        p.warn(e.path, f"a table row does not fit a slide at the smallest size ({sizes.min:g} pt); shorten it")
    if len(groups) > 1:
        p.warn(e.path, f"{len(rows)} table rows do not fit one slide: split into {len(groups)} slides, header repeated")
    alt = e.node.alt or p.words(f"表格，{len(rows)} 行 {len(header)} 列：" + "、".join(header),
                                f"Table of {len(rows)} rows and {len(header)} columns: " + ", ".join(header))
    if not e.node.alt:
        p.warn(e.path, f"the table has no alt text; described as {alt[:40]!r}… (write `alt:` to say what it shows)")
    c = p.theme.roles.content
    head_text, head_fill = table_header(p.theme)
    for i, group in enumerate(groups):
        title = e.title if i == 0 else p.continued(e.title)
        plan = TablePlan(tuple(header), tuple(tuple(r) for r in group), widths, right, size, alt, box,
                         head_fill, head_text, c.card_fill, c.text)
        p.slide(Role.TABLE, p.title_text(title, e.path, Role.TABLE), e, notes=e.node.notes if i == 0 else "", payload=plan)
    p.rest(e)


def plan_picture(p: "Planner", role: Role, e: "Entry") -> None:
    """A picture fitted to its frame without distortion, the bullets beside it (in the layout's text
    placeholder, else drawn beside the picture); alone, it takes the whole body."""
    from deckgen.outline.validate import image_path

    f, node = p.frames, e.node
    assert node.image is not None
    path = image_path(node.image, p.folder or Path("."))
    frame = f["picture", "picture"].box
    body_slot = f.get("picture", "body")
    alt = node.alt or p.words(f"图片：{Path(node.image).stem}（{e.title}）", f"Picture: {Path(node.image).stem} ({e.title})")
    if not node.alt:
        p.warn(e.path, f"the picture has no alt text; described as {alt[:40]!r} (write `alt:` to say what it shows)")
    texts: list = []
    payload_blocks: tuple[Block, ...] = ()
    if not node.bullets:
        if f.builtin and body_slot is not None:  # the picture takes the body beside it too
            b = body_slot.box
            frame = Box(frame.x, frame.y, b.x + b.w - frame.x, max(frame.h, b.h))
    elif body_slot is not None:
        texts = [("body", p.fitted(node.bullets, body_slot, p.sizes.body, e.path, "the bullets beside the picture"))]
    else:
        side = Box(frame.x + frame.w * 0.6 + grid.GAP / 2, frame.y, frame.w * 0.4 - grid.GAP / 2, frame.h)
        frame = Box(frame.x, frame.y, frame.w * 0.6 - grid.GAP / 2, frame.h)
        body = p.fitted(node.bullets, grid.Slot(side, grid.PLAIN_PARAS), p.sizes.body, e.path, "the bullets beside the picture")
        c = p.theme.roles.content
        payload_blocks = (Block("Bullets", side, tuple((Run(b, body.size, False, c.text),) for b in node.bullets),
                                space_before=grid.PLAIN_PARAS.space_before),)
    picture = PicturePlan(str(path), node.image, alt, frame, payload_blocks)
    p.slide(Role.PICTURE, p.title_text(e.title, e.path, Role.PICTURE), e, texts, payload=picture)


PLANNERS: Mapping[Role, Callable[["Planner", Role, "Entry"], None]] = {
    Role.QUOTE: plan_quote, Role.CHART: plan_chart, Role.TABLE: plan_table, Role.PICTURE: plan_picture,
}
