"""The outline format as JSON Schema (`deckgen schema`): it accepts the shipped and the all-kinds outlines and
rejects the catalogue's bad outlines that a schema can judge (keys, types, required keys, lengths, kinds)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.outline.schema import outline_schema
from tests.conftest import OUTLINE
from tests.test_catalogue import CASES

KINDS = Path(__file__).parent / "golden" / "kinds" / "outline.yaml"
# Catalogue cases a schema judges: the YAML parses, and the outline's shape is wrong (not its bytes, encoding,
# YAML syntax, duplicate keys, files it names, or sizes only counted across the whole outline).
SCHEMA_CASES = ["wrong-type", "unknown-key", "escape-sequence-in-a-key", "missing-sections", "top-level-list",
                "title-100k-characters", "kind-unknown", "chart-type-unknown", "chart-value-not-a-number",
                "chart-without-series", "numbers-too-many", "compare-without-right", "quote-without-text"]


def validator() -> jsonschema.protocols.Validator:
    schema = outline_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_schema_accepts_the_shipped_and_the_all_kinds_outlines() -> None:
    v = validator()
    for path in (OUTLINE, KINDS):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(v.iter_errors(data)) == [], path


def test_the_schema_takes_scalars_deckgen_reads_as_text() -> None:
    data = yaml.safe_load("deck: {title: 2024, subtitle: yes, date: 1.10}\nsections: [{title: 123, bullets: [true]}]\n")
    assert list(validator().iter_errors(data)) == []


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_the_schema_rejects_the_catalogues_bad_outlines(name: str) -> None:
    content = CASES[name].files["outline.yaml"]
    assert isinstance(content, str)
    data = yaml.safe_load(content)
    assert list(validator().iter_errors(data)) != [], name


def test_deckgen_schema_prints_or_writes_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "deckgen outline (format v1)"
    out = tmp_path / "outline.schema.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8")) == outline_schema()
