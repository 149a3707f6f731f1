"""Lecture encodings detected (UTF-16 without BOM, GB18030, Big5, Shift-JIS) and the language read from the text."""
from __future__ import annotations

import pytest

from deckgen.errors import ContentError
from deckgen.extract.encoding import decode
from deckgen.text.script import detect_language

JAPANESE = "暗号の講義\n\nこれは日本語の講義です。パスワードの強さについて話します。\n\n第一に、ハッシュ関数。\n"
TRADITIONAL = "資訊安全講座\n\n各位同學：今天我們講資訊安全與密碼學。\n\n第一，雜湊函數。第二，對稱加密。\n"
SIMPLIFIED = "学习报告\n\n同志们：今天讲三点意见。\n\n一、提高认识\n"


class DescribeDecode:
    @pytest.mark.parametrize("text, codec, name", [
        (JAPANESE, "shift_jis", "Shift-JIS"), (TRADITIONAL, "big5", "Big5"), (SIMPLIFIED, "gb18030", "GB18030"),
        (SIMPLIFIED, "gbk", "GB18030")])
    def it_detects_the_legacy_east_asian_encodings(self, text: str, codec: str, name: str) -> None:
        assert decode(text.encode(codec), "a.txt") == (text, name)

    @pytest.mark.parametrize("text", [JAPANESE, TRADITIONAL, SIMPLIFIED, "An English lecture.\n\nOn hashing.\n"])
    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def it_detects_utf16_without_a_bom(self, text: str, codec: str) -> None:
        assert decode(text.encode(codec), "a.txt") == (text, "UTF-16 (no BOM)")

    def it_still_refuses_latin1_asking_for_utf8(self) -> None:
        with pytest.raises(ContentError, match="save the file as UTF-8"):
            decode("Les élèves étudient à l'école, même en été.\n".encode("latin-1"), "fr.txt")

    def it_still_refuses_binary_data(self) -> None:
        with pytest.raises(ContentError, match="not a text file"):
            decode(bytes(range(256)) * 8, "a.txt")


class DescribeDetectLanguage:
    @pytest.mark.parametrize("text, tag", [(JAPANESE, "ja-JP"), (TRADITIONAL, "zh-TW"), (SIMPLIFIED, "zh-CN"),
                                           ("안녕하세요. 오늘은 암호학 강의입니다.", "ko-KR"),
                                           ("Cryptography and security, with a few words: 密码.", "en-US")])
    def it_tells_the_language_of_the_text(self, text: str, tag: str) -> None:
        assert detect_language(text) == tag
