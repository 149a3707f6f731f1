"""Word documents written from raw XML for tests and the sweep: tables, text boxes drawn two ways
(`mc:AlternateContent`), imported HTML blocks (`w:altChunk`), footnotes, list numbering."""
from __future__ import annotations

import io
import zipfile
from typing import Optional
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W}" xmlns:r="{R}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def para(text: str, style: Optional[str] = None, num: Optional[tuple[str, str]] = None, runs: str = "") -> str:
    """A paragraph of `text` (and any raw `runs` after it), with a style id and a list reference (numId, ilvl)."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}{runs}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table whose cells each hold one paragraph of text (a list of strings: several paragraphs)."""
    def cell(c: "str | list[str]") -> str:
        paras = c if isinstance(c, list) else [c]
        return "<w:tc><w:tcPr/>" + "".join(para(p) for p in paras) + "</w:tc>"
    return "<w:tbl><w:tblPr/><w:tblGrid/>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>"
                                                     for row in rows) + "</w:tbl>"


def textbox_run(texts: list[str], vml: bool = True, drawingml: bool = True) -> str:
    """A run holding a text box, as Word writes it: DrawingML in `mc:Choice`, the same box in VML in `mc:Fallback`."""
    content = "<w:txbxContent>" + "".join(para(t) for t in texts) + "</w:txbxContent>"
    dml = ('<w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
    v = f'<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>'
    if drawingml and vml:
        return f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{dml}</mc:Choice><mc:Fallback>{v}</mc:Fallback></mc:AlternateContent></w:r>'
    return f"<w:r>{dml if drawingml else v}</w:r>"


def alt_chunk(rid: str) -> str:
    return f'<w:altChunk r:id="{rid}"/>'


def docx(body: str, *, numbering: Optional[str] = None, styles: Optional[str] = None, footnotes: Optional[list[str]] = None,
         chunks: Optional[dict[str, tuple[str, str, bytes]]] = None, document_prefix: str = "") -> bytes:
    """A .docx whose body is `body` (raw WordprocessingML); `numbering` and `styles` are the inner XML of
    those parts; `footnotes` their texts; `chunks` rid → (part name, content type, bytes) for altChunks.
    `document_prefix` goes between the XML declaration and the root (a DOCTYPE, say)."""
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>',
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>']
    rels = []
    parts: dict[str, bytes] = {}
    if numbering is not None:
        parts["word/numbering.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{numbering}</w:numbering>'.encode()
        rels.append(f'<Relationship Id="rIdNum" Type="{RT}/numbering" Target="numbering.xml"/>')
        types.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
    if styles is not None:
        parts["word/styles.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>{styles}</w:styles>'.encode()
        rels.append(f'<Relationship Id="rIdSty" Type="{RT}/styles" Target="styles.xml"/>')
        types.append('<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>')
    if footnotes:
        notes = "".join(f'<w:footnote w:id="{i + 1}">{para(t)}</w:footnote>' for i, t in enumerate(footnotes))
        parts["word/footnotes.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>{notes}</w:footnotes>'.encode()
        rels.append(f'<Relationship Id="rIdFn" Type="{RT}/footnotes" Target="footnotes.xml"/>')
        types.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
    for rid, (name, ctype, data) in (chunks or {}).items():
        parts[f"word/{name}"] = data
        rels.append(f'<Relationship Id="{rid}" Type="{RT}/aFChunk" Target="{name}"/>')
        types.append(f'<Override PartName="/word/{name}" ContentType="{ctype}"/>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{document_prefix}<w:document {NS}><w:body>{body}'
                '<w:sectPr/></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types">' + "".join(types) + "</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships"><Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/>'
                   "</Relationships>")
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>")
        z.writestr("word/document.xml", document)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def roman_list(start: str, fmt: str = "upperRoman", ilvl: str = "0") -> str:
    """Numbering XML of one list (numId 1) whose level `ilvl` starts at `start` in format `fmt`."""
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
