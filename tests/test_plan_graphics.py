"""Planning a quotation, charts, tables and pictures: what the plan carries, warnings, continuation slides."""
from __future__ import annotations

from pathlib import Path

from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.validate import validate
from deckgen.plan import grid
from deckgen.plan.graphics import column_widths
from deckgen.plan.model import ChartPlan, PicturePlan, TablePlan
from deckgen.plan.planner import plan
from deckgen.text.quotes import lead_quotation
from deckgen.theme.model import load_theme
from deckgen.theme.contrast import contrast_ratio


def planned(body: str, folder: Path | None = None, level: str = "subsection"):  # type: ignore[no-untyped-def]
    lines = "".join(f"        {line}\n" for line in body.strip("\n").split("\n"))
    head = "deck: {title: T}\nsections:\n  - title: S\n    subsections:\n      - title: A\n"
    outline, _ = validate(parse_yaml(head + lines, "o.yaml"))
    deck, warnings = plan(outline, load_theme(), folder=folder)
    return deck.slides[2:], [w.message for w in warnings]


class DescribeQuote:
    def it_finds_the_quotation_a_passage_leads_with(self) -> None:
        q = lead_quotation("同志们：\nA总书记在党的二十大报告中指出，“高质量发展是首要任务”。其后…")
        assert q is not None and (q.text, q.source) == ("高质量发展是首要任务", "A总书记，党的二十大报告")
        assert lead_quotation("第一句。第二句。第三句里才说，“引语在后”。") is None
        q = lead_quotation('As Deming said, "In God we trust; all others must bring data." Then…')
        assert q is not None and q.source == "Deming"

    def it_sets_the_quotation_large_keeps_the_title_for_screen_readers_and_the_bullets_after(self) -> None:
        slides, warnings = planned("kind: quote\nbullets: [要点一, 要点二]\nnotes: |\n  A总书记指出，“发展是第一要务”。下文。")
        assert [(s.role, s.title.text) for s in slides] == [(Role.QUOTE, "（一）A"), (Role.CONTENT, "（一）A（续）")]
        assert slides[0].text("quote").paragraphs == ("“发展是第一要务”",)
        assert slides[0].text("source").paragraphs == ("——A总书记",)
        assert slides[0].notes.startswith("A总书记") and slides[1].body.paragraphs == ("要点一", "要点二")
        assert grid.OFF_SLIDE_TITLE.y + grid.OFF_SLIDE_TITLE.h < 0  # the title placeholder lies above the slide
        assert warnings == []


class DescribeChart:
    CHART = ("chart:\n  type: {type}\n  unit: 万亿元\n  categories: [2021年, 2022年, 2023年]\n  series:\n"
             "    - {{name: 总量, values: [114.9, 121.0, 126.1]}}\n    - {{name: 目标, values: [110, 120, 125]}}")

    def it_labels_few_points_instead_of_a_value_axis_and_colours_the_first_series_as_the_accent(self) -> None:
        slides, warnings = planned(self.CHART.format(type="column") + "\nalt: 三年总量与目标")
        chart = slides[0].payload
        assert isinstance(chart, ChartPlan) and slides[0].role is Role.CHART
        assert chart.labels and chart.unit == "万亿元" and chart.alt == "三年总量与目标" and warnings == []
        theme = load_theme()
        assert chart.colors[0] == theme.roles.content.accent and chart.colors[1] != chart.colors[0]
        bg = theme.rgb(theme.roles.content.background)
        assert all(contrast_ratio(theme.rgb(c), bg) >= 3 for c in chart.colors)
        assert chart.size >= 14

    def it_gives_crossing_lines_an_axis_instead_of_labels(self) -> None:
        slides, _ = planned(self.CHART.format(type="line") + "\nalt: x")
        assert not slides[0].payload.labels  # type: ignore[union-attr]

    def it_describes_a_chart_without_alt_text_and_warns(self) -> None:
        slides, warnings = planned(self.CHART.format(type="bar"))
        assert slides[0].payload.alt.startswith("条形图，单位：万亿元。总量：2021年 114.9，2022年 121")  # type: ignore[union-attr]
        assert any(w.startswith("the chart has no alt text; described as '条形图") for w in warnings)


class DescribeTable:
    def rows(self, n: int) -> str:
        return "table:\n  header: [地区, 总量, 增速]\n  rows:\n" + "".join(
            f"    - [第{i}区, '{100 + i}.5', '{i}.2%']\n" for i in range(n)) + "alt: 各区数据"

    def it_sets_numbers_right_aligned_under_a_header(self) -> None:
        slides, warnings = planned(self.rows(4))
        t = slides[0].payload
        assert isinstance(t, TablePlan) and slides[0].role is Role.TABLE and warnings == []
        assert t.header == ("地区", "总量", "增速") and len(t.rows) == 4 and t.right == (False, True, True)
        assert abs(sum(t.widths) - grid.BODY.w) < 1e-6
        assert load_theme().sizes.table.min <= t.size <= load_theme().sizes.table.max

    def it_repeats_the_header_on_numbered_continuation_slides(self) -> None:
        slides, warnings = planned(self.rows(14))
        tables = [s for s in slides if s.role is Role.TABLE]
        assert [s.title.text for s in tables] == ["（一）A", "（一）A（续1）", "（一）A（续2）"]
        assert all(s.payload.header == ("地区", "总量", "增速") for s in tables)  # type: ignore[union-attr]
        assert [len(s.payload.rows) for s in tables] == [5, 5, 4]  # type: ignore[union-attr]
        assert len({s.payload.size for s in tables}) == 1  # type: ignore[union-attr]
        assert [s.notes != "" for s in tables] == [False, False, False]
        assert "14 table rows do not fit one slide: split into 3 slides, header repeated" in warnings

    def it_keeps_number_columns_and_headers_on_one_line(self) -> None:
        widths, clean = column_widths(["指标", "2023年"], [["国内生产总值（万亿元）", "126.06"]], (False, True), 600, 20)
        assert clean and widths[1] >= 20 * 3.4


class DescribePicture:
    def it_fits_a_picture_beside_its_bullets_or_over_the_whole_body(self, tmp_path: Path) -> None:
        from tests.pictures import landscape

        landscape(tmp_path / "a.png")
        slides, warnings = planned("image: a.png\nalt: 城市\nbullets: [甲, 乙]", tmp_path)
        pic = slides[0].payload
        assert isinstance(pic, PicturePlan) and pic.path == str(tmp_path / "a.png") and pic.box == grid.PICTURE
        assert slides[0].text("body").paragraphs == ("甲", "乙") and warnings == []
        slides, warnings = planned("image: a.png", tmp_path)
        assert slides[0].payload.box.w == grid.BODY.w  # type: ignore[union-attr]
        assert warnings == ["the picture has no alt text; described as '图片：a（（一）A）' (write `alt:` to say what it shows)"]
