"""Loading YAML: positions, duplicate keys, and the failures a user meets first."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import ContentError
from deckgen.load import load_yaml, parse_yaml


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
            "o.yaml:3:3: deck.title: duplicate key 'title' (first at line 2); YAML would keep only the last one"]
        assert loaded.data["deck"]["title"] == "A"

    def it_reports_syntax_errors_with_position(self) -> None:
        (msg,) = errors_of("deck:\n  title: [unclosed\n")
        assert msg.startswith("o.yaml:3:1: YAML syntax error")

    def it_rejects_tab_indentation(self) -> None:
        (msg,) = errors_of("deck:\n\ttitle: T\n")
        assert msg == "o.yaml:2:1: a tab is used for indentation; YAML needs spaces"

    @pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n# and another\n"])
    def it_rejects_an_empty_document(self, text: str) -> None:
        assert errors_of(text) == ["o.yaml:1:1: the file is empty (no YAML content)"]

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

    def it_reports_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="does not exist"):
            load_yaml(tmp_path / "nope.yaml")

    def it_reports_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ContentError, match="is a folder"):
            load_yaml(tmp_path)
