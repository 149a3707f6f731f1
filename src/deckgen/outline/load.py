"""Read a YAML file into plain data plus the source position of every key and value."""
from __future__ import annotations

import codecs
import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.errors import ContentError
from deckgen.outline.typed import record
from deckgen.text.clean import UNREADABLE

MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_BYTES = 20 * 1024 * 1024

Path_ = tuple[PathPart, ...]


@record
class Loaded:
    """A parsed document: `data`, and 1-based (line, col) of each value and key by path."""

    data: Any
    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path` (of its key when `key`), else of its nearest located parent."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        p = tuple(path)
        while p:
            p = p[:-1]
            if p in self.values:
                return self.values[p]
        return (None, None)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Diagnostic:
        line, col = self.where(path, key=key)
        return Diagnostic(message, self.file, line, col, tuple(path))


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of `offset` in `raw`."""
    return raw[:offset].count(b"\n") + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file (a BOM is dropped); a missing, binary, too large or non-UTF-8 file is a ContentError.

    At most `MAX_BYTES` are read, so a device or a huge file is refused rather than read whole.
    """
    from deckgen.package.files import file_problem

    why = file_problem(path)
    if why and why.startswith("is a folder"):
        raise ContentError([Diagnostic(f"{display!r} is a folder, not a file; give the file itself", display)])
    if why:
        raise ContentError([Diagnostic(f"file {display!r} {why}", display)])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ContentError([Diagnostic(f"file {display!r} does not exist", display)]) from None
    except PermissionError:
        raise ContentError([Diagnostic(f"file {display!r} cannot be read (permission denied)", display)]) from None
    except OSError as exc:
        raise ContentError([Diagnostic(f"file {display!r} cannot be read ({exc.strerror})", display)]) from None
    if len(raw) > MAX_BYTES:
        raise ContentError([Diagnostic(f"the file is larger than {MAX_BYTES >> 20} MB, too large for an outline; "
                                       "is it the right file?", display)])
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError([Diagnostic("the file is UTF-16 text; save it as UTF-8", display, 1, 1)])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\0")
    if nul >= 0:
        raise ContentError([Diagnostic("not a text file (it holds NUL bytes); is this the right file? "
                                       "YAML files are UTF-8 text", display, *_position(raw, nul))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            guess = " (it looks like GBK/GB18030, as Chinese Windows saves it)"
        except UnicodeDecodeError:
            guess = ""
        raise ContentError([Diagnostic(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}){guess}; save the file as UTF-8",
            display, *_position(raw, exc.start))]) from None


class _Builder:
    """Turns a composed YAML node graph into Python data, recording positions."""

    def __init__(self, loaded: Loaded, all_text: bool) -> None:
        self.loaded = loaded
        self.all_text = all_text
        self.count = 0
        self.problems: list[Diagnostic] = []
        self._resolver = yaml.SafeLoader("")

    def build(self, node: Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ContentError([self._at(node, path, f"more than {MAX_NODES} values (an alias bomb?); refusing to expand: "
                                                     "write the values out instead of repeating aliases (*name)")])
        if depth > MAX_DEPTH:
            raise ContentError([self._at(node, path, _TOO_DEEP)])
        self.loaded.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(self._at(node, path, f"the YAML tag {tag!r} is not supported (deckgen reads plain "
                                                      "YAML: text, lists and mappings); remove it"))
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(self._at(key_node, path, "a key must be plain text"))
                    continue
                key = key_node.value
                if key == "<<":
                    self.problems.append(self._at(key_node, path, "YAML merge keys ('<<') are not supported; write the keys out"))
                    continue
                if key in out:
                    first = self.loaded.keys[path + (key,)]
                    self.problems.append(self._at(key_node, path + (key,),
                        f"duplicate key {key!r} (first at line {first[0]}); YAML would keep only the last one: keep one"))
                    continue
                self.loaded.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node)

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:null" or (node.style is None and node.value in ("", "~", "null", "Null", "NULL")):
            return None
        if self.all_text or node.tag not in _PLAIN_TAGS:
            return node.value
        return yaml.SafeLoader.construct_object(self._resolver, node, deep=True)

    def _at(self, node: Node, path: Path_, message: str) -> Diagnostic:
        return Diagnostic(message, self.loaded.file, node.start_mark.line + 1, node.start_mark.column + 1, path)


_TAB_INDENT = re.compile(r"^( *)\t", re.M)
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; flatten it"
# The tags plain YAML resolves by itself; anything else (!!python/object, !foo) was written on purpose.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                        ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value"))
# Characters YAML refuses (`UNREADABLE`), as pasted from Word or web pages, are removed with a warning
# rather than failing; lines warned about one by one, at most:
MAX_WARNED_LINES = 10


def _strip_unreadable(text: str, display: str) -> tuple[str, list[Diagnostic]]:
    """`text` without the characters YAML cannot read, and a warning per line that had some (columns
    later on such a line shift by the characters removed before them)."""
    if not UNREADABLE.search(text):
        return text, []
    lines = text.split("\n")
    warnings = []
    touched = 0
    for number, line in enumerate(lines, 1):
        found = UNREADABLE.findall(line)
        if not found:
            continue
        touched += 1
        if touched <= MAX_WARNED_LINES:
            col = UNREADABLE.search(line).start() + 1  # type: ignore[union-attr]
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
            warnings.append(Diagnostic(f"removed {len(found)} control or invalid character(s) ({names})",
                                       display, number, col))
        lines[number - 1] = UNREADABLE.sub("", line)
    if touched > MAX_WARNED_LINES:
        warnings.append(Diagnostic(f"… and such characters on {touched - MAX_WARNED_LINES} more lines", display))
    return "\n".join(lines), warnings


_LEAD = re.compile(r"^[ \t?:-]*", re.M)


def shallow(text: str) -> bool:
    """Whether `text` certainly nests no deeper than `MAX_DEPTH`, read from its characters alone. In block
    YAML a collection inside another starts further right, but for a list right under a key: every two
    levels move right at least one column, and a collection starts after its line's spaces, dashes, `?` and
    `:`. Each flow level needs a `[` or `{` of its own."""
    lead = max(map(len, _LEAD.findall(text)), default=0)
    return 2 * lead + 3 + text.count("[") + text.count("{") <= MAX_DEPTH


def _check_depth(text: str, display: str) -> None:
    """Refuse nesting deeper than `MAX_DEPTH` before composing, which recurses per level (libyaml's
    composer would crash the process on a few hundred thousand `[`). The parser's events are flat; they are
    read only when the text's shape (`shallow`) does not already rule deep nesting out.

    libyaml itself may stop at its own nesting limit (1000 in newer builds); the pure-Python parser,
    which has none, then finds the place where `MAX_DEPTH` is passed."""
    if shallow(text):
        return
    fast = getattr(yaml, "CSafeLoader", None)
    for loader in ([fast] if fast else []) + [yaml.SafeLoader]:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH + 1:
                        mark = event.start_mark
                        raise ContentError([Diagnostic(_TOO_DEEP, display, mark.line + 1, mark.column + 1)])
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
            return
        except yaml.YAMLError:
            continue  # composing reports it, worded the same on every machine


def _tab_error(text: str, exc: yaml.MarkedYAMLError, display: str) -> Diagnostic | None:
    """The syntax error as a tab used for indentation, when a line up to the error's starts with one.

    Tabs elsewhere are fine: inside quotes, or in a block of notes after its indentation."""
    mark = exc.problem_mark
    if mark is None:
        return None
    last = None
    for m in _TAB_INDENT.finditer(text, 0, len(text)):
        line = text.count("\n", 0, m.start()) + 1
        if line > mark.line + 1:
            break
        last = (line, len(m.group(1)) + 1)
    if last is None:
        return None
    return Diagnostic("a tab is used for indentation; YAML needs spaces", display, *last)


def _syntax_error(exc: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    """One line for a YAML syntax error: where, what, and what to do."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    msg = " ".join(s for s in (exc.context, problem) if s) or "invalid YAML"
    ctx = exc.context_mark
    if "end of stream" in problem or "stream end" in problem:
        opened = ctx is not None and mark is not None and (ctx.line, ctx.column) != (mark.line, mark.column)
        hint = (f"close what was opened at line {ctx.line + 1}, column {ctx.column + 1}" if opened and ctx
                else "a bracket or quote opened above is never closed")
    elif "mapping values are not allowed" in problem:
        hint = "put text that contains ': ' in quotes"
    elif "'\\t'" in problem or "\\t" in problem:
        hint = "use spaces, not tabs"
    elif "expected <block end>" in problem:
        hint = "this line is indented differently from the lines above it; line it up with its siblings"
    elif "could not find expected ':'" in problem:
        hint = "write `key: value`, and put text that contains ':' or '#' in quotes"
        mark = ctx or mark  # the line the key began on, which the user wrote; PyYAML's problem is on the next
    else:
        hint = "check the indentation and quotes here"
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Diagnostic(f"YAML syntax error: {msg}; {hint}", display, line, col)


def _text_loader(base: type) -> type:
    """`base` resolving every plain scalar to text without trying YAML's number, date and bool patterns
    (when all values stay text, `_Builder` looks at no tag but null's)."""

    class TextLoader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:  # (YAML's null: a plain ~, null, Null, NULL or nothing)
                return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
            return super().resolve(kind, value, implicit)

    return TextLoader


_STR_TAG, _NULL_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_FAST = getattr(yaml, "CSafeLoader", None)
_LOADERS = {False: (_FAST, yaml.SafeLoader),
            True: (_text_loader(_FAST) if _FAST else None, _text_loader(yaml.SafeLoader))}


def _compose(text: str, all_text: bool = False) -> list[Node]:
    """Compose every document with libyaml when available (several times faster); on a syntax error,
    compose again with the pure-Python parser, which accepts a little more (e.g. surrogate escapes,
    sanitised later) and words its messages the same way on every machine. With `all_text`, plain scalars
    are not resolved (they all stay text)."""
    fast, slow = _LOADERS[all_text]
    if fast is not None:
        try:
            return list(yaml.compose_all(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=slow))


def parse_yaml(text: str, display: str, *, all_text: bool = True) -> Loaded:
    """Parse YAML `text`. With `all_text`, every scalar stays text (no `yes`→True, `1.10`→1.1).

    Raises `ContentError` for syntax errors, an empty document or alias bombs; duplicate keys
    and other structural problems are collected in `Loaded.problems` for the validator.
    """
    loaded = Loaded(None, display)
    text, loaded.warnings = _strip_unreadable(text, display)
    try:
        _check_depth(text, display)
        nodes = _compose(text, all_text)
    except yaml.MarkedYAMLError as exc:
        from deckgen.outline.syntax import diagnose

        raise ContentError([_tab_error(text, exc, display) or diagnose(text, exc, display)
                            or _syntax_error(exc, display)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Diagnostic(f"YAML error: {str(exc).splitlines()[0]}", display)]) from None
    except RecursionError:
        raise ContentError([Diagnostic(_TOO_DEEP, display)]) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise ContentError([Diagnostic("the file is empty (no YAML content); fill it in, or check that "
                                       "this is the right file", display, 1, 1)])
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise ContentError([Diagnostic("more than one YAML document ('---'); put everything in one", display, second.line + 1, second.column + 1)])
    builder = _Builder(loaded, all_text)
    loaded.data = builder.build(nodes[0], ())
    loaded.problems = builder.problems
    return loaded


def load_yaml(path: Path, display: str | None = None, *, all_text: bool = True) -> Loaded:
    """Read and parse the YAML file at `path`; `display` is the name used in messages."""
    display = display or str(path)
    return parse_yaml(read_text(path, display), display, all_text=all_text)
