"""Rebuilding over a deck: deckgen's own unchanged deck is replaced; an edited or foreign one is kept as a backup."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from deckgen.build.pipeline import build
from deckgen.build.request import BuildRequest
from deckgen.errors import OutputError
from deckgen.package.check import check_package
from deckgen.package.fingerprint import state

OUTLINE_TEXT = "deck:\n  title: 讲座\nsections:\n  - title: 第一部分\n    notes: 正文。\n"
BACKUP = re.compile(r"outline\.\d{4}-\d{2}-\d{2}-\d{4}(-\d+)?\.pptx")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "outline.yaml").write_text(OUTLINE_TEXT, encoding="utf-8")
    return tmp_path


def _edit_in_powerpoint(deck: Path, title: str = "我改过的标题") -> bytes:
    """Change the deck the way an editor does: open, change a title, save (python-pptx stands in for PowerPoint)."""
    from pptx import Presentation

    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text_frame.text = title
    prs.save(str(deck))
    return deck.read_bytes()


def _backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if BACKUP.fullmatch(p.name))


def test_rebuilding_over_our_own_unchanged_deck_keeps_no_backup(folder: Path) -> None:
    build(BuildRequest(folder / "outline.yaml", folder / "outline.pptx"))
    result = build(BuildRequest(folder / "outline.yaml", folder / "outline.pptx"))
    assert result.warnings == [] and _backups(folder) == []
    assert state(folder / "outline.pptx").kind == "ours"


def test_an_edited_deck_is_kept_as_a_dated_backup_with_a_warning(folder: Path) -> None:
    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    edited = _edit_in_powerpoint(deck)
    stamp = time.mktime((2026, 11, 28, 15, 30, 0, 0, 0, -1))
    os.utime(deck, (stamp, stamp))
    result = build(BuildRequest(folder / "outline.yaml", deck))
    backup = folder / "outline.2026-11-28-1530.pptx"
    assert _backups(folder) == [backup] and backup.read_bytes() == edited
    outline = folder / "outline.yaml"
    assert [str(w) for w in result.warnings] == [
        f"{deck} was changed after deckgen wrote it (edited in PowerPoint?) and holds 1 edit that is not in "
        f"{outline}: kept it as {backup}; `deckgen pull {backup} {outline}` brings them into the outline (then build "
        "again to have them in the new deck)"]
    assert state(deck).kind == "ours" and deck.read_bytes() != edited


def test_edited_twice_in_the_same_minute_makes_two_backups(folder: Path) -> None:
    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    contents = []
    for title in ("第一次修改", "第二次修改"):
        contents.append(_edit_in_powerpoint(deck, title))
        stamp = time.mktime((2027, 1, 15, 8, 0, 0, 0, 0, -1))
        os.utime(deck, (stamp, stamp))
        build(BuildRequest(folder / "outline.yaml", deck))
    first, second = folder / "outline.2027-01-15-0800.pptx", folder / "outline.2027-01-15-0800-2.pptx"
    assert set(_backups(folder)) == {first, second}
    assert [first.read_bytes(), second.read_bytes()] == contents


def test_a_deck_deckgen_did_not_write_is_kept_too(folder: Path) -> None:
    deck = folder / "outline.pptx"
    deck.write_bytes(b"a deck made by hand")
    result = build(BuildRequest(folder / "outline.yaml", deck))
    (backup,) = _backups(folder)
    assert backup.read_bytes() == b"a deck made by hand"
    assert "was not written by deckgen" in str(result.warnings[0])


def test_force_overwrites_without_a_backup(folder: Path) -> None:
    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    _edit_in_powerpoint(deck)
    result = CliRunner().invoke(_main(), ["build", str(folder / "outline.yaml"), "--force"])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and _backups(folder) == []
    assert state(deck).kind == "ours"


def test_the_cli_says_where_the_backup_is(folder: Path) -> None:
    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    _edit_in_powerpoint(deck)
    result = CliRunner().invoke(_main(), ["build", str(folder / "outline.yaml")])
    assert result.exit_code == 0, result.output
    (backup,) = _backups(folder)
    assert f"Warning: {deck} was changed after deckgen wrote it (edited in PowerPoint?) and holds 1 edit" in result.stderr
    assert f"kept it as {backup}; `deckgen pull {backup}" in result.stderr


def test_a_failed_write_leaves_the_edited_deck_in_place_and_no_backup(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import deckgen.package.write

    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    edited = _edit_in_powerpoint(deck)

    def full_disk(path: Path, produce: object) -> None:
        raise OutputError(f"cannot write {str(path)!r}: the disk is full")

    monkeypatch.setattr(deckgen.package.write, "write_atomic", full_disk)
    with pytest.raises(OutputError, match="the disk is full"):
        build(BuildRequest(folder / "outline.yaml", deck))
    assert deck.read_bytes() == edited and _backups(folder) == []


def test_a_theme_path_in_the_outline_is_read_from_the_outline_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lecture = tmp_path / "lecture"
    lecture.mkdir()
    (lecture / "ours.yaml").write_text("extends: gov\n", encoding="utf-8")
    (lecture / "outline.yaml").write_text(OUTLINE_TEXT.replace("  title: 讲座\n", "  title: 讲座\n  theme: ours.yaml\n"),
                                          encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ours.yaml").write_text("extends: dark\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    build(BuildRequest(lecture / "outline.yaml", lecture / "outline.pptx"))
    from deckgen.theme.model import load_theme

    gov, dark = load_theme("gov").rgb("accent1"), load_theme("dark").rgb("accent1")
    assert gov != dark
    assert _accent1(lecture / "outline.pptx") == gov


def _accent1(deck: Path) -> str:
    import zipfile

    with zipfile.ZipFile(deck) as z:
        theme = z.read("ppt/theme/theme1.xml").decode("utf-8")
    return re.search(r'<a:accent1><a:srgbClr val="([0-9A-F]{6})"', theme).group(1)  # type: ignore[union-attr]


def _main():  # type: ignore[no-untyped-def]
    from deckgen.cli import main

    return main


def test_a_build_needs_no_network(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("deckgen tried to use the network")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = build(BuildRequest(folder / "outline.yaml", folder / "outline.pptx", template=None))
    assert result.slides == 2
    from deckgen.package.check import check_package

    assert check_package(folder / "outline.pptx").problems == []


def test_a_broken_package_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """The build checks the package's structure before writing: a dangling relationship or a part that is
    not well-formed is a bug, not a deck."""
    import zipfile

    from deckgen.build.save import package_problems
    from tests.conftest import OUTLINE

    build(BuildRequest(OUTLINE, tmp_path / "ok.pptx"))
    with zipfile.ZipFile(tmp_path / "ok.pptx") as zin:
        order = zin.namelist()
        members = {name: zin.read(name) for name in order}
    assert package_problems(order, members) == []
    assert any("slide3.xml" in p for p in package_problems([n for n in order if n != "ppt/slides/slide3.xml"], members))
    members["ppt/presentation.xml"] = b"<p:presentation"
    assert any("presentation.xml" in p for p in package_problems(order, members))


def test_a_deck_with_more_zip_entries_than_a_template_may_have_builds(tmp_path: Path) -> None:
    """1300 slides with notes make over 5,000 zip entries (slides, notes, relationships): it must build."""
    sections = "".join(f"  - title: 第{i}部分\n    notes: 第{i}部分的讲稿。\n" for i in range(1300))
    outline = tmp_path / "big.yaml"
    outline.write_text(f"deck:\n  title: T\nsections:\n{sections}", encoding="utf-8")
    result = build(BuildRequest(outline, tmp_path / "big.pptx"))
    assert result.slides > 1300  # title, agenda (over several slides), 1300 dividers
    import zipfile

    with zipfile.ZipFile(tmp_path / "big.pptx") as z:
        assert len(z.namelist()) > 5000


# --- issue #16: symbolic links, decks open in an office program, the slide limit ----------------------------

def test_an_edited_deck_behind_a_symlink_is_kept(folder: Path) -> None:
    """`outline.pptx` links to a deck edited in PowerPoint: the backup holds the edit (not a link to the link,
    which would show the new deck), the new deck is written through the link, and the link stays."""
    real = folder / "synced" / "deck.pptx"
    real.parent.mkdir()
    build(BuildRequest(folder / "outline.yaml", real))
    edited = _edit_in_powerpoint(real)
    link = folder / "outline.pptx"
    link.symlink_to(real)
    result = build(BuildRequest(folder / "outline.yaml", link))
    backups = _backups(folder)
    assert len(backups) == 1 and not backups[0].is_symlink() and backups[0].read_bytes() == edited
    assert link.is_symlink() and state(real).kind == "ours" and real.read_bytes() != edited
    assert f"kept it as {backups[0]}" in str(result.warnings[0])


@pytest.mark.parametrize("lock, program", [("~$outline.pptx", "PowerPoint"), (".~lock.outline.pptx#", "LibreOffice")])
def test_a_deck_open_in_an_office_program_is_kept_with_a_warning(folder: Path, lock: str, program: str) -> None:
    """Even a deck deckgen wrote and nobody saved over may hold unsaved edits in the program that has it open."""
    deck = folder / "outline.pptx"
    build(BuildRequest(folder / "outline.yaml", deck))
    before = deck.read_bytes()
    (folder / lock).write_bytes(b"lock")
    result = build(BuildRequest(folder / "outline.yaml", deck))
    assert [b.read_bytes() for b in _backups(folder)] == [before]
    assert len(result.warnings) == 1 and f"is open in {program} (lock file {lock})" in str(result.warnings[0])


def test_a_deck_over_the_slide_limit_is_refused_at_its_entry_before_rendering(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Continuation slides count: a deck of more than MAX_SLIDES slides is refused, located, before any rendering
    (a 10,000-entry outline once ended after a minute in "broken package: 83286 parts")."""
    from deckgen.build import pipeline
    from deckgen.errors import ContentError

    monkeypatch.setattr(pipeline, "MAX_SLIDES", 5)
    outline = tmp_path / "outline.yaml"
    outline.write_text("deck:\n  title: T\nsections:\n" + "".join(
        f"  - title: 第{i}部分\n    bullets: [{', '.join(f'要点{j}' for j in range(8))}]\n" for i in range(4)), encoding="utf-8")
    monkeypatch.setattr("deckgen.render.render", lambda *a, **k: pytest.fail("rendered"))
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(outline, tmp_path / "outline.pptx"))
    problem = caught.value.problems[0]
    assert problem.line is not None and problem.path
    assert "slides (continuation slides of long bullet lists count), more than the 5" in problem.message
    assert not (tmp_path / "outline.pptx").exists()


