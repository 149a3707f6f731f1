"""Text cleaning: one table of characters a slide cannot hold, and the YAML and lecture variants of it."""
from __future__ import annotations

from deckgen.text.clean import UNHOLDABLE, UNREADABLE, UNWANTED, normalise_line_ends, sanitise


class DescribeSanitise:
    def it_normalises_line_ends_and_keeps_tabs_and_newlines(self) -> None:
        assert sanitise("a\r\nb\rc\td\u2028e") == ("a\nb\nc\td\ne", 0)

    def it_drops_c0_and_c1_controls(self) -> None:
        assert sanitise("a\x00b\x1fc\x85d") == ("abcd", 3)

    def it_drops_lone_surrogates_and_non_characters(self) -> None:
        assert sanitise("a\ud800b\ufffec\uffff") == ("abc", 3)

    def it_keeps_invisible_characters_unless_asked(self) -> None:
        text = "\ufeff中\u200b文\u200e"
        assert sanitise(text) == (text, 0)
        assert sanitise(text, invisible=True) == ("中文", 3)

    def it_composes_to_nfc(self) -> None:
        assert sanitise("e\u0301") == ("é", 0)


class DescribeTheTable:
    def it_lets_yaml_read_tab_line_ends_and_nel(self) -> None:
        assert not UNREADABLE.search("\t\n\r\x85中")
        assert all(UNREADABLE.fullmatch(ch) for ch in "\x00\x0b\x0c\x1f\x7f\x84\x86\x9f\ud800\ufffe\uffff")

    def it_nests_the_variants(self) -> None:
        chars = [chr(c) for c in range(0x10000)]
        unreadable = {ch for ch in chars if UNREADABLE.fullmatch(ch)}
        unholdable = {ch for ch in chars if UNHOLDABLE.fullmatch(ch)}
        unwanted = {ch for ch in chars if UNWANTED.fullmatch(ch)}
        assert unholdable - unreadable == {"\x85"}
        assert unwanted - unholdable == set("\u200b\u200e\u200f\ufeff")

    def it_normalises_every_line_end_to_lf(self) -> None:
        assert normalise_line_ends("a\r\nb\rc\u2028d\u2029e\nf") == "a\nb\nc\nd\ne\nf"


def test_escaped_surrogate_pairs_are_joined_and_only_lone_ones_dropped() -> None:
    """JSON and YAML write an emoji as two escapes (`\\ud83d\\ude00`); it is the emoji, not two bad characters."""
    from deckgen.text.clean import join_surrogates

    assert join_surrogates("讲座\ud83d\ude00") == "讲座😀"
    assert sanitise("讲座\ud83d\ude00") == ("讲座😀", 0)
    assert sanitise("a\ud83db\ude00") == ("ab", 2)


def test_yaml_reader_takes_the_same_class_ready_compiled() -> None:
    """PyYAML's reader pattern (as its own import compiles it, in an interpreter without deckgen) is the text
    deckgen lends it `UNREADABLE` under, the two classes hold the same code points, and after deckgen's outline
    stage is imported PyYAML's reader holds `UNREADABLE` itself."""
    import re
    import subprocess
    import sys

    from deckgen.text.clean import UNREADABLE, YAML_NON_PRINTABLE

    theirs = subprocess.run([sys.executable, "-c", "import yaml.reader; print(ascii(yaml.reader.Reader.NON_PRINTABLE.pattern))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert theirs == ascii(YAML_NON_PRINTABLE)
    compiled = re.compile(YAML_NON_PRINTABLE, re.UNICODE)  # another cache key: PyYAML's own pattern, compiled
    text = "".join(map(chr, range(0x110000)))
    assert compiled.findall(text) == UNREADABLE.findall(text)
    lent = subprocess.run([sys.executable, "-c", "import deckgen.outline.load, yaml.reader\n"
                           "from deckgen.text.clean import UNREADABLE\nprint(yaml.reader.Reader.NON_PRINTABLE is UNREADABLE)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert lent == "True"
