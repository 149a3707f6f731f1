"""Find a lecture's structure: title block, salutation and opening, numbered headings, points, closing."""
from __future__ import annotations

import bisect
import re
from dataclasses import field

from deckgen.diagnostics import Diagnostic
from deckgen.extract.frame import (CLOSING_CUE, CONCLUSION, DATE, PRESENTER, THANKS, closing_title, is_salutation,
                                   looks_like_title)
from deckgen.extract.numbering import Label, heading_labels
from deckgen.extract.points import find_points
from deckgen.extract.lecture import Lecture
from deckgen.extract.text import shorten, strip_end, width
from deckgen.outline.typed import record
from deckgen.text.script import cjk_ratio, detect_language
from deckgen.text.sentences import first_sentence

HEADING_WIDTH = 36      # longest heading title kept whole (in Chinese characters)
POINT_WIDTH = 30        # longest point title kept whole
MAX_DEPTH = 2           # 0 section, 1 subsection, 2 point


@record
class Node:
    """A slide found in the text: its depth (0 section, 1 subsection, 2 point), where its text starts,
    its label as written, its title, and how it was found (`heading`, `point`, `paragraph`)."""

    depth: int
    start: int
    label: str | None
    title: str
    kind: str
    line: int | None = None
    cut: bool = False
    head_end: int = 0
    family: str | None = None
    children: list["Node"] = field(default_factory=list)

    def walk(self) -> list["Node"]:
        """This node and all below it, in document order."""
        out = [self]
        for child in self.children:
            out += child.walk()
        return out


@record
class Structure:
    """What the extractor found, as offsets into `body` (the lecture's paragraphs joined by line breaks)."""

    body: str
    language: str
    title: str | None = None
    subtitle: str | None = None
    presenter: str | None = None
    date: str | None = None
    title_end: int = 0
    opening: tuple[int, int] | None = None
    salutation: str | None = None
    sections: list[Node] = field(default_factory=list)
    closing: Node | None = None
    warnings: list[Diagnostic] = field(default_factory=list)

    def nodes(self) -> list[Node]:
        """Every section, subsection and point in document order."""
        return [n for s in self.sections for n in s.walk()]

    def spans(self) -> list[tuple[str, object, int, int]]:
        """(kind, node, start, end) of each slide's text in order: deck, opening, nodes, closing.

        The spans are contiguous and cover the whole body: this is the no-text-lost invariant."""
        marks: list[tuple[str, object, int]] = [("deck", None, 0)]
        if self.opening:
            marks.append(("opening", None, self.opening[0]))
        marks += [("node", n, n.start) for n in self.nodes()]
        if self.closing:
            marks.append(("closing", self.closing, self.closing.start))
        ends = [m[2] for m in marks[1:]] + [len(self.body)]
        return [(kind, node, start, end) for (kind, node, start), end in zip(marks, ends)]


@record
class _Entry:
    scheme: str | None
    number: int
    style: int | None = None
    prefix: str = ""


