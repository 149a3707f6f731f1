"""Check loaded outline data against the model, collecting every problem before failing once."""
from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.errors import ContentError
from deckgen.outline.load import Loaded
from deckgen.outline.model import Outline, Role
from deckgen.text.clean import sanitise
from deckgen.text.script import visible_length

_REQUIRED_TEXT = {"title"}
# Bounds that keep planning fast, far beyond any real lecture (the seed: 27 slides, 2,000 characters on them).
MAX_SLIDE_NODES = 10_000    # opening, section, subsection, point and closing entries
MAX_SLIDE_TEXT = 2_000_000  # characters of titles, labels and bullets (notes are not fitted: no limit)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(path: tuple[PathPart, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (list indexes skipped)."""
    model: Any = Outline
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        args = getattr(ann, "__args__", ())
        inner = args[0] if args else ann
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
        else:
            return None
    return model


def _prepare(value: Any, path: tuple[PathPart, ...], warnings: list[Diagnostic], loaded: Loaded) -> Any:
    """Drop empty optional keys and sanitise text, recording a warning for each change."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if item is None and key not in _REQUIRED_TEXT and key not in ("deck", "sections"):
                continue
            out[key] = _prepare(item, path + (key,), warnings, loaded)
        return out
    if isinstance(value, list):
        return [_prepare(item, path + (i,), warnings, loaded) for i, item in enumerate(value)]
    if isinstance(value, str):
        text, dropped = sanitise(value)
        if dropped:
            warnings.append(loaded.problem(path, f"removed {dropped} control or invalid character(s)"))
        return text
    return value


_BOUNDS = {"less_than_equal": ("le", "at most"), "less_than": ("lt", "less than"),
           "greater_than": ("gt", "more than"), "greater_than_equal": ("ge", "at least")}


def range_message(err: Any) -> str | None:
    """A number out of its range (pydantic's `less_than_equal`…) said with what to give instead; None for
    other errors."""
    bound = _BOUNDS.get(err["type"])
    if bound is None:
        return None
    return f"{err.get('input')!r} is not allowed here; give a number {bound[1]} {(err.get('ctx') or {}).get(bound[0])}"


def _message(err: dict[str, Any], loaded: Loaded) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return loaded.problem(loc, f"required key {loc[-1]!r} is missing; add it")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        choices = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; allowed: {', '.join(choices)}" if choices else "")
        return loaded.problem(loc, f"unknown key {key!r}{hint}", key=True)
    if kind in ("string_type", "str_type"):
        hint = ("; YAML reads an empty value, ~ and null as nothing: write the text, or put it in quotes "
                "('~', 'null') to mean those characters") if value is None else ""
        if isinstance(value, (list, dict)):
            hint = "; write it as text (in quotes if it holds ': ', '[' or '{')"
        return loaded.problem(loc, f"expected text, got {_kind(value)}{hint}")
    if kind == "list_type":
        return loaded.problem(loc, f"expected a list, got {_kind(value)}; write one item a line, each after '- '")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loaded.problem(loc, f"expected a mapping (key: value), got {_kind(value)}; write `key: value` lines under it")
    if kind == "string_too_short":
        return loaded.problem(loc, "must not be empty; write the text")
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length")
        return loaded.problem(loc, f"{visible_length(value) if isinstance(value, str) else '?'} characters, more than the {limit} "
                                   "a slide can show; shorten it (the full text belongs in the notes)")
    if kind == "too_short":
        return loaded.problem(loc, f"needs at least one entry, got {len(value) if isinstance(value, list) else 0}; add one")
    if kind.startswith("enum") or (loc and loc[-1] == "layout"):
        roles = ", ".join(r.value for r in Role)
        close = difflib.get_close_matches(str(value), [r.value for r in Role], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return loaded.problem(loc, f"unknown layout role {value!r}; expected one of {roles}{hint}")
    msg = err.get("msg", "invalid value")
    return loaded.problem(loc, msg.removeprefix("Value error, "))


def validate(loaded: Loaded) -> tuple[Outline, list[Diagnostic]]:
    """Turn loaded YAML into an `Outline`; return it with warnings.

    Raises `ContentError` listing every problem (with file:line:col and outline path).
    """
    problems = list(loaded.problems)
    warnings: list[Diagnostic] = list(loaded.warnings)
    if not isinstance(loaded.data, dict):
        problems.append(loaded.problem((), f"the outline must be a mapping with 'deck' and 'sections', got {_kind(loaded.data)}"))
        raise ContentError(problems)
    data = _prepare(loaded.data, (), warnings, loaded)
    try:
        outline = Outline.model_validate(data)
    except ValidationError as exc:
        seen = set()
        reported = {p.path for p in loaded.problems}  # a value the loader already refused is not judged again
        for err in exc.errors():
            diag = _message(err, loaded)
            if (diag.path, diag.message) not in seen and diag.path not in reported:
                seen.add((diag.path, diag.message))
                problems.append(diag)
        outline = None
    if outline is not None:
        problems += _size_problems(outline, loaded)
    if problems or outline is None:
        problems.sort(key=lambda d: (d.line or 0, d.col or 0))
        raise ContentError(problems)
    return outline, warnings


def _size_problems(outline: Outline, loaded: Loaded) -> list[Diagnostic]:
    """A problem at the entry where the outline passes `MAX_SLIDE_NODES` or `MAX_SLIDE_TEXT`, if it does."""
    from deckgen.outline.walk import entries

    nodes = [(e.path, e.node) for e in entries(outline)]
    if len(nodes) > MAX_SLIDE_NODES:
        return [loaded.problem(nodes[MAX_SLIDE_NODES][0], f"the outline has {len(nodes)} entries, more than the "
                               f"{MAX_SLIDE_NODES} slides deckgen builds in one deck; split the lecture into several decks")]
    total = len(outline.deck.title)
    for path, node in nodes:
        total += len(node.title) + len(node.label or "") + sum(len(b) for b in node.bullets)
        if total > MAX_SLIDE_TEXT:
            return [loaded.problem(path, f"the slides' titles and bullets pass {MAX_SLIDE_TEXT} characters here; "
                                         "move the spoken text into notes, or split the lecture into several decks")]
    return []
