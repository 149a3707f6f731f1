"""The command line as a user meets it: outputs, messages and exit codes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from tests.conftest import OUTLINE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_build_writes_a_deck_beside_the_outline(runner: CliRunner, tmp_path: Path) -> None:
    outline = tmp_path / "lecture.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(outline)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lecture.pptx").is_file()
    assert f"Wrote {tmp_path / 'lecture.pptx'} (28 slides)" in result.output


def test_build_without_arguments_builds_the_shipped_outline(runner: CliRunner, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outline.pptx").is_file()
    assert "28 slides" in result.output


def test_bad_outline_lists_every_problem_exits_1_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "outline.yaml"
    bad.write_text("deck:\n  title: T\n  colour: red\nsections:\n  - title: [x]\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(bad)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"Error: {bad}:3:3: deck.colour: unknown key 'colour'; allowed: title, subtitle, presenter, date, language, markup, theme, template_roles, notes",
        f"Error: {bad}:5:12: sections[0].title: expected text, got a list; write it as text (in quotes if it holds ': ', '[' or '{{')",
    ]
    assert not (tmp_path / "outline.pptx").exists()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"# nothing but a comment\n", "the file is empty"),
    ("deck: {title: 标题}\n".encode("gb18030"), "not UTF-8 text"),
    (b"deck:\n  title: a\n  title: b\nsections: [{title: s}]\n", "duplicate key 'title'"),
    (b"deck: [\n", "YAML syntax error"),
])
def test_content_errors_exit_1_with_a_located_message(runner: CliRunner, tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "o.yaml"
    f.write_bytes(content)
    result = runner.invoke(main, ["build", str(f)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {f}:") and message in result.output
    assert not (tmp_path / "o.pptx").exists()


def test_missing_outline_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["build", "--nope"]).exit_code == 2
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "deck.txt")])
    assert result.exit_code == 2 and "does not end in .pptx" in result.output


def test_output_in_a_missing_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "no" / "deck.pptx")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_unknown_theme_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx"), "--theme", "nosuch"])
    assert result.exit_code == 1
    assert "unknown theme 'nosuch'" in result.output


def test_themes_lists_the_built_in_themes(runner: CliRunner) -> None:
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert "party" in names and len(names) == len(set(names))


@pytest.mark.parametrize("args", [["--help"], ["themes"], ["build", "--help"]])
def test_light_commands_do_not_import_python_pptx(args: list[str]) -> None:
    code = ("import sys; from deckgen.cli import main\ntry:\n main(%r)\nexcept SystemExit: pass\n"
            "print('pptx' in sys.modules)" % (args,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_python_m_deckgen_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "deckgen", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("deckgen, version")


def test_the_program_ends_with_the_commands_status_and_all_its_output(tmp_path: Path) -> None:
    """`run` ends the process without the interpreter's teardown: the exit status and every line written
    (stdout and stderr, to pipes) must still be the command's, and the deck complete on disk."""
    def deckgen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deckgen", *args], capture_output=True, text=True, cwd=tmp_path)

    usage = deckgen("build", "--no-such-option")
    assert usage.returncode == 2 and "No such option" in usage.stderr
    missing = deckgen("build", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    built = deckgen("build", str(outline))
    assert built.returncode == 0, built.stderr
    assert built.stdout.rstrip().splitlines()[-1].lstrip().startswith("total")  # the last line of the report
    from pptx import Presentation

    assert len(Presentation(str(tmp_path / "outline.pptx")).slides) > 10
    schema = deckgen("schema")
    assert schema.returncode == 0 and schema.stdout.rstrip().endswith("}")  # a long output, whole


@pytest.mark.parametrize("option, value", [("--rate", "nan"), ("--rate", "inf"), ("--rate", "1e-310"), ("--rate", "1e308"),
                                           ("--rate", "0"), ("--duration", "nan"), ("--duration", "1e-300")])
def test_numbers_on_the_command_line_are_finite_and_bounded(runner: CliRunner, tmp_path: Path, option: str, value: str) -> None:
    """`--rate nan` once built a deck and then crashed; `--rate 1e-310` divided by almost nothing."""
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(outline), option, value])
    assert result.exit_code == 2 and f"{value!r} is not a number from" in result.output
    assert not (tmp_path / "outline.pptx").exists()


