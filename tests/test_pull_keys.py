"""The slide keys of a planned deck: the entries' hashes computed before the plan give the same keys."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build.pipeline import resolve_theme
from deckgen.outline.read import read_outline
from deckgen.plan.kinds import BUILTIN_FRAMES
from deckgen.plan.planner import plan
from deckgen.pull.keys import entry_hash, entry_hashes, slide_keys
from tests.conftest import OUTLINE, ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("outline", [OUTLINE, GOLDEN / "kinds" / "outline.yaml", GOLDEN / "stress" / "outline.yaml"],
                         ids=["shipped", "kinds", "stress"])
def test_hashes_computed_before_the_plan_give_the_keys_computed_after_it(outline: Path) -> None:
    file = read_outline(outline)
    deck, _ = plan(file.outline, resolve_theme(file), BUILTIN_FRAMES, file.loaded, file.folder)
    known = entry_hashes(file.outline)
    assert known[("deck",)] == entry_hash(file.outline.deck)
    keys = slide_keys(file.outline, deck, known)
    assert keys == slide_keys(file.outline, deck)
    assert len(keys) == len(deck.slides)
    if "stress" in str(outline):  # continuation slides share their entry's hash
        assert any(k.part for k in keys)
    assert {k.path for k in keys if k.path in known} == {k.path for k in keys if k.path != ("agenda",)}


def test_the_known_hashes_are_the_ones_used() -> None:
    file = read_outline(OUTLINE)
    deck, _ = plan(file.outline, resolve_theme(file), BUILTIN_FRAMES, file.loaded, file.folder)
    known = {path: "x" + digest[1:] for path, digest in entry_hashes(file.outline).items()}
    assert all(k.entry.startswith("x") for k in slide_keys(file.outline, deck, known) if k.path in known)
