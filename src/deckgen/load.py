"""Read a YAML file into plain data plus the source position of every key and value."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.errors import ContentError

MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_BYTES = 20 * 1024 * 1024

Path_ = tuple[PathPart, ...]


@dataclass
class Loaded:
    """A parsed document: `data`, and 1-based (line, col) of each value and key by path."""

    data: Any
    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

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


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file (a BOM is dropped); a missing, binary or non-UTF-8 file is a ContentError."""
    try:
        if path.is_dir():
            raise ContentError([Diagnostic(f"{display!r} is a folder, not a file", display)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError([Diagnostic(f"file {display!r} does not exist", display)]) from None
    except PermissionError:
        raise ContentError([Diagnostic(f"file {display!r} cannot be read (permission denied)", display)]) from None
    if len(raw) > MAX_BYTES:
        raise ContentError([Diagnostic(f"file is {len(raw)} bytes; the limit is {MAX_BYTES}", display)])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError([Diagnostic(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            display, line, col)]) from None


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
            raise ContentError([self._at(node, path, f"more than {MAX_NODES} values (an alias bomb?); refusing to expand")])
        if depth > MAX_DEPTH:
            raise ContentError([self._at(node, path, f"nested more than {MAX_DEPTH} levels deep")])
        self.loaded.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(self._at(key_node, path, "a key must be plain text"))
                    continue
                key = key_node.value
                if key == "<<":
                    self.problems.append(self._at(key_node, path, "YAML merge keys ('<<') are not supported"))
                    continue
                if key in out:
                    first = self.loaded.keys[path + (key,)]
                    self.problems.append(self._at(key_node, path + (key,),
                        f"duplicate key {key!r} (first at line {first[0]}); YAML would keep only the last one"))
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
        if self.all_text:
            return node.value
        return yaml.SafeLoader.construct_object(self._resolver, node, deep=True)

    def _at(self, node: Node, path: Path_, message: str) -> Diagnostic:
        return Diagnostic(message, self.loaded.file, node.start_mark.line + 1, node.start_mark.column + 1, path)


_TAB_INDENT = re.compile(r"^( *)\t", re.M)


def _compose(text: str) -> list[Node]:
    """Compose every document with libyaml when available (several times faster); on a syntax error,
    compose again with the pure-Python parser, which accepts a little more (e.g. surrogate escapes,
    sanitised later) and words its messages the same way on every machine."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(yaml.compose_all(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def parse_yaml(text: str, display: str, *, all_text: bool = True) -> Loaded:
    """Parse YAML `text`. With `all_text`, every scalar stays text (no `yes`→True, `1.10`→1.1).

    Raises `ContentError` for syntax errors, an empty document or alias bombs; duplicate keys
    and other structural problems are collected in `Loaded.problems` for the validator.
    """
    loaded = Loaded(None, display)
    m = _TAB_INDENT.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise ContentError([Diagnostic("a tab is used for indentation; YAML needs spaces", display, line, len(m.group(1)) + 1)])
    try:
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(s for s in (exc.context, exc.problem) if s) or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ContentError([Diagnostic(f"YAML syntax error: {msg}", display, line, col)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Diagnostic(f"YAML error: {exc}", display)]) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise ContentError([Diagnostic("the file is empty (no YAML content)", display, 1, 1)])
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
