"""Render a chart (python-pptx's chart API: the data in an embedded workbook, so Edit Data works) and a
table (a header row, theme colours, numbers right-aligned), each with its alt text."""
from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.package.ns import C
from deckgen.plan.model import ChartPlan, SlidePlan, TablePlan
from deckgen.render.draw import adopt, describe, emu, run, solid
from deckgen.render.oxml import qn
from deckgen.render.pptx_api import cell_element, chart_element, element
from deckgen.text.script import is_cjk_language

if TYPE_CHECKING:
    from pptx.chart.chart import Chart

    from deckgen.render.factory import NewSlide
    from deckgen.render.layouts import Slots

PhKey = tuple[str, int]
_THEME = {"dk1": "DARK_1", "lt1": "LIGHT_1", "dk2": "DARK_2", "lt2": "LIGHT_2", "hlink": "HYPERLINK",
          "folHlink": "FOLLOWED_HYPERLINK", **{f"accent{i}": f"ACCENT_{i}" for i in range(1, 7)}}


def _theme_color(name: str):  # type: ignore[no-untyped-def]
    from pptx.enum.dml import MSO_THEME_COLOR

    return getattr(MSO_THEME_COLOR, _THEME[name])


def _decimals(values: tuple[float, ...]) -> int:
    return max((len(f"{v:.6g}".split(".")[1]) if "." in f"{v:.6g}" else 0 for v in values), default=0)


def _number_format(plan: ChartPlan) -> str:
    places = min(3, max(_decimals(v) for _, v in plan.series))
    return "#,##0" + ("." + "0" * places if places else "")


