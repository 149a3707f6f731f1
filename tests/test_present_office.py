"""LibreOffice and poppler: finding them, converting with timeouts and clear errors, rendering pages."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckgen.present import office
from deckgen.errors import DeckgenError, ToolMissingError
from tests.conftest import require_tools


def _fake_soffice(folder: Path, script: str) -> Path:
    """A stand-in `soffice` on PATH that runs `script` (sh)."""
    exe = folder / "soffice"
    exe.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    exe.chmod(0o755)
    return exe


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No LibreOffice or poppler anywhere."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(office, "_SOFFICE_PLACES", ())


class DescribeMissingTools:
    def it_says_what_to_install_for_libreoffice(self, no_office: None) -> None:
        with pytest.raises(ToolMissingError) as err:
            office.find_soffice()
        message = err.value.format_message()
        assert "\n" not in message
        assert "apt-get install libreoffice-impress fonts-noto-cjk" in message
        assert err.value.exit_code == 1

    def it_says_what_to_install_for_poppler(self, no_office: None) -> None:
        with pytest.raises(ToolMissingError, match="apt-get install poppler-utils"):
            office.find_tool("pdftoppm")

    def it_finds_libreoffice_in_its_install_folder_when_not_on_path(self, no_office: None, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
        exe = _fake_soffice(tmp_path, "exit 0")
        monkeypatch.setattr(office, "_SOFFICE_PLACES", ("/nowhere/soffice", str(exe)))
        assert office.find_soffice() == str(exe)


class DescribeConvertFailures:
    """With a stand-in soffice: no LibreOffice needed, each failure is one clear line."""

    def it_stops_a_conversion_that_hangs_and_ends_its_helpers(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        marker = tmp_path / "helper.pid"
        _fake_soffice(tmp_path, f"sleep 30 &\necho $! > {marker}\nwait")
        monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        started = time.monotonic()
        with pytest.raises(DeckgenError, match="did not finish converting .* within 1 s"):
            office.convert_to_pdf(tmp_path / "deck.pptx", tmp_path / "out", timeout=1)
        assert time.monotonic() - started < 10
        helper = int(marker.read_text())
        for _ in range(50):  # the helper in the same process group was killed too
            if not _alive(helper):
                break
            time.sleep(0.1)
        assert not _alive(helper)

    def it_reports_libreoffices_own_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1")
        monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        with pytest.raises(DeckgenError, match=r"could not convert .*deck.pptx.* to PDF: Error: source file could not be loaded"):
            office.convert_to_pdf(tmp_path / "deck.pptx", tmp_path / "out")

    def it_reports_a_conversion_that_writes_nothing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        _fake_soffice(tmp_path, "exit 0")
        monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        with pytest.raises(DeckgenError, match="could not convert .* exit code 0"):
            office.convert_to_pdf(tmp_path / "deck.pptx", tmp_path / "out")

    def it_uses_a_private_profile_and_headless_mode(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        args = tmp_path / "args.txt"
        _fake_soffice(tmp_path, f'for a in "$@"; do echo "$a"; done > {args}\nexit 1')
        monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
        with pytest.raises(DeckgenError):
            office.convert_to_pdf(tmp_path / "deck.pptx", tmp_path / "out")
        got = args.read_text().splitlines()
        assert "--headless" in got and "--convert-to" in got
        profile = next(a for a in got if a.startswith("-env:UserInstallation=file://"))
        assert "deckgen-lo-" in profile and not Path(profile.split("file://", 1)[1]).exists()  # removed afterwards


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a killed child not yet reaped by init is a zombie: not alive
    return not stat.exists() or stat.read_text().rsplit(")", 1)[-1].split()[0] != "Z"


@pytest.mark.soffice
def test_write_pdf_embeds_the_chinese_fonts_and_keeps_the_text(shipped_deck: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext", "pdffonts", "pdfinfo")
    from deckgen.package.deck import read_deck

    target = tmp_path / "deck.pdf"
    target.write_bytes(b"old")
    done = office.write_pdf(shipped_deck, target, slides=27)
    assert done.pdf == target and done.seconds > 0
    assert office.page_count(target) == len(read_deck(shipped_deck).slides)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert any("NotoSansCJK" in f or "CJK" in f for f in fonts)
    assert all(f.split()[-5] == "yes" for f in fonts), fonts  # the "emb" column
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "坚定不移推动高质量发展" in text and "中国式现代化的本质要求" in text
    # the PDF that was there, not deckgen's, is kept as a dated backup; no temporary folder is left behind
    assert done.backup is not None and done.backup.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["deck.pdf", done.backup.name])
    # deckgen's own PDF, unchanged since, is replaced without a backup
    again = office.write_pdf(shipped_deck, target, slides=27)
    assert again.backup is None and sorted(p.name for p in tmp_path.iterdir()) == sorted(["deck.pdf", done.backup.name])


@pytest.mark.soffice
@pytest.mark.parametrize("command, signum", [(["build", "outline.yaml", "--pdf"], signal.SIGTERM),
                                             (["handout", "outline.yaml"], signal.SIGTERM),
                                             (["build", "outline.yaml", "--pdf"], signal.SIGHUP)])
def test_a_stop_signal_ends_libreoffice_and_leaves_nothing_behind(tmp_path: Path, command: list[str], signum: int) -> None:
    """SIGTERM (or SIGHUP) while LibreOffice converts: handled as Ctrl-C is. LibreOffice is ended, the hidden
    folders beside the deck and in TMPDIR are removed, and the PDF that was there is untouched."""
    require_tools("soffice", "pdftoppm", "pdfinfo")
    from tests.conftest import OUTLINE
    from tests.sweep.run import _marked_processes

    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    (work / "outline.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "outline.pdf").write_bytes(b"%PDF-1.4 the user's own\n%%EOF\n")
    marker = f"signal-{os.getpid()}-{tmp_path.name}"
    env = {**os.environ, "TMPDIR": str(tmp), "DECKGEN_SWEEP_CASE": marker,
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parent.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", *command], cwd=work, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not any("soffice" in n for _, n in _marked_processes(marker)):
        time.sleep(0.05)
    time.sleep(0.5)
    assert proc.poll() is None, "finished before LibreOffice was seen"
    os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    for _ in range(40):
        left = _marked_processes(marker)
        if not left:
            break
        time.sleep(0.05)
    for pid, _ in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "LibreOffice still runs"
    assert proc.returncode == 1 and b"Traceback" not in err
    assert list(tmp.iterdir()) == []
    assert not [p.name for p in work.iterdir() if p.name.startswith(".")]
    assert (work / "outline.pdf").read_bytes() == b"%PDF-1.4 the user's own\n%%EOF\n"
