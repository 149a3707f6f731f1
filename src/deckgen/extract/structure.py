"""Find a lecture's structure: title block, salutation and opening, numbered headings, points, closing."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from deckgen.diagnostics import Diagnostic
from deckgen.extract.numbering import Label, heading_labels
from deckgen.extract.points import find_points
from deckgen.extract.readers import Lecture
from deckgen.extract.text import TERMINALS, cjk_ratio, first_sentence, sentences, shorten, strip_end, width

HEADING_WIDTH = 36      # longest heading title kept whole (in Chinese characters)
POINT_WIDTH = 30        # longest point title kept whole
MAX_DEPTH = 2           # 0 section, 1 subsection, 2 point

_VOCATIVE = re.compile(r"(同志们|各位代表|各位委员|各位领导|各位来宾|各位嘉宾|各位同事|各位同仁|各位老师|各位同学|"
                       r"各位朋友|各位|同事们|朋友们|同学们|老师们|女士们|先生们|Dear|Ladies and gentlemen|Colleagues|"
                       r"Friends|Everyone|Good (?:morning|afternoon|evening))")
_CLOSING_CUE = re.compile(r"(?:(?:同志们|各位代表|各位委员|各位领导|各位来宾|各位|同事们|朋友们|同学们|老师们)[，,！!]|"
                          r"总之|总而言之|综上所述|让我们|In (?:conclusion|closing|summary)|To (?:conclude|sum up)|"
                          r"Let me (?:conclude|close|end))")
_THANKS = re.compile(r"(谢谢(大家|各位)?|Thank you( all| very much)?)[。！!.]?$", re.I)
_CONCLUSION = re.compile(r"(结束语|结语|结束语|小结|总结|结论|Conclusions?|Closing(?: remarks)?|Concluding remarks|Summary)$", re.I)
_DATE = re.compile(r"[（(]?\s*(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|"
                   r"[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\s*[）)]?")
_PRESENTER = re.compile(r"(主讲人|报告人|主讲|讲话人|Presenter|Lecturer|Speaker|By)\s*[：:]?\s*(?P<name>.+)|"
                        r"(?P<role>.{2,20}(书记|市长|省长|县长|区长|主任|部长|局长|厅长|处长|校长|院长|教授|主席|总经理|董事长|同志))$|"
                        r"(?P<en>(Prof\.|Professor|Dr\.) .+)")


@dataclass
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


@dataclass
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


@dataclass
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
            is_title = _looks_like_title(first.text)
        if not is_title:
            return 0
        out.title = strip_end(first.text.lstrip("#").strip()) or first.text
        i = 1
        while i < len(paras) and i <= 4:
            p = paras[i]
            text = p.text
            if (p.level is not None and p.level > 0) or heading_labels(text) or _is_salutation(text):
                break
            if text.startswith(("——", "—", "－－")) and width(text) <= 60 and out.subtitle is None:
                out.subtitle = strip_end(text.lstrip("—－- ").strip())
            elif _DATE.fullmatch(text) and out.date is None:
                out.date = text.strip("（）() ")
            elif p.level == 0 and out.subtitle is None:
                out.subtitle = strip_end(text)
            elif (m := _PRESENTER.fullmatch(text)) and out.presenter is None and width(text) <= 30:
                out.presenter = strip_end(m.group("name") or m.group("role") or m.group("en") or text)
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
        return Node(depth, start, label.text if label else None, title or strip_end(rest) or text, "heading",
                    self.paras[index].line, cut, head_end)

    # --- closing ---------------------------------------------------------------------------
    def closing(self, lo_index: int) -> int | None:
        """The index of the first closing paragraph among the last ones after paragraph `lo_index`."""
        n = len(self.paras)
        candidates = range(max(lo_index + 1, n - 3), n)
        for i in candidates:
            text = self.paras[i].text
            if _CLOSING_CUE.match(text):
                return i
        last = n - 1
        if last > lo_index and _THANKS.match(self.paras[last].text):
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
            title, cut = shorten(self.body[marker.end:end], POINT_WIDTH)
            child = Node(node.depth + 1, marker.start, marker.label, title or marker.label, "point",
                         self.paras[self.para_at(marker.start)].line, cut, marker.end, marker.family)
            node.children.append(child)
            self.add_points(child, marker.end, end, exclude | {marker.family})


def _rank(scheme: str) -> int | None:
    from deckgen.extract.numbering import CN_RANK

    return CN_RANK.get(scheme)


def _looks_like_title(text: str) -> bool:
    """A title line: short, not a heading, not a salutation, no sentence-final punctuation."""
    text = text.strip()
    if not text or width(text) > 50 or heading_labels(text) or _is_salutation(text):
        return False
    return text[-1] not in TERMINALS + "。.；;：:，,、" and not text.startswith("——")


def _is_salutation(text: str) -> bool:
    """`同志们：`, `各位代表、同志们：`, `Dear colleagues,`: a short address line."""
    text = text.strip()
    if width(text) > 24 or not text:
        return False
    return bool(_VOCATIVE.search(text)) and text[-1] in "：:，,!！"
