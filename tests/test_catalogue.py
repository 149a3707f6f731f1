"""A catalogue of bad inputs, each met as a user meets it: one `Error:` line naming the file, line and column
where they exist and what to do, exit code 1, no traceback, nothing written. Inputs deckgen repairs (a BOM,
control characters, lone surrogates) or takes as they are (a 1 MB note, ten thousand bullets) build."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Union

import pytest
from click.testing import CliRunner

from deckgen.cli import main

Content = Union[str, bytes, Callable[[Path], bytes]]
FIFO = "\0fifo"      # a named pipe, which nothing writes: reading it would block for ever
LOOP = "\0loop"      # a symbolic link to itself
SMALL = "deck:\n  title: 讲座\nsections:\n  - title: 第一部分\n    notes: 正文。\n"


@dataclass(frozen=True)
class Case:
    """Files to create in an empty folder, the command line run there, and what must come back.

    `error` is a regex the single `Error:` line must match in full; without it the command must succeed,
    print a warning matching each of `warnings`, and pass `check` on the folder. `isolate` runs the command
    in a child process (a crash there fails the case instead of the test run)."""

    args: list[str]
    files: dict[str, Content] = field(default_factory=dict)
    error: Optional[str] = None
    warnings: tuple[str, ...] = ()
    check: Optional[Callable[[Path], None]] = None
    isolate: bool = False


# --------------------------------------------------------------------------------------------- makers

def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bomb(member: str, megabytes: int) -> Callable[[Path], bytes]:
    """A small zip whose one member unpacks to `megabytes` MB of zeros."""
    def make(folder: Path) -> bytes:
        target = folder / ".bomb.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open(member, "w", force_zip64=True) as fh:
                chunk = bytes(1 << 20)
                for _ in range(megabytes):
                    fh.write(chunk)
        data = target.read_bytes()
        target.unlink()
        assert len(data) < megabytes * 1024 * 4  # small on disk, huge unpacked
        return data
    return make


def _template_without_layouts(folder: Path) -> bytes:
    """python-pptx's default template with every layout removed."""
    from tests.office import save_title_layout_only

    target = save_title_layout_only(folder / ".t.pptx", keep=0)
    data = target.read_bytes()
    target.unlink()
    return data


def _damaged_theme(folder: Path) -> bytes:
    """python-pptx's default template with its theme part cut off in the middle."""
    import io

    from pptx import Presentation

    saved = io.BytesIO()
    Presentation().save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[: len(data) // 2] if info.filename == "ppt/theme/theme1.xml" else data)
    return out.getvalue()


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _block_nesting(levels: int) -> str:
    return "deck:\n  title: T\nsections:\n  - title: S\n    notes:\n" + "".join(
        " " * (6 + 2 * i) + "k:\n" for i in range(levels)) + " " * (6 + 2 * levels) + "v\n"


# ---------------------------------------------------------------------------------------- deck checks

def _parts(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".xml")}


