"""The `deckgen outline` pipeline: lecture file → paragraphs → structure → outline → YAML text."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from deckgen.diagnostics import Diagnostic
from deckgen.extract.assemble import assemble
from deckgen.extract.lecture import Lecture
from deckgen.extract.readers import read_lecture
from deckgen.extract.structure import Structure, find_structure
from deckgen.extract.yamlout import outline_yaml
from deckgen.outline.load import Loaded
from deckgen.outline.model import Outline
from deckgen.outline.typed import record


@record
class Extraction:
    """A lecture read and drafted: the outline, its YAML, what was found, and warnings."""

    lecture: Lecture
    structure: Structure
    outline: Outline
    yaml: str
    warnings: list[Diagnostic] = field(default_factory=list)
    cut: tuple[tuple, ...] = ()  # the paths of titles cut from a long first sentence (`shortened`)

    def cut_titles(self, loaded: Loaded) -> list[Diagnostic]:
        """A warning per title cut from a long first sentence, at its line in the written outline."""
        out = []
        for path in self.cut:
            node: Any = self.outline
            for part in path:
                node = node[part] if isinstance(part, int) else getattr(node, part)
            out.append(loaded.problem(path, f"the title '{node}' was cut from a long first sentence; check it "
                                            "(marked in the outline)"))
        return [Diagnostic(d.message, d.file, d.line, d.col) for d in out]

    def counts(self) -> dict[str, int]:
        """How many sections, subsections and points the outline has."""
        sections = self.outline.sections
        subs = [sub for sec in sections for sub in sec.subsections]
        return {"sections": len(sections), "subsections": len(subs), "points": sum(len(s.points) for s in subs)}

    def summary(self) -> list[str]:
        """Lines for the terminal: what was read, removed and found."""
        lec, s, o = self.lecture, self.structure, self.outline
        how = f"{lec.encoding}, " if lec.encoding else ""
        lines = [f"Read {lec.source} ({how}{len(lec.paragraphs)} paragraphs, {o.deck.language})"]
        lines += [f"  {note[0].upper()}{note[1:]}" for note in lec.notes if note.startswith("read as")]
        if lec.markers:
            listed = ", ".join(f"{m.text} (line {m.line})" if m.line else m.text for m in lec.markers)
            lines.append(f"Removed {len(lec.markers)} site marker{'s' if len(lec.markers) > 1 else ''}: {listed}")
        c = self.counts()
        found = [f"title {o.deck.title!r}" if s.title else "no title line"]
        if s.salutation:
            found.append(f"salutation {s.salutation!r}")
        found.append("opening" if o.opening else "no opening")
        found.append(f"{c['sections']} sections, {c['subsections']} subsections, {c['points']} points")
        found.append("closing" if o.closing else "no closing")
        lines.append("Found: " + "; ".join(found))
        return lines


def _header(lecture: Lecture, zh: bool) -> list[str]:
    markers = "、".join(dict.fromkeys(m.text for m in lecture.markers)) if zh else \
        ", ".join(dict.fromkeys(m.text for m in lecture.markers))
    how = f"（{lecture.encoding}）" if zh and lecture.encoding else (f" ({lecture.encoding})" if lecture.encoding else "")
    if zh:
        lines = [f"deckgen 大纲（格式 v1），由 `deckgen outline` 从讲稿 {lecture.source}{how}起草。"]
        if markers:
            lines.append(f"已去除网站标记：{markers}")
        lines += ["标题和序号取自讲稿原文；注有“草拟”的 bullets 是自动提炼的要点，请修改。",
                  "各页 notes 按幻灯片顺序拼接即为讲稿全文（逐字保留）。",
                  f"核对：deckgen check <本文件> --source {lecture.source}"]
    else:
        lines = [f"deckgen outline (format v1), drafted by `deckgen outline` from {lecture.source}{how}."]
        if markers:
            lines.append(f"Removed site markers: {markers}")
        lines += ["Titles and labels are the lecture's own; bullets marked as drafted are suggestions to edit.",
                  "The notes, read slide by slide, are the whole lecture text, word for word.",
                  f"Check: deckgen check <this file> --source {lecture.source}"]
    return lines


def _extract_markdown(lecture: Lecture, path: Path, outline_dir: Path) -> Extraction:
    from deckgen.extract.mdoutline import md_outline

    blocks, front_title = lecture.markdown
    data, warnings = md_outline(list(blocks), front_title, lecture.source, path.parent, outline_dir)
    outline = Outline.from_data(data)
    structure = Structure(lecture.body, outline.deck.language, title=outline.deck.title)
    text = outline_yaml(outline, _header(lecture, outline.deck.is_cjk))
    return Extraction(lecture, structure, outline, text, [*lecture.warnings, *warnings])


def extract(path: Path, display: str | None = None, fmt: str | None = None, outline_dir: Path | None = None) -> Extraction:
    """Read the lecture at `path` and draft its outline (validated) and YAML text; `fmt` (`txt`, `md`, `docx`)
    overrides the file's name, `outline_dir` is where the outline goes (image paths are written relative to it).

    Raises `ContentError` when the lecture cannot be read or has no text."""
    from deckgen.errors import ContentError
    from deckgen.outline.validate import MAX_SLIDE_NODES

    lecture = read_lecture(path, display or str(path), fmt)
    if lecture.kind == "md":
        return _extract_markdown(lecture, path, outline_dir or Path("."))
    structure = find_structure(lecture)
    entries = len(structure.nodes()) + bool(structure.opening) + bool(structure.closing)
    if entries > MAX_SLIDE_NODES:  # found before drafting: an outline build refuses is never drafted
        raise ContentError([Diagnostic(f"the lecture gives {entries} slides (sections, subsections and points), more than "
                                       f"the {MAX_SLIDE_NODES} deckgen builds in one deck; split it into several files, "
                                       "a part per deck", lecture.source)])
    assembled = assemble(structure, lecture.source)
    outline = assembled.outline
    text = outline_yaml(outline, _header(lecture, outline.deck.is_cjk), assembled.shortened, assembled.figures)
    warnings = [*lecture.warnings, *structure.warnings]
    if assembled.quotes or assembled.figures:
        warnings.append(Diagnostic(f"drafted {len(assembled.quotes)} quote slide(s) and proposed {len(assembled.figures)} "
                                   "big-number slide(s); marked in the outline for you to check", lecture.source))
    return Extraction(lecture, structure, outline, text, warnings, tuple(sorted(assembled.shortened, key=str)))
