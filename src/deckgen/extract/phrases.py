"""Chinese clauses trimmed to self-contained slide phrases, sub-heads and `key：phrase` parallels (English: english.py)."""
from __future__ import annotations

import re

from deckgen.extract.text import strip_end, width
from deckgen.text.sentences import clauses

ZH_MIN, ZH_MAX, ZH_KEYED_MAX = 5, 18, 21   # widths of a Chinese bullet (a `key：phrase` may run a little longer)

_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("(", ")"), ("（", "）"), ("【", "】"))
_ZH_LEADING = re.compile(
    r"^(?:同时|因此|所以|但是|而且|并且|此外|另外|其中|当前|目前|当然|总之|可见|事实上|实践充分证明|实践反复证明|"
    r"与此同时|从实质上讲|从本质上讲|从根本上讲|本质上|归根到底|说到底|总的来看|总的来说|特别是|尤其是|也就是说|换句话说|首先|其次|再次|最后|然后|接着|"
    r"我们要|我们必须|我们将|我们还|我们也|我们|我省|我市|我区|全省上下|各级党组织和广大党员干部要|各地要|"
    r"就必须|必须|就要|要|才能|就是|才|也|还|并|又|而|但|且|即|则|既)[，,]?\s*")
_VOCATIVE = re.compile(r"^(?:同志们|各位代表|各位|朋友们|同学们)[，,！!：:]\s*")
_ZH_BAD_START = ("和", "与", "及", "或", "的", "是", "其", "这", "那", "该", "此", "之", "它", "他", "她")
_ZH_BAD_END = tuple("的和与及或并而在把对将从被于是以让使要就才也还都且则即由给比跟同")
_ZH_INTRO_START = re.compile(
    r"^(?:在|随着|为了|通过|对于|关于|根据|按照|只有|如果|虽然|尽管|当|自从|经过|面对|围绕|借此|由于|因为|既然|"
    r"除了|除|不论|无论|不管|截至|截止|到20\d\d年|到二〇|今年|去年|明年|过去|未来)")
_ZH_INTRO_END = re.compile(r"(?:上|中|下|后|前|以来|时|时期|之际|过程中|进程中|的到来|方面|来看|看|以后|之后|来说|而言|为例)$")
_ZH_SPEECH = re.compile(r"(?:指出|强调|认为|表示|说|提出|要求|写道|表现为|包括|如下|是|为|证明|表明|看来|所述|在于|就是|主要是)$")
_ZH_TOPIC_NEXT = re.compile(r"^(?:就必须|必须|就要|不能|需要|才能|关键|首先要|要|从本质上讲|从根本上讲|归根到底|就是|即|"
                            r"就不|就难|就无法|就会|就没有)")
# The speaker about the talk itself (`借此机会，由我…作一堂党课报告`): never a point of the slide.
_ZH_META = re.compile(r"^(?:借此机会|下面|由我|我就|我想|我讲|我谈|我先|与同志们|和同志们|同大家|和大家|跟大家)")
# A coverb whose verb comes after its object (`把A、B作为…`, `以A的恒劲、B的韧劲`): a head cut there dangles.
_ZH_COVERB = ("把", "将", "对", "以", "向", "与", "同", "跟", "给", "被")
_ZH_CONCESSIVE = re.compile(r"虽然|虽说|尽管|不论|无论|不管|即使|即便|哪怕|如果|假如|只要|要想")
_SUBHEAD_START = re.compile(
    r"^(?:充分|精准|坚定不移|千方百计|多措并举|努力|用好|用足|狠抓|紧抓|抓实|加快|加强|加大|加力|提升|提高|推进|推动|促进|发挥|扩大|打造|深化|持续|积极|大力|切实|着力|全力|坚持|实施|"
    r"强化|优化|培育|做好|办好|抓好|做优|做强|做大|建设|构建|完善|健全|落实|巩固|拓展|激发|释放|增强|保障|守牢|严守|"
    r"筑牢|织牢|统筹|稳步|稳妥|有序|扎实|深入|全面|不断|坚决|坚定|更大力度|更高水平|更好|聚焦|突出|锚定|开展|"
    r"提振|迭代|放大|支持|鼓励|引导|防范|化解|维护|保持|推行|探索|创新|服务|融入|当好|争当|勇当|坚守|树牢|牢记)")
_FROM_TO = re.compile(r"从[^，,；。从到]{1,24}?(?=(?:增长|提高|提升|增加|跃升|下降|降低|缩小|扩大)(?:到|至))")
_YEAR_OF = re.compile(r"(?<=[到至])(?:20\d\d|二〇[一二三四五六七八九〇]{2})年(?:的|底)?(?=\d)")
_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千]+(?:万|亿)")
_PARALLEL = re.compile(r"(?:在|从)(?P<key>[^，,。；：]{1,8}?)(?:上|方面|来看|上看|看|来讲|讲)[，,]|"
                       r"(?P<key2>[^，,。；：]{2,6})方面[，,]")
_ENUM_ITEM = re.compile(r"(?:^|[，,；;。])\s*(?P<mark>[一二三四五六七八九十]是)")


def balanced(text: str) -> bool:
    """Every opening quote or bracket of `text` is closed, and straight double quotes come in pairs."""
    return all(text.count(a) == text.count(b) for a, b in _QUOTE_PAIRS) and text.count('"') % 2 == 0