def _members(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zin:
        return {name: zin.read(name) for name in zin.namelist()}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform: a build runs in one process")
def test_a_fresh_process_plans_in_a_copy_of_itself_and_writes_the_same_deck(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """In a fresh process (python-pptx not imported yet), `deckgen build` plans in a forked copy while it imports
    the renderer; the plan that comes back is the one planning here gives, and the deck is the one an
    in-process build (the tests', which plans inline) writes, member for member."""
    import subprocess
    import sys

    from tests.conftest import OUTLINE, ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # both builds dated alike (the properties, the zip)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    probe = ("import sys; from pathlib import Path\n"
             "from deckgen.build.pipeline import plan_on_builtin\n"
             "from deckgen.build.planning import start_planning\n"
             "from deckgen.build.request import BuildRequest\n"
             "request = BuildRequest(Path(sys.argv[1]), Path(sys.argv[2]))\n"
             "from deckgen.present.timing import deck_timing\n"
             "request = BuildRequest(Path(sys.argv[1]), Path(sys.argv[2]), rate=180.0)\n"
             "work = start_planning(request)\n"
             "here = plan_on_builtin(request)\n"
             "print(work is not None and work.forked, work.result() == here, 'pptx' in sys.modules)\n"
             "print(work.after() == deck_timing(here[0], 180.0))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(OUTLINE), str(tmp_path / "x.pptx")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "True", "False", "True"], done.stderr
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(OUTLINE), "-o", str(tmp_path / "fresh.pptx"),
                           "--rate", "180"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    here = build(BuildRequest(OUTLINE, tmp_path / "here.pptx", rate=180.0))
    assert _members(tmp_path / "fresh.pptx") == _members(tmp_path / "here.pptx")
    # the slides deflated by the copy as they were rendered are deflated as here: the zip is the same, byte for byte
    assert (tmp_path / "fresh.pptx").read_bytes() == (tmp_path / "here.pptx").read_bytes()
    # the reading time printed (computed by the copy, at the rate asked) is the deck's
    from deckgen.present.timing import deck_timing, table

    assert done.stdout.splitlines()[1:] == table(deck_timing(here.deck, 180.0))


def _fresh(*args: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a fresh process (python-pptx not imported: a build plans in a copy of itself)."""
    from tests.conftest import ROOT

    return subprocess.run([sys.executable, *args], env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform: a build runs in one process")
def test_the_planning_copy_writes_and_deflates_the_slides_while_they_are_added(tmp_path: Path) -> None:
    """After its plan, the copy writes each prepared slide's and notes page's part from the recipe the renderer
    hands over (without python-pptx) and deflates it, and the package's other members once the deck is
    rendered: the save takes every member but those the fingerprint's stamp changes deflated, every prepared
    part is the copy's, and the deck is whole."""
    from tests.conftest import OUTLINE

    probe = ("import sys; from pathlib import Path\n"
             "import deckgen.package.deflater as D\n"
             "from deckgen.build.pipeline import build\n"
             "from deckgen.build.planning import start_planning\n"
             "from deckgen.build.request import BuildRequest\n"
             "taken, made = [], []\n"
             "real, member = D.Deflater.take, D.Made.member\n"
             "D.Deflater.take = lambda self, members: taken.append((real(self, members), set(members))) or taken[-1][0]\n"
             "D.Made.member = lambda self, i, name: (lambda b: made.append((name, self._theirs)) or b)(member(self, i, name))\n"
             "request = BuildRequest(Path(sys.argv[1]), Path(sys.argv[2]))\n"
             "result = build(request, start_planning(request))\n"
             "got, members = taken[0]\n"
             "print(sum(n.startswith('ppt/slides/slide') for n in got) == result.slides,\n"
             "      sum(n.startswith('ppt/notesSlides/notesSlide') for n in got) > 0,\n"
             "      len(made) >= result.slides and all(theirs for _, theirs in made) and {n for n, _ in made} <= set(got),\n"
             "      sorted(members - set(got)))\n")
    done = _fresh("-c", probe, str(OUTLINE), str(tmp_path / "x.pptx"))
    # (the custom properties are the stamp's: added after)
    assert done.stdout.strip().split(maxsplit=3) == ["True", "True", "True", "['[Content_Types].xml', '_rels/.rels']"], \
        done.stderr
    assert state(tmp_path / "x.pptx").kind == "ours"
    assert check_package(tmp_path / "x.pptx").problems == []


def test_the_stamp_and_check_beside_the_zip_write_the_deck_an_inline_save_writes(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A big deck is stamped and checked in a copy of the process while its members are deflated here: the
    file holds what the one-process save writes, and a broken package still stops the save with nothing
    written."""
    import deckgen.build.save as save
    import deckgen.render.package as package
    from deckgen.errors import PackageError
    from tests.conftest import OUTLINE

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # both builds dated alike
    monkeypatch.setattr(save, "FORKED_STAMP_MEMBERS", 0)  # the shipped outline's deck counts as big
    build(BuildRequest(OUTLINE, tmp_path / "beside.pptx"))
    monkeypatch.setattr(save, "FORKED_STAMP_MEMBERS", 10**9)
    build(BuildRequest(OUTLINE, tmp_path / "inline.pptx"))
    assert _members(tmp_path / "beside.pptx") == _members(tmp_path / "inline.pptx")
    assert state(tmp_path / "beside.pptx").kind == "ours"

    real = package.package_members

    def broken(prs: object) -> tuple[list[str], dict[str, bytes]]:
        order, members = real(prs)
        return [n for n in order if n != "ppt/slides/slide3.xml"], members

    monkeypatch.setattr(package, "package_members", broken)
    monkeypatch.setattr(save, "FORKED_STAMP_MEMBERS", 0)
    with pytest.raises(PackageError, match="slide3.xml"):
        build(BuildRequest(OUTLINE, tmp_path / "broken.pptx"))
    assert not (tmp_path / "broken.pptx").exists()


class _Planned:
    """A plan under way, as `start_planning` gives it, that has finished already: the outline of `request` as
    read now and its plan."""

    deflater = None  # (no copy to deflate the slides)

    def __init__(self, request: Optional[BuildRequest] = None) -> None:
        from deckgen.build.pipeline import Read, plan_on_builtin, read_on_builtin

        self.closed = False
        if request is not None:
            read = read_on_builtin(request)
            file, theme, digest = read
            self.outline = Read(digest, file.outline, file.warnings, theme)
            self.value = plan_on_builtin(request, read)

    def read(self) -> object:
        return self.outline

    def result(self) -> object:
        return self.value

    def after(self) -> object:
        return ("the reading time of", self.value)

    def close(self) -> None:
        self.closed = True


def test_an_outline_saved_again_while_the_copy_plans_is_planned_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy of the process reads and plans the outline as it was; when the outline changed before this
    process read it (saved again from the editor), neither is used: the deck is the outline as read here, whose
    slide keys and fingerprint it carries. Else the outline and the plan are the copy's (not read here)."""
    import deckgen.build.pipeline as pipeline

    outline = tmp_path / "outline.yaml"
    outline.write_text("deck: {title: 旧标题}\nsections:\n  - title: 旧的第一部分\n", encoding="utf-8")
    request = BuildRequest(outline, tmp_path / "outline.pptx")
    stale = _Planned(request)
    outline.write_text("deck: {title: 新标题}\nsections:\n  - title: 新的第一部分\n", encoding="utf-8")
    result = build(request, stale)  # type: ignore[arg-type]
    titles = [s.title.text for s in result.deck.slides]
    assert "新的第一部分" in titles and "旧的第一部分" not in titles and stale.closed and result.timing is None
    same = _Planned(request)  # the text this process reads: the outline and the plan are taken as they are
    monkeypatch.setattr(pipeline, "read_outline", lambda *a: pytest.fail("read again"))
    result = build(request, same)  # type: ignore[arg-type]  # and the copy's reading time of it
    assert result.deck is same.value[0] and result.timing == ("the reading time of", same.value) and same.closed


def test_a_copy_still_planning_is_ended_when_the_build_stops_early() -> None:
    """Ctrl-C while the renderer is imported (the tenth of a second the copy plans in): the copy is ended with
    the build, not left running."""
    from deckgen.cli.build import collecting_less

    started = _Planned()
    with pytest.raises(KeyboardInterrupt):
        with collecting_less(lambda: started):
            raise KeyboardInterrupt
    assert started.closed


def test_what_a_text_deck_imports_to_render_and_save_is_imported_while_the_copy_plans(tmp_path: Path) -> None:
    """`import_beforehand` (called while the copy plans) leaves no deckgen module for the render and the save of
    a text deck to import after the plan has come: the list stays whole as the code changes."""
    from tests.conftest import OUTLINE

    probe = ("import sys; from pathlib import Path\n"
             "import deckgen.build.pipeline as pipeline\n"
             "import deckgen.build.planning as planning\n"
             "from deckgen.build.request import BuildRequest\n"
             "seen = []\n"
             "real = pipeline.import_beforehand\n"
             "pipeline.import_beforehand = lambda: (real(), seen.append(set(sys.modules)))\n"
             "request = BuildRequest(Path(sys.argv[1]), Path(sys.argv[2]))\n"
             "pipeline.build(request, planning.start_planning(request))\n"
             "print(sorted(m for m in set(sys.modules) - seen[0] if m.startswith('deckgen') or m == 'pickle'))\n")
    done = _fresh("-c", probe, str(OUTLINE), str(tmp_path / "x.pptx"))
    assert done.returncode == 0, done.stderr
    late = eval(done.stdout.strip())  # the modules imported after the plan
    assert not [m for m in late if m.startswith(("deckgen.render", "deckgen.package")) or m == "pickle"], " ".join(late)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform: a build runs in one process")
def test_a_fresh_build_reads_the_old_deck_while_the_copy_plans_and_keeps_an_edited_one(tmp_path: Path) -> None:
    """The fresh process reads what is at the output while the copy plans (not beside the package check):
    an edited deck there is still kept as a backup, with the warning, and an unchanged one replaced."""
    import zipfile

    from tests.conftest import OUTLINE

    out = tmp_path / "deck.pptx"

    def fresh() -> subprocess.CompletedProcess[str]:
        return _fresh("-m", "deckgen", "build", str(OUTLINE), "-o", str(out))

    assert fresh().returncode == 0 and state(out).kind == "ours"
    done = fresh()  # unchanged: replaced, no backup
    assert done.returncode == 0 and "Warning" not in done.stderr and list(tmp_path.iterdir()) == [out]
    members = _members(out)  # edited in PowerPoint: a slide's text changed
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data.replace(b"<a:t>", "<a:t>改".encode(), 1) if name == "ppt/slides/slide2.xml" else data)
    assert state(out).kind == "edited"
    done = fresh()
    backups = [p for p in tmp_path.iterdir() if p != out]
    assert done.returncode == 0 and len(backups) == 1 and "was changed after deckgen wrote it" in done.stderr
    assert state(out).kind == "ours" and state(backups[0]).kind == "edited"
