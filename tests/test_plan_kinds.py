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
