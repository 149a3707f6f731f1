"""The table of slide kinds: per kind, its text slots, the template layouts it maps to, its fallback, its look."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, Optional

from deckgen.outline.model import Role
from deckgen.outline.typed import record
from deckgen.plan import grid
from deckgen.plan.grid import Slot

# The placeholders a slot may take on a template's layout, in order of preference: "title" (any title
# placeholder: title, ctrTitle, vertTitle), "subTitle", "body" (body or object placeholders), "label" (a
# body placeholder whose name says it holds a number: Label, 编号…; other slots never take those).
TITLE_PH = ("title",)
BODY_PH = ("body",)
SUBTITLE_PH = ("subTitle", "body")
CONTENT_PH = ("body", "subTitle")  # Google Slides exports hold the body of `TITLE_AND_BODY` in a subtitle
LABEL_PH = ("label",)
# …and for what is not text: a picture, chart or table placeholder, else a content (object) placeholder.
PIC_PH = ("pic", "body")
CHART_PH = ("chart", "body")
TABLE_PH = ("tbl", "body")

# Where a template that lacks a slot's placeholder gets the frame to fit that text to.
BUILTIN = "builtin"          # the built-in grid's frame of the same slot
CONTENT_TITLE = "content.title"  # the template's content title (a title of the same type size and width)
CONTENT_BODY = "content.body"    # the template's content body (the area of a chart, cards, a table…)

# What a slot holds (`SlotSpec.content`); the built-in layout gives each but an area its placeholder.
TEXT = "text"    # text, in a title or body placeholder
AREA = "area"    # where the kind's render function draws shapes (cards, numbers); no placeholder
PICTURE = "pic"  # a picture, in a picture placeholder
CHART = "chart"  # a chart, in a chart placeholder
TABLE = "tbl"    # a table, in a table placeholder


@record(frozen=True)
class SlotSpec:
    """One kind of text (or area) on a slide kind: its name, its frame on the built-in grid, the theme size
    range it is fitted in, the placeholders that may hold it on a template, and where a template without
    such a placeholder fits it (`fallback`; None: the text is folded elsewhere or left out, see the planner).

    For the built-in layout that `deckgen.render.masterxml` generates from the slots: what the slot holds
    (`content`: `TEXT`, `AREA`, `PICTURE`, `CHART`, `TABLE`), its alignment and anchor, whether its
    paragraphs have bullets (`bullet`: True, False: never, also in a template's placeholder; None: as the
    placeholder has it), and the text colour (`color`: an element of `theme.text_colors` for this
    kind; default the slot's name)."""

    name: str
    frame: Slot
    size: str
    ph: tuple[str, ...]
    fallback: Optional[str] = None
    title: bool = False
    content: str = TEXT
    align: str = "l"
    anchor: str = "t"
    bullet: Optional[bool] = None
    color: str = ""


@record(frozen=True)
class Kind:
    """A slide kind: everything about it that is not its plan function or its render function.

    - `slots`: its texts beside the title-less ones, in the order the plan lists them;
    - `layout_types` / `layout_names`: how its layout is recognised on a template (types and names tried
      together first, then types, then names);
    - `fallback`: the kind whose layout it borrows when a template has none (with one summary warning);
    - `required`: a template must have a layout for it (or for its fallback);
    - `builtin`: the name of its layout in the built-in master, `builtin_type` that layout's OOXML type;
    - `colors`: the theme's role colours (`theme.roles`) it is drawn in.
    """

    role: Role
    slots: tuple[SlotSpec, ...]
    layout_types: tuple[str, ...]
    layout_names: tuple[str, ...]
    builtin: str
    builtin_type: str
    colors: str
    fallback: Optional[Role] = None
    required: bool = False

    def slot(self, name: str) -> Optional[SlotSpec]:
        return next((s for s in self.slots if s.name == name), None)


def _kinds(*kinds: Kind) -> Mapping[Role, Kind]:
    return MappingProxyType({k.role: k for k in kinds})


# The title of a content-like kind: where the content slide's title is, so titles never jump.
_TITLE = SlotSpec("title", Slot(grid.TITLE, grid.TITLE_PARAS), "title", TITLE_PH, BUILTIN, True)


KINDS: Mapping[Role, Kind] = _kinds(
    Kind(Role.TITLE,
         (SlotSpec("title", Slot(grid.COVER_TITLE, grid.COVER_TITLE_PARAS), "cover_title", TITLE_PH, BUILTIN, True),
          SlotSpec("subtitle", Slot(grid.COVER_SUBTITLE, grid.PLAIN_PARAS), "cover_subtitle", SUBTITLE_PH),
          SlotSpec("byline", Slot(grid.COVER_BYLINE, grid.PLAIN_PARAS), "byline", BODY_PH)),
         ("title",), ("Title Slide", "标题幻灯片"), "Title Slide", "title", "title", required=True),
    Kind(Role.SECTION,
         (SlotSpec("title", Slot(grid.SECTION_TITLE, grid.TITLE_PARAS), "section_title", TITLE_PH, CONTENT_TITLE, True),
          SlotSpec("label", Slot(grid.SECTION_LABEL, grid.Paragraphs(line_spacing=0.9, bold=True)), "section_label",
                   LABEL_PH, None, True)),
         ("secHead",), ("Section Header", "节标题"), "Section Header", "secHead", "section", fallback=Role.TITLE),
    Kind(Role.CONTENT,
         (SlotSpec("title", Slot(grid.TITLE, grid.TITLE_PARAS), "title", TITLE_PH, BUILTIN, True),
          SlotSpec("body", Slot(grid.BODY, grid.BODY_PARAS), "body", CONTENT_PH, BUILTIN)),
         ("obj", "tx"), ("Title and Content", "标题和内容", "Title and Text", "标题和文本"), "Title and Content", "obj",
         "content", required=True),
    Kind(Role.AGENDA,
         (SlotSpec("title", Slot(grid.TITLE, grid.TITLE_PARAS), "title", TITLE_PH, BUILTIN, True),
          SlotSpec("body", Slot(grid.BODY, grid.AGENDA_PARAS), "body", CONTENT_PH, BUILTIN, bullet=False)),  # labels, no marks
         (), ("Agenda", "目录", "Contents", "Table of Contents"), "Agenda", "obj", "content", fallback=Role.CONTENT),
    Kind(Role.STATEMENT,
         (SlotSpec("title", Slot(grid.STATEMENT, grid.TITLE_PARAS), "statement", TITLE_PH, CONTENT_TITLE, True),
          SlotSpec("body", Slot(grid.STATEMENT_SOURCE, grid.PLAIN_PARAS), "cover_subtitle", BODY_PH)),
         (), ("Statement", "Quote", "引用", "Quote with Caption"), "Statement", "obj", "content", fallback=Role.CONTENT),
    Kind(Role.CLOSING,
         (SlotSpec("title", Slot(grid.CLOSING_TITLE, grid.COVER_TITLE_PARAS), "closing_title", TITLE_PH, BUILTIN, True),
          SlotSpec("body", Slot(grid.CLOSING_BODY, grid.PLAIN_PARAS), "cover_subtitle", SUBTITLE_PH)),
         (), ("Closing", "结束", "结束语", "Thank You", "End"), "Closing", "title", "closing", fallback=Role.TITLE),
    # --- beyond bullets: each kind's built-in layout is generated from its slots ---------------------
    Kind(Role.CARDS,
         (_TITLE, SlotSpec("cards", Slot(grid.BODY, grid.CARD_PARAS), "card_key", BODY_PH, CONTENT_BODY, content=AREA)),
         (), ("Cards", "卡片", "要点卡片"), "Cards", "cust", "content", fallback=Role.CONTENT),
    Kind(Role.QUOTE,
         (SlotSpec("title", Slot(grid.OFF_SLIDE_TITLE, grid.TITLE_PARAS), "title", TITLE_PH, CONTENT_TITLE, True),
          SlotSpec("quote", Slot(grid.QUOTE, grid.QUOTE_PARAS), "quote", BODY_PH, BUILTIN, align="ctr", anchor="ctr",
                   bullet=False),
          SlotSpec("source", Slot(grid.QUOTE_SOURCE, grid.PLAIN_PARAS), "cover_subtitle", BODY_PH, align="r", bullet=False)),
         (), ("Quote", "引用", "引语", "Quote with Caption"), "Quote", "cust", "content", fallback=Role.STATEMENT),
    Kind(Role.NUMBERS,
         (_TITLE, SlotSpec("numbers", Slot(grid.BODY, grid.PLAIN_PARAS), "number", BODY_PH, CONTENT_BODY, content=AREA)),
         (), ("Big Numbers", "Numbers", "数据", "关键数据"), "Big Numbers", "cust", "content", fallback=Role.CONTENT),
    Kind(Role.CHART,
         (_TITLE, SlotSpec("chart", Slot(grid.CHART, grid.PLAIN_PARAS), "chart", CHART_PH, CONTENT_BODY, content=CHART)),
         ("chart",), ("Chart", "图表", "Title and Chart"), "Chart", "chart", "content", fallback=Role.CONTENT),
    Kind(Role.TABLE,
         (_TITLE, SlotSpec("table", Slot(grid.BODY, grid.PLAIN_PARAS), "table", TABLE_PH, CONTENT_BODY, content=TABLE)),
         ("tbl",), ("Table", "表格", "Title and Table"), "Table", "tbl", "content", fallback=Role.CONTENT),
    Kind(Role.PICTURE,
         (_TITLE, SlotSpec("picture", Slot(grid.PICTURE, grid.PLAIN_PARAS), "body", PIC_PH, CONTENT_BODY, content=PICTURE),
          SlotSpec("body", Slot(grid.PICTURE_BODY, grid.BODY_PARAS), "body", BODY_PH, bullet=True)),
         ("picTx",), ("Picture with Caption", "图片与标题", "Picture", "图片"), "Picture", "picTx", "content",
         fallback=Role.CONTENT),
    Kind(Role.COMPARE,
         (_TITLE,
          SlotSpec("left_title", Slot(grid.LEFT_HEAD, grid.HEAD_PARAS), "body", BODY_PH, color="heading", anchor="b",
                   bullet=False),
          SlotSpec("left_body", Slot(grid.LEFT_BODY, grid.BODY_PARAS), "body", BODY_PH, color="body", bullet=True),
          SlotSpec("right_title", Slot(grid.RIGHT_HEAD, grid.HEAD_PARAS), "body", BODY_PH, color="heading", anchor="b",
                   bullet=False),
          SlotSpec("right_body", Slot(grid.RIGHT_BODY, grid.BODY_PARAS), "body", BODY_PH, color="body", bullet=True),
          SlotSpec("columns", Slot(grid.BODY, grid.BODY_PARAS), "body", BODY_PH, CONTENT_BODY, content=AREA)),
         ("twoTxTwoObj",), ("Comparison", "比较", "对比"), "Comparison", "twoTxTwoObj", "content", fallback=Role.CONTENT),
    Kind(Role.CODE,
         (_TITLE, SlotSpec("code", Slot(grid.BODY, grid.PLAIN_PARAS), "code", BODY_PH, CONTENT_BODY, content=AREA)),
         (), ("Code", "代码", "程序代码"), "Code", "cust", "content", fallback=Role.CONTENT),
)

# Layouts of the built-in master that no kind uses but a lecturer may want when adding slides in
# PowerPoint: (name, OOXML type).
EXTRA_LAYOUTS = (("Title Only", "titleOnly"), ("Blank", "blank"))


def kind(role: Role) -> Kind:
    """The kind of `role` (every `Role` has one)."""
    return KINDS[role]


def builtin_frames() -> grid.Frames:
    """The frames of the built-in grid: every slot of every kind where the kind's built-in layout puts it."""
    slots = {(k.role.value, s.name): s.frame for k in KINDS.values() for s in k.slots}
    return grid.Frames(MappingProxyType(slots), Slot(grid.FOOTER, grid.Paragraphs()), builtin=True)


def text_slots(k: Kind) -> tuple[SlotSpec, ...]:
    """The slots of `k` that hold text (the title first), not areas, pictures, charts or tables."""
    return tuple(s for s in k.slots if s.content == TEXT)


BUILTIN_FRAMES = builtin_frames()
