"""Check a .pptx package without python-pptx: zip limits, content types, relationships, notes master, OOXML schemas."""
from __future__ import annotations

import functools
import os
import posixpath
from dataclasses import field
from pathlib import Path
from typing import Callable, IO, Optional, Union

from lxml import etree

from deckgen.outline.typed import record
from deckgen.package.ns import A, CP, CT, DC, DCTERMS, EP, MC, P, R, REL, RT_OFFICE_DOCUMENT, VT, XML, XS
from deckgen.package.zipread import (MAX_DECK_PARTS, MAX_XML, FileTooLarge, FileUnreadable, LimitExceeded, MemberTooLarge,
                                     NotAZip, Package, Rel, ZipRefused, plain_relationships,
                                     relationships, source_of)

ENV_VAR = "DECKGEN_OOXML_XSD"
MAX_PART_BYTES = MAX_XML  # larger XML parts are reported, not read (zip bombs)
MAX_ERRORS_PER_PART = 20

NOTES_MASTER_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# The main part's content type each file name calls for: PowerPoint refuses a file whose type and name disagree.
MAIN_TYPE_OF = {".pptx": PRESENTATION_MAIN, ".pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                ".ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
                ".potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"}
PRESENTATION_TYPES = frozenset(
    [f"application/vnd.openxmlformats-officedocument.presentationml.{k}.main+xml" for k in ("presentation", "slideshow", "template")]
    + [f"application/vnd.ms-powerpoint.{k}.macroEnabled.main+xml" for k in ("presentation", "slideshow", "template")])
# Namespace → prefix, to shorten libxml2's `{uri}name` in messages.
PREFIXES = ((P, "p"), (A, "a"), (R, "r"), (REL, "rel"), (CT, "ct"), (CP, "cp"), (EP, "ep"), (VT, "vt"),
            (DC, "dc"), (DCTERMS, "dcterms"))

