"""The 16:9 slide grid in points: where each placeholder of each built-in layout sits."""
from __future__ import annotations

from typing import Mapping

from deckgen.outline.typed import record
from deckgen.text.frame import EMU_PER_PT as EMU_PER_PT  # re-exported: the grid speaks points and EMU
from deckgen.text.frame import Box, Paragraphs

SLIDE_W_PT = 960.0
SLIDE_H_PT = 540.0
SLIDE_W_EMU = 12192000
SLIDE_H_EMU = 6858000
MARGIN = 48.0


CONTENT_W = SLIDE_W_PT - 2 * MARGIN
# content slides: title zone, gold rule, body, footer
TITLE = Box(MARGIN, 20, CONTENT_W, 88, inset_t=2, inset_b=2)
TITLE_RULE_Y = 114.0
BODY = Box(MARGIN, 132, CONTENT_W, 344)
FOOTER_RULE_Y = 492.0
FOOTER = Box(MARGIN, 498, CONTENT_W - 120, 26)
SLIDE_NUMBER = Box(SLIDE_W_PT - MARGIN - 110, 498, 110, 26)
# cover
COVER_TITLE = Box(80, 120, 800, 170, inset_b=4)
COVER_RULE_Y = 304.0
COVER_SUBTITLE = Box(80, 318, 800, 72)
COVER_BYLINE = Box(80, 404, 800, 72)
# section divider: large label on the left third, title on the right
SECTION_LABEL = Box(64, 140, 260, 260, inset_l=0, inset_r=0)
SECTION_RULE_X = 336.0
SECTION_TITLE = Box(360, 140, 540, 260)
# closing
CLOSING_TITLE = Box(80, 140, 800, 150)
CLOSING_BODY = Box(80, 312, 800, 170)
# statement (a quotation or one key sentence)
STATEMENT = Box(96, 120, 768, 260)
STATEMENT_SOURCE = Box(96, 392, 768, 60)

# the slide kinds beyond bullets: cards, numbers, charts and tables use the body's area
QUOTE = Box(120, 112, 720, 272)
QUOTE_RULE_Y = 96.0
QUOTE_SOURCE = Box(120, 396, 720, 64)
OFF_SLIDE_TITLE = Box(MARGIN, -TITLE.h - 24, CONTENT_W, TITLE.h, inset_t=2, inset_b=2)  # a title kept off the slide
PICTURE = Box(MARGIN, 132, 528, 344)
PICTURE_BODY = Box(MARGIN + 528 + 24, 132, CONTENT_W - 528 - 24, 344)
COLUMN_GAP = 48.0
COLUMN_W = (CONTENT_W - COLUMN_GAP) / 2
LEFT_HEAD = Box(MARGIN, 132, COLUMN_W, 52)
LEFT_BODY = Box(MARGIN, 192, COLUMN_W, 284)
RIGHT_HEAD = Box(MARGIN + COLUMN_W + COLUMN_GAP, 132, COLUMN_W, 52)
RIGHT_BODY = Box(MARGIN + COLUMN_W + COLUMN_GAP, 192, COLUMN_W, 284)
CHART = Box(MARGIN + 8, 136, CONTENT_W - 16, 328)  # inside the body, so its labels stay within the text area
GAP = 24.0  # between cards, numbers and table cells' neighbours

TITLE_PARAS = Paragraphs(line_spacing=0.95, bold=True)
BODY_PARAS = Paragraphs(line_spacing=1.05, space_before=10.0, indent=24.0)
AGENDA_PARAS = Paragraphs(line_spacing=1.05, space_before=24.0)
PLAIN_PARAS = Paragraphs(line_spacing=1.0, space_before=6.0)
COVER_TITLE_PARAS = Paragraphs(line_spacing=0.95, bold=True)
QUOTE_PARAS = Paragraphs(line_spacing=1.1, space_before=6.0)
HEAD_PARAS = Paragraphs(line_spacing=1.0, bold=True)
CARD_PARAS = Paragraphs(line_spacing=1.05, space_before=4.0)


@record(frozen=True)
class Slot:
    """Where one kind of text goes: its box, how paragraphs are set, and a cap on the type size."""

    box: Box
    style: Paragraphs
    max_size: float | None = None


@record(frozen=True)
class Frames:
    """Where each kind of text goes: `slots[(kind, slot)]` for the slots of every slide kind (see
    `deckgen.plan.kinds`), and the footer. The built-in grid, or a template's placeholders.

    A slot that is missing means the layout has no placeholder for it: the planner then folds that text
    into another slot (the section label into the title, the byline into the subtitle) or gives it a
    slide of its own.
    """

    slots: Mapping[tuple[str, str], Slot]
    footer: Slot | None = None
    scale: float = 1.0  # type sizes relative to the 7.5-inch-tall slide the theme's sizes are for
    builtin: bool = False  # the built-in grid (its picture frame may widen over the bullets beside it)
    width_scale: float = 1.0  # the slide's width relative to the 13.33-inch slide (0.75 on a 10-inch 4:3 slide)
    numbered: frozenset[str] = frozenset()  # the kinds whose page shows its own part number (第二章), the section's

    def get(self, kind: str, slot: str) -> Slot | None:
        return self.slots.get((kind, slot))

    def __getitem__(self, key: tuple[str, str]) -> Slot:
        return self.slots[key]