@pytest.mark.parametrize("name, message", [("微软\a雅黑", "control character U+0007"), ("", "1 to 64 characters"),
                                           ("字" * 65, "1 to 64 characters")])
def test_an_east_asian_font_name_is_printable_text(runner: CliRunner, tmp_path: Path, name: str, message: str) -> None:
    from pptx import Presentation

    Presentation().save(str(tmp_path / "org.pptx"))
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx"), "--template",
                                  str(tmp_path / "org.pptx"), "--east-asian-font", name])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_sigterm_is_handled_like_ctrl_c_while_a_command_runs_and_restored_after(runner: CliRunner) -> None:
    import signal

    from deckgen.cli import Terminated, _stop

    before = signal.getsignal(signal.SIGTERM)
    seen = []

    @main.command("probe-signals")
    def probe() -> None:
        seen.append(signal.getsignal(signal.SIGTERM))

    try:
        assert runner.invoke(main, ["probe-signals"]).exit_code == 0
    finally:
        main.commands.pop("probe-signals")
    assert seen == [_stop] and signal.getsignal(signal.SIGTERM) == before
    with pytest.raises(Terminated):
        _stop(signal.SIGTERM, None)
    assert issubclass(Terminated, KeyboardInterrupt)


# ------------------------------------------------------------------ the front door (issue #15)

def test_deckgen_without_arguments_shows_the_own_lecture_path_and_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(main, [])
    assert result.exit_code == 0
    assert "deckgen outline my-lecture.docx -o outline.yaml" in result.output
    assert result.output.index("outline my-lecture") < result.output.index("deckgen build") \
        < result.output.index("deckgen preview")


