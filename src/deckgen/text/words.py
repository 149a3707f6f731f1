"""The words deckgen writes on slides (目录, （续）, 开篇…) in each East Asian language."""
from __future__ import annotations

# The words deckgen writes on slides, as Simplified Chinese gives them, in the other East Asian languages.
_LOCAL = {
    "ja": (("续", "続き"), ("开篇", "はじめに"), ("目录", "目次"), ("结语", "結び"), ("引言", "はじめに"), ("代码", "コード"),
           ("表格", "表"), ("图片", "図")),
    "ko": (("续", "계속"), ("开篇", "시작"), ("目录", "목차"), ("结语", "맺음말"), ("引言", "들어가며"), ("代码", "코드"),
           ("表格", "표"), ("图片", "그림")),
    "Hant": (("续", "續"), ("开篇", "開篇"), ("目录", "目錄"), ("结语", "結語"), ("代码", "程式碼"), ("图片", "圖片")),
}


def localized(text: str, language: str) -> str:
    """`text` (deckgen's Simplified Chinese words: 目录, （续）, 开篇…) in the East Asian `language`: Japanese
    目次 and （続き）, Korean 목차, Traditional Chinese 目錄 and （續）; Simplified Chinese as it is."""
    parts = [p.lower() for p in language.split("-")]
    key = parts[0] if parts[0] in ("ja", "ko") else "Hant" if parts[0] == "zh" and {"tw", "hk", "mo", "hant"} & set(parts) else ""
    for zh, local in _LOCAL.get(key, ()):
        text = text.replace(zh, local)
    return text