class _Finder:
    """One pass over a lecture's paragraphs; holds the offsets and collects warnings."""

    def __init__(self, lecture: Lecture) -> None:
        self.lecture = lecture
        self.paras = lecture.paragraphs
        self.body = lecture.body
        self.starts: list[int] = []
        pos = 0
        for p in self.paras:
            self.starts.append(pos)
            pos += len(p.text) + 1
        self.warnings: list[Diagnostic] = []
        self.deep_warned = False
        self.cjk = cjk_ratio(self.body) >= 0.2

    def warn(self, index: int | None, message: str) -> None:
        line = self.paras[index].line if index is not None and index < len(self.paras) else None
        self.warnings.append(Diagnostic(message, self.lecture.source, line))

    def para_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def end_of(self, index: int) -> int:
        return self.starts[index] + len(self.paras[index].text)

    # --- title block -----------------------------------------------------------------------
    def title_block(self, out: Structure) -> int:
        """Read the title line and the lines that belong to it; return the index of the first body paragraph."""
        paras = self.paras
        first = paras[0]
        levels = [p.level for p in paras if p.level is not None]
        is_title = first.level == 0 or (
            first.level is not None and levels.count(first.level) == 1 and min(levels) == first.level and len(levels) > 1)
        if first.level is None:
            is_title = looks_like_title(first.text, self.paras[1:])
        if not is_title:
            return 0
        out.title = strip_end(first.text.lstrip("#").strip()) or first.text
        i = 1
        while i < len(paras) and i <= 4:
            p = paras[i]
            text = p.text
            if (p.level is not None and p.level > 0) or heading_labels(text) or is_salutation(text):
                break
            if text.startswith(("——", "—", "－－")) and width(text) <= 60 and out.subtitle is None:
                out.subtitle = strip_end(text.lstrip("—－- ").strip())
            elif DATE.fullmatch(text) and out.date is None:
                out.date = text.strip("（）() ")
            elif p.level == 0 and out.subtitle is None:
                out.subtitle = strip_end(text)
            elif (m := PRESENTER.fullmatch(text)) and out.presenter is None and width(text) <= 30:
                out.presenter = strip_end(m.group("name") or m.group("role") or m.group("en") or text)
            elif i == 1 and p.level is None and looks_like_title(text, self.paras[2:]) and width(text) <= 30:
                out.subtitle = text  # a second short line under the title: `Week 3: Linear Models`
            else:
                break
            i += 1
        return i

    # --- headings --------------------------------------------------------------------------
    def headings(self, first: int) -> list[Node]:
        """Numbered or styled headings from paragraph `first` on, as a flat list with depths."""
        stack: list[_Entry] = []
        found: list[Node] = []
        for i in range(first, len(self.paras)):
            para = self.paras[i]
            labels = heading_labels(para.text)
            if para.level is not None and para.level > 0:
                while stack and (stack[-1].style is None or stack[-1].style >= para.level):
                    stack.pop()
                depth = len(stack)
                label = labels[0] if labels else None
                stack.append(_Entry(label.scheme if label else None, label.number if label else 0, para.level,
                                    label.prefix if label else ""))
            else:
                choice = self.choose(labels, stack, i)
                if choice is None:
                    continue
                label, depth = choice
            if depth > MAX_DEPTH:
                if not self.deep_warned:
                    self.deep_warned = True
                    self.warn(i, f"headings below the third level (such as {para.text[:label.end if label else 8]!r}) "
                                 "are kept in the notes of the slide above them")
                continue
            found.append(self.node(i, label, depth))
        return found

    def choose(self, labels: list[Label], stack: list[_Entry], index: int) -> tuple[Label, int] | None:
        """Pick the reading of a paragraph's label that continues the numbering, and its depth; None if
        the label does not continue or start any numbering (then the paragraph is body text)."""
        options: list[tuple[int, Label, int]] = []
        for label in labels:
            at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].scheme == label.scheme), None)
            if at is not None:
                prev = stack[at]
                if label.prefix != prev.prefix:
                    if label.number == 1:
                        options.append((0, label, at))
                elif label.number == prev.number + 1:
                    options.append((0, label, at))
                elif label.number > prev.number + 1:
                    options.append((1, label, at))
            elif label.number == 1:
                options.append((2, label, -1))
        if not options:
            return None
        priority, label, at = min(options, key=lambda o: o[0])
        if at >= 0:
            if priority == 1:
                self.warn(index, f"numbering jumps from {stack[at].number} to {label.number} at {label.text!r}; "
                                 "is a heading missing?")
            style = stack[at].style
            del stack[at:]
            stack.append(_Entry(label.scheme, label.number, style, label.prefix))
            return label, at
        if label.rank is not None:
            while stack and stack[-1].style is None and (stack[-1].scheme and _rank(stack[-1].scheme) is not None
                                                         and _rank(stack[-1].scheme) > label.rank):
                stack.pop()
        stack.append(_Entry(label.scheme, label.number, None, label.prefix))
        return label, len(stack) - 1

    def node(self, index: int, label: Label | None, depth: int) -> Node:
        """The node of heading paragraph `index`: the heading is the whole paragraph when it is one
        sentence, else its first sentence (the rest of the paragraph is notes)."""
        text = self.paras[index].text
        offset = label.end if label else 0
        rest = text[offset:]
        sentence = first_sentence(rest)
        start = self.starts[index]
        if len(sentence) >= len(rest.strip()) - 1 or not sentence:
            title, cut = shorten(rest, HEADING_WIDTH)
            head_end = self.end_of(index)
        else:
            title, cut = shorten(sentence, HEADING_WIDTH)
            head_end = start + offset + rest.index(sentence) + len(sentence)
        return Node(depth, start, label.text if label else "", title or strip_end(rest) or text, "heading",
                    self.paras[index].line, cut, head_end)

    # --- closing ---------------------------------------------------------------------------
    def closing(self, lo_index: int) -> int | None:
        """The index of the first closing paragraph among the last ones after paragraph `lo_index`."""
        n = len(self.paras)
        candidates = range(max(lo_index + 1, n - 3), n)
        for i in candidates:
            text = self.paras[i].text
            if CLOSING_CUE.match(text):
                return i
        last = n - 1
        if last > lo_index and THANKS.match(self.paras[last].text):
            return last
        return None

    # --- points ----------------------------------------------------------------------------
    def add_points(self, node: Node, lo: int, hi: int, exclude: frozenset[str] = frozenset()) -> None:
        """Turn runs of points inside `body[lo:hi]` into children of `node`, recursively one level down."""
        if node.depth >= MAX_DEPTH:
            return
        found = find_points(self.body, lo, hi, exclude)
        if not found:
            return
        ends = [m.start for m in found[1:]] + [hi]
        for marker, end in zip(found, ends):
            rest = self.body[marker.end:end]
            title, cut = shorten(rest, POINT_WIDTH)
            sentence = first_sentence(rest)
            head_end = marker.end + rest.find(sentence) + len(sentence) if sentence else marker.end
            child = Node(node.depth + 1, marker.start, marker.label, title or marker.label, "point",
                         self.paras[self.para_at(marker.start)].line, cut, head_end, marker.family)
            node.children.append(child)
            self.add_points(child, marker.end, end, exclude | {marker.family})


