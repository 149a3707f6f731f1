"""The outline format as JSON Schema, for editors that complete and check YAML (VS Code's YAML extension)."""
from __future__ import annotations

import copy
from typing import Any

from deckgen.outline.model import KIND_ALIASES, Outline
from deckgen.outline.typed import adapter

SCHEMA_ID = "https://deckgen.invalid/outline-v1.schema.json"
# deckgen reads every scalar as text: a title `2024` or `yes` is the text as written, where an editor's YAML
# sees a number or a boolean. A text field takes them all.
SCALAR_TEXT = ["string", "number", "boolean"]
NUMBER_TEXT = r"^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?\s*$"


def _text_fields(node: Any) -> Any:
    """`node` with every plain text field (`type: string` without an enum) widened to any YAML scalar, and
    numbers also accepted as text that reads as a number (YAML `"74.4"`)."""
    if isinstance(node, list):
        return [_text_fields(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _text_fields(value) for key, value in node.items()}
    if out.get("type") == "string" and "enum" not in out and "const" not in out:
        out["type"] = list(SCALAR_TEXT)
    elif out.get("type") == "number":
        out["type"] = ["number", "string"]
        out["pattern"] = NUMBER_TEXT
    return out


def outline_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the outline format v1: keys, nesting, types, required keys, the
    slide kinds and their data. What needs more than a schema says (a chart's series as long as its
    categories, table rows as wide as the header, pictures that exist) is checked by `deckgen check`."""
    schema = copy.deepcopy(adapter(Outline).json_schema(mode="validation"))
    defs = schema.setdefault("$defs", {})
    role = defs.get("Role")
    if role is not None:
        role["enum"] = list(role["enum"]) + [a for a in KIND_ALIASES if a not in role["enum"]]
    schema = _text_fields(schema)
    deck = schema["$defs"]["Deck"]["properties"]
    deck["language"] = {"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "default": "zh-CN",
                        "title": "Language", "description": "zh-CN, en-US…: the language of the deck's text"}
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, "title": "deckgen outline (format v1)",
            "description": "A lecture outline that `deckgen build` turns into a PowerPoint deck."}
    return {**head, **{k: v for k, v in schema.items() if k not in head}}