def _texts(deck: Path) -> list[str]:
    from pptx import Presentation

    prs = Presentation(str(deck))
    out = []
    for slide in prs.slides:
        out += [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return out


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean_deck(expected: list[str]) -> Callable[[Path], None]:
    """The deck has every `expected` text, no `_xHHHH_` escape in any part and no control character in any text."""
    def check(folder: Path) -> None:
        deck = folder / "outline.pptx"
        for name, data in _parts(deck).items():
            assert b"_x00" not in data, f"{name} holds an escaped control character"
        texts = _texts(deck)
        assert not any(_CONTROL.search(t.replace("\v", "")) for t in texts)
        for want in expected:
            assert any(want in t for t in texts), f"{want!r} is not in the deck"
    return check


def _note_kept(note: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert note in _texts(folder / "outline.pptx")
    return check


def _all_bullets(n: int) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        from pptx import Presentation

        prs = Presentation(str(folder / "outline.pptx"))
        bodies = [p.text for s in prs.slides for sh in s.placeholders if sh.placeholder_format.idx == 1
                  for p in sh.text_frame.paragraphs]
        bullets = [b for b in bodies if b.startswith("要点")]
        assert bullets == [f"要点{i}" for i in range(n)]
    return check


ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(2000)
PICTURE = (b'<p:pic><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
           b'<a:blip r:embed="rId99"/></p:blipFill><p:spPr/></p:pic>')


def _template(edit: Callable[[str, bytes], bytes]) -> bytes:
    """python-pptx's default template (a package PowerPoint wrote) with its members passed through `edit`."""
    import io

    from pptx import Presentation

    saved = io.BytesIO()
    Presentation().save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, edit(info.filename, zin.read(info)))
    return out.getvalue()


def _main_type_is_presentation(folder: Path) -> None:
    with zipfile.ZipFile(folder / "outline.pptx") as z:
        types = z.read("[Content_Types].xml")
        assert b"presentationml.presentation.main+xml" in types and b"macroEnabled" not in types and b"slideshow" not in types
        assert not any(b'r:embed="rId99"' in z.read(n) for n in z.namelist())


# ------------------------------------------------------------------------------------------- the table

CHART = "    chart:\n      type: column\n      categories: [甲, 乙]\n      series:\n        - {name: 值, values: [1, 2]}\n"
BIG_NOTE = ("这是一段很长的讲稿。" * 10 + "\n") * 10_400  # about 1 MB of UTF-8 in the notes of one slide
OUT = ["-o", "deck.pptx"]

CASES: dict[str, Case] = {
    # --- YAML --------------------------------------------------------------------------------------
    "yaml-unclosed-quote": Case(["build", "outline.yaml"], {"outline.yaml": 'deck:\n  title: "unclosed\nsections: []\n'},
        r"outline\.yaml:4:1: YAML syntax error: .*; close what was opened at line 2, column 10"),
    "yaml-colon-in-text": Case(["build", "outline.yaml"], {"outline.yaml": "deck:\n  title: 讲座: 第一讲\nsections: []\n"},
        r"outline\.yaml:2:12: YAML syntax error: mapping values are not allowed here; put text that contains ': ' in quotes"),
    "yaml-bad-indentation": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n  - title: S\n   bullets: [a]\n"},
        r"outline\.yaml:5:4: YAML syntax error: .*; this line is indented differently .*"),
    # The slips a Chinese user makes (issue #15): the line they wrote, the cause named, the fix in outline terms.
    "yaml-full-width-colon": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲座\n  presenter：张老师\n  date: 2024年\nsections:\n  - title: 一\n    notes: 正文。\n"},
        r"outline\.yaml:3:12: YAML syntax error: 'presenter' is followed by a full-width colon '：'; YAML needs the ASCII "
        r"colon ':' and a space: write `presenter: 张老师`"),
    "yaml-full-width-colon-in-a-list": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲座\nsections:\n  - title：第一部分\n    notes: 正文。\n"},
        r"outline\.yaml:4:10: YAML syntax error: 'title' is followed by a full-width colon '：'.*write `- title: 第一部分`"),
    "yaml-missing-colon": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "  - title 第二部分\n    notes: 正文。\n"},
        r"outline\.yaml:6:10: YAML syntax error: missing ':' after 'title'; write `- title: 第二部分`"),
    "yaml-notes-not-indented": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲座\nsections:\n  - title: 第一部分\n    notes: |\n    第一段正文。\n    第二段：正文。\n"},
        r"outline\.yaml:6:5: YAML syntax error: the text under `notes: \|` \(line 5\) must be indented further than "
        r"'notes' \(column 5\): start its lines in column 7"),
    "yaml-key-indented-too-far": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲座\nsections:\n  - title: 第一部分\n     notes: 正文。\n"},
        r"outline\.yaml:5:6: YAML syntax error: 'notes' is indented 1 space more than 'title' on line 4; the keys of one "
        r"entry start in the same column: move it to column 5"),
    "yaml-no-space-after-colon": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲座\n  presenter:张老师\nsections:\n  - title: 一\n    notes: 正文。\n"},
        r"outline\.yaml:3:13: YAML syntax error: no space after the colon of 'presenter'; YAML needs one: write "
        r"`presenter: 张老师`"),
    "yaml-colon-in-a-bullet": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "    bullets:\n      - 目标: 稳中求进\n"},
        r"outline\.yaml:7:9: sections\[0\]\.bullets\[0\]: expected text, got a mapping; text holding ': ' is read as "
        r"`key: value`: put it in quotes, \"目标: 稳中求进\", or write the Chinese colon, 目标：稳中求进"),
    "yaml-bullets-as-one-string": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "    bullets: 稳中求进，高质量发展\n"},
        r"outline\.yaml:6:14: sections\[0\]\.bullets: expected a list, got text; write one bullet a line after '- ', "
        r"or a list in brackets: `bullets: \[稳中求进, 高质量发展\]`"),
    "yaml-lecture-text-as-outline": Case(["build", "report.yaml"],
        {"report.yaml": "政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n"},
        r"report\.yaml:1:1: the outline must be a mapping with 'deck' and 'sections', got text; this looks like a "
        r"lecture, not an outline: save it as report\.txt and run `deckgen outline report\.txt` to draft its outline"),
    "tab-indentation": Case(["build", "outline.yaml"], {"outline.yaml": "deck:\n\ttitle: T\nsections: []\n"},
        r"outline\.yaml:2:1: a tab is used for indentation; YAML needs spaces"),
    "duplicate-key": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.replace("  title: 讲座\n", "  title: 讲座\n  title: 又一个\n")},
        r"outline\.yaml:3:3: deck\.title: duplicate key 'title' \(first at line 2\); .*keep one"),
    "wrong-type": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.replace("title: 第一部分", "title: [第一, 部分]")},
        r"outline\.yaml:4:12: sections\[0\]\.title: expected text, got a list; write it as text .*"),
    "unknown-key": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    bulets: [a]\n"},
        r"outline\.yaml:6:5: sections\[0\]\.bulets: unknown key 'bulets'; did you mean 'bullets'\?"),
    "escape-sequence-in-a-key": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + '    "\\e[31mred": x\n'},
        r"outline\.yaml:6:5: sections\[0\]\['\\x1b\[31mred'\]: unknown key '\\x1b\[31mred'; allowed: .*"),
    "missing-sections": Case(["build", "outline.yaml"], {"outline.yaml": "deck:\n  title: T\n"},
        r"outline\.yaml:1:1: sections: required key 'sections' is missing; add it"),
    "empty-file": Case(["build", "outline.yaml"], {"outline.yaml": ""},
        r"outline\.yaml:1:1: the file is empty \(no YAML content\); fill it in, or check that this is the right file"),
    "only-comments": Case(["build", "outline.yaml"], {"outline.yaml": "# 大纲\n# 还没写\n"},
        r"outline\.yaml:1:1: the file is empty \(no YAML content\); .*"),
    "top-level-list": Case(["build", "outline.yaml"], {"outline.yaml": "- 一\n- 二\n"},
        r"outline\.yaml:1:1: the outline must be a mapping with 'deck' and 'sections', got a list"),
    "two-documents": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "---\n" + SMALL},
        r"outline\.yaml:7:1: more than one YAML document \('---'\); put everything in one"),
    "not-utf8-latin1": Case(["build", "outline.yaml"], {"outline.yaml": "deck:\n  title: café\nsections: []\n".encode("latin-1")},
        r"outline\.yaml:2:13: not UTF-8 text \(byte 0xe9\); save the file as UTF-8"),
    "not-utf8-gbk": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.encode("gbk")},
        r"outline\.yaml:2:10: not UTF-8 text \(byte 0xbd\) \(it looks like GBK/GB18030.*\); save the file as UTF-8"),
    "utf16": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.encode("utf-16")},
        r"outline\.yaml:1:1: the file is UTF-16 text; save it as UTF-8"),
    "binary-outline": Case(["build", "outline.yaml"], {"outline.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        r"outline\.yaml:3:1: not a text file \(it holds NUL bytes\); is this the right file\? YAML files are UTF-8 text"),
    "deep-flow-nesting": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n  - title: S\n    notes: " + "[" * 200_000 + "]" * 200_000 + "\n"},
        r"outline\.yaml:5:\d+: nested more than 40 levels deep; flatten it", isolate=True),
    "deep-block-nesting": Case(["build", "outline.yaml"], {"outline.yaml": _block_nesting(60)},
        r"outline\.yaml:\d+:\d+: nested more than 40 levels deep; flatten it"),
    "alias-bomb": Case(["build", "outline.yaml"], {"outline.yaml": _alias_bomb()},
        r"outline\.yaml:\d+:\d+: .*more than 200000 values \(an alias bomb\?\); refusing to expand: write the values out.*"),
    "python-tag": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL.replace("title: 讲座", "title: !!python/object/apply:os.system [touch pwned]")},
        r"outline\.yaml:2:10: deck\.title: the YAML tag '!!python/object/apply:os\.system' is not supported .*; remove it"),
    "title-100k-characters": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.replace("第一部分", "长" * 100_000)},
        r"outline\.yaml:4:12: sections\[0\]\.title: 100000 characters, more than the 500 a slide can show; shorten it.*"),
    "twelve-thousand-sections": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n" + "".join(f"  - title: 第{i}部分\n" for i in range(12000))},
        r"outline\.yaml:10004:5: sections\[10000\]: the outline has 12000 entries, more than the 10000 slides .*; "
        r"split the lecture into several decks"),
    "two-million-characters-of-bullets": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n" + "".join(
            f"  - title: 第{i}部分\n    bullets:\n" + "      - " + "长" * 1900 + "\n" for i in range(1100))},
        r"outline\.yaml:3151:5: sections\[1049\]: the slides' titles and bullets pass 2000000 characters here; "
        r"move the spoken text into notes.*"),
    "bad-outline-over-a-deck": Case(["build", "outline.yaml", "-o", "old.pptx"],
        {"outline.yaml": "deck: [\n", "old.pptx": b"PK\x03\x04 a deck with the user's edits"},
        r"outline\.yaml:2:1: YAML syntax error: .*"),
    "missing-outline": Case(["build", "nothere.yaml"], {},
        r"nothere\.yaml: file 'nothere\.yaml' does not exist"),
    # --- slide kinds -------------------------------------------------------------------------------
    "kind-unknown": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    kind: bulets\n"},
        r"outline\.yaml:6:11: sections\[0\]\.kind: unknown slide kind 'bulets'; expected one of .*; did you mean 'bullets'\?"),
    "chart-type-unknown": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + CHART.replace("column", "donut")},
        r"outline\.yaml:7:13: sections\[0\]\.chart\.type: unknown type 'donut'; expected one of column, bar, line, pie"),
    "chart-value-not-a-number": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + CHART.replace("[1, 2]", "[1, 2万]")},
        r"outline\.yaml:10:33: sections\[0\]\.chart\.series\[0\]\.values\[1\]: expected a number, got '2万'; write the unit .*"),
    "chart-without-series": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "    chart: {type: bar, categories: [甲], series: []}\n"},
        r"outline\.yaml:6:49: sections\[0\]\.chart\.series: needs at least one entry, got 0; add one"),
    "chart-series-length": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + CHART.replace("[1, 2]", "[1, 2, 3]")},
        r"outline\.yaml:10:29: sections\[0\]\.chart\.series\[0\]\.values: 3 values for 2 categories; give one value per category"),
    "table-row-width": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "    table:\n      header: [项目, 数值]\n      rows: [[甲, '1'], [乙]]\n"},
        r"outline\.yaml:8:24: sections\[0\]\.table\.rows\[1\]: 1 cell in a table of 2 columns; give every row .*"),
    "numbers-too-many": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    numbers: [" + ", ".join(
        f"{{value: '{i}', label: 第{i}项}}" for i in range(5)) + "]\n"},
        r"outline\.yaml:6:14: sections\[0\]\.numbers: takes at most 4 entries, got 5; give the others a slide of their own"),
    "compare-without-right": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    compare: {left: {title: 过去}}\n"},
        r"outline\.yaml:6:14: sections\[0\]\.compare\.right: required key 'right' is missing; add it"),
    "quote-without-text": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    quote: {source: 某人}\n"},
        r"outline\.yaml:6:12: sections\[0\]\.quote\.text: required key 'text' is missing; add it"),
    "image-missing": Case(["build", "outline.yaml"], {"outline.yaml": SMALL + "    image: 图/照片.png\n    alt: 照片\n"},
        r"outline\.yaml:6:12: sections\[0\]\.image: image '图/照片\.png' does not exist \(looked at '.*'\); paths are "
        r"relative to the outline's folder"),
    "image-not-a-picture": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL + "    image: photo.png\n    alt: 照片\n", "photo.png": "<html>not a picture</html>"},
        r"outline\.yaml:6:12: sections\[0\]\.image: image 'photo\.png' cannot be read as a picture; give a PNG or JPEG file"),
    # --- themes ------------------------------------------------------------------------------------
    "theme-file-missing": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.replace("  title: 讲座\n", "  title: 讲座\n  theme: ours.yaml\n")},
        r"outline\.yaml:3:10: deck\.theme: theme file 'ours\.yaml' does not exist \(looked at '.*ours\.yaml'\); fix the path.*"),
    "theme-file-malformed": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL.replace("  title: 讲座\n", "  title: 讲座\n  theme: ours.yaml\n"),
         "ours.yaml": "extends: party\ncolors: {accent1: \"C00000\"\n"},
        r"ours\.yaml:3:1: YAML syntax error: .*; close what was opened at line 2, column 9"),
    "theme-bad-value": Case(["build", "outline.yaml", "--theme", "ours.yaml"],
        {"outline.yaml": SMALL, "ours.yaml": "extends: party\ncolors: {accent1: red}\n"},
        r"ours\.yaml:2:19: colors\.accent1: 'red' is not a hex colour like \"A8191B\""),
    "theme-unknown-name": Case(["build", "outline.yaml", "--theme", "partie"], {"outline.yaml": SMALL},
        r"unknown theme 'partie'; did you mean 'party'\? built-in themes: party, .*, or give a path to a \.yaml theme file"),
    # --- templates ---------------------------------------------------------------------------------
    "template-not-a-zip": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": b"%PDF-1.7 not a presentation"},
        r"org\.pptx: not a PowerPoint file .*; save the template from PowerPoint as \.pptx or \.potx"),
    "template-zip-not-presentation": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": _zip({"word/document.xml": b"<w/>"})},
        r"org\.pptx: a zip file, but not a PowerPoint presentation .*; give a \.pptx or \.potx saved by PowerPoint"),
    "template-zip-bomb": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": _bomb("ppt/presentation.xml", 320)},
        r"org\.pptx: the package would unpack to 320 MB, \d+ times its packed size \(a zip bomb\?\); refusing to open it"),
    "template-missing-layouts": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": _template_without_layouts},
        warnings=(r"org\.pptx: the template has no slide layouts at all \(a Keynote export\?\): deckgen added a "
                  r"'Title and Content' layout under its master.*",), check=_clean_deck(["讲座", "第一部分"])),
    "template-damaged": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": _damaged_theme},
        r"org\.pptx: the template is damaged \(.*\); open it in PowerPoint, save it again and retry, or use another template"),
    "template-missing": Case(["build", "outline.yaml", "--template", "org.potx"], {"outline.yaml": SMALL},
        r"org\.potx: template 'org\.potx' does not exist; give the \.pptx or \.potx file to --template"),
    # --- output ------------------------------------------------------------------------------------
    "output-is-a-folder": Case(["build", "outline.yaml", "-o", "decks"], {"outline.yaml": SMALL, "decks/keep.txt": "x"},
        r"output 'decks' is a folder; give a file name such as 'decks/deck\.pptx'"),
    "output-in-a-missing-folder": Case(["build", "outline.yaml", "-o", "nope/deck.pptx"], {"outline.yaml": SMALL},
        r"the folder 'nope' for the output does not exist; create it first, or choose another output"),
    "output-under-a-file": Case(["build", "outline.yaml", "-o", "outline.yaml/deck.pptx"], {"outline.yaml": SMALL},
        r"cannot write 'outline\.yaml/deck\.pptx': 'outline\.yaml' is a file, not a folder; choose another output"),
    # /proc refuses new files to everyone, root included (chmod would not stop root)
    "output-not-writable": Case(["build", "outline.yaml", "-o", "/proc/deckgen-catalogue.pptx"], {"outline.yaml": SMALL},
        r"cannot write in the folder '/proc': files cannot be created there; choose another output"),
    # --- lectures (deckgen outline) ------------------------------------------------------------------
    "lecture-empty": Case(["outline", "lecture.txt"], {"lecture.txt": "\n  \n\u3000\n"},
        r"lecture\.txt: the lecture has no text; give the file that holds the lecture \(\.txt, \.md or \.docx\)"),
    "lecture-binary": Case(["outline", "lecture.txt"], {"lecture.txt": bytes(range(256)) * 8},
        r"lecture\.txt: this is not a text file \(it holds NUL bytes\); give a \.txt, \.md or \.docx lecture"),
    "lecture-docx-not-a-zip": Case(["outline", "lecture.docx"], {"lecture.docx": "其实是纯文本"},
        r"lecture\.docx: not a Word \.docx file .*; save the lecture from Word or WPS as \.docx, or as \.txt"),
    "lecture-docx-zip-bomb": Case(["outline", "lecture.docx"], {"lecture.docx": _bomb("word/document.xml", 64)},
        r"lecture\.docx: the package would unpack to 64 MB, \d+ times its packed size \(a zip bomb\?\); refusing to open it"),
    "outline-exists-without-force": Case(["outline", "lecture.txt"], {"lecture.txt": "讲稿\n正文。\n", "outline.yaml": "# my edits\n"},
        r"'outline\.yaml' already exists and may hold your edits; add --force to overwrite it, or choose another file with -o"),
    # --- repaired or taken as they are ---------------------------------------------------------------
    "bom": Case(["build", "outline.yaml"], {"outline.yaml": "\ufeff" + SMALL}, check=_clean_deck(["讲座", "第一部分"])),
    "control-characters-escaped": Case(["build", "outline.yaml"],
        {"outline.yaml": 'deck:\n  title: "讲\\v座\\x07"\nsections:\n  - title: "第一\\x0b部分"\n    bullets: ["要\\x1b点"]\n'},
        warnings=(r"outline\.yaml:2:10: deck\.title: removed 2 control or invalid character\(s\)",
                  r"outline\.yaml:4:12: sections\[0\]\.title: removed 1"),
        check=_clean_deck(["讲座", "第一部分", "要点"])),
    "control-characters-pasted": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: 讲\x0b座\nsections:\n  - title: 第一\x07部分\n    notes: 正文\x0c。\n"},
        warnings=(r"outline\.yaml:2:11: removed 1 control or invalid character\(s\) \(U\+000B\)",
                  r"outline\.yaml:4:14: removed 1 control or invalid character\(s\) \(U\+0007\)"),
        check=_clean_deck(["讲座", "第一部分", "正文。"])),
    "lone-surrogates": Case(["build", "outline.yaml"],
        {"outline.yaml": 'deck:\n  title: "讲座\\ud800"\nsections:\n  - title: "\\udfff第一部分"\n'},
        warnings=(r"deck\.title: removed 1 control or invalid character",),
        check=_clean_deck(["讲座", "第一部分"])),
    "note-of-1-MB": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n  - title: S\n    notes: |\n"
                         + "".join(f"      {line}\n" for line in BIG_NOTE.splitlines())},
        check=_note_kept(BIG_NOTE.rstrip("\n"))),
    # --- issue #16: files that are no files, packages and text PowerPoint and Word write -----------------
    "outline-fifo": Case(["build", "outline.yaml", *OUT], {"outline.yaml": FIFO},
        r"outline\.yaml: file 'outline\.yaml' is a named pipe \(FIFO\), not a file; deckgen reads regular files only",
        isolate=True),
    "outline-symlink-loop": Case(["build", "outline.yaml", *OUT], {"outline.yaml": LOOP},
        r"outline\.yaml: file 'outline\.yaml' is a symbolic link that loops \(it leads back to itself\); point it at a file"),
    "template-fifo": Case(["build", "outline.yaml", *OUT, "--template", "org.pptx"], {"outline.yaml": SMALL, "org.pptx": FIFO},
        r"org\.pptx: template 'org\.pptx' is a named pipe \(FIFO\), not a file; give the \.pptx or \.potx file to --template",
        isolate=True),
    "lecture-fifo": Case(["outline", "lecture.docx"], {"lecture.docx": FIFO},
        r"lecture\.docx: file 'lecture\.docx' is a named pipe \(FIFO\), not a file; .*", isolate=True),
    "output-fifo": Case(["build", "outline.yaml", *OUT], {"outline.yaml": SMALL, "deck.pptx": FIFO},
        r"output 'deck\.pptx' is a named pipe \(FIFO\), not a file; choose another output", isolate=True),
    "output-symlink-loop": Case(["build", "outline.yaml", *OUT], {"outline.yaml": SMALL, "deck.pptx": LOOP},
        r"output 'deck\.pptx' is a symbolic link that loops \(it leads back to itself\); choose another output"),
    "template-without-main-relationship": Case(["build", "outline.yaml", *OUT, "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": lambda f: _template(lambda n, b: b.replace(b"relationships/officeDocument", b"relationships/x")
                                                                if n == "_rels/.rels" else b)},
        r"org\.pptx: the template is damaged \(.*\); open it in PowerPoint, save it again and retry, or use another template"),
    "template-doctype-entities": Case(["build", "outline.yaml", *OUT, "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": lambda f: _template(lambda n, b: b.replace(b"?>", b'?><!DOCTYPE p:sldLayout [<!ENTITY e "x">]>', 1)
                                                                if n == "ppt/slideLayouts/slideLayout1.xml" else b)},
        r"org\.pptx: the template is damaged \(ppt/slideLayouts/slideLayout1\.xml: has a DOCTYPE, which OOXML does not allow\); .*"),
    "template-encrypted": Case(["build", "outline.yaml", *OUT, "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": ENCRYPTED},
        r"org\.pptx: the file is encrypted \(saved with a password\), so deckgen cannot read it; remove the password .*"),
    "check-encrypted-deck": Case(["check", "deck.pptx"], {"deck.pptx": ENCRYPTED},
        r"deck\.pptx: the file is encrypted \(saved with a password\), so deckgen cannot read it; .*"),
    "check-a-folder": Case(["check", "deck.pptx"], {"deck.pptx/slide.xml": "x"},
        r"deck\.pptx: file 'deck\.pptx' is a folder, not a file; give a file inside it"),
    "title-null": Case(["build", "outline.yaml"], {"outline.yaml": SMALL.replace("title: 讲座", "title: null")},
        r"outline\.yaml:2:10: deck\.title: expected text, got nothing; .*put it in quotes \('~', 'null'\) .*"),
    "template-slideshow": Case(["build", "outline.yaml", "--template", "org.ppsx"],
        {"outline.yaml": SMALL, "org.ppsx": lambda f: _template(lambda n, b: b.replace(b"presentation.main+xml", b"slideshow.main+xml")
                                                               if n == "[Content_Types].xml" else b)},
        check=_main_type_is_presentation),
    "template-macro-free-pptm": Case(["build", "outline.yaml", "--template", "org.pptm"],
        {"outline.yaml": SMALL, "org.pptm": lambda f: _template(lambda n, b: b.replace(
            b"openxmlformats-officedocument.presentationml.presentation.main+xml", b"ms-powerpoint.presentation.macroEnabled.main+xml")
            if n == "[Content_Types].xml" else b)},
        check=_main_type_is_presentation),
    "template-picture-without-image": Case(["build", "outline.yaml", "--template", "org.pptx"],
        {"outline.yaml": SMALL, "org.pptx": lambda f: _template(lambda n, b: b.replace(b"</p:spTree>", PICTURE + b"</p:spTree>", 1)
                                                                if n == "ppt/slideLayouts/slideLayout2.xml" else b)},
        warnings=(r"org\.pptx: ppt/slideLayouts/slideLayout2\.xml: a picture refers to relationship 'rId99'.*dropped the reference",),
        check=_main_type_is_presentation),
    "title-of-300-letters-with-accents": Case(["build", "outline.yaml"],
        {"outline.yaml": SMALL.replace("title: 讲座", 'title: "' + "e\u0301" * 300 + '"')}, check=_clean_deck(["é" * 300])),
    "ten-thousand-bullets": Case(["build", "outline.yaml"],
        {"outline.yaml": "deck:\n  title: T\nsections:\n  - title: S\n    bullets:\n"
                         + "".join(f"      - 要点{i}\n" for i in range(10_000))},
        warnings=(r"outline\.yaml:4:5: '一、S': 10000 bullets do not fit one slide: split into \d+ slides",),
        check=_all_bullets(10_000)),
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def _run(case: Case, folder: Path) -> tuple[int, str]:
    """Run the command in `folder`; return its exit code and its stderr. A traceback fails the case."""
    if case.isolate:
        src = str(Path(__file__).resolve().parent.parent / "src")  # this checkout's deckgen, not an installed one
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
        proc = subprocess.run([sys.executable, "-m", "deckgen", *case.args], cwd=folder, capture_output=True,
                              text=True, timeout=120, env=env)
        assert proc.returncode >= 0, f"killed by signal {-proc.returncode}"
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.returncode, proc.stderr
    result = CliRunner().invoke(main, case.args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_the_catalogue_has_at_least_25_bad_inputs() -> None:
    assert sum(1 for c in CASES.values() if c.error) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    for rel, content in case.files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if content in (FIFO, LOOP):
            os.mkfifo(target) if content == FIFO else target.symlink_to(target.name)
            continue
        data = content(tmp_path) if callable(content) else content
        target.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    started = time.monotonic()
    code, stderr = _run(case, tmp_path)
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"took {elapsed:.0f} s"
    lines = [line for line in stderr.splitlines() if line.strip()]
    if case.error:
        assert code == 1, stderr
        assert len(lines) == 1, stderr
        assert re.fullmatch(f"Error: {case.error}", lines[0]), lines[0]
        assert _snapshot(tmp_path) == before, "files were written or changed"
        assert not os.path.exists("/proc/deckgen-catalogue.pptx")
    else:
        assert code == 0, stderr
        assert not [line for line in lines if line.startswith("Error")], stderr
        for pattern in case.warnings:
            assert any(line.startswith("Warning: ") and re.search(pattern, line) for line in lines), (pattern, stderr)
        assert case.check is not None
        case.check(tmp_path)
        from tests.conftest import assert_valid_package

        assert_valid_package(tmp_path / "outline.pptx")
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
