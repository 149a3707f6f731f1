"""Check loaded outline data against the model, collecting every problem before failing once."""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Optional

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.errors import ContentError
from deckgen.outline.load import Loaded
from deckgen.outline import typed
from deckgen.outline.model import KIND_ALIASES, PAYLOADS, Outline, Role, SlideNode
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


def _model_at(path: tuple[PathPart, ...]) -> type | None:
    """The model class that validates the mapping at `path` (list indexes skipped)."""
    model: Any = Outline
    for part in path:
        if isinstance(part, int):
            continue
        hint = typed.field_types(model).get(part) if isinstance(part, str) else None
        model = typed.inner_class(hint) if hint is not None else None
        if model is None:
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


EXTRA_KEY = ("extra_forbidden", "unexpected_keyword_argument")  # a key the model does not know (model, dataclass)
_BOUNDS = {"less_than_equal": ("le", "at most"), "less_than": ("lt", "less than"),
           "greater_than": ("gt", "more than"), "greater_than_equal": ("ge", "at least")}


def range_message(err: Any) -> str | None:
    """A number out of its range (pydantic's `less_than_equal`…) said with what to give instead; None for
    other errors."""
    bound = _BOUNDS.get(err["type"])
    if bound is None:
        return None
    return f"{err.get('input')!r} is not allowed here; give a number {bound[1]} {(err.get('ctx') or {}).get(bound[0])}"


def _as_list(text: str) -> str:
    """`text` split at its commas and semicolons as a YAML flow list: `[稳中求进, 高质量发展]`."""
    items = [t.strip() for t in re.split(r"[，；、,;]\s*", text) if t.strip()] or [text]
    return "[" + ", ".join(f'"{t}"' if re.search(r"[:\[\]{},#'\"]", t) else t for t in items) + "]"


