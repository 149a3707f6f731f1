"""Name the slip behind a YAML syntax error on the line the user wrote: `：`, a missing colon or space, indentation."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from deckgen.diagnostics import Diagnostic

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LEAD = r"^(?P<lead>\s*(?:-\s+)?)"
_FULL_WIDTH = re.compile(_LEAD + rf"(?P<key>{_KEY})\s*(?P<colon>：)\s*(?P<rest>.*)$")
_NO_SPACE = re.compile(_LEAD + rf"(?P<key>{_KEY}):(?P<rest>[^\s/:].*)$")
_NO_COLON = re.compile(_LEAD + rf"(?P<key>{_KEY})\s+(?P<rest>[^:\s].*)$")
_KEY_LINE = re.compile(_LEAD + rf"(?P<key>{_KEY}):(?:\s+(?P<rest>.*))?$")
_BLOCK = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")


@lru_cache(maxsize=1)
def outline_keys() -> frozenset[str]:
    """Every key the outline format knows (deck, sections, title, notes, bullets, …)."""
    from dataclasses import is_dataclass

    from deckgen.outline import model
    from deckgen.outline.typed import field_types

    keys = {"deck", "sections"}
    for value in vars(model).values():
        if isinstance(value, type) and is_dataclass(value):
            keys.update(field_types(value))
    return frozenset(keys)


def _shown(lead: str, key: str, rest: str) -> str:
    return f"`{lead.strip() + ' ' if lead.strip() else ''}{key}: {rest.strip()}`"


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _previous(lines: list[str], i: int) -> int | None:
    """The index of the last line above `i` with content (not blank, not a comment)."""
    for j in range(i - 1, -1, -1):
        if _content(lines[j]):
            return j
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_fault(lines: list[str], i: int, display: str) -> Diagnostic | None:
    """The slip on line `i` (0-based), if it is one a user makes: named, with the fix in the outline's terms."""
    line = lines[i]
    if not _content(line):
        return None
    j = _previous(lines, i)
    above = _KEY_LINE.match(lines[j]) if j is not None else None
    if above and _BLOCK.match(above.group("rest") or "") and _indent(line) <= len(above.group("lead")) \
            and not _KEY_LINE.match(line) and not line.lstrip().startswith("- "):
        key, column = above.group("key"), len(above.group("lead")) + 1
        return Diagnostic(f"YAML syntax error: the text under `{key}: {above.group('rest').split()[0]}` (line {j + 1}) must be "
                          f"indented further than '{key}' (column {column}): start its lines in column {column + 2}",
                          display, i + 1, _indent(line) + 1)
    m = _FULL_WIDTH.match(line)
    if m:
        return Diagnostic(f"YAML syntax error: '{m.group('key')}' is followed by a full-width colon '：'; YAML needs the "
                          f"ASCII colon ':' and a space: write {_shown(m.group('lead'), m.group('key'), m.group('rest'))}",
                          display, i + 1, m.start("colon") + 1)
    m = _NO_SPACE.match(line)
    if m:
        return Diagnostic(f"YAML syntax error: no space after the colon of '{m.group('key')}'; YAML needs one: write "
                          f"{_shown(m.group('lead'), m.group('key'), m.group('rest'))}", display, i + 1, m.start("rest") + 1)
    m = _NO_COLON.match(line)
    if m and m.group("key") in outline_keys() and ":" not in m.group("rest").split(" ")[0]:
        return Diagnostic(f"YAML syntax error: missing ':' after '{m.group('key')}'; write "
                          f"{_shown(m.group('lead'), m.group('key'), m.group('rest'))}", display, i + 1, m.end("key") + 1)
    here = _KEY_LINE.match(line)
    if here and above and above.group("rest") and not _BLOCK.match(above.group("rest")):
        mine, theirs = len(here.group("lead")), len(above.group("lead"))
        if mine > theirs:
            more = mine - theirs
            return Diagnostic(f"YAML syntax error: '{here.group('key')}' is indented {more} space{'s' if more > 1 else ''} "
                              f"more than '{above.group('key')}' on line {j + 1}; the keys of one entry start in the "
                              f"same column: move it to column {theirs + 1}", display, i + 1, mine + 1)
    return None


def diagnose(text: str, exc: yaml.MarkedYAMLError, display: str) -> Diagnostic | None:
    """The user's slip behind `exc`, on the line they wrote (PyYAML often reports the line after), or None.

    Looks at the lines from the error's context mark (or the line before the problem) to the problem's line."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    last = min(mark.line, len(lines) - 1)
    first = max(0, min(exc.context_mark.line if exc.context_mark else last, last - 1))
    for i in range(first, last + 1):
        found = _line_fault(lines, i, display)
        if found is not None:
            return found
    return None
