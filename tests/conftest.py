"""Shared fixtures: paths, the seed lecture, the shipped deck built once per session, tool checks."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "src" / "deckgen" / "examples" / "lecture.txt"
OUTLINE = ROOT / "src" / "deckgen" / "examples" / "outline.yaml"

# The OOXML schemas live in shared/ beside the checkout (CI puts a copy there). Name them explicitly, so the
# checks find them also when deckgen is installed as a wheel (its own fallbacks look beside the source tree).
if (SHARED / "ooxml-xsd" / "transitional" / "pml.xsd").is_file():
    os.environ.setdefault("DECKGEN_OOXML_XSD", str(SHARED / "ooxml-xsd"))


def require_tools(*tools: str) -> None:
    """Skip when an external tool is missing — but fail in CI, where `.ci/run` must have installed it."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        message = f"needs {', '.join(missing)} (LibreOffice / poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must install it")
        pytest.skip(message)


def require_path(path: Path, what: str) -> Path:
    """Skip when shared data is missing — but fail in CI."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{what} not found at {path}")
        pytest.skip(f"{what} not found at {path}")
    return path


@pytest.fixture(scope="session")
def schemas() -> Path:
    """The OOXML schema folder: skip without it, but fail in CI, where the schema check must run."""
    from deckgen.package.check import find_schemas

    folder, why = find_schemas()
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail(f"the OOXML schemas are needed in CI: {why}")
        pytest.skip(why)
    return folder


def assert_valid_package(deck: Path) -> None:
    """The deck passes the package check: structure, PowerPoint's rules (openxml-audit) and the ISO schemas."""
    from deckgen.package.check import check_package

    report = check_package(deck)
    assert report.schema_checked, report.note
    assert report.powerpoint_checked
    assert report.problems == []
    assert report.parts_checked > 10


def deckgen_part(name: str) -> bool:
    """A part deckgen writes itself in a deck built on a template (the template's masters, layouts and
    themes are the template's own, checked by PowerPoint's rules only): `deckgen check`'s own rule."""
    from deckgen.package.check import deckgen_writes

    return deckgen_writes(name)


def findings_added(template: Path, deck: Path) -> list[str]:
    """PowerPoint-rule findings of `deck` that its `template` does not have itself (by part, place and text)."""
    from deckgen.package.powerpoint import powerpoint_findings

    own = set(powerpoint_findings(template))
    return [f for f in powerpoint_findings(deck) if f not in own]


def assert_valid_template_deck(template: Path, deck: Path) -> None:
    """A deck built on `template` passes the structure check and the ISO schemas for the parts deckgen
    writes, and adds no PowerPoint-rule finding to the template's own."""
    from deckgen.package.check import check_package

    report = check_package(deck, powerpoint=False, schema_parts=deckgen_part)
    assert report.schema_checked, report.note
    assert report.problems == []
    assert findings_added(template, deck) == []


@pytest.fixture(scope="session")
def seed_text() -> str:
    return require_path(SEED, "the seed lecture").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped outline.yaml built once with the default theme."""
    from deckgen.build.pipeline import build
    from deckgen.build.request import BuildRequest

    out = tmp_path_factory.mktemp("shipped") / "outline.pptx"
    build(BuildRequest(OUTLINE, out))
    return out


@pytest.fixture(scope="session")
def shipped_pdf(shipped_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped deck converted to PDF by LibreOffice."""
    require_tools("soffice", "pdftotext")
    from tests.office import to_pdf

    return to_pdf(shipped_deck, tmp_path_factory.mktemp("pdf"))
