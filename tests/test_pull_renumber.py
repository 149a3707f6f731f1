"""`deckgen outline --renumber`: labels counted again in place after an entry was deleted, comments and layout kept."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.pull.renumber import renumber

OUTLINE = """# 我的大纲
deck:
  title: 讲座
sections:
  - title: 一
    subsections:
      - title: 第一项   # 注释
        label: （一）
        notes: 正文。
      - title: 第二项
        label: （二）
        notes: 正文。
      - title: 第四项
        label: （四）
        notes: 正文。
        points:
          - {title: 甲, label: 一要}
          - {title: 乙, label: 三要}
          - {title: 丙, label: 一要}
          - {title: 丁, label: 二要}
"""


def test_labels_count_on_in_their_own_style_and_a_run_from_one_stays_a_run() -> None:
    doc, changes = renumber(OUTLINE.encode("utf-8"))
    assert [(c.old, c.new, c.title) for c in changes] == [("（四）", "（三）", "第四项"), ("三要", "二要", "乙")]
    text = doc.text()
    assert text == OUTLINE.replace("label: （四）", "label: （三）").replace("label: 三要", "label: 二要")


def test_the_command_renumbers_in_place_keeps_a_backup_and_silences_the_warning(tmp_path: Path) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    runner = CliRunner()
    assert "number 3 is missing; renumber the labels with `deckgen outline --renumber" in runner.invoke(main, ["check", str(path)]).output
    result = runner.invoke(main, ["outline", "--renumber", str(path)])
    assert result.exit_code == 0 and "（四）第四项 → （三）第四项" in result.output
    backups = [p for p in tmp_path.iterdir() if p.name != "outline.yaml"]
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == OUTLINE
    assert "missing" not in runner.invoke(main, ["check", str(path)]).output
    again = runner.invoke(main, ["outline", "--renumber", str(path)])
    assert again.exit_code == 0 and "nothing to change" in again.output
