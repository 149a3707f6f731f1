"""East Asian typefaces per language: a theme's Simplified Chinese faces mapped to the deck language's own."""
from __future__ import annotations

from typing import Optional

from deckgen.theme.model import FontPair, Theme

# The OOXML script codes of the theme's font entries, and each language's faces: (sans serif, serif).
SCRIPTS = {"Hans": ("微软雅黑", "宋体"), "Hant": ("微軟正黑體", "新細明體"), "Jpan": ("游ゴシック", "游明朝"),
           "Hang": ("맑은 고딕", "바탕")}
# The faces deckgen's themes (and most Chinese themes) name, sans or serif.
SANS = frozenset({"微软雅黑", "Microsoft YaHei", "黑体", "SimHei", "等线", "DengXian", "思源黑体", "Noto Sans SC"})
SERIF = frozenset({"宋体", "SimSun", "新宋体", "NSimSun", "仿宋", "FangSong", "思源宋体", "Noto Serif SC"})


def script_of(language: str) -> Optional[str]:
    """The OOXML script of a language tag: `Hans` (zh-CN, zh-SG, zh-Hans), `Hant` (zh-TW, zh-HK, zh-MO,
    zh-Hant), `Jpan` (ja), `Hang` (ko); None for other languages."""
    parts = [p.lower() for p in language.split("-")]
    if parts[0] == "ja":
        return "Jpan"
    if parts[0] == "ko":
        return "Hang"
    if parts[0] != "zh":
        return None
    return "Hant" if {"tw", "hk", "mo", "hant"} & set(parts[1:]) else "Hans"


ALL_SANS = SANS | {faces[0] for faces in SCRIPTS.values()}
ALL_SERIF = SERIF | {faces[1] for faces in SCRIPTS.values()}


def face_for(ea: str, script: str) -> str:
    """The face of `script` standing for the theme's East Asian face `ea`: a sans face for a sans one, a serif
    for a serif; `ea` itself when it is neither (a face the theme chose on purpose), or when the script is
    `Hans` and `ea` a Simplified Chinese face."""
    if script not in SCRIPTS or (script == "Hans" and ea in SANS | SERIF):
        return ea
    sans, serif = SCRIPTS[script]
    return sans if ea in ALL_SANS else serif if ea in ALL_SERIF else ea


def script_faces(ea: str) -> dict[str, str]:
    """The theme's `a:font script=…` entries for a theme whose East Asian face is `ea`: each script its face."""
    return {script: face_for(ea, script) for script in SCRIPTS} if ea else {}


def localized(theme: Theme, language: str) -> Theme:
    """`theme` with its East Asian faces those of `language` (微軟正黑體 for zh-TW, 游ゴシック for ja-JP, 맑은 고딕 for
    ko-KR, their serif faces for a serif theme); unchanged for zh-CN and languages that are not East Asian."""
    script = script_of(language)
    if script is None or script == "Hans":
        return theme

    def pair(p: FontPair) -> FontPair:
        return p.replace(ea=face_for(p.ea, script)) if p.ea else p

    fonts = theme.fonts.replace(major=pair(theme.fonts.major), minor=pair(theme.fonts.minor))
    return theme.replace(fonts=fonts)
