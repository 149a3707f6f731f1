"""Markdown lectures end to end: words not markup on slides and in notes, links as hyperlinks, code on code
slides, pictures placed, tables native, the same deck from a .txt, the same outline from any encoding."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from PIL import Image

from deckgen.cli import main
from deckgen.extract.markdown import looks_like_markdown, read_markdown
from tests.conftest import assert_valid_package

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
REMOTE = "https://imgs.xkcd.com/comics/password_strength.png"

# Hard-wrapped at 80 columns, as course notes are.
LECTURE = f"""---
title: Hashing and Passwords
layout: lecture
---

# Why hashing matters

A *cryptographic hash function* maps data of arbitrary size to a fixed size, and
has some special properties. You can read more in the [SHA-1 article on
Wikipedia](https://en.wikipedia.org/wiki/SHA-1) or in **any** textbook. The tool
`sha1sum` computes one.

```console
$ printf 'hello' | sha1sum
aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d
```

That output is the same every time you run it on the same input.

## Properties

- It is *deterministic*: the same input always gives the same output.
- It is **non-invertible**: it is hard to find an input for a given output.

![A diagram of a hash function](diagram.png)

## Password strength

![XKCD 936: Password Strength]({REMOTE})

Entropy is measured in bits: `log_2(# of possibilities)` for a uniform choice.

| Password | Entropy (bits) |
|---|---|
| correcthorsebatterystaple | 44 |
| rg8Ql34g | 40 |

<!-- a comment the lecturer left -->

# Symmetric cryptography

Symmetric ciphers hide data with a key. See the
[missing semester notes](https://missing.csail.mit.edu/2020/security/) for more.
"""
RAW = re.compile(r"\*\*|(?<![\w*])\*\S[^*]*\*|`|\]\(|!\[|^#{1,6} |^```")


@pytest.fixture
def lecture(tmp_path: Path) -> Path:
    Image.new("RGB", (400, 300), (30, 120, 200)).save(tmp_path / "diagram.png")
    path = tmp_path / "lecture.md"
    path.write_text(LECTURE, encoding="utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def parts(deck: Path, kind: str) -> list[tuple[str, etree._Element, str]]:
    """(name, XML, relationships XML) of each slide (`slides`) or notes slide (`notesSlides`) of `deck`."""
    with zipfile.ZipFile(deck) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(rf"ppt/{kind}/\w+?\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[-1]))
        return [(n, etree.fromstring(z.read(n)), z.read(n.replace(f"{kind}/", f"{kind}/_rels/") + ".rels").decode())
                for n in names]


def shown_text(root: etree._Element) -> list[str]:
    """Paragraph texts outside code (monospace runs, the code box)."""
    out = []
    for sp in root.iter(f"{{{P}}}sp"):
        if sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").get("name") == "Code":
            continue
        for p in sp.iter(f"{{{A}}}p"):
            out.append("".join(r.findtext(f"{{{A}}}t") or "" for r in p.iter(f"{{{A}}}r")
                               if r.find(f"{{{A}}}rPr/{{{A}}}latin[@typeface='Consolas']") is None))
    return out


def build(lecture: Path, name: str = "outline") -> tuple[Path, str]:
    outline = lecture.parent / f"{name}.yaml"
    said = run("outline", str(lecture), "-o", str(outline), "--force")
    deck = lecture.parent / f"{name}.pptx"
    run("build", str(outline), "-o", str(deck), "--force")
    return deck, said


class DescribeAMarkdownLecture:
    def it_builds_words_not_markup_with_links_code_pictures_and_tables(self, lecture: Path) -> None:
        deck, said = build(lecture)
        data = yaml.safe_load((lecture.parent / "outline.yaml").read_text(encoding="utf-8"))
        assert data["deck"]["title"] == "Hashing and Passwords" and data["deck"]["markup"] == "markdown"
        assert [s["title"] for s in data["sections"]] == ["Why hashing matters", "Symmetric cryptography"]
        slides, notes = parts(deck, "slides"), parts(deck, "notesSlides")
        for _, root, _ in slides + notes:
            raw = [t for t in shown_text(root) if RAW.search(t)]
            assert raw == []
        # links are hyperlinks, on slides and in the notes, with their relationships
        assert any("https://missing.csail.mit.edu/2020/security/" in rels and "hlinkClick" in etree.tostring(root).decode()
                   for _, root, rels in notes)
        assert any(f'Target="{REMOTE}"' in rels for _, _, rels in notes)
        linked = [rels for _, root, rels in slides + notes if root.find(f".//{{{A}}}hlinkClick") is not None]
        assert linked and all('TargetMode="External"' in rels for rels in linked)
        # bold, italic and monospace runs
        runs = [r for _, root, _ in slides + notes for r in root.iter(f"{{{A}}}rPr")]
        assert any(r.get("b") == "1" for r in runs) and any(r.get("i") == "1" for r in runs)
        assert any(r.find(f"{{{A}}}latin[@typeface='Consolas']") is not None for r in runs)
        # the code on a code slide, unwrapped; the picture placed; the table native; the remote image's alt shown
        code = [root for _, root, _ in slides if root.find(f".//{{{P}}}cNvPr[@name='Code']") is not None]
        box = next(sp for sp in code[0].iter(f"{{{P}}}sp") if sp.find(f".//{{{P}}}cNvPr").get("name") == "Code")
        assert len(code) == 1 and box.find(f".//{{{A}}}bodyPr").get("wrap") == "none"
        assert "$ printf 'hello' | sha1sum" in [p.findtext(f".//{{{A}}}t") for p in code[0].iter(f"{{{A}}}p")]
        assert sum(len(root.findall(f".//{{{P}}}pic")) for _, root, _ in slides) == 1
        assert sum(len(root.findall(f".//{{{A}}}tbl")) for _, root, _ in slides) == 1
        assert any("XKCD 936: Password Strength" in shown_text(root) for _, root, _ in slides)
        assert_valid_package(deck)

    def it_carries_every_word_into_the_notes(self, lecture: Path) -> None:
        deck, _ = build(lecture)
        for checked in (deck, lecture.parent / "outline.yaml"):
            out = run("check", str(checked), "--source", str(lecture))
            assert "100.0 % of" in out and "0 missing, 0 out of order, 0 present twice, 0 not in the lecture" in out

    def it_reads_the_same_lecture_named_txt_as_markdown_and_says_so(self, lecture: Path) -> None:
        txt = lecture.with_suffix(".txt")
        txt.write_text(LECTURE, encoding="utf-8")
        build(lecture, "from-md")
        said = run("outline", str(txt), "-o", str(lecture.parent / "from-txt.yaml"))
        assert "Read as Markdown: it has ATX headings" in said
        md, tx = (yaml.safe_load((lecture.parent / f"from-{k}.yaml").read_text(encoding="utf-8")) for k in ("md", "txt"))
        assert md == tx
        plain = run("outline", str(txt), "-o", str(lecture.parent / "plain.yaml"), "--format", "txt")
        assert "Markdown" not in plain
        assert "markup" not in yaml.safe_load((lecture.parent / "plain.yaml").read_text(encoding="utf-8"))["deck"]


JAPANESE = "# 暗号の講義\n\n## ハッシュ関数\n\nハッシュ関数は*任意の長さ*のデータを固定長に写します。\n`sha1sum` で計算できます。\n\n## パスワード\n\n強いパスワードを使いましょう。\n"
TRADITIONAL = "# 資訊安全講座\n\n## 雜湊函數\n\n雜湊函數把**任意長度**的資料對應到固定長度。\n\n## 對稱加密\n\n對稱加密用同一把金鑰。\n"
SIMPLIFIED = "# 信息安全讲座\n\n## 哈希函数\n\n哈希函数把**任意长度**的数据映射到固定长度。\n\n## 对称加密\n\n对称加密用同一个密钥。\n"


@pytest.mark.parametrize("text, codec, language", [
    (JAPANESE, "shift_jis", "ja-JP"), (TRADITIONAL, "big5", "zh-TW"), (SIMPLIFIED, "gb18030", "zh-CN"),
    (JAPANESE, "utf-16-le", "ja-JP"), (SIMPLIFIED, "utf-16-be", "zh-CN")])
def test_every_encoding_gives_the_outline_of_utf8(tmp_path: Path, text: str, codec: str, language: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "lecture.md").write_bytes(text.encode("utf-8"))
    (tmp_path / "b" / "lecture.md").write_bytes(text.encode(codec))
    run("outline", str(tmp_path / "a" / "lecture.md"), "-o", str(tmp_path / "a" / "o.yaml"))
    said = run("outline", str(tmp_path / "b" / "lecture.md"), "-o", str(tmp_path / "b" / "o.yaml"))
    assert {"shift_jis": "Shift-JIS", "big5": "Big5", "gb18030": "GB18030"}.get(codec, "UTF-16 (no BOM)") in said
    a, b = (yaml.safe_load((tmp_path / d / "o.yaml").read_text(encoding="utf-8")) for d in "ab")
    assert a == b and a["deck"]["language"] == language


class DescribeReadMarkdown:
    def it_keeps_source_lines_and_drops_liquid_comments(self) -> None:
        blocks, title = read_markdown("---\ntitle: T\n---\n# H\n\n{% comment %}\nhidden\n{% endcomment %}\ntext\n")
        assert title == "T"
        assert [(b.kind, b.line, b.plain) for b in blocks] == [("heading", 4, "H"), ("text", 9, "text")]

    @pytest.mark.parametrize("text, markdown", [
        ("# Title\n\nSee [this](https://x.y) page.\n", True), ("```\ncode\n```\n\n## Part\n", True),
        ("一、提高认识\n同志们：今天讲三点意见。\n", False), ("I. Introduction\n\nPlain *text* here.\n", False)])
    def it_tells_a_txt_holding_markdown(self, text: str, markdown: bool) -> None:
        assert bool(looks_like_markdown(text)) is markdown
