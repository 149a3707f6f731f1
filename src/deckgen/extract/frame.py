"""The frame of a talk: title line, subtitle/date/presenter lines, salutation, closing cues and titles."""
from __future__ import annotations

import re

from deckgen.extract.bullets import key_clause
from deckgen.extract.numbering import heading_labels
from deckgen.extract.text import shorten, strip_end, width
from deckgen.text.sentences import TERMINALS, first_sentence

VOCATIVE = re.compile(r"(同志们|各位代表|各位委员|各位领导|各位来宾|各位嘉宾|各位同事|各位同仁|各位老师|各位同学|"
                       r"各位朋友|各位|同事们|朋友们|同学们|老师们|女士们|先生们|Dear|Ladies and gentlemen|Colleagues|"
                       r"Friends|Everyone|Good (?:morning|afternoon|evening))")
CLOSING_CUE = re.compile(r"(?:(?:同志们|各位代表|各位委员|各位领导|各位来宾|各位|同事们|朋友们|同学们|老师们)[，,！!]|"
                          r"总之|总而言之|综上所述|让我们|In (?:conclusion|closing|summary)|To (?:conclude|sum up)|"
                          r"Let me (?:conclude|close|end))")
THANKS = re.compile(r"(谢谢(大家|各位)?|Thank you( all| very much)?)[。！!.]?$", re.I)
CONCLUSION = re.compile(r"(结束语|结语|结束语|小结|总结|结论|Conclusions?|Closing(?: remarks)?|Concluding remarks|Summary)$", re.I)
DATE = re.compile(r"[（(]?\s*(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|"
                   r"[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\s*[）)]?")
PRESENTER = re.compile(r"(主讲人|报告人|主讲|讲话人|Presenter|Lecturer|Speaker|By)\s*[：:]?\s*(?P<name>.+)|"
                        r"(?P<role>.{0,20}(书记|市长|省长|县长|区长|主任|部长|局长|厅长|处长|校长|院长|教授|主席|总经理|董事长|同志)"
                        r"(?:[\s\u3000]+[\u4e00-\u9fff·]{2,5})?)$|"
                        r"(?P<en>(Prof\.|Professor|Dr\.) .+)")


def looks_like_title(text: str, rest: tuple = ()) -> bool:
    """A title line: short, not a heading, not a salutation, no sentence-final punctuation.

    `Lecture 5: …` or `第三讲 …` is a title when no later paragraph continues its numbering."""
    text = text.strip()
    if not text or width(text) > 50 or is_salutation(text):
        return False
    labels = heading_labels(text)
    if labels:
        named = [lb for lb in labels if lb.scheme.startswith("en-") or lb.scheme in ("cn-讲", "cn-课", "cn-专题", "cn-单元")]
        if not named or any(lb.scheme == other.scheme for p in rest for other in heading_labels(p.text) for lb in named):
            return False
    return text[-1] not in TERMINALS + "。.；;：:，,、" and not text.startswith("——")


def is_salutation(text: str) -> bool:
    """`同志们：`, `各位代表、同志们：`, `Dear colleagues,`: a short address line."""
    text = text.strip()
    if width(text) > 24 or not text:
        return False
    return bool(VOCATIVE.search(text)) and text[-1] in "：:，,!！"


def closing_title(text: str, cjk: bool) -> tuple[str, bool]:
    """The closing slide's title: its first sentence when short, else that sentence's key clause."""
    rest = CLOSING_CUE.sub("", text, count=1).lstrip("，,：:！! ")
    if THANKS.match(text):
        return strip_end(text), False
    sentence = first_sentence(rest or text)
    title, cut = shorten(sentence, 24 if cjk else 32)
    if cut or width(title) < 6:
        title, cut = key_clause(sentence) or title, cut and not key_clause(sentence)
    if title and not cjk:
        title = title[0].upper() + title[1:]
    return (title, cut) if title else ("结束语" if cjk else "Closing", False)
