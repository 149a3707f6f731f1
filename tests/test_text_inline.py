"""The outline's inline syntax (`deck.markup: markdown`): spans, plain text, escapes, code spans, links."""
from __future__ import annotations

import pytest

from deckgen.text.inline import Span, code_span, escape, link, parse, plain, shown


class DescribeParse:
    def it_reads_strong_emphasis_code_and_links(self) -> None:
        spans = parse("a **b** *c* `d*e` [f *g*](https://x.y/z)")
        assert spans == [Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "),
                         Span("d*e", code=True), Span(" "), Span("f ", link="https://x.y/z"),
                         Span("g", italic=True, link="https://x.y/z")]

    @pytest.mark.parametrize("text", ["x * y * z", "**unclosed", "[not a link] (x)", "a `b", "[a](has space)"])
    def it_keeps_marks_without_their_partner_as_written(self, text: str) -> None:
        assert plain(text) == text

    @pytest.mark.parametrize("text", ["2*3*4 = 24", "a[b](c)d", "back\\slash `tick` *star*", "``", "[x]"])
    def it_escapes_any_text_so_that_it_reads_back_unchanged(self, text: str) -> None:
        assert plain(escape(text)) == text
        assert all(not (s.bold or s.italic or s.code or s.link) for s in parse(escape(text)))

    @pytest.mark.parametrize("code", ["a`b", "`x`", "plain", "``double``"])
    def it_fences_code_spans_beyond_their_own_backticks(self, code: str) -> None:
        assert parse(code_span(code)) == [Span(code, code=True)]

    def it_writes_links_whose_urls_hold_parentheses_and_spaces(self) -> None:
        assert parse(link("a]b", "https://x/y (z)")) == [Span("a]b", link="https://x/y%20%28z%29")]


def test_measured_text_drops_marks_and_widens_code() -> None:
    assert shown(("**b** [t](https://u)",), True) == ("b t",)
    assert shown(("`ab c`",), True) == ("FF  F",)
    assert shown(("**b**",), False) == ("**b**",)
