"""The text of a block a Word document imports (`w:altChunk`): HTML, MHT (web archive) or plain text, as paragraphs."""
from __future__ import annotations

import re
from typing import Optional

_BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li td th tr pre blockquote dt dd caption section article header footer "
                    "address figcaption table ul ol dl br hr".split())
_SKIP = frozenset("head script style title template noscript".split())
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
MHT_TYPES = ("message/rfc822", "multipart/related", "application/x-mimearchive")


def html_paragraphs(data: bytes) -> list[str]:
    """The paragraphs of an HTML document: the text of each block element (p, div, li, td, h1…), white space
    collapsed as a browser does; scripts, styles and the head left out. Never goes to the network."""
    from lxml import etree, html

    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = html.document_fromstring(_decode(data), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    current: list[str] = []
    skipping = 0

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        if text:
            out.append(text)
        current.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                skipping += 1
            elif tag in _BLOCKS and not skipping:
                flush()
            if not skipping and tag not in _SKIP and el.text:
                current.append(el.text)
        else:
            if tag in _SKIP:
                skipping -= 1
            elif tag in _BLOCKS and not skipping:
                flush()
            if not skipping and el.tail:
                current.append(el.tail)
    flush()
    return out


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _decode(data: bytes) -> str:
    """HTML bytes as text: by a BOM, else the charset its `<meta>` declares, else UTF-8, else GB18030 (as
    Chinese office systems write it). An XML declaration is dropped (lxml reads text without one)."""
    if data[:3] == b"\xef\xbb\xbf":
        text = data[3:].decode("utf-8", "replace")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", "replace")
    else:
        declared = _CHARSET.search(data[:4096])
        text = None
        for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8", "gb18030"]:
            try:
                text = data.decode(encoding)
                break
            except (UnicodeDecodeError, LookupError):
                continue
        if text is None:
            text = data.decode("utf-8", "replace")
    return _XML_DECL.sub("", text, count=1)


def _mht_html(data: bytes) -> Optional[bytes]:
    """The HTML part of a web archive (MHT), decoded from its transfer encoding."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() in HTML_TYPES:
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset:  # the MIME header declares the encoding: re-encode as UTF-8 with a BOM to say so
                    try:
                        return b"\xef\xbb\xbf" + payload.decode(charset, "replace").encode("utf-8")
                    except LookupError:
                        return payload
                return payload
    return None


def chunk_paragraphs(kind: str, data: bytes) -> Optional[list[str]]:
    """The paragraphs of an imported block of content type `kind`; None for a kind deckgen does not read
    (RTF, a whole .docx inside the document)."""
    kind = kind.split(";")[0].strip().lower()
    if kind in HTML_TYPES or (not kind and data.lstrip()[:1] == b"<"):
        return html_paragraphs(data)
    if kind in MHT_TYPES:
        page = _mht_html(data)
        return html_paragraphs(page) if page is not None else None
    if kind in TEXT_TYPES:
        for encoding in (("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
        return [line.strip() for line in text.splitlines() if line.strip()]
    return None
