"""The presenting side of the command line: reading time after a build, --duration, --time-cues, --pdf, handout."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.present import office
from deckgen.cli import main
from deckgen.package.deck import read_deck
from deckgen.present.timing import is_cue
from tests.conftest import OUTLINE, ROOT, require_tools

ENGLISH = ROOT / "tests" / "golden" / "english" / "outline.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _total(output: str) -> int:
    m, s = re.search(r"^  total\s+(\d+):(\d\d)", output, re.M).groups()  # type: ignore[union-attr]
    return int(m) * 60 + int(s)


def test_build_prints_the_reading_time_per_section(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Reading time at 220 characters a minute:")
    assert lines[at - 1].startswith("Wrote ")
    assert [ln.split()[0] for ln in lines[at + 1:]] == ["开篇", "一、高质量发展是全面建设社会主义现代化…", "二、准确把握高质量发展的科学内涵",
                                                     "三、实现高质量发展的动力和保障", "结语", "total"]
    assert 24 * 60 < _total(result.stdout) < 28 * 60


def test_rate_scales_the_reading_time(runner: CliRunner, tmp_path: Path) -> None:
    normal = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "a.pptx")])
    slow = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "b.pptx"), "--rate", "110"])
    assert slow.exit_code == 0 and "Reading time at 110 characters a minute:" in slow.stdout
    assert abs(_total(slow.stdout) - 2 * _total(normal.stdout)) <= 2


def test_duration_warns_and_names_the_longest_sections(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx"), "--duration", "20"])
    assert result.exit_code == 0
    [warning] = [ln for ln in result.stderr.splitlines() if "--duration" in ln]
    assert warning.startswith("Warning: the lecture takes 26 min at 220 characters a minute, 6 min over")
    assert "the longest sections: 三、实现高质量发展的动力和保障 (13 min)" in warning
    assert result.stdout.splitlines()[-1].endswith("of 20 min")
    fits = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx"), "--duration", "60"])
    assert "--duration" not in fits.stderr


def test_time_cues_end_each_slides_notes(runner: CliRunner, talk: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.pptx"
    assert runner.invoke(main, ["build", str(talk), "-o", str(plain)]).exit_code == 0
    result = runner.invoke(main, ["build", str(talk), "--time-cues"])
    assert result.exit_code == 0, result.output
    cued = read_deck(tmp_path / "talk.pptx")
    for before, after in zip(read_deck(plain).slides, cued.slides):
        if not before.notes:
            assert after.notes == ""
            continue
        *lecture, cue = after.notes.split("\n")
        assert "\n".join(lecture) == before.notes and is_cue(cue) and cue.startswith("[about ")


@pytest.mark.parametrize("args", [["--rate", "0"], ["--duration", "-5"], ["--rate", "fast"]])
def test_bad_numbers_are_usage_errors(runner: CliRunner, talk: Path, args: list[str]) -> None:
    assert runner.invoke(main, ["build", str(talk), *args]).exit_code == 2


def test_pdf_without_libreoffice_still_writes_the_deck(runner: CliRunner, talk: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(office, "_SOFFICE_PLACES", ())
    result = runner.invoke(main, ["build", str(talk), "--pdf"])
    assert result.exit_code == 1
    assert (tmp_path / "talk.pptx").is_file() and not (tmp_path / "talk.pdf").exists()
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error")]
    assert errors == [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and "apt-get install libreoffice-impress fonts-noto-cjk" in errors[0]
    assert "Traceback" not in result.output


@pytest.mark.soffice
def test_pdf_is_written_beside_the_deck(runner: CliRunner, talk: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext", "pdfinfo")
    result = runner.invoke(main, ["build", str(talk), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "talk.pdf"
    assert re.search(rf"^Wrote {re.escape(str(pdf))} \(\d+\.\d s in LibreOffice\)$", result.stdout, re.M)
    assert office.page_count(pdf) == len(read_deck(tmp_path / "talk.pptx").slides)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Writing Reliable Software" in text


@pytest.mark.soffice
def test_handout_builds_an_outline_first(runner: CliRunner, talk: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftoppm", "pdftotext", "pdfinfo")
    result = runner.invoke(main, ["handout", str(talk), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "talk-handout.pdf"
    assert f"Built {talk}" in result.stderr
    m = re.search(rf"^Wrote {re.escape(str(out))} \((\d+) pages for (\d+) slides\)$", result.stdout, re.M)
    assert m and int(m.group(2)) == 10 and int(m.group(2)) / 2 <= int(m.group(1))  # two short slides may share a page
    assert office.page_count(out) == int(m.group(1))
    assert not list(tmp_path.glob("*.pptx"))  # the deck was built in a temporary folder


def test_handout_output_must_be_a_pdf(runner: CliRunner, talk: Path) -> None:
    result = runner.invoke(main, ["handout", str(talk), "-o", "script.txt"])
    assert result.exit_code == 2 and "does not end in .pdf" in result.output


def test_theme_applies_only_to_outlines(runner: CliRunner, shipped_deck: Path) -> None:
    result = runner.invoke(main, ["handout", str(shipped_deck), "--theme", "gov"])
    assert result.exit_code == 2 and "only applies when building an outline" in result.output
