"""The `deckgen pull` command: its report slide by slide, --dry-run, and its errors."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from tests.powerpoint import Editor
from tests.test_pull_run import OUTLINE


def _built(tmp_path: Path) -> tuple[Path, Path]:
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(outline)])
    assert result.exit_code == 0, result.output
    return outline, tmp_path / "outline.pptx"


def test_pull_prints_each_change_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    outline, deck = _built(tmp_path)
    e = Editor(deck)
    e.title(5, "（一）本质要求与根本任务")
    e.delete(8)
    e.save(deck)
    dry = CliRunner().invoke(main, ["pull", str(deck), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[0] == f"Would pull {deck} into {outline} (--dry-run: nothing written):"
    assert "  slide 5   sections[0].subsections[0]  title     '本质要求' → '本质要求与根本任务'" in dry.stdout
    assert "  -         sections[0].subsections[2]  deleted   '（三）必然要求'" in dry.stdout
    assert "Warning: sections[0].subsections[2] ('必然要求') is deleted with its slide, and its notes with it" in dry.stderr
    assert outline.read_text(encoding="utf-8") == OUTLINE
    done = CliRunner().invoke(main, ["pull", str(deck)])
    assert done.exit_code == 0 and "the previous outline is kept as" in done.stdout and "2 changes." in done.stdout
    again = CliRunner().invoke(main, ["pull", str(deck), str(outline)])
    assert again.stdout.startswith("No edits to pull:")


def test_pull_refuses_what_it_cannot_match(tmp_path: Path) -> None:
    outline, deck = _built(tmp_path)
    result = CliRunner().invoke(main, ["pull", str(outline)])
    assert result.exit_code == 2 and "is not a .pptx deck" in result.output
    missing = CliRunner().invoke(main, ["pull", str(tmp_path / "none.pptx")])
    assert missing.exit_code == 1 and "cannot read the deck" in missing.output