def _message(err: dict[str, Any], loaded: Loaded) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return loaded.problem(loc, f"required key {loc[-1]!r} is missing; add it")
    if kind in EXTRA_KEY:
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        choices = list(typed.field_types(model)) if model else []
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; allowed: {', '.join(choices)}" if choices else "")
        return loaded.problem(loc, f"unknown key {key!r}{hint}", key=True)
    if kind in ("string_type", "str_type"):
        hint = ("; YAML reads an empty value, ~ and null as nothing: write the text, or put it in quotes "
                "('~', 'null') to mean those characters") if value is None else ""
        if isinstance(value, (list, dict)):
            hint = "; write it as text (in quotes if it holds ': ', '[' or '{')"
        if isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), (str, type(None))):
            key, rest = next(iter(value.items()))
            hint = (f"; text holding ': ' is read as `key: value`: put it in quotes, \"{key}: {rest or ''}\", "
                    f"or write the Chinese colon, {key}：{rest or ''}")
        return loaded.problem(loc, f"expected text, got {_kind(value)}{hint}")
    if kind == "list_type":
        if isinstance(value, str) and loc and loc[-1] == "bullets":
            return loaded.problem(loc, f"expected a list, got text; write one bullet a line after '- ', or a list in "
                                       f"brackets: `bullets: {_as_list(value)}`")
        return loaded.problem(loc, f"expected a list, got {_kind(value)}; write one item a line, each after '- '")
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return loaded.problem(loc, f"expected a mapping (key: value), got {_kind(value)}; write `key: value` lines under it")
    if kind == "string_too_short":
        return loaded.problem(loc, "must not be empty; write the text")
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length")
        return loaded.problem(loc, f"{visible_length(value) if isinstance(value, str) else '?'} characters, more than the {limit} "
                                   "a slide can show; shorten it (the full text belongs in the notes)")
    if kind == "too_short":
        least = (err.get("ctx") or {}).get("min_length", 1)
        got = len(value) if isinstance(value, list) else 0
        return loaded.problem(loc, f"needs at least {'one entry' if least == 1 else f'{least} entries'}, got {got}; add "
                                   f"{'one' if least - got == 1 else 'more'}")
    if kind == "too_long":
        most = (err.get("ctx") or {}).get("max_length")
        return loaded.problem(loc, f"takes at most {most} entries, got {len(value) if isinstance(value, list) else '?'}; "
                                   "give the others a slide of their own")
    if kind == "literal_error":
        expected = (err.get("ctx") or {}).get("expected", "").replace("'", "").replace(" or ", ", ")
        return loaded.problem(loc, f"unknown {loc[-1]} {value!r}; expected one of {expected}")
    if loc and loc[-1] == "kind":
        names = [r.value for r in Role] + list(KIND_ALIASES)
        close = difflib.get_close_matches(str(value), names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return loaded.problem(loc, f"unknown slide kind {value!r}; expected one of {', '.join(names)}{hint}")
    if kind.startswith("enum") or (loc and loc[-1] == "layout"):
        roles = ", ".join(r.value for r in Role)
        close = difflib.get_close_matches(str(value), [r.value for r in Role], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return loaded.problem(loc, f"unknown layout role {value!r}; expected one of {roles}{hint}")
    if kind in ("float_type", "float_parsing"):
        return loaded.problem(loc, f"expected a number, got {_kind(value)}")
    msg = err.get("msg", "invalid value")
    return loaded.problem(loc, msg.removeprefix("Value error, "))


def _lecture_hint(loaded: Loaded) -> str:
    """For text where an outline should be: it is probably the lecture itself; say how to draft its outline."""
    if not isinstance(loaded.data, str):
        return ""
    lecture = str(Path(loaded.file).with_suffix(".txt"))
    return f"; this looks like a lecture, not an outline: save it as {lecture} and run `deckgen outline {lecture}` to draft its outline"


def validate(loaded: Loaded) -> tuple[Outline, list[Diagnostic]]:
    """Turn loaded YAML into an `Outline`; return it with warnings.

    Raises `ContentError` listing every problem (with file:line:col and outline path).
    """
    problems = list(loaded.problems)
    warnings: list[Diagnostic] = list(loaded.warnings)
    if not isinstance(loaded.data, dict):
        problems.append(loaded.problem((), f"the outline must be a mapping with 'deck' and 'sections', got {_kind(loaded.data)}"
                                                 + _lecture_hint(loaded)))
        raise ContentError(problems)
    data = _prepare(loaded.data, (), warnings, loaded)
    outline = typed.quick(Outline, data)
    if outline is None:
        outline = _checked(data, loaded, problems)
    if outline is not None:
        problems += _size_problems(outline, loaded)
        problems += kind_problems(outline, loaded)
    if problems or outline is None:
        problems.sort(key=lambda d: (d.line or 0, d.col or 0))
        raise ContentError(problems)
    return outline, warnings


def _checked(data: Any, loaded: Loaded, problems: list[Diagnostic]) -> Optional[Outline]:
    """`data` validated by pydantic (the quick check found something): the outline, or None with every
    problem added to `problems`."""
    from pydantic import ValidationError

    try:
        return typed.slow(Outline, data)
    except ValidationError as exc:
        seen = set()
        reported = {p.path for p in loaded.problems}  # a value the loader already refused is not judged again
        for err in exc.errors():
            diag = _message(err, loaded)
            if (diag.path, diag.message) not in seen and diag.path not in reported:
                seen.add((diag.path, diag.message))
                problems.append(diag)
        return None


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


# ------------------------------------------------------------------------------------- slide kinds

_NEEDS = {Role.CHART: "chart", Role.TABLE: "table", Role.PICTURE: "image", Role.NUMBERS: "numbers", Role.COMPARE: "compare",
          Role.CODE: "code"}


def kind_problems(outline: Outline, loaded: Loaded) -> list[Diagnostic]:
    """What the model cannot say about the slide kinds: one content of another kind per slide, a `kind:`
    that matches it, a chart's series as long as its categories, table rows as wide as the header, `alt:`
    only where there is something to describe."""
    from deckgen.outline.walk import entries

    out: list[Diagnostic] = []
    for e in entries(outline):
        out += _node_problems(e.node, e.path, loaded)
    return out


def _node_problems(node: SlideNode, path: tuple[PathPart, ...], loaded: Loaded) -> list[Diagnostic]:
    from deckgen.text.quotes import find_quotation

    out = []
    payloads = [key for key in PAYLOADS if getattr(node, key) is not None]
    if len(payloads) > 1:
        out.append(loaded.problem(path + (payloads[1],), f"a slide shows one chart, table, image, quote, numbers or compare; "
                                  f"this one has {payloads[0]!r} and {payloads[1]!r}: give one an entry of its own", key=True))
    if node.kind and node.layout and node.kind is not node.layout:
        out.append(loaded.problem(path + ("kind",), f"kind {node.kind.value!r} and layout {node.layout.value!r} disagree; "
                                  "keep one", key=True))
    chosen = node.kind or node.layout
    where = path + ("kind" if node.kind else "layout",)
    if chosen is not None and payloads and PAYLOADS[payloads[0]] is not chosen:
        out.append(loaded.problem(where, f"a {chosen.value!r} slide cannot show the {payloads[0]!r}; remove one of them"))
    need = _NEEDS.get(chosen) if chosen is not None else None
    if need and getattr(node, need) is None:
        out.append(loaded.problem(where, f"a {chosen.value!r} slide needs its {need!r}"))  # type: ignore[union-attr]
    if chosen is Role.QUOTE and node.quote is None and find_quotation([*node.bullets, node.notes]) is None:
        out.append(loaded.problem(where, "a 'quote' slide needs `quote: {text, source}`, or bullets or notes that lead "
                                         "with a quotation (…指出，“…”)"))
    if node.alt is not None and not any(getattr(node, k) is not None for k in ("image", "chart", "table")):
        out.append(loaded.problem(path + ("alt",), "alt describes a picture, chart or table, and this entry has none", key=True))
    if node.chart is not None:
        chart, at = node.chart, path + ("chart",)
        if chart.type == "pie" and len(chart.series) > 1:
            out.append(loaded.problem(at + ("series", 1), f"a pie chart shows one series, got {len(chart.series)}; "
                                                          "use a column or bar chart to compare series"))
        for i, series in enumerate(chart.series):
            if len(series.values) != len(chart.categories):
                out.append(loaded.problem(at + ("series", i, "values"), f"{_count(len(series.values), 'value')} for "
                                          f"{_count(len(chart.categories), 'category', 'categories')}; give one value per category"))
            if chart.type == "pie" and any(v < 0 for v in series.values):
                out.append(loaded.problem(at + ("series", i, "values"), "a pie chart cannot show negative values"))
    if node.table is not None:
        width = len(node.table.header)
        for i, row in enumerate(node.table.rows):
            if len(row) != width:
                out.append(loaded.problem(path + ("table", "rows", i), f"{_count(len(row), 'cell')} in a table of "
                                          f"{_count(width, 'column')}; "
                                          "give every row one cell per header column (\"\" for an empty cell)"))
    return out


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


MAX_IMAGE_BYTES = 50 * 1024 * 1024
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")


def image_path(image: str, folder: Path) -> Path:
    """Where an outline's `image:` points: relative paths are taken from the outline's `folder`."""
    path = Path(image).expanduser()
    return path if path.is_absolute() else folder / path


def image_problems(outline: Outline, loaded: Loaded, folder: Path) -> list[Diagnostic]:
    """Every `image:` that is missing, not a file, too large or not a picture PowerPoint shows (PNG, JPEG,
    GIF, BMP, TIFF), located at its value."""
    from deckgen.outline.walk import entries

    out = []
    for e in entries(outline):
        if e.node.image is None:
            continue
        why = _image_problem(image_path(e.node.image, folder))
        if why:
            out.append(loaded.problem(e.path + ("image",), f"image {e.node.image!r} {why}"))
    return out


def _image_problem(path: Path) -> Optional[str]:
    import warnings

    from PIL import Image, UnidentifiedImageError

    if not path.exists():
        return f"does not exist (looked at {str(path)!r}); paths are relative to the outline's folder"
    if not path.is_file():
        return "is not a file"
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return f"is larger than {MAX_IMAGE_BYTES >> 20} MB; save a smaller copy"
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                kind = im.format
                im.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "cannot be read as a picture; give a PNG or JPEG file"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc}); give a PNG or JPEG file"
    if kind not in IMAGE_FORMATS:
        return f"is a {kind} picture, which slides do not show; save it as PNG or JPEG"
    return None
