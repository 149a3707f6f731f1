"""Loading YAML: positions, duplicate keys, and the failures a user meets first."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from deckgen.errors import ContentError
from deckgen.outline.load import load_yaml, parse_yaml


def errors_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_yaml(text, "o.yaml")
    return [str(p) for p in info.value.problems]


class DescribeParseYaml:
    def it_records_line_and_column_of_values_and_keys(self) -> None:
        loaded = parse_yaml("deck:\n  title: T\nsections:\n  - title: A\n", "o.yaml")
        assert loaded.values[("deck", "title")] == (2, 10)
        assert loaded.keys[("deck", "title")] == (2, 3)
        assert loaded.values[("sections", 0, "title")] == (4, 12)

    def it_keeps_every_scalar_as_text(self) -> None:
        loaded = parse_yaml("a: yes\nb: 1.10\nc: 2024-05-01\nd: ~\ne:\n", "o.yaml")
        assert loaded.data == {"a": "yes", "b": "1.10", "c": "2024-05-01", "d": None, "e": None}

    def it_collects_duplicate_keys_with_both_lines(self) -> None:
        loaded = parse_yaml("deck:\n  title: A\n  title: B\n", "o.yaml")
        assert [str(p) for p in loaded.problems] == [
            "o.yaml:3:3: deck.title: duplicate key 'title' (first at line 2); YAML would keep only the last one: keep one"]
        assert loaded.data["deck"]["title"] == "A"

    def it_reports_syntax_errors_with_position(self) -> None:
        (msg,) = errors_of("deck:\n  title: [unclosed\n")
        assert msg.startswith("o.yaml:3:1: YAML syntax error")

    def it_rejects_tab_indentation(self) -> None:
        (msg,) = errors_of("deck:\n\ttitle: T\n")
        assert msg == "o.yaml:2:1: a tab is used for indentation; YAML needs spaces"

    @pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n# and another\n"])
    def it_rejects_an_empty_document(self, text: str) -> None:
        assert errors_of(text) == ["o.yaml:1:1: the file is empty (no YAML content); fill it in, "
                                    "or check that this is the right file"]

    def it_refuses_an_alias_bomb(self) -> None:
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i, name in enumerate("bcdefghi"):
            prev = "abcdefghi"[i]
            lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        (msg,) = errors_of("\n".join(lines) + "\n")
        assert "alias bomb" in msg

    def it_refuses_deep_nesting(self) -> None:
        (msg,) = errors_of("a: " + "[" * 60 + "]" * 60 + "\n")
        assert "nested more than" in msg

    def it_accepts_tabs_inside_notes_and_quotes(self) -> None:
        loaded = parse_yaml('notes: |\n  \t同志们：\n  正文\nq: "a\n  \tb"\n', "o.yaml")
        assert loaded.data == {"notes": "\t同志们：\n正文\n", "q": "a b"}

    def it_refuses_deep_nesting_before_composing_without_crashing(self) -> None:
        (msg,) = errors_of("a: " + "[" * 300_000 + "]" * 300_000 + "\n")
        assert msg == "o.yaml:1:44: nested more than 40 levels deep; flatten it"  # the 41st [ inside the mapping

    def it_removes_characters_yaml_cannot_read_with_a_warning_per_line(self) -> None:
        loaded = parse_yaml("a: x\x0by\nb: \x07z\x1b\n", "o.yaml")
        assert loaded.data == {"a": "xy", "b": "z"}
        assert [str(w) for w in loaded.warnings] == [
            "o.yaml:1:5: removed 1 control or invalid character(s) (U+000B)",
            "o.yaml:2:4: removed 2 control or invalid character(s) (U+0007, U+001B)"]

    @pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [ls]\n", "a: !local x\n"])
    def it_refuses_tags_beyond_plain_yaml(self, text: str) -> None:
        loaded = parse_yaml(text, "o.yaml")
        assert "is not supported" in str(loaded.problems[0]) and str(loaded.problems[0]).startswith("o.yaml:1:4: a: ")

    def it_refuses_tags_in_typed_files_without_constructing_them(self) -> None:
        loaded = parse_yaml("a: !!python/name:os.system x\n", "t.yaml", all_text=False)
        assert loaded.data == {"a": "x"} and len(loaded.problems) == 1

    def it_rejects_several_documents(self) -> None:
        (msg,) = errors_of("a: 1\n---\nb: 2\n")
        assert "more than one YAML document" in msg


class DescribeLoadYaml:
    def it_drops_a_utf8_bom(self, tmp_path: Path) -> None:
        f = tmp_path / "o.yaml"
        f.write_bytes(b"\xef\xbb\xbfdeck:\n  title: T\n")
        assert load_yaml(f).data == {"deck": {"title": "T"}}

    def it_names_the_place_of_bytes_that_are_not_utf8(self, tmp_path: Path) -> None:
        f = tmp_path / "o.yaml"
        f.write_bytes("deck:\n  title: 高质量\n".encode("gb18030"))
        with pytest.raises(ContentError) as info:
            load_yaml(f, "o.yaml")
        (msg,) = [str(p) for p in info.value.problems]
        assert msg.startswith("o.yaml:2:10: not UTF-8 text (byte 0xb8)")

    @pytest.mark.parametrize("raw, message", [
        ("deck:\n  title: 标题\n".encode("utf-16"), "o.yaml:1:1: the file is UTF-16 text; save it as UTF-8"),
        (b"deck:\n  title: T\x00\n", "o.yaml:2:11: not a text file (it holds NUL bytes)"),
        ("deck:\n  title: 标题\n".encode("gb18030"), "o.yaml:2:10: not UTF-8 text (byte 0xb1) (it looks like GBK"),
    ])
    def it_says_what_a_file_that_is_not_utf8_text_is(self, tmp_path: Path, raw: bytes, message: str) -> None:
        f = tmp_path / "o.yaml"
        f.write_bytes(raw)
        with pytest.raises(ContentError) as info:
            load_yaml(f, "o.yaml")
        assert str(info.value.problems[0]).startswith(message)

    def it_reads_no_more_than_the_limit(self, tmp_path: Path) -> None:
        big = tmp_path / "big.yaml"
        with open(big, "wb") as fh:
            fh.truncate(20 * 1024 * 1024 + 1)
        with pytest.raises(ContentError, match="larger than 20 MB"):
            load_yaml(big, "big.yaml")

    @pytest.mark.parametrize("make, what", [(os.mkfifo, "is a named pipe \\(FIFO\\), not a file"),
                                            (None, "is a device, not a file")])
    def it_never_opens_a_fifo_or_a_device(self, tmp_path: Path, make, what: str) -> None:  # type: ignore[no-untyped-def]
        path = Path("/dev/zero")
        if make is not None:
            path = tmp_path / "outline.yaml"
            make(path)
        with pytest.raises(ContentError, match=what):
            load_yaml(path, "outline.yaml")

    def it_names_a_symbolic_link_that_loops(self, tmp_path: Path) -> None:
        (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
        (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
        with pytest.raises(ContentError, match="a.yaml' is a symbolic link that loops"):
            load_yaml(tmp_path / "a.yaml", "a.yaml")

    def it_reports_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="does not exist"):
            load_yaml(tmp_path / "nope.yaml")

    def it_reports_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="is a folder"):
            load_yaml(tmp_path)


def _depth(text: str) -> int:
    import yaml

    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def _nested(rng: random.Random, depth: int) -> object:
    if depth == 0:
        return rng.choice(["文", "a: b", "- x", "[1]", ""])
    kind = rng.random()
    width = 2 if rng.random() < 0.1 else 1  # mostly one branch: a few hundred values at most
    if kind < 0.4:
        return [_nested(rng, depth - 1) for _ in range(width)]
    if kind < 0.8:
        return {rng.choice(["k", "title", "bullets"]) + str(i): _nested(rng, depth - 1) for i in range(width)}
    return {("k", depth): _nested(rng, depth - 1)}  # a complex key (`? `)


class DescribeShallow:
    def it_never_passes_text_that_nests_deeper_than_the_limit(self) -> None:
        import yaml

        from deckgen.outline.load import MAX_DEPTH, shallow

        rng = random.Random(19)
        passed = 0
        for _ in range(150):
            data = _nested(rng, rng.randint(1, 30))
            for style in (False, None, True):
                text = yaml.dump(data, default_flow_style=style, allow_unicode=True, indent=rng.choice([1, 2, 4]))
                if shallow(text):
                    passed += 1
                    assert _depth(text) <= MAX_DEPTH, text
        assert passed > 30  # the shapes of real outlines are decided without parsing

    def it_passes_the_shipped_outline_and_compact_nesting_only_when_shallow(self) -> None:
        from deckgen.outline.load import shallow

        shipped = Path(__file__).parents[1] / "src" / "deckgen" / "examples" / "outline.yaml"
        assert shallow(shipped.read_text(encoding="utf-8"))
        assert not shallow("- " * 30 + "x\n")  # 30 levels on one line
        assert not shallow("k:\n" + "".join(" " * i + "- \n" for i in range(0, 30)))
