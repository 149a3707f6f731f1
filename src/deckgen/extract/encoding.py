"""Decode a lecture's bytes: UTF-8, UTF-16 (with or without BOM), GB18030/GBK, Big5 and Shift-JIS, detected."""
from __future__ import annotations

import codecs

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError

# The legacy encodings lecturers' files come in; charset-normalizer chooses among these only, so a Latin-1
# or Windows-1252 file is never read as something it is not (it is refused, asking for UTF-8).
LEGACY = {"gb18030": "GB18030", "big5": "Big5", "shift_jis": "Shift-JIS"}


def _fail(display: str, message: str, line: int | None = None, col: int | None = None) -> ContentError:
    return ContentError([Diagnostic(message, display, line, col)])


def _allowed(code: int) -> bool:
    """Whether a non-ASCII character belongs to the ranges East Asian lecture text uses."""
    if 0xFF61 <= code <= 0xFF9F:  # half-width katakana: what GB18030 or Big5 read as Shift-JIS looks like
        return False
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x30FF
            or 0xFF00 <= code <= 0xFFEF or 0xAC00 <= code <= 0xD7AF or 0x2000 <= code <= 0x206F
            or 0x2460 <= code <= 0x24FF or 0x00A0 <= code <= 0x00FF or 0x0370 <= code <= 0x04FF
            or 0x2100 <= code <= 0x22FF or 0x2500 <= code <= 0x25FF or 0x3200 <= code <= 0x33FF
            or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F)


def plausible(text: str) -> bool:
    """False when decoded text looks like another encoding read wrongly: ideographs wedged between Latin
    letters, or many characters outside the ranges Chinese, Japanese and Korean text use."""
    odd = wedged = wide = 0
    for i, ch in enumerate(text):
        code = ord(ch)
        if code < 0x80:
            continue
        if 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF:
            wide += 1
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
                wedged += 1
        elif not _allowed(code):
            odd += 1
    if wide and wedged / wide > 0.3:
        return False
    return odd <= max(2, 0.02 * (wide + odd))


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of BOM-less UTF-16 (little or big endian), told by where its line ends and ASCII bytes fall;
    None when `data` is not that."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if not even_nul + odd_nul:
        return None
    # ASCII and line ends put their zero byte second in little-endian (`A\x00`, `\n\x00`), first in big-endian
    order = ("utf-16-le", "utf-16-be") if odd_nul >= even_nul else ("utf-16-be", "utf-16-le")
    for codec in order:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible(text) and not any(ord(ch) < 9 for ch in text[:4096]):
            return text
    return None


def _legacy(data: bytes) -> tuple[str, str] | None:
    """The text and encoding name when charset-normalizer finds `data` to be GB18030, Big5 or Shift-JIS
    text that reads as East Asian text; None when it is unsure."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY), threshold=0.2).best()
    candidates = [best.encoding] if best is not None and best.encoding in LEGACY else []
    candidates += [c for c in LEGACY if c not in candidates]  # the detector's second thoughts
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible(text):
            return text, LEGACY[codec]
    return None


def decode(raw: bytes, display: str) -> tuple[str, str]:
    """Decode lecture bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when its
    line ends show it), else GB18030 (GBK, GB2312), Big5 or Shift-JIS as charset-normalizer finds them.

    Returns the text and the encoding's name. Raises `ContentError` for binary data or bytes that
    are none of these, naming the first bad line."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, data = "UTF-8 (BOM)", raw[3:]
        codec = "utf-8"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, data, codec = "UTF-16", raw, "utf-16"
    else:
        encoding, data, codec = "UTF-8", raw, "utf-8"
    if codec == "utf-8" and encoding == "UTF-8":
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, "UTF-16 (no BOM)"
    if codec != "utf-16" and b"\x00" in data[:4096]:
        raise _fail(display, "this is not a text file (it holds NUL bytes); give a .txt, .md or .docx lecture")
    try:
        return data.decode(codec), encoding
    except UnicodeDecodeError as exc:
        if codec != "utf-8" or encoding != "UTF-8":
            line = data[: exc.start].count(b"\n") + 1
            raise _fail(display, f"not valid {encoding} text (byte 0x{data[exc.start]:02x})", line) from None
        utf8_error = exc
    found = _legacy(data)
    if found is not None:
        return found
    start = utf8_error.start
    line = data[:start].count(b"\n") + 1
    col = start - (data.rfind(b"\n", 0, start) + 1) + 1
    raise _fail(display, f"cannot tell the text encoding: not UTF-8 (byte 0x{data[start]:02x}) and not GB18030/GBK, "
                         "Big5 or Shift-JIS; save the file as UTF-8", line, col)
