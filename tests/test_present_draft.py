"""The draft checks: a lecture with the faults a drafted government report had (a slide of minutes, a run of points
that starts again, a title that is a sentence with a point's label inside, a salutation closing) warned with the
outline's file:line, by `deckgen outline` and by `deckgen check` alike."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.present.draft import draft_warnings, is_vocative, ordinal

LONG = "我们要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。" * 9
LECTURE = f"""政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。
一、过去一年工作回顾
过去一年是全面贯彻党的二十大精神的开局之年。
（一）经济运行稳中向好
{LONG}
{LONG}
{LONG}
（二）社会事业全面发展
一要稳定就业。多措并举扩大就业容量。二要发展教育。推进义务教育优质均衡发展。三要健全社会保障。提高城乡居民基础养老金。一要加强基层治理。完善社区服务体系。二要保障安全生产。压实安全生产责任。
（三）民生保障有力有效
一是提高居民收入。城乡居民收入稳步增长。二是改善住房条件。新开工改造城镇老旧小区。三是从今年1月1日起，提高退休人员基本养老金，四要健全社会救助体系。
二、今年工作总体部署
今年是实现“十四五”规划目标任务的关键一年。
（一）着力扩大国内需求
促进消费稳定增长，扩大有效益的投资。
各位代表！
新时代新征程，让我们团结奋斗，为全面建设社会主义现代化国家而努力！
"""


def _line_of(text: str, pattern: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if re.search(pattern, line))


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "report.txt").write_text(LECTURE, encoding="utf-8")
    result = CliRunner().invoke(main, ["outline", str(tmp_path / "report.txt"), "-o", str(tmp_path / "outline.yaml")])
    assert result.exit_code == 0, result.output
    return tmp_path / "outline.yaml", result.output


def test_the_draft_prints_its_slides_with_reading_times_and_marks_the_long_one(drafted: tuple[Path, str]) -> None:
    _, output = drafted
    tree = output[output.index("Slides (reading time"):]
    assert re.search(r"\n +5 +5:\d\d +（一）经济运行稳中向好  ← long: split it\n", tree)
    assert re.search(r"\n +\d+ +0:0\d +一要加强基层治理\n", tree)  # points indented under their subsection


def test_the_draft_warns_with_file_and_line(drafted: tuple[Path, str]) -> None:
    path, output = drafted
    text = path.read_text(encoding="utf-8")
    name = str(path)
    long_at = _line_of(text, r"- title: 经济运行稳中向好")
    restart_at = _line_of(text, r"title: 加强基层治理") + 1  # its label, on the next line
    assert text.splitlines()[restart_at - 1].strip() == "label: 一要"
    sentence_at = _line_of(text, r"title: 从今年1月1日起")
    assert f"Warning: {name}:{long_at}:" in output and "slide 5 '（一）经济运行稳中向好' takes 5:" in output
    assert re.search(rf"Warning: {re.escape(name)}:{restart_at}:\d+: '一要' starts the count again after '三要' "
                     rf"\(line \d+\): two runs of points", output)
    assert re.search(rf"Warning: {re.escape(name)}:{sentence_at}:\d+: the title '从今年1月1日起.*' reads as a sentence", output)
    assert re.search(rf"Warning: {re.escape(name)}:{sentence_at}:\d+: the title holds the label '四要'", output)
    assert "sections[" not in output  # no 0-based paths


def test_check_reports_the_same_warnings(drafted: tuple[Path, str]) -> None:
    path, output = drafted
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0
    ours = {line for line in output.splitlines() if line.startswith("Warning: ") and str(path) in line}
    assert ours and ours <= set(checked.output.splitlines())


def test_no_salutation_as_title_or_bullet_in_the_draft(drafted: tuple[Path, str]) -> None:
    path, _ = drafted
    from deckgen.outline.read import read_outline
    from deckgen.outline.walk import entries

    outline = read_outline(path).outline
    for entry in entries(outline):
        assert not is_vocative(entry.node.title), entry.node.title
        assert not any(is_vocative(b) for b in entry.node.bullets), entry.node.bullets
    assert outline.closing[0].title == "新时代新征程"
    assert "2024年3月5日" in (outline.deck.subtitle or "")


@pytest.mark.parametrize("label, n", [("（三）", 3), ("一要", 1), ("第二，", 2), ("4.", 4), ("②", 2), ("十一、", 11),
                                      ("要点", None), (None, None)])
def test_ordinal_reads_the_labels_of_chinese_documents(label: str, n: int) -> None:
    assert ordinal(label) == n


@pytest.mark.parametrize("text, vocative", [("各位代表！", True), ("同志们：", True), ("女士们、先生们", True),
                                            ("各位代表要认真审议", False), ("我代表国务院", False)])
def test_salutations(text: str, vocative: bool) -> None:
    assert is_vocative(text) is vocative


def test_a_gap_in_the_labels_is_warned_with_the_renumber_command(tmp_path: Path) -> None:
    from deckgen.build.pipeline import plan_file

    subs = "".join(f"      - title: 第{n}项\n        label: （{c}）\n        notes: 正文。\n"
                   for n, c in ((1, "一"), (2, "二"), (4, "四")))
    path = tmp_path / "o.yaml"
    path.write_text(f"deck:\n  title: 讲座\nsections:\n  - title: 一\n    subsections:\n{subs}", encoding="utf-8")
    planned = plan_file(path)
    found = [str(w) for w in draft_warnings(planned.outline, planned.deck, planned.loaded)]
    assert found == [f"{path}:13:16: '（四）' follows '（二）' (line 10): number 3 is missing; renumber the labels with "
                     f"`deckgen outline --renumber {path}` (or check that nothing was deleted by mistake)"]


def test_a_cut_title_is_warned_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_text("讲座\n一、总体要求\n（一）要坚持以人民为中心的发展思想把增进民生福祉作为发展的根本目的不断实现好维护好"
                                    "发展好最广大人民根本利益促进社会公平正义。这是第二句。\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    result = CliRunner().invoke(main, ["outline", str(tmp_path / "l.txt"), "-o", str(out)])
    line = _line_of(out.read_text(encoding="utf-8"), "已缩短")
    assert re.search(rf"Warning: {re.escape(str(out))}:{line}:\d+: the title '要坚持以人民为中心.*…' was cut from a long "
                     r"first sentence; check it", result.output)


def test_a_long_subsection_is_split_at_its_paragraph_sub_heads(tmp_path: Path) -> None:
    """Six `必须坚持…` lessons drafted as one slide of many minutes: now a point each, the text whole and in order."""
    body = "我们要把这一要求贯穿工作全过程，在实践中不断深化认识，推动各项工作取得新进展、新成效、新突破。" * 5
    heads = ["必须坚持党的全面领导。", "必须坚持以人民为中心。", "必须坚持深化改革开放。", "必须坚持统筹发展和安全。"]
    lecture = tmp_path / "l.txt"
    lecture.write_text("经验总结\n一、过去一年的经验\n（一）主要体会\n过去一年，我们深化了规律性认识。\n"
                       + "".join(h + body + "\n" for h in heads) + "（二）下一步工作\n继续努力。\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["outline", str(lecture), "-o", str(out)])
    assert result.exit_code == 0 and "long: split it" not in result.output
    from deckgen.outline.read import read_outline

    sub = read_outline(out).outline.sections[0].subsections[0]
    assert [p.title for p in sub.points] == [h.rstrip("。") for h in heads]
    assert sub.notes.strip() == "（一）主要体会\n过去一年，我们深化了规律性认识。"
    checked = runner.invoke(main, ["check", str(out), "--source", str(lecture)])
    assert checked.exit_code == 0 and "100.0 %" in checked.output


def test_a_long_subsection_without_sub_heads_stays_whole_and_is_warned(tmp_path: Path) -> None:
    lecture = tmp_path / "l.txt"
    lecture.write_text(f"讲座\n一、总体\n（一）长段\n{LONG}\n{LONG}\n{LONG}\n（二）短段\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["outline", str(lecture), "-o", str(tmp_path / "o.yaml")])
    assert "（一）长段  ← long: split it" in result.output and "more than 3 minutes" in result.output
