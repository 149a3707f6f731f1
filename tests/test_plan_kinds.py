"""The table of slide kinds: complete, consistent with the built-in grid, the planner and the renderer."""
from __future__ import annotations

from deckgen.outline.model import Role
from deckgen.plan.kinds import BUILTIN_FRAMES, KINDS, LABEL_PH, TITLE_PH, kind
from deckgen.plan.planner import PLANNERS


def test_every_role_has_a_kind_a_plan_function_and_a_render_function() -> None:
    from deckgen.render.slides import FILLERS

    assert set(KINDS) == set(Role)
    assert set(PLANNERS) == set(Role)
    assert set(FILLERS) == set(Role)


def test_every_kind_has_a_title_slot_first_and_unique_slot_names() -> None:
    for k in KINDS.values():
        names = [s.name for s in k.slots]
        assert names[0] == "title" and k.slots[0].ph == TITLE_PH
        assert len(names) == len(set(names))


def test_the_builtin_frames_hold_every_slot_of_every_kind_and_the_footer() -> None:
    for k in KINDS.values():
        for s in k.slots:
            assert BUILTIN_FRAMES[k.role.value, s.name] is s.frame
    assert BUILTIN_FRAMES.footer is not None
    assert BUILTIN_FRAMES.get("content", "no such slot") is None


def test_fallbacks_lead_to_a_required_kind_without_cycles() -> None:
    for k in KINDS.values():
        seen = {k.role}
        while not k.required:
            assert k.fallback is not None and k.fallback not in seen
            seen.add(k.fallback)
            k = kind(k.fallback)


def test_label_slots_are_the_only_ones_that_take_labelled_placeholders() -> None:
    labels = [(k.role, s.name) for k in KINDS.values() for s in k.slots if s.ph == LABEL_PH]
    assert labels == [(Role.SECTION, "label")]


def test_each_kind_has_its_own_builtin_layout_name() -> None:
    names = [k.builtin for k in KINDS.values()]
    assert len(names) == len(set(names))


class DescribeCodeSlides:
    def it_sizes_code_to_its_widest_line_and_splits_long_code_at_blank_lines(self) -> None:
        from deckgen.plan.code import LINE_EM, MONO_EM, layout_code
        from deckgen.text.frame import Box

        box = Box(0, 0, 600, 300)
        size, pages, cut = layout_code(["x = 1", "print(x)"], box, 20, 10)
        assert (size, len(pages), cut) == (20, 1, 0)
        wide = "y" * 90
        size, pages, cut = layout_code([wide], box, 20, 10)
        assert 10 <= size < 20 and len(wide) * MONO_EM * size <= box.text_w + 1e-6 and cut == 0
        lines = [f"line {i}" if i % 10 else "" for i in range(1, 80)]
        size, pages, cut = layout_code(lines, box, 20, 10)
        assert len(pages) > 1 and sum(len(p) for p in pages) == len(lines)
        assert all(len(p) * LINE_EM * size <= box.text_h + 1e-6 for p in pages)
        assert all(p[-1] == "" for p in pages[:-1])  # broken after a blank line

    def it_plans_continuation_slides_with_the_notes_on_the_first(self) -> None:
        from deckgen.outline.model import Outline, Role
        from deckgen.plan.planner import plan
        from deckgen.theme.model import load_theme

        code = "\n".join(f"print({i})" for i in range(120))
        outline = Outline.from_data({"deck": {"title": "T", "language": "en-US"}, "sections": [
            {"title": "S", "subsections": [{"title": "Loop", "code": code, "notes": "Run it.\n", "bullets": ["Note"]}]}]})
        deck, warnings = plan(outline, load_theme(None))
        codes = [s for s in deck.slides if s.role is Role.CODE]
        assert len(codes) >= 2 and codes[0].notes == "Run it.\n" and all(not s.notes for s in codes[1:])
        assert [line for s in codes for line in s.payload.lines] == code.split("\n")  # type: ignore[union-attr]
        assert "(cont." in codes[1].title.text
        assert {s.payload.size for s in codes} == {14}  # type: ignore[union-attr]  # the preferred size, over pages
        assert any("split into" in w.message for w in warnings)
        after = deck.slides[deck.slides.index(codes[-1]) + 1]
        assert after.role is Role.CONTENT and after.body is not None and after.body.paragraphs == ("Note",)
