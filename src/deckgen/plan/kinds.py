"""The table of slide kinds: per kind, its text slots, the template layouts it maps to, its fallback, its look."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, Optional

from deckgen.outline.model import Role
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

# Where a template that lacks a slot's placeholder gets the frame to fit that text to.
BUILTIN = "builtin"          # the built-in grid's frame of the same slot
CONTENT_TITLE = "content.title"  # the template's content title (a title of the same type size and width)


@dataclass(frozen=True)
class SlotSpec:
    """One kind of text on a slide kind: its name, its frame on the built-in grid, the theme size range it
    is fitted in, the placeholders that may hold it on a template, and where a template without such a
    placeholder fits it (`fallback`; None: the text is folded elsewhere or left out, see the planner)."""

    name: str
    frame: Slot
    size: str
    ph: tuple[str, ...]
    fallback: Optional[str] = None
    title: bool = False


@dataclass(frozen=True)
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
          SlotSpec("body", Slot(grid.BODY, grid.AGENDA_PARAS), "body", CONTENT_PH, BUILTIN)),
         (), ("Agenda", "目录", "Contents", "Table of Contents"), "Agenda", "obj", "content", fallback=Role.CONTENT),
    Kind(Role.STATEMENT,
         (SlotSpec("title", Slot(grid.STATEMENT, grid.TITLE_PARAS), "statement", TITLE_PH, CONTENT_TITLE, True),
          SlotSpec("body", Slot(grid.STATEMENT_SOURCE, grid.PLAIN_PARAS), "cover_subtitle", BODY_PH)),
         (), ("Statement", "Quote", "引用", "Quote with Caption"), "Statement", "obj", "content", fallback=Role.CONTENT),
    Kind(Role.CLOSING,
         (SlotSpec("title", Slot(grid.CLOSING_TITLE, grid.COVER_TITLE_PARAS), "closing_title", TITLE_PH, BUILTIN, True),
          SlotSpec("body", Slot(grid.CLOSING_BODY, grid.PLAIN_PARAS), "cover_subtitle", SUBTITLE_PH)),
         (), ("Closing", "结束", "结束语", "Thank You", "End"), "Closing", "title", "closing", fallback=Role.TITLE),
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
    return grid.Frames(MappingProxyType(slots), Slot(grid.FOOTER, grid.Paragraphs()))


BUILTIN_FRAMES = builtin_frames()
