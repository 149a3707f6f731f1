"""Edit an outline's YAML in place with ruamel.yaml: comments, key order, quoting and layout kept."""
from __future__ import annotations

import difflib
import io
from typing import Any, Optional, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      SingleQuotedScalarString)

from deckgen.outline.typed import record
from deckgen.pull.read import Path_
from deckgen.pull.tree import CHILD_KEY, Node, Tree

KEY_ORDER = ("title", "label", "layout", "bullets", "notes", "subsections", "points")
TOP_ORDER = ("deck", "opening", "sections", "closing")
# (mapping, sequence, offset) indentations tried, the one that writes the file back unchanged wins
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (4, 2, 0), (3, 5, 2), (4, 6, 2))


@record
class Document:
    """An outline file loaded for editing: the ruamel `yaml` that writes it back as it was (as far as can
    be), its data, and its line ends and byte-order mark."""

    yaml: YAML
    data: CommentedMap
    newline: str = "\n"
    bom: bool = False
    exact: bool = True  # writing the file back unchanged gives the same bytes

    def text(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return ("\ufeff" if self.bom else "") + out.getvalue().replace("\n", self.newline)


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 1 << 30
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def load(raw: bytes) -> Document:
    """The outline `raw` (UTF-8) for editing, with the indentation that writes it back byte for byte when
    one does (else the closest, and `exact` False)."""
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    data = _yaml(*INDENTS[0]).load(text)
    best: Optional[tuple[int, Document]] = None
    for indent in dict.fromkeys(_guess(text) + list(INDENTS)):  # the guess first: each try writes the whole file
        doc = Document(_yaml(*indent), data, newline, bom)
        out = io.StringIO()
        doc.yaml.dump(data, out)
        if out.getvalue() == text:
            return doc
        differ = sum(1 for a, b in zip(out.getvalue().split("\n"), text.split("\n")) if a != b)
        if best is None or differ < best[0]:
            best = (differ, doc)
    assert best is not None
    best[1].exact = False
    return best[1]


def _guess(text: str) -> list[tuple[int, int, int]]:
    """The indentation (mapping, sequence, offset) the file seems to use, from its first `key:` lines
    followed by a deeper key, and by a list item."""
    mapping = sequence = offset = None
    lines = [line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    for above, line in zip(lines, lines[1:]):
        if not above.rstrip().endswith(":") or above.lstrip().startswith("- "):
            continue
        key = len(above) - len(above.lstrip(" "))
        body = line.lstrip(" ")
        col = len(line) - len(body)
        if body.startswith("- ") and sequence is None:
            offset, sequence = col - key, col - key + 2 + len(body[2:]) - len(body[2:].lstrip(" "))
        elif not body.startswith("-") and col > key and mapping is None:
            mapping = col - key
        if mapping is not None and sequence is not None:
            return [(mapping, sequence, offset)] if offset is not None else []
    return []


# ------------------------------------------------------------------- comments that follow an entry

def _leaf(node: Any, key: Any) -> tuple[Any, Any]:
    """The holder and key of the last scalar at or under `node[key]`: ruamel keeps the comment lines after an
    entry (which a reader takes for the next entry's) on it."""
    value = node[key]
    if isinstance(value, CommentedMap) and len(value):
        return _leaf(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _leaf(value, len(value) - 1)
    return node, key


def _slot(holder: Any) -> int:
    return 2 if isinstance(holder, CommentedMap) else 0


def pop_after(node: Any, key: Any) -> Any:
    """Take away the comment lines after `node[key]` and return them (None when there are none)."""
    holder, k = _leaf(node, key)
    entry = holder.ca.items.get(k)
    if not entry:
        return None
    token, entry[_slot(holder)] = entry[_slot(holder)], None
    return token


def put_after(node: Any, key: Any, token: Any) -> None:
    """Put comment lines (`pop_after`'s) after `node[key]`."""
    if token is None:
        return
    holder, k = _leaf(node, key)
    holder.ca.items.setdefault(k, [None, None, None, None])[_slot(holder)] = token


def delete_at(seq: CommentedSeq, i: int) -> Any:
    """Delete `seq[i]`; the comment lines after it now follow the item before it (they belong to the next).
    Returns them when there is no item before it."""
    token = pop_after(seq, i)
    del seq[i]
    if i > 0:
        pop_after(seq, i - 1)  # the lines about the deleted item
        put_after(seq, i - 1, token)
        return None
    return token


def insert_at(seq: CommentedSeq, i: int, value: Any) -> None:
    """Insert `value` at `i`; the comment lines that followed the item before it now follow `value`."""
    token = pop_after(seq, i - 1) if i > 0 else None
    seq.insert(i, value)
    put_after(seq, i, token)


def _keep_gap(holder: Any, key: Any, old: Any, new: Any) -> None:
    """Move the comment on the line of `holder[key]` by as many characters as its value grew or shrank."""
    entry = holder.ca.items.get(key)
    _shift(entry[_slot(holder)] if entry else None, old, new)


def _shift(token: Any, old: Any, new: Any) -> None:
    import copy

    if token is None or not token.value.startswith("#") or getattr(token, "start_mark", None) is None \
            or not isinstance(old, str) or not isinstance(new, str) or "\n" in old + new:
        return
    token.start_mark = copy.copy(token.start_mark)
    token.start_mark.column = max(0, token.start_mark.column + len(new) - len(old))


def set_key(holder: CommentedMap, key: str, value: Any, order: Sequence[str] = KEY_ORDER) -> None:
    """Set `holder[key]`, a new key placed by `order` among the keys there."""
    if key in holder:
        _keep_gap(holder, key, holder[key], value)
        holder[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(holder)
    pos = next((i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys))
    holder.insert(pos, key, value)


def styled(old: Any, new: str) -> Any:
    """`new` written the way `old` was: quoted as it was, a literal block when it spans lines."""
    if "\n" in new or isinstance(old, (LiteralScalarString, FoldedScalarString)):
        return LiteralScalarString(new)
    if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        return type(old)(new)
    return new


def _top_comment_after(holder: CommentedMap) -> Any:
    keys = list(holder)
    return pop_after(holder, keys[-1]) if keys else None


def set_fields(holder: CommentedMap, fields: dict[str, Any], order: Sequence[str] = KEY_ORDER) -> None:
    """Write changed fields into an entry (or `deck:`): text in place, bullets item by item, an emptied
    value removed; the comment lines after the entry stay after it."""
    if not fields:
        return
    last = _leaf(holder, list(holder)[-1]) if len(holder) else None
    token = _top_comment_after(holder)
    for name, value in fields.items():
        if last is not None and last[0] is holder and last[1] == name:
            _shift(token, holder.get(name), value)
        if name == "bullets":
            _set_bullets(holder, value)
        elif value == "" and name in ("notes", "subtitle", "presenter", "date"):
            holder.pop(name, None)
        else:
            set_key(holder, name, styled(holder.get(name), value), order)
    if len(holder):
        put_after(holder, list(holder)[-1], token)


def nested(pairs: Sequence[tuple[str, int]], into: Optional[CommentedSeq] = None) -> CommentedSeq:
    """Bullets with levels as YAML lists: the sub-bullets of a bullet in a list right after it, written
    `[a, b]`."""
    root = into if into is not None else CommentedSeq()
    stack: list[CommentedSeq] = [root]
    for text, level in pairs:
        level = min(level, len(stack))
        del stack[level + 1:]
        while len(stack) <= level:
            sub = CommentedSeq()
            sub.fa.set_flow_style()  # `- [sub-bullet, sub-bullet]`
            stack[-1].append(sub)
            stack.append(sub)
        stack[-1].append(styled(None, text))
    return root


def _set_bullets(holder: CommentedMap, pairs: list[tuple[str, int]]) -> None:
    seq = holder.get("bullets")
    texts = [text for text, _ in pairs]
    if not texts:
        holder.pop("bullets", None)
        return
    if not isinstance(seq, CommentedSeq):
        set_key(holder, "bullets", nested(pairs))
        return
    if any(level for _, level in pairs) or any(isinstance(x, list) for x in seq):
        del seq[:]  # sub-bullets: the list is written anew
        seq.ca.items.clear()
        nested(pairs, seq)
        return
    old = [str(x) for x in seq]
    ops = difflib.SequenceMatcher(None, old, texts, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(common):  # a bullet reworded keeps its place, quoting and comment
            _keep_gap(seq, i1 + k, seq[i1 + k], texts[j1 + k])
            seq[i1 + k] = styled(seq[i1 + k], texts[j1 + k])
        for i in range(i2 - 1, i1 + common - 1, -1):
            delete_at(seq, i)
        for k, text in enumerate(texts[j1 + common:j2]):
            at_ = i1 + common + k
            insert_at(seq, at_, styled(seq[at_ - 1] if at_ else None, text))


def new_entry(fields: dict[str, Any]) -> CommentedMap:
    """A new entry's mapping: title, label, bullets, notes."""
    entry = CommentedMap()
    entry["title"] = styled(None, fields["title"])
    set_fields(entry, {k: v for k, v in fields.items() if k != "title"})
    return entry


def at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def apply(doc: Document, tree: Tree, deck: dict[str, Any]) -> None:
    """Give `doc` the entries of `tree` (their changed fields, new entries, order and places) and the changed
    `deck:` fields."""
    data = doc.data
    maps: dict[int, CommentedMap] = {}

    def entry(node: Node) -> CommentedMap:
        if id(node.item) not in maps:
            item = node.item
            maps[id(item)] = at(data, item.path) if item.path is not None else new_entry(item.fields)
        return maps[id(node.item)]

    wanted: list[tuple[CommentedMap, str, list[CommentedMap]]] = []
    for holder, key, nodes in tree.containers():
        wanted.append((data if holder is None else entry(holder), key, [entry(n) for n in nodes]))
        for n in nodes:  # a list an entry may not have at its level (it moved up or down) is emptied
            for other in ("subsections", "points"):
                if other != CHILD_KEY.get(n.level) and other in entry(n):
                    wanted.append((entry(n), other, []))
    pending: dict[int, Any] = {}
    for holder, key, want in wanted:  # first take out what leaves each list
        seq = holder.get(key)
        if isinstance(seq, CommentedSeq):
            keep = {id(m) for m in want}
            for i in range(len(seq) - 1, -1, -1):
                if id(seq[i]) not in keep:
                    token = delete_at(seq, i)
                    pending[id(seq)] = token if token is not None else pending.get(id(seq))
    for holder, key, want in wanted:  # then put each list in order
        _order(holder, key, want, pending, TOP_ORDER if holder is data else KEY_ORDER)
    for holder_node in _all(tree):
        item = holder_node.item
        if item.path is not None and item.fields:
            set_fields(entry(holder_node), item.fields)
    if deck:
        set_fields(data["deck"], deck, ("title", "subtitle", "presenter", "date", "language", "theme", "notes"))


def _all(tree: Tree) -> list[Node]:
    out, stack = [], list(tree.opening + tree.sections + tree.closing)
    while stack:
        node = stack.pop(0)
        out.append(node)
        stack.extend(node.children)
    return out


def _order(holder: CommentedMap, key: str, want: list[CommentedMap], pending: dict[int, Any],
           order: Sequence[str]) -> None:
    seq = holder.get(key)
    if not want:
        if key in holder:
            token = pending.get(id(seq)) if isinstance(seq, CommentedSeq) else None
            keys = list(holder)
            at_end = keys[-1] == key
            own = pop_after(holder, key) if at_end else None
            del holder[key]
            if at_end and len(holder):
                put_after(holder, list(holder)[-1], own if own is not None else token)
        return
    if not isinstance(seq, CommentedSeq):
        token = _top_comment_after(holder) if len(holder) else None
        seq = CommentedSeq()
        set_key(holder, key, seq, order)
        for i, m in enumerate(want):
            insert_at(seq, i, m)
        put_after(holder, list(holder)[-1], token)
        return
    current = [id(m) for m in seq]
    ops = difflib.SequenceMatcher(None, current, [id(m) for m in want], autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag == "equal":
            continue
        for i in range(i2 - 1, i1 - 1, -1):
            delete_at(seq, i)
        for k, m in enumerate(want[j1:j2]):
            insert_at(seq, i1 + k, m)
