"""The built-in master: one layout per slide kind plus Title Only and Blank, any number of them."""
from __future__ import annotations

import io

import pytest

from deckgen.plan.kinds import KINDS
from deckgen.render import builtin as builtin_module
from deckgen.render.builtin import builtin_presentation
from deckgen.render.masterxml import LAYOUTS, LayoutSpec
from deckgen.theme.model import load_theme


def _layout_names(prs) -> list[str]:  # type: ignore[no-untyped-def]
    return [lo.name for lo in prs.slide_layouts]


def test_one_layout_per_kind_then_title_only_and_blank() -> None:
    prs = builtin_presentation(load_theme(), "zh-CN")
    assert _layout_names(prs) == [k.builtin for k in KINDS.values()] + ["Title Only", "Blank"]


def test_more_layouts_than_python_pptx_default_template_has(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-pptx's default package has 11 layout parts; a master with more gets new parts, uniquely named."""
    extra = tuple(LayoutSpec(f"Extra {i}", "obj", "content") for i in range(8))
    monkeypatch.setattr(builtin_module, "LAYOUTS", LAYOUTS + extra)
    prs = builtin_presentation(load_theme(), "zh-CN")
    names = _layout_names(prs)
    assert len(names) == len(LAYOUTS) + 8 == 24
    assert names[-1] == "Extra 7"
    parts = [str(p.partname) for p in prs.part.package.iter_parts()]
    assert len(parts) == len(set(parts))
    from deckgen.package.check import check_package

    out = io.BytesIO()
    prs.save(out)
    assert check_package(io.BytesIO(out.getvalue()), structure_only=True).problems == []
