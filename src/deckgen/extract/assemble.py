"""Turn a found `Structure` into a validated `deckgen.outline.model.Outline`, with drafted bullets."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from deckgen.diagnostics import PathPart
from deckgen.extract.bullets import MAX_BULLETS, draft_bullets
from deckgen.extract.kinds import key_figures, leads_with_quotation
from deckgen.extract.frame import VOCATIVE

RECENT_BULLETS = 400  # about 100 slides: any real lecture's bullets, all of them
from deckgen.extract.salience import Salience
from deckgen.extract.structure import Node, Structure
from deckgen.extract.text import shorten
from deckgen.outline.typed import record
from deckgen.text.quotes import lead_quotation
from deckgen.text.sentences import sentences
from deckgen.outline.model import Outline
from deckgen.text.script import is_cjk_language

OutlinePath = tuple[PathPart, ...]


@record
class Assembled:
    """The drafted outline, the paths of titles that had to be shortened (not the source's words in full),
    and the slide kinds the text suggests: quote slides drafted (`quotes`, set in the outline) and big
    numbers proposed (`figures`: value and label by path, for the lecturer to confirm)."""

    outline: Outline
    shortened: set[OutlinePath] = field(default_factory=set)
    quotes: set[OutlinePath] = field(default_factory=set)
    figures: dict[OutlinePath, list[tuple[str, str]]] = field(default_factory=dict)


def _notes(text: str) -> str:
    text = text.strip()
    return text + "\n" if text else ""


class _Assembler:
    def __init__(self, structure: Structure) -> None:
        self.s = structure
        self.spans = {id(node): (start, end) for kind, node, start, end in structure.spans() if node is not None}
        self.shortened: set[OutlinePath] = set()
        self.cjk = is_cjk_language(structure.language)
        self.salience = Salience.of([self.own(n) for n in structure.nodes()])
        self.used: list[str] = []  # bullets drafted on earlier slides: never the same bullet twice
        self.quotes: set[OutlinePath] = set()
        self.figures: dict[OutlinePath, list[tuple[str, str]]] = {}

    def kinds(self, data: dict[str, Any], own: str, path: OutlinePath) -> None:
        """Draft a quote slide for text that opens with a quotation; propose big numbers for key figures."""
        if leads_with_quotation(own):
            data["kind"] = "quote"
            self.quotes.add(path)
        elif figures := key_figures(own):
            self.figures[path] = figures

    def text(self, node: Node) -> str:
        start, end = self.spans[id(node)]
        return self.s.body[start:end]

    def own(self, node: Node) -> str:
        """The slide's own text: after its heading, or the whole paragraph of a paragraph slide (whose
        title is drawn from it)."""
        start, end = self.spans[id(node)]
        return self.s.body[start if node.kind == "paragraph" else max(start, min(node.head_end, end)):end]

    def heading_rest(self, node: Node) -> str:
        """A heading sentence longer than the title drawn from it (`一是深入学习…精神，对标…要求，…。` titled by
        its first clause): the sentence, its label left out, so that its other clauses can be bullets."""
        start, end = self.spans[id(node)]
        head = self.s.body[start:min(node.head_end, end)].strip()
        if node.label and head.startswith(node.label):
            head = head[len(node.label):].lstrip("、.．，, ")
        return head if len(head.rstrip("。.；;！!")) > len(node.title.rstrip("…")) + 1 else ""

    def draft(self, text: str, title: str) -> list[str]:
        # the bullets of the last RECENT slides are avoided: a lecture of thousands of slides stays linear
        quote = lead_quotation(text, within=1)  # shown on the quote slide: not again as bullets
        avoid = self.used[-RECENT_BULLETS:] + ([quote.text] if quote else [])
        bullets = draft_bullets(text, title=title, salience=self.salience, avoid=avoid)
        bullets = [b for b in bullets if not VOCATIVE.fullmatch(b.strip(" ：:，,!！。"))]  # never `各位代表` as a bullet
        self.used += bullets
        return bullets

    def slide(self, node: Node, path: OutlinePath, children: dict[str, Any] | None = None) -> dict[str, Any]:
        start, end = self.spans[id(node)]
        data: dict[str, Any] = {"title": node.title}
        if node.cut:
            self.shortened.add(path + ("title",))
        if node.label is not None:
            data["label"] = node.label
        own = self.own(node)
        spoken = own if own.strip() or node.children else self.heading_rest(node)
        if len(sentences(own)) >= 2 or (not node.children and (node.depth > 0 or node.kind == "closing") and spoken.strip()):
            bullets = self.draft(spoken, node.title)  # a slide with text of its own drafts from it
        elif node.children and node.depth > 0:
            bullets = [shorten(c.title, 24 if self.cjk else 60)[0] for c in node.children][:MAX_BULLETS]
        else:
            bullets = []  # a divider with at most a sentence of its own
        if bullets:
            data["bullets"] = bullets
        if node.depth > 0 or node.kind == "closing":  # not on a divider: its slide shows only label and title
            self.kinds(data, own, path)
        data["notes"] = _notes(self.s.body[start:end])
        if children:
            data.update(children)
        return data

    def outline(self, fallback_title: str) -> dict[str, Any]:
        s = self.s
        deck: dict[str, Any] = {"title": s.title or fallback_title}
        for key in ("subtitle", "presenter", "date"):
            if getattr(s, key):
                deck[key] = getattr(s, key)
        deck["language"] = s.language
        deck["notes"] = _notes(s.body[0:s.title_end])
        data: dict[str, Any] = {"deck": deck}
        if s.opening:
            start, end = s.opening
            text = s.body[start:end]
            spoken = text[len(s.salutation):] if s.salutation and text.startswith(s.salutation) else text
            opening: dict[str, Any] = {"title": "引言" if self.cjk else "Introduction"}
            bullets = self.draft(spoken, opening["title"])
            if bullets:
                opening["bullets"] = bullets
            self.kinds(opening, spoken, ("opening", 0))
            opening["notes"] = _notes(text)
            data["opening"] = [opening]
        sections = []
        for i, sec in enumerate(s.sections):
            subs = []
            for j, sub in enumerate(sec.children):
                where: OutlinePath = ("sections", i, "subsections", j)
                points = [self.slide(p, where + ("points", k)) for k, p in enumerate(sub.children)]
                subs.append(self.slide(sub, where, {"points": points} if points else None))
            sections.append(self.slide(sec, ("sections", i), {"subsections": subs} if subs else None))
        data["sections"] = sections
        if s.closing:
            data["closing"] = [self.slide(s.closing, ("closing", 0))]
        return data


def assemble(structure: Structure, source: str) -> Assembled:
    """The outline for `structure`; `source` (the lecture's file name) titles a deck without a title line.

    The result is validated by the outline model, so it builds as it is."""
    assembler = _Assembler(structure)
    data = assembler.outline(Path(source).stem or source)
    return Assembled(Outline.from_data(data), assembler.shortened, assembler.quotes, assembler.figures)