def _rank(scheme: str) -> int | None:
    from deckgen.extract.numbering import CN_RANK

    return CN_RANK.get(scheme)




def _tree(flat: list[Node]) -> list[Node]:
    roots: list[Node] = []
    parents: list[Node] = []
    for node in flat:
        del parents[node.depth:]
        if parents:
            parents[-1].children.append(node)
        else:
            roots.append(node)
        parents.append(node)
    return roots


def _language(body: str) -> str:
    return detect_language(body)


def find_structure(lecture: Lecture) -> Structure:
    """Find the title block, opening, sections, subsections, points and closing of `lecture`.

    Every character of the body belongs to exactly one slide's span (`Structure.spans`)."""
    f = _Finder(lecture)
    out = Structure(f.body, _language(f.body))
    n = len(f.paras)
    first = f.title_block(out)
    body_start = f.starts[first] if first < n else len(f.body)
    if out.title is None:
        f.warn(0, "no title line found (a short first line without final punctuation); "
                  "the deck title is the file name: edit deck.title")
    salutation = first if first < n and is_salutation(f.paras[first].text) else None
    if salutation is not None:
        out.salutation = f.paras[salutation].text
    flat = f.headings(first)
    out.sections = _tree(flat)
    # the closing: a final conclusion section, or the last paragraphs that address the audience
    last_heading = f.para_at(flat[-1].start) if flat else (salutation if salutation is not None else first)
    if len(out.sections) > 1 and not out.sections[-1].children and CONCLUSION.fullmatch(out.sections[-1].title):
        out.closing = out.sections.pop()
        out.closing.kind, out.closing.depth = "closing", -1
    elif first < n:
        index = f.closing(last_heading if flat else max(last_heading, first))
        if index is not None:
            head = index + 1 if is_salutation(f.paras[index].text) and index + 1 < len(f.paras) else index
            title, cut = closing_title(f.paras[head].text, f.cjk)  # `各位代表！` alone is said to the hall, no title
            text = f.paras[index].text
            head_end = f.starts[index] + len(text) - len(text[len(first_sentence(text)):].lstrip())
            out.closing = Node(-1, f.starts[index], None, title, "closing", f.paras[index].line, cut, head_end)
    end = out.closing.start if out.closing else len(f.body)
    # points inside the paragraphs of each leaf (or of the whole body when there are no headings)
    order = out.nodes()
    ends = [x.start for x in order[1:]] + [end]
    for node, hi in zip(order, ends):
        if not node.children:
            f.add_points(node, node.head_end, hi)
    if not out.sections:
        lo = f.end_of(salutation) + 1 if salutation is not None else body_start
        root = Node(-1, lo, None, "", "root")
        f.add_points(root, lo, max(lo, end))
        out.sections = root.children
    if not out.sections:
        out.sections = _paragraph_sections(f, out, salutation, first, end)
    else:
        _paragraph_subsections(f, out, end)
        _split_at_sub_heads(f, out, end)
    opening_end = out.sections[0].start if out.sections else end
    if body_start < opening_end and f.body[body_start:opening_end].strip():
        only_salutation = salutation is not None and f.end_of(salutation) + 1 >= opening_end
        if not only_salutation:
            out.opening = (body_start, opening_end)
    out.title_end = out.opening[0] if out.opening else opening_end
    out.warnings = f.warnings
    return out


