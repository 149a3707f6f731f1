"""`deckgen outline` and `deckgen check` as a user meets them: files written, refusals, figures, exit codes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from tests.conftest import OUTLINE, SEED, require_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed() -> Path:
    return require_path(SEED, "the seed lecture")


def test_outline_writes_yaml_and_prints_a_summary(runner: CliRunner, tmp_path: Path, seed: Path) -> None:
    out = tmp_path / "outline.yaml"
    result = runner.invoke(main, ["outline", str(seed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 sections, 10 subsections, 10 points" in result.output
    assert "Removed 2 site markers: ##paidbegin## (line 8), ##paidend## (line 21)" in result.output
    assert f"Wrote {out}" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# deckgen 大纲") and "label: 一要" in text and "##paid" not in text.split("deck:")[1]


def test_outline_defaults_to_outline_yaml_here_and_refuses_to_overwrite(runner: CliRunner, tmp_path: Path,
                                                                    seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["outline", str(seed)]).exit_code == 0
    Path("outline.yaml").write_text("# my edits\n", encoding="utf-8")
    again = runner.invoke(main, ["outline", str(seed)])
    assert again.exit_code == 1
    assert "already exists" in again.output and "--force" in again.output
    assert Path("outline.yaml").read_text(encoding="utf-8") == "# my edits\n"
    forced = runner.invoke(main, ["outline", str(seed), "--force"])
    assert forced.exit_code == 0
    assert Path("outline.yaml").read_text(encoding="utf-8").startswith("# deckgen")


def test_outline_errors_are_one_line_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x80abc\xe9 \x81")
    result = runner.invoke(main, ["outline", str(bad), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:1:") and "Traceback" not in result.output
    assert not (tmp_path / "o.yaml").exists()
    missing = runner.invoke(main, ["outline", str(tmp_path / "none.txt"), "-o", str(tmp_path / "o.yaml")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    wrong = runner.invoke(main, ["outline", str(bad), "-o", str(tmp_path / "o.pptx")])
    assert wrong.exit_code == 2


def test_outline_warns_about_what_it_is_unsure_of(runner: CliRunner, tmp_path: Path) -> None:
    lecture = tmp_path / "l.txt"
    lecture.write_text("标题\n一、甲\n内容。\n三、丙\n内容。\n", encoding="utf-8")
    result = runner.invoke(main, ["outline", str(lecture), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 0
    assert f"Warning: {lecture}:4: numbering jumps from 1 to 3" in result.output


def test_check_reports_full_coverage_for_extracted_and_shipped_outlines(runner: CliRunner, tmp_path: Path,
                                                                       seed: Path) -> None:
    out = tmp_path / "outline.yaml"
    runner.invoke(main, ["outline", str(seed), "-o", str(out)])
    # the drafted outline has two slides more: sections 一 and 三 have text of their own, drafted as key phrases
    for outline, slides in ((out, 31), (OUTLINE, 28)):
        result = runner.invoke(main, ["check", str(outline), "--source", str(seed)])
        assert result.exit_code == 0, result.output
        assert f"valid ({slides} slides: 3 sections, 10 subsections, 10 points)" in result.output
        assert "100.0 % of 116 sentences in order (0 missing, 0 out of order, 0 present twice, 0 not in the lecture)" \
            in result.output


def test_check_lists_missing_duplicated_and_extra_sentences_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    lecture = tmp_path / "l.txt"
    lecture.write_text("标题\n一、甲\n第一句。第二句。\n二、乙\n第三句。\n", encoding="utf-8")
    outline = tmp_path / "o.yaml"
    outline.write_text("deck:\n  title: 标题\n  notes: 标题\nsections:\n  - title: 甲\n    notes: |\n      一、甲\n"
                       "      第一句。第一句。\n  - title: 乙\n    notes: |\n      二、乙\n      第三句。多出来的。\n",
                       encoding="utf-8")
    result = runner.invoke(main, ["check", str(outline), "--source", str(lecture)])
    assert result.exit_code == 1
    assert "Coverage of" in result.output and "83.3 % of 6 sentences" in result.output
    assert f"Error: {lecture}:3: missing from the notes: “第二句。”" in result.output
    assert f"Error: {outline}:6:12: sections[0].notes: present twice in the notes: “第一句。”" in result.output
    assert f"Error: {outline}:10:12: sections[1].notes: not in the lecture: “多出来的。”" in result.output


def test_check_without_source_only_validates(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", str(OUTLINE)])
    assert result.exit_code == 0 and "Coverage" not in result.output


def test_check_an_invalid_outline_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck:\n  title: T\nsections: []\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(bad)])
    assert result.exit_code == 1 and "sections" in result.output


def test_check_a_built_deck_and_its_notes(runner: CliRunner, tmp_path: Path, seed: Path, schemas: Path) -> None:
    out = tmp_path / "outline.yaml"
    runner.invoke(main, ["outline", str(seed), "-o", str(out)])
    assert runner.invoke(main, ["build", str(out)]).exit_code == 0
    result = runner.invoke(main, ["check", str(tmp_path / "outline.pptx"), "--source", str(seed)])
    assert result.exit_code == 0, result.output
    assert "package valid" in result.output and "100.0 % of 116 sentences" in result.output
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"not a zip")
    assert runner.invoke(main, ["check", str(broken)]).exit_code == 1


def test_help_does_not_import_docx_pptx_or_yaml() -> None:
    code = ("import sys; from deckgen.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('docx', 'pptx', 'yaml', 'pydantic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


# --- issue #16: what `outline` drafts, `build` builds ---------------------------------------------------------

def test_a_lecture_over_4_mb_is_refused_at_once(runner: CliRunner, tmp_path: Path) -> None:
    lecture = tmp_path / "big.txt"
    lecture.write_text("正文一句。\n" * 300_000, encoding="utf-8")
    result = runner.invoke(main, ["outline", str(lecture), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1 and "larger than 4 MB of text" in result.output
    assert not (tmp_path / "o.yaml").exists()


def test_a_lecture_giving_more_entries_than_a_deck_holds_is_refused_before_drafting(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import deckgen.extract.bullets as bullets
    import deckgen.outline.validate as validate

    monkeypatch.setattr(validate, "MAX_SLIDE_NODES", 5)
    monkeypatch.setattr(bullets, "draft_bullets", lambda *a, **k: pytest.fail("drafted"))
    lecture = tmp_path / "l.txt"
    lecture.write_text("".join(f"第{i}段话。\n\n" for i in range(20)), encoding="utf-8")
    result = runner.invoke(main, ["outline", str(lecture), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1 and "more than the 5 deckgen builds in one deck" in result.output
    assert not (tmp_path / "o.yaml").exists()


def test_a_draft_that_build_would_refuse_is_not_written(runner: CliRunner, tmp_path: Path, seed: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The drafted YAML is read back with build's own reader and planned: an outline larger than an outline may
    be (a 19.9 MB lecture once drafted a 24 MB outline) is refused, naming the lecture."""
    import deckgen.outline.load as load

    monkeypatch.setattr(load, "MAX_BYTES", 20_000)
    result = runner.invoke(main, ["outline", str(seed), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1 and "the drafted outline would be" in result.output and str(seed) in result.output
    assert not (tmp_path / "o.yaml").exists()