@pytest.mark.parametrize("name", ["lecture.docx", "report.txt", "notes.md"])
def test_building_a_lecture_says_to_draft_its_outline_first(runner: CliRunner, tmp_path: Path, name: str) -> None:
    lecture = tmp_path / name
    lecture.write_text("同志们：\n一、总体要求\n正文。\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(lecture)])
    assert result.exit_code == 2
    assert f"is a lecture, not an outline: run `deckgen outline {lecture}" in result.output
    assert not list(tmp_path.glob("*.pptx"))


def test_lecture_text_under_a_yaml_name_is_named_a_lecture(runner: CliRunner, tmp_path: Path) -> None:
    outline = tmp_path / "report.yaml"
    outline.write_text("政府工作报告\n各位代表：\n现在我代表国务院作报告。\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(outline)])
    assert result.exit_code == 1
    assert f"got text; this looks like a lecture, not an outline: save it as {outline.with_suffix('.txt')} and run `deckgen outline" in result.output


@pytest.mark.parametrize("name, advice", [("outline.yaml", "deckgen build"), ("deck.pptx", "deckgen pull")])
def test_outline_refuses_an_outline_or_a_deck_as_the_lecture(runner: CliRunner, tmp_path: Path, name: str,
                                                            advice: str) -> None:
    given = tmp_path / name
    given.write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(main, ["outline", str(given), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {given}: this is a") and f"`{advice} {given}" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_themes_marks_the_default_and_a_theme_typo_gets_a_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    from deckgen.theme.model import DEFAULT_THEME

    lines = runner.invoke(main, ["themes"]).output.splitlines()
    assert [line for line in lines if "(default)" in line] == [next(line for line in lines if line.startswith(DEFAULT_THEME))]
    result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / "d.pptx"), "--theme", "acdemic"])
    assert result.exit_code == 1 and "unknown theme 'acdemic'; did you mean 'academic'?" in result.output


@pytest.mark.parametrize("command", ["handout", "preview"])
def test_present_commands_name_their_argument_as_usage_does(runner: CliRunner, command: str) -> None:
    text = runner.invoke(main, [command, "--help"]).output
    assert f"{command} [OPTIONS] SOURCE" in text and "SOURCE is a built deck (DECK.pptx) or an outline" in text
    if command == "handout":
        assert "--paper [a4|letter]  The page size" in text


def test_a_build_leaves_the_cycle_collector_as_it_found_it(runner: CliRunner, tmp_path: Path) -> None:
    """The build tunes Python's collector for itself only: in a process that builds again and again (the
    tests, `--watch`) nothing stays set aside, so garbage made between builds is collected."""
    import gc

    threshold = gc.get_threshold()
    for name in ("a", "b"):
        result = runner.invoke(main, ["build", str(OUTLINE), "-o", str(tmp_path / f"{name}.pptx")])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: [\n", encoding="utf-8")
    assert runner.invoke(main, ["build", str(bad), "-o", str(tmp_path / "c.pptx")]).exit_code == 1
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold


# --- the top-level help and version without the command group (issue #19) ---------------------------------------

def _program(args: list[str], columns: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "deckgen", *args], capture_output=True,
                          text=True, env=env)


def _click(args: list[str], columns: str) -> str:
    code = "import sys\nfrom deckgen.cli import main\nmain(sys.argv[1:], prog_name='deckgen')"
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env).stdout


def test_help_txt_is_the_help_click_renders() -> None:
    """`cli/help.txt` is the group's help at full width as the installed click renders it, under a first line
    naming that click; `DECKGEN_UPDATE_GOLDEN=1` writes it again after a command, its help or click changes.
    With another click installed than the one named, the stored help is not used."""
    from deckgen.cli import HELP, RENDERED_BY, click_version, stored_help

    version = click_version()
    assert version is not None  # click is installed as a dist-info beside its package
    rendered = _click(["--help"], "200")
    if os.environ.get("DECKGEN_UPDATE_GOLDEN"):
        Path(HELP).write_text(f"{RENDERED_BY}{version}\n{rendered}", encoding="utf-8")
    first = Path(HELP).read_text(encoding="utf-8").splitlines()[0]
    if first == RENDERED_BY + version:
        assert stored_help(HELP, version) == rendered
    else:
        assert stored_help(HELP, version) is None


def test_stored_help_is_used_only_with_the_click_that_rendered_it(tmp_path: Path) -> None:
    from deckgen.cli import stored_help

    path = tmp_path / "help.txt"
    path.write_text("rendered by click 8.5.1\nUsage: deckgen [OPTIONS] [COMMAND] [ARGS]...\n", encoding="utf-8")
    assert stored_help(str(path), "8.5.1") == "Usage: deckgen [OPTIONS] [COMMAND] [ARGS]...\n"
    assert stored_help(str(path), "8.4.0") is None
    assert stored_help(str(path), None) is None
    assert stored_help(str(tmp_path / "missing.txt"), "8.5.1") is None


@pytest.mark.parametrize("args", [[], ["-h"], ["--help"], ["--version"]])
def test_help_and_version_print_what_click_prints_without_importing_it(args: list[str]) -> None:
    from deckgen.cli import HELP, click_version, stored_help

    done = _program(args, "120")
    assert done.returncode == 0
    assert done.stdout == _click(args, "120")
    imported = " click" in done.stderr or "deckgen.cli.group" in done.stderr  # -X importtime lists every import
    # without click when help.txt is this click's rendering (or for --version); through click otherwise
    assert imported == (args != ["--version"] and stored_help(HELP, click_version()) is None)


def test_a_narrow_terminal_gets_help_wrapped_by_click() -> None:
    done = _program(["--help"], "60")
    assert done.returncode == 0 and done.stdout == _click(["--help"], "60")
    assert "Turn your lecture (.docx, .txt, .md) into a themed,\n" in done.stdout  # wrapped at 58
    assert " click" in done.stderr


def test_a_command_goes_through_the_group() -> None:
    done = _program(["themes"], "120")
    assert done.returncode == 0 and "party" in done.stdout
    bad = _program(["--no-such-option"], "120")
    assert bad.returncode == 2 and "No such option" in bad.stderr
