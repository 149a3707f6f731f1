"""The render functions of the kinds that draw beyond their text placeholders, by kind (see `draw.py`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping

from deckgen.outline.model import Role
from deckgen.render.charts import draw_chart, draw_table
from deckgen.render.code import draw_code
from deckgen.render.draw import draw_blocks, draw_picture

if TYPE_CHECKING:
    from deckgen.plan.model import SlidePlan
    from deckgen.render.factory import NewSlide
    from deckgen.render.layouts import Slots

Drawer = Callable[["NewSlide", "Slots", "SlidePlan", str, "set[tuple[str, int]]"], None]

DRAWERS: Mapping[Role, Drawer] = {
    Role.CARDS: draw_blocks, Role.NUMBERS: draw_blocks, Role.COMPARE: draw_blocks, Role.PICTURE: draw_picture,
    Role.CHART: draw_chart, Role.TABLE: draw_table, Role.CODE: draw_code,
}
