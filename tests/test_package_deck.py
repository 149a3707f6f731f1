"""Reading a built deck back without python-pptx: titles, notes, sections, hidden slides."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from deckgen.build.pipeline import plan_file
from deckgen.errors import ContentError
from deckgen.package.deck import read_deck
from tests.conftest import OUTLINE


def test_reads_every_slides_notes_and_section_as_planned(shipped_deck: Path) -> None:
    plan = plan_file(OUTLINE).deck
    deck = read_deck(shipped_deck)
    assert deck.title == plan.title
    assert deck.language == plan.language
    assert deck.sections == plan.sections
    assert len(deck.slides) == len(plan.slides)
    for got, want in zip(deck.slides, plan.slides):
        assert got.notes == want.notes.strip("\n")
        assert got.section == want.section
    assert [s.number for s in deck.slides] == list(range(1, len(plan.slides) + 1))
    assert deck.slides[0].title == plan.title
    assert deck.slides[4].title == plan.slides[4].title.line  # a title broken on the slide (a:br) read whole


def test_skips_hidden_slides(shipped_deck: Path, tmp_path: Path) -> None:
    hidden = tmp_path / "hidden.pptx"
    with zipfile.ZipFile(shipped_deck) as zin, zipfile.ZipFile(hidden, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                data = re.sub(rb"<p:sld ", b'<p:sld show="0" ', data, count=1)
            zout.writestr(item, data)
    full, shown = read_deck(shipped_deck), read_deck(hidden)
    assert len(shown.slides) == len(full.slides) - 1
    assert [s.notes for s in shown.slides] == [s.notes for s in full.slides if s.number != 2]
    assert [s.number for s in shown.slides] == list(range(1, len(full.slides)))


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_file_that_is_not_a_deck_is_a_content_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(content)
    with pytest.raises(ContentError, match="not a PowerPoint"):
        read_deck(bad)


BOMB_MB = 400
# Runs one deckgen command through click's CliRunner in a fresh interpreter; prints its exit code, output
# and peak memory: tracemalloc's (every Python allocation since start) and the kernel's high-water mark.
_MEASURE = """
import json, sys, tracemalloc
tracemalloc.start()
from click.testing import CliRunner
from deckgen.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
peak = tracemalloc.get_traced_memory()[1]
hwm = next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"exit": result.exit_code, "output": result.output, "traced": peak, "rss": hwm}))
"""


def bomb_deck(deck: Path, out: Path, megabytes: int = BOMB_MB) -> Path:
    """A copy of the real `deck` whose first notes slide is replaced by valid notes XML that unpacks to
    `megabytes` MB (one long run of text), streamed through zipfile so neither it nor the file gets large."""
    with zipfile.ZipFile(deck) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        notes = next(i.filename for i in zin.infolist() if i.filename.startswith("ppt/notesSlides/notesSlide"))
        for item in zin.infolist():
            if item.filename != notes:
                zout.writestr(item, zin.read(item))
                continue
            head, _, tail = zin.read(item).partition(b"</a:t>")
            with zout.open(notes, "w", force_zip64=True) as fh:
                fh.write(head)
                filler = "讲义".encode() * (1 << 17)  # 768 KB
                for _ in range(-(-megabytes * (1 << 20) // len(filler))):
                    fh.write(filler)
                fh.write(b"</a:t>" + tail)
    return out


def _measured(*args: str) -> dict:
    import json
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parent.parent / "src")  # this checkout's deckgen, not an installed one
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bomb(shipped_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = bomb_deck(shipped_deck, tmp_path_factory.mktemp("bomb") / "bomb.pptx")
    with zipfile.ZipFile(out) as z:
        assert sum(i.file_size for i in z.infolist()) > BOMB_MB << 20
    assert out.stat().st_size < 2 << 20  # small on disk
    return out


def test_a_zip_bomb_is_refused_unread_with_the_message_check_gives(bomb: Path) -> None:
    from deckgen.package.check import check_package

    [refused] = check_package(bomb).problems
    assert re.fullmatch(rf"the package would unpack to {BOMB_MB} MB, \d+ times its packed size \(a zip bomb\?\); "
                        "refusing to open it", refused)
    with pytest.raises(ContentError) as caught:
        read_deck(bomb)
    assert [p.message for p in caught.value.problems] == [refused]


@pytest.mark.parametrize("command", [["check", "{deck}", "--source", "{lecture}"], ["handout", "{deck}"]],
                         ids=["check --source", "handout"])
def test_check_source_and_handout_refuse_a_zip_bomb_in_bounded_memory(bomb: Path, command: list[str]) -> None:
    """The 400 MB notes slide is never unpacked: exit 1 with the zip-bomb message, well under 200 MB of memory."""
    from tests.conftest import SEED

    measured = _measured(*(a.format(deck=bomb, lecture=SEED) for a in command))
    assert measured["exit"] == 1, measured["output"]
    assert re.search(rf"Error: {re.escape(str(bomb))}: the package would unpack to \d+ MB, \d+ times its packed size "
                     r"\(a zip bomb\?\); refusing to open it", measured["output"]), measured["output"]
    assert "not a PowerPoint" not in measured["output"]
    assert measured["traced"] < 200 << 20 and measured["rss"] < 200 << 20, measured
    print(f"{command[0]}: peak traced {measured['traced'] / 2**20:.1f} MB, peak RSS {measured['rss'] / 2**20:.1f} MB")


def test_reads_a_slides_table_rows_and_chart_values_for_the_handout(tmp_path: Path) -> None:
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    out = tmp_path / "kinds.pptx"
    build(BuildRequest(Path(__file__).parent / "golden" / "kinds" / "outline.yaml", out))
    data = {s.title: s.data for s in read_deck(out).slides if s.data}
    assert data["（二）国内生产总值逐年增长"] == (
        "单位：万亿元", "国内生产总值: 2019年 98.65, 2020年 101.36, 2021年 114.92, 2022年 121.02, 2023年 126.06")
    assert data["（三）主要指标对比"][:2] == ("指标 | 2022年 | 2023年 | 增长", "国内生产总值（万亿元） | 121.02 | 126.06 | 5.2%")
    assert len(data) == 4  # three charts and a table
