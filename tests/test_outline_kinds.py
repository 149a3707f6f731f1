"""The slide kinds in the outline: each kind's data validated, one located error line per problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import ContentError
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.read import read_outline
from deckgen.outline.validate import validate

HEAD = "deck:\n  title: T\nsections:\n  - title: S\n    subsections:\n      - title: A\n"


def entry(body: str) -> str:
    """An outline whose one subsection carries `body` (keys indented as the subsection's)."""
    return HEAD + "".join(f"        {line}\n" for line in body.strip("\n").split("\n"))


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        validate(parse_yaml(text, "o.yaml"))
    return [str(p) for p in info.value.problems]


def node(text: str):  # type: ignore[no-untyped-def]
    outline, _ = validate(parse_yaml(text, "o.yaml"))
    return outline.sections[0].subsections[0]


CHART = "chart:\n  type: column\n  categories: [甲, 乙]\n  series:\n    - {name: 值, values: [1, 2]}"


class DescribeTheData:
    def it_reads_each_kind(self) -> None:
        assert node(entry(CHART)).chart.series[0].values == [1.0, 2.0]
        assert node(entry("table: {header: [a, b], rows: [[1, 2], [3, '']]}")).table.rows[1] == ["3", ""]
        assert node(entry("quote: {text: 一句话, source: 某人}")).quote.source == "某人"
        assert [n.value for n in node(entry("numbers: [{value: 5.2%, label: 增长}, {value: 74.4万亿元, label: 总量}]")).numbers] \
            == ["5.2%", "74.4万亿元"]
        assert node(entry("compare: {left: {title: 过去, bullets: [a]}, right: {title: 现在}}")).compare.right.bullets == []

    def it_takes_values_written_as_text_and_with_thousands_separators(self) -> None:
        text = entry(CHART.replace("values: [1, 2]", 'values: ["74.4", "1,234.5"]'))
        assert node(text).chart.series[0].values == [74.4, 1234.5]

    @pytest.mark.parametrize("written, role", [("bullets", Role.CONTENT), ("cards", Role.CARDS), ("image", Role.PICTURE),
                                               ("statement", Role.STATEMENT)])
    def it_takes_kind_names_and_their_aliases(self, written: str, role: Role) -> None:
        body = "bullets: [a, b]" + ("\nimage: x.png" if role is Role.PICTURE else "")
        assert node(entry(f"kind: {written}\n{body}")).kind is role

    def it_says_which_kind_the_outline_asks_for(self) -> None:
        assert node(entry(CHART)).chosen is Role.CHART
        assert node(entry("bullets: [a]")).chosen is None
        assert node(entry("layout: statement")).chosen is Role.STATEMENT


class DescribeBadData:
    @pytest.mark.parametrize("body, expected", [
        ("chart:\n  type: donut\n  categories: [a]\n  series: [{name: s, values: [1]}]",
         "o.yaml:8:17: sections[0].subsections[0].chart.type: unknown type 'donut'; expected one of column, bar, line, pie"),
        ("chart:\n  type: bar\n  categories: [a, b]\n  series: []",
         "o.yaml:10:19: sections[0].subsections[0].chart.series: needs at least one entry, got 0; add one"),
        ("chart:\n  type: bar\n  categories: [a, b]\n  series: [{name: s, values: [1, 2, 3]}]",
         "o.yaml:10:38: sections[0].subsections[0].chart.series[0].values: 3 values for 2 categories; give one value per category"),
        ("chart:\n  type: bar\n  categories: [a, b]\n  series: [{name: s, values: [1, 5%]}]",
         "o.yaml:10:42: sections[0].subsections[0].chart.series[0].values[1]: expected a number, got '5%'; "
         "write the unit once in the chart's `unit:`"),
        ("chart:\n  type: bar\n  categories: [a, b]\n  series: [{name: s, values: [1, [2]]}]",
         "o.yaml:10:42: sections[0].subsections[0].chart.series[0].values[1]: expected a number, got a list"),
        ("chart:\n  type: pie\n  categories: [a, b]\n  series: [{name: s, values: [1, 2]}, {name: t, values: [1, 2]}]",
         "o.yaml:10:47: sections[0].subsections[0].chart.series[1]: a pie chart shows one series, got 2; "
         "use a column or bar chart to compare series"),
        ("table:\n  header: [a, b, c]\n  rows:\n    - [1, 2, 3]\n    - [1, 2]",
         "o.yaml:11:15: sections[0].subsections[0].table.rows[1]: 2 cells in a table of 3 columns; give every row one "
         "cell per header column (\"\" for an empty cell)"),
        ("table: {header: [a], rows: []}", "o.yaml:7:36: sections[0].subsections[0].table.rows: needs at least one entry, got 0; add one"),
        ("numbers: [{value: 1, label: a}]", "o.yaml:7:18: sections[0].subsections[0].numbers: needs at least 2 entries, got 1; add one"),
        ("numbers: [{value: 1, label: a}, {value: 2, label: b}, {value: 3, label: c}, {value: 4, label: d}, {value: 5, label: e}]",
         "o.yaml:7:18: sections[0].subsections[0].numbers: takes at most 4 entries, got 5; give the others a slide of their own"),
        ("compare: {left: {title: a}}", "o.yaml:7:18: sections[0].subsections[0].compare.right: required key 'right' is missing; add it"),
        ("quote: {source: 某人}", "o.yaml:7:16: sections[0].subsections[0].quote.text: required key 'text' is missing; add it"),
        ("kind: carts", "o.yaml:7:15: sections[0].subsections[0].kind: unknown slide kind 'carts'; expected one of title, "
                        "agenda, section, content, statement, closing, cards, quote, numbers, chart, table, picture, compare, "
                        "bullets, image; did you mean 'chart'?"),
        ("kind: chart", "o.yaml:7:15: sections[0].subsections[0].kind: a 'chart' slide needs its 'chart'"),
        ("kind: quote\nnotes: 没有引语。", "o.yaml:7:15: sections[0].subsections[0].kind: a 'quote' slide needs "
                                          "`quote: {text, source}`, or bullets or notes that lead with a quotation (…指出，“…”)"),
        ("kind: cards\nquote: {text: 一句话}", "o.yaml:7:15: sections[0].subsections[0].kind: a 'cards' slide cannot show the "
                                             "'quote'; remove one of them"),
        ("quote: {text: 一句话}\nnumbers: [{value: 1, label: a}, {value: 2, label: b}]",
         "o.yaml:8:9: sections[0].subsections[0].numbers: a slide shows one chart, table, image, quote, numbers or compare; "
         "this one has 'quote' and 'numbers': give one an entry of its own"),
        ("alt: 说明\nbullets: [a]", "o.yaml:7:9: sections[0].subsections[0].alt: alt describes a picture, chart or table, "
                                   "and this entry has none"),
    ])
    def it_locates_each_problem_in_one_line(self, body: str, expected: str) -> None:
        assert problems(entry(body)) == [expected]

    def it_reports_a_missing_or_unreadable_image_where_it_is_named(self, tmp_path: Path) -> None:
        (tmp_path / "fake.png").write_text("not a picture")
        (tmp_path / "o.yaml").write_text(entry("image: missing.png") + "      - title: B\n        image: fake.png\n",
                                         encoding="utf-8")
        with pytest.raises(ContentError) as info:
            read_outline(tmp_path / "o.yaml", "o.yaml")
        assert [str(p) for p in info.value.problems] == [
            f"o.yaml:7:16: sections[0].subsections[0].image: image 'missing.png' does not exist (looked at "
            f"'{tmp_path / 'missing.png'}'); paths are relative to the outline's folder",
            "o.yaml:9:16: sections[0].subsections[1].image: image 'fake.png' cannot be read as a picture; give a PNG or JPEG file"]

    def it_reads_a_picture_relative_to_the_outline(self, tmp_path: Path) -> None:
        from tests.pictures import portrait

        (tmp_path / "img").mkdir()
        portrait(tmp_path / "img" / "p.png")
        (tmp_path / "o.yaml").write_text(entry("image: img/p.png\nalt: 风车"), encoding="utf-8")
        assert read_outline(tmp_path / "o.yaml").outline.sections[0].subsections[0].image == "img/p.png"