def _paragraph_sections(f: _Finder, out: Structure, salutation: int | None, first: int, end: int) -> list[Node]:
    """No headings and no points: one section with one slide per paragraph."""
    lo = salutation + 1 if salutation is not None else first
    indexes = [i for i in range(lo, len(f.paras)) if f.starts[i] < end]
    if not indexes:
        indexes = [i for i in range(first, len(f.paras)) if f.starts[i] < end] or [len(f.paras) - 1]
    f.warn(indexes[0], "no numbered headings or points found: drafted one section with a slide per paragraph")
    start = f.starts[indexes[0]]
    section = Node(0, start, "", "主要内容" if f.cjk else "Main points", "paragraph", f.paras[indexes[0]].line, False, start)
    for i in indexes:
        title, cut = shorten(f.paras[i].text, HEADING_WIDTH)
        section.children.append(Node(1, f.starts[i], "", title or f.paras[i].text, "paragraph", f.paras[i].line,
                                     cut, f.end_of(i)))
    return [section]


LONG_TEXT = 660  # characters of a subsection's text read in about 3 minutes (220 a minute): split at sub-heads


def _split_at_sub_heads(f: _Finder, out: Structure, end: int) -> None:
    """A subsection without points whose text takes over 3 minutes to read, over paragraphs that open with
    sub-heads (`必须坚持党的全面领导。…`), gets a point per such paragraph, titled by its sub-head: one slide
    would otherwise show for all that time. Two sub-heads at least; the text before the first stays its own."""
    from deckgen.extract.phrases import subhead

    order = out.nodes()
    ends = {id(x): e for x, e in zip(order, [x.start for x in order[1:]] + [end])}
    for node in order:
        hi = ends[id(node)]
        if node.depth != 1 or node.children or width(f.body[node.start:hi]) <= LONG_TEXT:
            continue
        head = f.para_at(node.start)
        firsts = [(i, strip_end(first_sentence(f.paras[i].text))) for i in range(head + 1, len(f.paras)) if f.starts[i] < hi]
        short = [(i, t) for i, t in firsts if 4 <= width(t) <= 16 and not re.search(r"[，,；;：:]", t)]
        # sub-heads: ones that read as such, or short first sentences that run parallel (`必须坚持…` ×6)
        heads = [(i, t) for i, t in short if subhead(t) or sum(1 for _, u in short if u[:2] == t[:2]) >= 2]
        if len(heads) < 2:
            continue
        for i, title in heads:
            node.children.append(Node(2, f.starts[i], "", title, "paragraph", f.paras[i].line, False, f.end_of(i)))


def _paragraph_subsections(f: _Finder, out: Structure, end: int) -> None:
    """A section without subsections whose text runs over several paragraphs gets a slide per paragraph
    after its heading paragraph (a divider alone would leave the text without a content slide)."""
    order = out.nodes()
    ends = {id(x): e for x, e in zip(order, [x.start for x in order[1:]] + [end])}
    for section in out.sections:
        if section.children:
            continue
        hi = ends[id(section)]
        head = f.para_at(section.start)
        indexes = [i for i in range(head + 1, len(f.paras)) if f.starts[i] < hi]
        if not indexes:
            continue
        for i in indexes:
            title, cut = shorten(f.paras[i].text, HEADING_WIDTH)
            section.children.append(Node(1, f.starts[i], "", title or f.paras[i].text, "paragraph",
                                         f.paras[i].line, cut, f.end_of(i)))
