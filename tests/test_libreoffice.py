"""The deck as other applications see it: LibreOffice renders every slide, nothing spills out."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.theme.model import builtin_themes
from tests.conftest import require_tools
from tests.office import overflowing_words, page_count

pytestmark = pytest.mark.soffice


def test_libreoffice_renders_every_slide(shipped_deck: Path, shipped_pdf: Path) -> None:
    require_tools("pdfinfo")
    assert page_count(shipped_pdf) == len(Presentation(str(shipped_deck)).slides) == 28


def test_no_word_outside_its_shape_with_autofit_off(shipped_deck: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext")
    assert overflowing_words(shipped_deck, tmp_path) == {}


def test_chinese_text_is_extractable_from_the_render(shipped_pdf: Path) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(shipped_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "中国式现代化的本质要求" in text


@pytest.mark.parametrize("case", ["stress", "stress-en"])
def test_stress_outlines_fit_with_autofit_off(case: str, tmp_path: Path) -> None:
    """Titles of 10–40 characters, 1–15 bullets of 5–80 characters, mixed scripts: nothing spills out."""
    require_tools("soffice", "pdftotext")
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    out = tmp_path / f"{case}.pptx"
    build(BuildRequest(Path(__file__).parent / "golden" / case / "outline.yaml", out))
    assert overflowing_words(out, tmp_path) == {}


@pytest.mark.parametrize("theme", sorted(builtin_themes()))
def test_seed_deck_renders_without_overflow_in_every_theme(theme: str, tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext", "pdfinfo")
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest
    from tests.conftest import OUTLINE
    from tests.office import to_pdf

    out = tmp_path / f"{theme}.pptx"
    build(BuildRequest(OUTLINE, out, theme=theme))
    assert page_count(to_pdf(out, tmp_path)) == 28
    assert overflowing_words(out, tmp_path) == {}