def draw_chart(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """A native chart at its frame (or in the layout's chart placeholder): theme colours, no 3-D or shadows,
    data labels instead of a value axis when there are few points, text at the planned size, the unit above."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.util import Pt

    plan = s.payload
    assert isinstance(plan, ChartPlan)
    data = CategoryChartData(number_format=_number_format(plan))
    data.categories = plan.categories
    for name, values in plan.series:
        data.add_series(name, values)
    kind = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
            "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE}[plan.type]
    frame = slide.part.slide.shapes.add_chart(kind, *plan.box.emu(), data)
    chart: "Chart" = frame.chart
    chart.font.size = Pt(plan.size)
    chart.font.color.theme_color = _theme_color(plan.text_color or "dk1")
    pie = plan.type == "pie"
    chart.has_legend = pie or len(plan.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if plan.unit:
        chart.has_title = True
        tf = chart.chart_title.text_frame
        tf.text = ("单位：" if is_cjk_language(lang) else "Unit: ") + plan.unit
        font = tf.paragraphs[0].runs[0].font
        font.size, font.bold = Pt(plan.size), False
        font.color.theme_color = _theme_color(plan.text_color or "dk1")
    else:
        chart.has_title = False  # and no automatic title either (`c:autoTitleDeleted`)
    plot = chart.plots[0]
    if pie:
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.theme_color = _theme_color(plan.colors[i])
    else:
        if plan.type != "line":
            plot.gap_width = 80
        for series, color in zip(plot.series, plan.colors):
            if plan.type == "line":
                series.format.line.color.theme_color = _theme_color(color)
                series.format.line.width = Pt(3)
                series.smooth = False
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.theme_color = _theme_color(color)
                series.marker.format.line.fill.background()
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.theme_color = _theme_color(color)
        _axes(chart, plan)
    if plan.labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(plan.size)
        labels.number_format = _number_format(plan)
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.position = (XL_LABEL_POSITION.OUTSIDE_END if plan.type in ("column", "bar", "pie")
                           else XL_LABEL_POSITION.ABOVE)
    _positive_axis_ids(chart)
    graphic = element(frame)
    graphic.find(f"{qn('p:nvGraphicFramePr')}/{qn('p:cNvPr')}").set("name", "Chart")
    describe(graphic, plan.alt)
    adopt(slide, slots, "chart", graphic, "chart")


def _positive_axis_ids(chart: "Chart") -> None:
    """Make the axis ids python-pptx writes (negative numbers) positive: PowerPoint's rules want them
    unsigned. Equal ids stay equal, so axes still find the axis they cross."""
    for el in chart_element(chart).iter(f"{{{C}}}axId", f"{{{C}}}crossAx"):
        el.set("val", str(abs(int(el.get("val", "0")))))


def _axes(chart: "Chart", plan: ChartPlan) -> None:
    """Thin muted axis lines, no gridlines when the data is labelled (and no value axis then), light ones else."""
    from pptx.util import Pt

    cat, val = chart.category_axis, chart.value_axis
    for axis in (cat, val):
        axis.format.line.color.theme_color = _theme_color(plan.line_color or "dk1")
        axis.format.line.width = Pt(0.75)
        axis.tick_labels.font.size = Pt(plan.size)
    cat.has_major_gridlines = False
    if plan.labels:
        val.visible = False
        val.has_major_gridlines = False
    else:
        val.has_major_gridlines = True
        val.major_gridlines.format.line.color.theme_color = _theme_color(plan.line_color or "dk1")
        val.major_gridlines.format.line.width = Pt(0.5)
        val.format.line.fill.background()


def draw_table(slide: "NewSlide", slots: "Slots", s: SlidePlan, lang: str, filled: set[PhKey]) -> None:
    """A native table at its frame (or in the layout's table placeholder): the header row marked as such
    and filled in the theme's dark colour, body rows banded lightly, numbers right-aligned, text at the
    planned size; rows as tall as their text (PowerPoint grows them as it sets the text)."""
    from pptx.util import Emu

    plan = s.payload
    assert isinstance(plan, TablePlan)
    x, y, w, _ = plan.box.emu()
    rows = (plan.header,) + plan.rows
    frame = slide.part.slide.shapes.add_table(len(rows), len(plan.header), x, y, w, emu(plan.size * 1.6) * len(rows))
    table = frame.table
    table.first_row = True
    table.horz_banding = True
    for j, width in enumerate(plan.widths):
        table.columns[j].width = Emu(emu(width))
    for i, cells in enumerate(rows):
        table.rows[i].height = Emu(emu(plan.size * 1.25 + 7.2))
        for j, text in enumerate(cells):
            tc = cell_element(table.cell(i, j))
            _cell(tc, text, lang, plan, header=i == 0, right=plan.right[j], band=i > 0 and i % 2 == 0)
    graphic = element(frame)
    graphic.find(f"{qn('p:nvGraphicFramePr')}/{qn('p:cNvPr')}").set("name", "Table")
    describe(graphic, plan.alt)
    adopt(slide, slots, "table", graphic, "tbl")


def _cell(tc, text: str, lang: str, plan: TablePlan, *, header: bool, right: bool, band: bool) -> None:  # type: ignore[no-untyped-def]
    """Write one cell: its paragraphs (a newline starts another), alignment, colours and fill."""
    from lxml import etree

    body = tc.find(qn("a:txBody"))
    for p in body.findall(qn("a:p")):
        body.remove(p)
    for line in text.split("\n") or [""]:
        p = etree.SubElement(body, qn("a:p"))
        etree.SubElement(p, qn("a:pPr"), algn="r" if right else "l")
        if line:
            run(p, line, lang, plan.size, header, plan.header_text if header else plan.text_color)
        end = etree.SubElement(p, qn("a:endParaRPr"), lang=lang, sz=str(round(plan.size * 100)))
        end.set("dirty", "0")
    tc_pr = tc.find(qn("a:tcPr"))
    if tc_pr is None:
        tc_pr = etree.SubElement(tc, qn("a:tcPr"))
    tc_pr.set("anchor", "ctr")
    fill = plan.header_fill if header else plan.band_fill if band else ""
    if fill:
        solid(tc_pr, fill)
    else:
        etree.SubElement(tc_pr, qn("a:noFill"))
