"""Find font files for print output (handout PDF, contact sheet labels): fontconfig first, then usual places."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Optional

from deckgen.errors import ToolMissingError
from deckgen.outline.typed import record

INSTALL_CJK_FONTS = ("install a Chinese font: `apt-get install fonts-noto-cjk` (Debian/Ubuntu); "
                     "macOS and Windows have one built in")

# Fallbacks where fontconfig is missing (macOS, Windows) or finds nothing: (file, collection index).
_CJK_PLACES = {
    False: (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
        ("/System/Library/Fonts/PingFang.ttc", 0),
        ("/System/Library/Fonts/STHeiti Light.ttc", 0),
        ("C:/Windows/Fonts/msyh.ttc", 0),
        ("C:/Windows/Fonts/simhei.ttf", 0),
    ),
    True: (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
        ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
        ("C:/Windows/Fonts/msyhbd.ttc", 0),
    ),
}
_LATIN_PLACES = {
    False: (("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", 0),
            ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 0),
            ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
            ("/System/Library/Fonts/Supplemental/Arial.ttf", 0), ("C:/Windows/Fonts/arial.ttf", 0)),
    True: (("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf", 0),
           ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", 0),
           ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
           ("/System/Library/Fonts/Supplemental/Arial Bold.ttf", 0), ("C:/Windows/Fonts/arialbd.ttf", 0)),
}


@record(frozen=True)
class FontFile:
    """A font file and the index of the face inside a collection (.ttc)."""

    path: Path
    index: int = 0


@record(frozen=True)
class FontSet:
    """Regular and bold faces for text, and a CJK face for characters the text face lacks (or None)."""

    regular: FontFile
    bold: FontFile
    fallback: Optional[FontFile]
    fallback_bold: Optional[FontFile]


def _fc_match(pattern: str, lang: Optional[str] = None) -> Optional[FontFile]:
    """fontconfig's best match for `pattern`, only if it supports `lang` (fc-match always answers something)."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}\t%{index}\t%{lang}", pattern], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = out.split("\t")
    if len(parts) < 3 or not parts[0] or not Path(parts[0]).is_file():
        return None
    if lang and lang not in parts[2].split("|"):
        return None
    return FontFile(Path(parts[0]), int(parts[1] or 0))


def _first(places: tuple[tuple[str, int], ...]) -> Optional[FontFile]:
    for path, index in places:
        if Path(path).is_file():
            return FontFile(Path(path), index)
    return None


def cjk_font(bold: bool = False) -> Optional[FontFile]:
    """A Simplified Chinese sans-serif face (Noto Sans CJK SC, PingFang, 微软雅黑 …), or None."""
    weight = ":weight=bold" if bold else ""
    return _fc_match(f"sans-serif:lang=zh-cn{weight}", "zh-cn") or _first(_CJK_PLACES[bold])


def latin_font(bold: bool = False) -> Optional[FontFile]:
    """Arial or a face with its metrics (Liberation Sans), else any sans-serif face."""
    style = ":weight=bold" if bold else ""
    return _fc_match(f"Arial{style}", "en") or _first(_LATIN_PLACES[bold]) or _fc_match(f"sans-serif{style}", "en")


def font_set(cjk: bool) -> FontSet:
    """The faces for a Chinese (`cjk`) or other handout; a Chinese one needs a CJK font.

    Raises `ToolMissingError` saying what to install when a Chinese handout has no CJK font, or any
    handout no font at all.
    """
    zh, zh_bold = cjk_font(), cjk_font(bold=True)
    if cjk:
        if zh is None:
            raise ToolMissingError(f"no Chinese font found for the handout; {INSTALL_CJK_FONTS}")
        bold = zh_bold if zh_bold is not None and zh_bold != zh else zh
        return FontSet(zh, bold, None, None)
    latin, latin_bold = latin_font(), latin_font(bold=True)
    if latin is None:
        if zh is None:
            raise ToolMissingError("no font found for the handout; install fonts-liberation2 or fonts-noto-cjk")
        return FontSet(zh, zh_bold or zh, None, None)
    return FontSet(latin, latin_bold or latin, zh, zh_bold or zh)