# Stand-ins for schemas the OOXML ones import without a usable location: the XML namespace (no
# schemaLocation at all) and Dublin Core (an http URL; we never go to the network).
_XS = f'xmlns:xs="{XS}"'
_XML_STUB = f"""<xs:schema {_XS} targetNamespace="{XML}">
 <xs:attribute name="lang" type="xs:language"/><xs:attribute name="base" type="xs:anyURI"/>
 <xs:attribute name="id" type="xs:ID"/><xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
 <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""
_DC_NAMES = "title creator subject description publisher contributor date type format identifier source language relation coverage rights"
_DC_STUB = f"""<xs:schema {_XS} xmlns:dc="{DC}" targetNamespace="{DC}"
 elementFormDefault="qualified"><xs:import namespace="{XML}" schemaLocation="deckgen:xml.xsd"/>
 <xs:complexType name="SimpleLiteral"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute ref="xml:lang"/>
 </xs:extension></xs:simpleContent></xs:complexType>
 {"".join(f'<xs:element name="{n}" type="dc:SimpleLiteral"/>' for n in _DC_NAMES.split())}</xs:schema>"""
_DCTERMS_STUB = f"""<xs:schema {_XS} xmlns:dc="{DC}" targetNamespace="{DCTERMS}"
 elementFormDefault="qualified"><xs:import namespace="{DC}" schemaLocation="deckgen:dc.xsd"/>
 <xs:element name="created" type="dc:SimpleLiteral"/><xs:element name="modified" type="dc:SimpleLiteral"/>
 <xs:complexType name="W3CDTF"><xs:simpleContent><xs:restriction base="dc:SimpleLiteral">
 <xs:pattern value="\\d{{4}}(-\\d{{2}}(-\\d{{2}}(T\\d{{2}}:\\d{{2}}(:\\d{{2}}(\\.\\d+)?)?(Z|[+\\-]\\d{{2}}:\\d{{2}}))?)?)?"/>
 </xs:restriction></xs:simpleContent></xs:complexType></xs:schema>"""
_DC_URL = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/"
STUBS = {"deckgen:xml.xsd": _XML_STUB, "deckgen:dc.xsd": _DC_STUB,
         _DC_URL + "dc.xsd": _DC_STUB, _DC_URL + "dcterms.xsd": _DCTERMS_STUB}
# Known errata of the ISO/IEC 29500-4 transitional schemas, fixed as they load: (file, complexType, attribute,
# the type it should have). Applied only when the schema itself defines that type.
# buSzPct: the schema defines the transitional union ST_TextBulletSize ("100000" or "100%") but never uses
# it; CT_TextBulletSizePercent names the strict-only "NN%" type, rejecting what PowerPoint itself writes.


@record
class PackageReport:
    """What `check_package` found. `problems` is empty for a valid package.

    `schema_checked` is False when no schemas were found (`note` says why); `parts_checked` counts the XML
    parts validated against a schema, `skipped` names the XML parts that were not, each with the reason.
    `opened` is False when the zip was refused unread (too many parts, a zip bomb); `powerpoint_checked`
    is True when PowerPoint's own rules (openxml-audit) were checked too; `schema_notes` holds ISO-schema
    findings that do not count as problems (see `check_package`'s `schema_strict`).
    """

    problems: list[str] = field(default_factory=list)
    schema_checked: bool = False
    parts_checked: int = 0
    skipped: list[str] = field(default_factory=list)
    note: str = ""
    opened: bool = True
    powerpoint_checked: bool = False
    schema_notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_schemas(explicit: Optional[Path] = None) -> tuple[Optional[Path], str]:
    """The ISO OOXML schema folder (holding `transitional/` and `opc/`) and how it was found, or
    `(None, why not)`: `explicit`, else `$DECKGEN_OOXML_XSD`. The schemas are not shipped with deckgen;
    PowerPoint's own rules are checked by openxml-audit either way."""
    env = os.environ.get(ENV_VAR)
    if explicit is None and not env:
        return None, f"no ISO OOXML schemas given: set {ENV_VAR} to the folder holding transitional/ and opc/"
    folder, what = (Path(explicit), "the schemas argument") if explicit is not None else (Path(env or ""), ENV_VAR)
    if (folder / "transitional" / "pml.xsd").is_file():
        return folder, what
    return None, f"{what} {str(folder)!r} has no transitional/pml.xsd"


@functools.lru_cache(maxsize=8)
def _namespace_files(folder: str) -> tuple[tuple[str, str], ...]:
    pairs = {}
    for sub in ("opc", "transitional"):
        for xsd in sorted(Path(folder, sub).glob("*.xsd")):
            try:
                pairs.setdefault(etree.parse(str(xsd)).getroot().get("targetNamespace"), str(xsd))
            except etree.XMLSyntaxError:
                continue  # its parts are reported as skipped: no schema for their namespace
    return tuple(pairs.items())


def covered_namespaces(folder: Path) -> list[str]:
    """The root-element namespaces that have a schema in `folder`."""
    return [ns for ns, _ in _namespace_files(str(folder.resolve()))]


class _SchemaResolver(etree.Resolver):
    """Serves the stand-in schemas for the two imports the shared schema set does not ship."""

    def resolve(self, url: str, pubid: object, context: object) -> object:
        if url in STUBS:
            return self.resolve_string(STUBS[url], context, base_url=url)
        return None


@functools.lru_cache(maxsize=64)
def _schema(xsd: str) -> etree.XMLSchema:
    """`xsd` compiled together with the stand-in schemas (cached per process: compiling is slow)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_SchemaResolver())
    namespace = etree.parse(xsd).getroot().get("targetNamespace")
    wrapper = (f'<xs:schema {_XS}><xs:import namespace="{XML}" schemaLocation="deckgen:xml.xsd"/>'
               f'<xs:import namespace="{namespace}" schemaLocation="{Path(xsd).as_uri()}"/></xs:schema>')
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=Path(xsd).parent.as_uri() + "/deckgen-wrapper.xsd"))


def _short(text: str) -> str:
    for uri, prefix in PREFIXES:
        text = text.replace("{%s}" % uri, prefix + ":")
    return text


def _apply_markup_compatibility(root: etree._Element, understood: set[str]) -> Optional[str]:
    """Preprocess ECMA-376 Part 3 markup in place; return why the part cannot be checked, or None.

    Handles `mc:Ignorable` and `mc:AlternateContent` (first `mc:Choice` whose `Requires` namespaces are
    all understood, else `mc:Fallback`); anything else from the MC namespace is left to the caller as a skip.
    """
    ignorable: set[str] = set()
    for el in root.iter(tag=etree.Element):
        for name in [n for n in el.attrib if n.startswith("{%s}" % MC)]:
            if name != "{%s}Ignorable" % MC:
                return f"uses mc:{etree.QName(name).localname}, which this check does not process"
            ignorable.update(el.nsmap.get(p, "") for p in el.attrib.pop(name).split())
    while (ac := next(root.iter("{%s}AlternateContent" % MC), None)) is not None:
        parent = ac.getparent()
        if parent is None:
            return "its root is mc:AlternateContent"
        chosen = next((c for c in ac if c.tag == "{%s}Fallback" % MC or (c.tag == "{%s}Choice" % MC and c.get("Requires")
                       and all(c.nsmap.get(p) in understood for p in c.get("Requires", "").split()))), None)
        at = parent.index(ac)
        for child in reversed(list(chosen) if chosen is not None else []):
            parent.insert(at, child)
        parent.remove(ac)
    ignorable -= understood
    for el in list(root.iter(tag=etree.Element)):
        if etree.QName(el).namespace in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for name in [n for n in el.attrib if etree.QName(n).namespace in ignorable]:
            del el.attrib[name]
    if next(root.iter("{%s}*" % MC), None) is not None:
        return "uses markup-compatibility elements outside mc:AlternateContent"
    return None


class _Package:
    """The entries of an open package, each XML part read and parsed once."""

    def __init__(self, package: Package, report: PackageReport) -> None:
        self.package, self.report = package, report
        self.names = {i.filename.casefold(): i.filename for i in package.infos if not i.is_dir()}
        self.docs: dict[str, Optional[etree._Element]] = {}

    def has(self, name: str) -> bool:
        return name.casefold() in self.names

    def rels(self, name: str) -> list[Rel]:
        """The relationships in the relationships part `name` (none, with a problem recorded, when it cannot be
        read); in a package about to be written, a part in the plain form deckgen writes is read without parsing
        (`plain_relationships`)."""
        name = self.names.get(name.casefold(), name)
        data = self.package.held(name)
        plain = plain_relationships(data, source_of(name)) if data is not None and len(data) <= MAX_PART_BYTES else None
        if plain is not None:
            return plain
        root = self.xml(name)
        return relationships(root, source_of(name)) if root is not None else []

    def xml(self, name: str) -> Optional[etree._Element]:
        """The parsed part, or None with a problem recorded (unreadable, too large, not well-formed XML, a DOCTYPE)."""
        name = self.names.get(name.casefold(), name)
        if name not in self.docs:
            self.docs[name] = None
            try:
                self.docs[name] = self.package.xml(name, MAX_PART_BYTES)
            except MemberTooLarge as exc:
                self.report.problems.append(f"{exc}; not checked")
            except ZipRefused as exc:  # damaged, not well-formed, a DOCTYPE
                self.report.problems.append(f"{exc}; open the deck in PowerPoint and save it again")
        return self.docs[name]


def check_package(path: Union[str, Path, IO[bytes], Package], schemas: Optional[Path] = None, *,
                  structure_only: bool = False, powerpoint: bool = True,
                  schema_parts: Optional[Callable[[str], bool]] = None, suffix: Optional[str] = None,
                  schema_strict: Optional[Callable[[str], bool]] = None) -> PackageReport:
    """Check the .pptx at `path` (or in a binary stream); never raises for a bad file, every finding is
    in `report.problems`.

    `schemas` is the OOXML schema folder (see `find_schemas`); without one the schema check is not done
    and `report.schema_checked` is False. With `structure_only`, only the zip, content types,
    relationships and `notesMasterIdLst` are checked (what every build checks before writing); otherwise a
    package that passes those is also checked against PowerPoint's own rules (`powerpoint_findings`)
    unless `powerpoint` is False. `schema_parts` limits the ISO-schema check to the parts it accepts (the
    parts deckgen wrote itself, when a template's own parts are PowerPoint's business). `suffix` (default:
    the file's) is the name the package is saved under: its main part must have the content type that name
    calls for (`MAIN_TYPE_OF`), as PowerPoint refuses a .pptx with a macro-enabled or slideshow type.
    With `schema_strict`, ISO-schema findings on the parts it rejects go to `report.schema_notes` instead of
    `report.problems` (see `deckgen_writes`: XML PowerPoint wrote and accepts is PowerPoint's business).
    A package beyond the limits of `deckgen.package.zipread` is not opened (`report.opened` is False).
    `path` may also be an open `Package` (one about to be written, `Package.of_members`); it is closed.
    """
    report = PackageReport()
    if isinstance(path, Package):
        with path:
            _check(_Package(path, report), schemas, structure_only, schema_parts, suffix, schema_strict)
        return report
    if suffix is None and isinstance(path, (str, os.PathLike)):
        suffix = Path(path).suffix.lower()
    try:
        package = Package.open(path, MAX_DECK_PARTS)
    except FileUnreadable as exc:  # says which file and why: missing, a folder, a FIFO, a link loop
        report.problems.append(f"cannot read the deck: {exc}")
        return report
    except FileTooLarge as exc:
        report.problems.append(f"cannot read {str(path)!r}: {exc}")
        return report
    except NotAZip as exc:
        report.problems.append(exc.saved_as(".pptx") or f"not a zip archive, so not a .pptx ({exc})")
        return report
    except LimitExceeded as exc:
        report.problems.append(str(exc))
        report.note, report.opened = "the package was not opened", False
        return report
    with package:
        _check(_Package(package, report), schemas, structure_only, schema_parts, suffix, schema_strict)
    if powerpoint and not structure_only and not report.problems:
        from deckgen.package.powerpoint import powerpoint_findings

        report.problems += powerpoint_findings(path)
        report.powerpoint_checked = True
    return report


def _check(pkg: _Package, schemas: Optional[Path], structure_only: bool = False,
           schema_parts: Optional[Callable[[str], bool]] = None, suffix: Optional[str] = None,
           schema_strict: Optional[Callable[[str], bool]] = None) -> None:
    problems = pkg.report.problems
    counts: dict[str, list[str]] = {}
    for info in pkg.package.infos:
        counts.setdefault(info.filename.casefold(), []).append(info.filename)
    problems += [f"duplicate zip entry {n[0]!r} ({len(n)} entries)" if len(set(n)) == 1 else
                 f"duplicate zip entries differing only in case: {', '.join(map(repr, n))}" for n in counts.values() if len(n) > 1]
    if not pkg.has("[Content_Types].xml") and not pkg.has("_rels/.rels"):
        problems.append("not an Office package (no [Content_Types].xml or _rels/.rels inside the zip); is it a .pptx?")
        return
    types = _content_types(pkg)
    rels_parts = [n for n in pkg.names.values() if n.endswith(".rels") and posixpath.basename(posixpath.dirname(n)) == "_rels"]
    main = None
    for rels in sorted(rels_parts):
        for rel in pkg.rels(rels):
            if rel.external:
                continue
            if rel.part is None or not pkg.has(rel.part):
                problems.append(f"{rels}: relationship {rel.id} targets {rel.target!r}, which is not a part of the package")
            elif rels == "_rels/.rels" and rel.type == RT_OFFICE_DOCUMENT:
                main = pkg.names[rel.part.casefold()]
    if not pkg.has("_rels/.rels"):
        problems.append("_rels/.rels is missing, so the package has no main part")
    elif main is None:
        problems.append("not a presentation: _rels/.rels has no officeDocument relationship to a part of the package; "
                        "open it in PowerPoint and save it again")
    elif types is not None and types.get(main) not in PRESENTATION_TYPES:
        problems.append(f"not a presentation: the main part {main} has content type {types.get(main)!r}")
    else:
        wanted = MAIN_TYPE_OF.get(suffix or "")
        if types is not None and wanted and types.get(main) != wanted:
            kind = str(types.get(main)).rsplit(".", 2)[-2] if types.get(main) else "no"
            problems.append(f"the main part {main} has the {kind} content type, which PowerPoint refuses in a {suffix} file; "
                            f"open it in PowerPoint and save it as {suffix}")
        root = pkg.xml(main)
        notes_masters = [n for n, t in (types or {}).items() if t == NOTES_MASTER_TYPE]
        if root is not None and notes_masters and root.find("{%s}notesMasterIdLst" % P) is None:
            problems.append(f"{main}: p:notesMasterIdLst is missing although the package has a notes master ({notes_masters[0]})")
    if structure_only:
        pkg.report.note = "structure checked; XML parts not parsed, schema validation not done"
        return
    xml_parts = [n for n in sorted(pkg.names.values()) if n.endswith((".xml", ".rels")) or ((types or {}).get(n) or "").endswith("xml")]
    _references(pkg, [n for n in xml_parts if not n.endswith(".rels")])
    if schema_parts is not None:
        xml_parts = [n for n in xml_parts if schema_parts(n)]
    _validate(pkg, [(n, root) for n in xml_parts if (root := pkg.xml(n)) is not None], schemas, schema_strict)


def _references(pkg: _Package, parts: list[str]) -> None:
    """Every relationship id a part uses (`r:id`, `r:embed`, `r:link`…) names a relationship of that part:
    a dangling one is a picture without its image, a link to nowhere (PowerPoint offers a repair)."""
    found = 0
    for name in parts:
        root = pkg.xml(name)
        if root is None:
            continue
        rels = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
        rels_root = pkg.xml(rels) if pkg.has(rels) else None
        ids = {r.id for r in relationships(rels_root, name)} if rels_root is not None else set()
        for el in root.iter(tag=etree.Element):
            for attr, value in el.attrib.items():
                if attr.startswith("{%s}" % R) and value and value not in ids:
                    found += 1
                    if found <= MAX_ERRORS_PER_PART:
                        pkg.report.problems.append(f"{name}: {_short(etree.QName(el).text)} refers to relationship "
                                                   f"{value!r} ({_short(attr)}), which the part does not have; open the deck in "
                                                   "PowerPoint and save it again")
    if found > MAX_ERRORS_PER_PART:
        pkg.report.problems.append(f"… and {found - MAX_ERRORS_PER_PART} more references to missing relationships")


def _content_types(pkg: _Package) -> Optional[dict[str, Optional[str]]]:
    """Every part's content type (None where there is none, each a problem), or None without the types part."""
    if not pkg.has("[Content_Types].xml"):
        pkg.report.problems.append("[Content_Types].xml is missing")
        return None
    root = pkg.xml("[Content_Types].xml")
    if root is None:
        return None
    defaults = {d.get("Extension", "").casefold(): d.get("ContentType") for d in root.iter("{%s}Default" % CT)}
    overrides = {o.get("PartName", "").casefold(): o.get("ContentType") for o in root.iter("{%s}Override" % CT)}
    types: dict[str, Optional[str]] = {}
    for name in sorted(pkg.names.values()):
        if name == "[Content_Types].xml":
            continue
        base = posixpath.basename(name)
        ext = base.rpartition(".")[2].casefold() if "." in base else ""
        types[name] = overrides.get("/" + name.casefold()) or defaults.get(ext)
        if types[name] is None:
            pkg.report.problems.append(f"{name}: no content type (no Override for /{name} and no Default for '.{ext}')")
    return types


def deckgen_writes(name: str) -> bool:
    """Whether deckgen writes the part `name` itself in every deck it builds: slides, notes slides, the
    presentation, properties, content types and relationships; not masters, layouts, themes and media, which
    a template brings (as PowerPoint wrote them: `buSzPct val="120000"` is PowerPoint's, not the ISO schema's)."""
    return not name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/theme/", "ppt/notesMasters/",
                                "ppt/handoutMasters/", "ppt/media/", "ppt/embeddings/", "ppt/tags/"))


def _validate(pkg: _Package, parts: list[tuple[str, etree._Element]], explicit: Optional[Path],
              strict: Optional[Callable[[str], bool]] = None) -> None:
    """Validate each parsed XML part against the schema of its root element's namespace."""
    report = pkg.report
    folder, why = find_schemas(explicit)
    if folder is None:
        report.note = f"schema validation not done: {why}"
        return
    report.schema_checked = True
    files = dict(_namespace_files(str(folder.resolve())))
    for name, root in parts:
        ns = etree.QName(root).namespace
        reason = f"no schema for namespace {ns!r}" if ns not in files else _apply_markup_compatibility(root, set(files))
        try:
            schema = _schema(files[ns]) if not reason else None
        except etree.XMLSchemaParseError as exc:
            schema, reason = None, f"schema {Path(files[ns]).name} does not compile ({exc})"
        if schema is None:
            report.skipped.append(f"{name}: {reason}")
            continue
        report.parts_checked += 1
        if not schema.validate(root):
            errors = list(schema.error_log)
            found = report.problems if strict is None or strict(name) else report.schema_notes
            found += [f"{name}:{e.line}: {_short(e.path or '')}: {_short(e.message)}" for e in errors[:MAX_ERRORS_PER_PART]]
            if len(errors) > MAX_ERRORS_PER_PART:
                found.append(f"{name}: … and {len(errors) - MAX_ERRORS_PER_PART} more schema findings")