def has_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))


def zh_intro(clause: str) -> bool:
    """An opening adverbial or condition (`在…上`, `随着…`, `到二〇三五年`) rather than what the sentence says."""
    return bool(_ZH_INTRO_START.match(clause) or _ZH_INTRO_END.search(clause))


def zh_tidy(text: str) -> str:
    """`text` without a vocative, leading connectives and subjects (`同时，`, `我们要`) and trailing punctuation."""
    text = strip_end(_VOCATIVE.sub("", text.strip()).lstrip("—－- "))
    if text.startswith("“") and "”" not in text:  # a clause opening a quotation split at its comma
        text = text[1:]
    if text.endswith("”") and "“" not in text:  # …or closing it
        text = strip_end(text[:-1])
    text = _FROM_TO.sub("", text)  # `从2020年的3.68万亿元增长到2025年的4.93万亿元` → `增长到4.93万亿元`
    text = _YEAR_OF.sub("", text)
    for _ in range(3):
        stripped = _ZH_LEADING.sub("", text, count=1)
        if stripped == text or width(stripped) < 4:
            break
        text = stripped
    return strip_end(text)


def fold(clause: str) -> str:
    """A clause with its enumeration folded: `在A、B、C等方面取得成效` → `在A等方面取得成效`,
    `提高A效率、B效率、C效率` → `提高A效率等`; English `A and B` clauses cut before the conjunction."""
    folded = re.sub(r"(?:、[^、，,；。等“”]+)+(?=等)", "", clause)
    if folded != clause:
        return folded
    items = clause.split("、")
    inner = max((width(x) for x in items[1:-1]), default=0)
    if (len(items) >= 3 and all(width(x) <= 8 for x in items[1:]) and width(items[-1]) <= inner + 1
            and width(items[0]) >= 4 and balanced(items[0])):  # only an enumeration that ends the clause
        return f"{items[0]}等"
    return clause


def zh_self_contained(text: str, limit: float = ZH_MAX) -> bool:
    """A Chinese phrase that can stand on a slide: ZH_MIN–`limit` wide, balanced, no dangling start or end."""
    return (ZH_MIN <= width(text) <= limit and balanced(text) and not text.startswith(_ZH_BAD_START)
            and not text.endswith(_ZH_BAD_END) and not re.search(r"[。！？!?]", text))


def zh_phrase(clause: str, limit: float = ZH_MAX) -> str | None:
    """`clause` as a self-contained Chinese phrase, folded if too long; None when it cannot be one
    (an opening adverbial, a reporting verb, a dangling fragment, or too long even folded)."""
    text = zh_tidy(clause)
    if not text or zh_intro(text) or _ZH_SPEECH.search(text) or _ZH_CONCESSIVE.search(text) or _ZH_META.match(text):
        return None
    if width(text) > limit:
        if text.startswith(_ZH_COVERB):
            return None  # folded or cut, its verb would be lost
        folded = zh_tidy(fold(text))
        head = text.split("、")[0]
        last = text.split("、")[-1]
        shared = "的" in last and width(last) <= 8  # `个性化、多样化的需求`: the head noun is shared
        text = folded if width(folded) <= limit or text.count("、") != 1 or width(head) < 8 or shared else head
    return text if zh_self_contained(text, limit) else None


def subhead(sentence: str) -> str | None:
    """The sentence as a paragraph sub-head (`扎实有效去产能。`, `持续推进政府职能转变。`): one short clause
    without figures that opens with a verb of action; None otherwise."""
    text = strip_end(sentence)
    if re.search(r"[，,；;：:]", text) or has_figure(text) or not _SUBHEAD_START.match(text):
        return None
    return text if zh_self_contained(text) else None


def zh_clause_phrases(sentence: str) -> list[tuple[int, str]]:
    """(clause index, phrase) for each clause of a Chinese sentence that makes a phrase; a clause that only
    names the topic (`推动高质量发展，就必须…`) is skipped."""
    parts = clauses(sentence)
    out = []
    for k, part in enumerate(parts):
        if k + 1 < len(parts) and _ZH_TOPIC_NEXT.match(parts[k + 1]):
            continue
        if _ZH_SPEECH.search(strip_end(part)):
            continue
        phrase = zh_phrase(part)
        if phrase:
            out.append((k, phrase))
    return out


def parallel(sentence: str) -> str | None:
    """`在供给上，要建立…体系` → `供给：建立…体系`; None when the sentence does not open that way."""
    m = _PARALLEL.match(sentence)
    if not m:
        return None
    key = (m.group("key") or m.group("key2")).strip()
    for part in clauses(sentence[m.end():])[:3]:
        phrase = zh_phrase(part, ZH_KEYED_MAX - width(key) - 1)
        if phrase:
            return f"{key}：{phrase}"
    return None


def numbered_items(sentence: str) -> list[str]:
    """`一是…，二是…` inside one sentence: the phrase of each item (run numbered from 一)."""
    marks = list(_ENUM_ITEM.finditer(sentence))
    if len(marks) < 2 or not marks[0].group("mark").startswith("一"):
        return []
    out = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        body = sentence[m.end():nxt.start() if nxt else len(sentence)]
        phrase = next((p for _, p in zh_clause_phrases(body)), None)
        if phrase:
            out.append(phrase)
    return out
