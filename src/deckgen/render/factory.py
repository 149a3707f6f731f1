"""Add slides and notes slides in constant time each (python-pptx's own calls are linear per slide).

python-pptx finds the next notes-slide part name by walking every part of the package
(`OpcPackage.next_partname`, python-pptx issue #644), looks up a slide's id by scanning the slide
list, checks every existing relationship before adding one, and clones placeholders through XPath
queries: a build of n slides takes O(n²). `SlideFactory` keeps its own counters, clones each layout's
placeholders once into a skeleton, and gives every new slide a copy of that skeleton.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Union

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart, SlidePart

from deckgen.outline.typed import record
from deckgen.render.oxml import qn
from deckgen.render.pptx_api import add_relationship, add_relationship_as, add_slide_id, element

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from deckgen.render.slidebg import Background

SLIDE_NAME = "/ppt/slides/slide%d.xml"
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
MIN_SLIDE_ID = 256
PhKey = tuple[str, int]


_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_TREE_PATH = f"{qn('p:cSld')}/{qn('p:spTree')}"


def ph_key(sp: "_Element") -> PhKey | None:
    """(type, idx) of a placeholder shape element, with the defaults OOXML gives them; None if not one."""
    ph = sp.find(_PH_PATH)
    if ph is None:
        return None
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


class _Written:
    """A part whose XML deckgen wrote as text (a prepared slide): kept as those bytes, or made when first asked
    for by `source(member name)` (the copy of the process that planned the deck writes them: `Deflater.make`);
    parsed only if some code asks for its element (which python-pptx then serialises again, to the same bytes)."""

    _source: Union[bytes, Callable[[str], bytes]]

    @property
    def _xml(self) -> bytes:
        source = self._source
        if not isinstance(source, bytes):
            source = self._source = source(self.partname[1:])  # type: ignore[attr-defined]
        return source

    @property
    def _element(self) -> "_Element":
        parsed = self.__dict__.get("_parsed")
        if parsed is None:
            from pptx.oxml import parse_xml

            parsed = self.__dict__["_parsed"] = parse_xml(self._xml)
        return parsed

    @property
    def blob(self) -> bytes:
        parsed = self.__dict__.get("_parsed")
        if parsed is None:
            return self._xml
        from pptx.opc.oxml import serialize_part_xml

        return serialize_part_xml(parsed)


Written = Union[bytes, Callable[[str], bytes]]  # a prepared part's bytes, or what makes them (`_Written`)


class WrittenSlidePart(_Written, SlidePart):
    def __init__(self, partname: PackURI, package: object, xml: Written) -> None:
        Part.__init__(self, partname, CT.PML_SLIDE, package)  # type: ignore[arg-type]
        self._source = xml


class WrittenNotesPart(_Written, NotesSlidePart):
    def __init__(self, partname: PackURI, package: object, xml: Written) -> None:
        Part.__init__(self, partname, CT.PML_NOTES_SLIDE, package)  # type: ignore[arg-type]
        self._source = xml


@record
class NewSlide:
    """A slide just added: its part, its id, and its placeholder shapes by (type, idx)."""

    part: SlidePart
    slide_id: int
    placeholders: dict[PhKey, "_Element"]

    @cached_property
    def tree(self) -> "_Element":
        return element(self.part).find(_TREE_PATH)


class SlideFactory:
    """Adds slides (with the layout's placeholders) and notes slides to `prs`, O(1) per slide."""

    def __init__(self, prs: "PresentationT", backgrounds: Optional[dict[str, "Background"]] = None) -> None:
        self.part = prs.part
        self.backgrounds = backgrounds or {}  # layout part name → the background its slides carry (`slidebg`)
        self.package = prs.part.package
        self.used = {str(p.partname) for p in self.package.iter_parts()}
        self.counters = {SLIDE_NAME: 0, NOTES_NAME: 0}
        self.sld_id_lst = element(prs.part).get_or_add_sldIdLst()
        ids = [int(i) for i in self.sld_id_lst.xpath("./p:sldId/@id")]
        self.next_id = max([MIN_SLIDE_ID - 1, *ids]) + 1
        self.notes_master_part = prs.part.notes_master_part
        self.skeletons: dict[str, tuple["_Element", list[tuple[int, PhKey]]]] = {}
        self.notes_skeleton: "tuple[_Element, list[int]] | None" = None

    def _partname(self, template: str) -> PackURI:
        n = self.counters[template]
        while True:
            n += 1
            name = template % n
            if name not in self.used:
                self.counters[template] = n
                self.used.add(name)
                return PackURI(name)

    def _skeleton(self, layout: "SlideLayout") -> tuple["_Element", list[tuple[int, PhKey]]]:
        """A slide element with `layout`'s placeholders cloned, made once per layout, and where in its shape
        tree each placeholder is (position, key; the first of a key)."""
        key = str(layout.part.partname)
        if key not in self.skeletons:
            scratch = SlidePart.new(PackURI("/ppt/slides/scratch.xml"), self.package, layout.part)
            scratch.slide.shapes.clone_layout_placeholders(layout)
            skeleton = element(scratch)
            if key in self.backgrounds:  # the background the template's own slides on this layout set
                from deckgen.render.slidebg import put

                put(skeleton, self.backgrounds[key])
            at: dict[PhKey, int] = {}
            for i, sp in enumerate(skeleton.find(_TREE_PATH)):
                ph = ph_key(sp) if sp.tag == _SP else None
                if ph is not None:
                    at.setdefault(ph, i)
            self.skeletons[key] = skeleton, [(i, ph) for ph, i in at.items()]
        return self.skeletons[key]

    def add_slide(self, layout: "SlideLayout", xml: Optional[Written] = None, scratch: bool = False) -> NewSlide:
        """A new slide on `layout`, placed last in the presentation: a copy of the layout's skeleton, or the
        slide part's bytes `xml`, or what makes them (a prepared slide, `deckgen.render.prepared`). A `scratch`
        slide is not placed in the presentation (make it inside `scratch()`)."""
        skeleton, at = self._skeleton(layout)
        name = PackURI("/ppt/slides/scratch.xml") if scratch else self._partname(SLIDE_NAME)
        if xml is None:  # lxml copies the whole tree, without copy.deepcopy's memo
            part = SlidePart(name, CT.PML_SLIDE, self.package, skeleton.__copy__())
        else:
            part = WrittenSlidePart(name, self.package, xml)
        add_relationship(part, RT.SLIDE_LAYOUT, layout.part)
        background = self.backgrounds.get(str(layout.part.partname))
        for rid, reltype, target in background.rels if background is not None else ():
            add_relationship_as(part, rid, reltype, target)
        if scratch:
            new = NewSlide(part, 0, {})
            new.placeholders.update((ph, new.tree[i]) for i, ph in at)
            return new
        rid = add_relationship(self.part, RT.SLIDE, part)
        slide_id = self.next_id
        self.next_id += 1
        add_slide_id(self.sld_id_lst, slide_id, rid)
        new = NewSlide(part, slide_id, {})
        if xml is None:  # (a prepared slide is filled already)
            tree = new.tree
            new.placeholders.update((ph, tree[i]) for i, ph in at)
        return new

    def add_clone(self, sample: object) -> NewSlide:
        """A copy of the template's sample slide `sample` (its shapes, background and pictures; not its notes,
        comments or tags), placed last in the presentation."""
        from deckgen.package.ns import RT_SLIDE_UPDATE_INFO
        from deckgen.render.groups import flatten_groups
        from deckgen.render.pptx_api import copy_relationship, new_slide_part

        source = sample.part  # type: ignore[attr-defined]
        el = copy.deepcopy(element(source))
        for lst in el.iter(qn("p:custDataLst")):
            lst.getparent().remove(lst)
        flatten_groups(el.find(_TREE_PATH))  # every shape stored where it shows (`deckgen.render.groups`)
        part = new_slide_part(str(self._partname(SLIDE_NAME)), self.package, el)
        skip = (RT.NOTES_SLIDE, RT.COMMENTS, RT.TAGS, RT_SLIDE_UPDATE_INFO)
        for rel in source.rels.values():
            if rel.reltype not in skip:
                copy_relationship(part, rel)
        rid = add_relationship(self.part, RT.SLIDE, part)
        slide_id = self.next_id
        self.next_id += 1
        add_slide_id(self.sld_id_lst, slide_id, rid)
        new = NewSlide(part, slide_id, {})
        for sp in new.tree.iterchildren(qn("p:sp")):
            key = ph_key(sp)
            if key is not None:
                new.placeholders.setdefault(key, sp)
        return new

    @contextmanager
    def scratch(self) -> Iterator[None]:
        """Slides and notes made inside are for looking at only: the part names they take are given back."""
        counters, used = dict(self.counters), set(self.used)
        try:
            yield
        finally:
            self.counters, self.used = counters, used

    def add_notes(self, slide: SlidePart, xml: Optional[Written] = None) -> Optional["_Element"]:
        """Create the notes slide of `slide` from the notes master and return its body's `p:txBody`; or,
        given the notes part's bytes `xml` or what makes them (a prepared slide's), create it from them and
        return None."""
        if self.notes_skeleton is None:
            scratch = NotesSlidePart(PackURI("/ppt/notesSlides/scratch.xml"), CT.PML_NOTES_SLIDE, self.package,
                                     CT_NotesSlide.new())
            scratch.notes_slide.clone_master_placeholders(self.notes_master_part.notes_master)
            skeleton = element(scratch)
            body = next((sp.find(qn("p:txBody")) for sp in skeleton.iter(_SP) if ph_key(sp) == ("body", ph_idx(sp))), None)
            if body is None:
                raise ValueError("the notes master has no body placeholder")
            self.notes_skeleton = skeleton, _path(skeleton, body)
        skeleton, path = self.notes_skeleton
        name = self._partname(NOTES_NAME)
        root = skeleton.__copy__() if xml is None else None
        part = WrittenNotesPart(name, self.package, xml) if root is None else NotesSlidePart(name, CT.PML_NOTES_SLIDE,
                                                                                            self.package, root)
        add_relationship(part, RT.NOTES_MASTER, self.notes_master_part)
        add_relationship(part, RT.SLIDE, slide)
        add_relationship(slide, RT.NOTES_SLIDE, part)
        if root is None:
            return None
        for i in path:
            root = root[i]
        return root


_SP = qn("p:sp")


def _path(root: "_Element", el: "_Element") -> list[int]:
    """The child positions that lead from `root` down to `el` (a copy of `root` has its copy there)."""
    path = []
    while el is not root:
        parent = el.getparent()
        path.append(parent.index(el))
        el = parent
    return path[::-1]


def ph_idx(sp: "_Element") -> int:
    key = ph_key(sp)
    return key[1] if key else -1
