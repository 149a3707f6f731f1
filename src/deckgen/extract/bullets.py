"""Draft short bullets from a slide's text: parallel clauses, enumerations, the key clause of each sentence."""
from __future__ import annotations

import re

from deckgen.extract.text import strip_end, width
from deckgen.text.sentences import clauses, sentences

LIMIT = 24          # widest bullet, in Chinese characters (about 60 Latin characters)
MAX_BULLETS = 6

_PARALLEL = re.compile(r"(?:在|从)(?P<key>[^，,。；：]{1,8}?)(?:上|方面|来看|上看|看|来讲|讲)[，,]|"
                       r"(?P<key2>[^，,。；：]{2,6})方面[，,]")
_LEADING = re.compile(r"^(?:同时|因此|所以|但是|而且|并且|此外|另外|其中|当前|目前|当然|总之|可见|事实上|实践充分证明|"
                      r"实践反复证明|我们要|我们必须|我们|就必须|必须|要|才能|就要|就是|才|也|还|However|Therefore|Thus|Moreover|In addition|"
                      r"Furthermore|Also|So|And|But|For example|For instance)[，,]?\s*")
_SPEECH = re.compile(r"(指出|强调|认为|表示|说|提出|要求|写道|表现为|包括|如下|是|为|证明|表明|看来|所述|says?|said|notes?|argues?|are|is|include)$")
_INTRO_START = re.compile(r"^(?:在|随着|为了|通过|对于|关于|根据|按照|只有|如果|虽然|尽管|当|自从|经过|面对|围绕|借此|与此同时|"
                          r"由于|因为|既然|(?:In|On|At|For|With|When|If|Although|Because|Since|As|After|Before|During)\b)")
_INTRO_END = re.compile(r"(?:上|中|下|后|前|以来|时|时期|之际|过程中|进程中|的到来|方面|来看|看|以后|之后)$")
_VOCATIVE = re.compile(r"^(?:同志们|各位代表|各位|朋友们|同学们|Colleagues|Friends|Everyone)[，,！!]\s*")
_TOPIC_NEXT = re.compile(r"(?:就必须|必须|就要|不能|需要|才能|关键)")
_EN_CONJUNCTION = re.compile(r"\s(?:and|or|but|because|which|while|so|when|where|whereas|unless|until|with|by)\s")
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("(", ")"), ("（", "）"))


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _QUOTE_PAIRS) and text.count('"') % 2 == 0


def _tidy(text: str) -> str:
    text = strip_end(_VOCATIVE.sub("", text.strip()))
    for _ in range(3):
        stripped = _LEADING.sub("", text, count=1)
        if width(stripped) >= 4:
            text = stripped
    return strip_end(text)


def _fits(text: str) -> bool:
    return 4 <= width(text) <= LIMIT and _balanced(text)


def _compress(clause: str) -> str:
    """A clause with its enumeration folded: `在A、B、C等方面取得成效` → `在A等方面取得成效`,
    `提高A效率、B效率、C效率` → `提高A效率等` (only when the enumeration ends the clause)."""
    folded = re.sub(r"(?:、[^、，,；。等]+)+(?=等)", "", clause)
    if folded != clause:
        return folded
    items = clause.split("、")
    if len(items) >= 3 and all(width(x) <= 8 for x in items[1:]) and width(items[0]) >= 4:
        return f"{items[0]}等"
    head = _EN_CONJUNCTION.split(clause, maxsplit=1)[0]
    if head != clause and len(head.split()) >= 3:
        return head  # `Governments can cut other taxes or pay a dividend` → `Governments can cut other taxes`
    return clause


def _intro(clause: str) -> bool:
    """An opening adverbial (`在…上`, `随着…`, `改革开放以来`) rather than what the sentence says."""
    return bool(_INTRO_START.match(clause) or _INTRO_END.search(clause))


def _parallel(sentence: str) -> str | None:
    """`在供给上，要建立…体系` → `供给：建立…体系`; None when the sentence does not start that way."""
    m = _PARALLEL.match(sentence)
    if not m:
        return None
    key = m.group("key") or m.group("key2")
    rest = [c for c in clauses(sentence[m.end():])[:3]]
    while len(rest) > 1 and _intro(_tidy(rest[0])):
        rest.pop(0)
    if not rest:
        return None
    clause = _tidy(rest[0])
    bullet = f"{key}：{clause}"
    if not _fits(bullet):
        bullet = f"{key}：{_tidy(_compress(clause))}"
    return bullet if _fits(bullet) else None


def _enumeration(sentence: str) -> list[str]:
    """Items of an enumeration after `：`, split on `、` or `；` (the last `A和B` split too)."""
    if "：" not in sentence and ": " not in sentence:
        return []
    tail = re.split(r"：|: ", sentence, maxsplit=1)[1]
    tail = strip_end(tail)
    items = [strip_end(x) for x in re.split(r"[、；;]", tail) if strip_end(x)]
    if len(items) >= 2:
        last = re.split(r"和|及|以及|与|, and | and ", items[-1])
        if len(last) == 2 and all(width(x) >= 2 for x in last):
            items[-1:] = [strip_end(x) for x in last]
    if not 3 <= len(items) <= MAX_BULLETS or not all(_fits(x) or 2 <= width(x) <= LIMIT for x in items):
        return []
    return items


def key_clause(sentence: str) -> str | None:
    """The sentence itself when short, else its first clause that says something."""
    whole = _tidy(sentence)
    if _fits(whole) and width(whole) <= 20:
        return whole
    parts = clauses(sentence)[:3]
    for k, clause in enumerate(parts):
        if _SPEECH.search(strip_end(clause)):
            continue
        clause = _tidy(clause)
        if _SPEECH.search(clause) or width(clause) < 5 or (_intro(clause) and k + 1 < len(parts)):
            continue
        if k + 1 < len(parts) and width(clause) <= 10 and _TOPIC_NEXT.match(parts[k + 1]):
            continue  # `推动高质量发展，就必须…`: the first clause is only the topic
        if not _fits(clause):
            clause = _tidy(_compress(clause))
        return clause if _fits(clause) else None
    return None


def _spread(items: list[tuple[int, str]], keep: int) -> list[tuple[int, str]]:
    if len(items) <= keep:
        return items
    step = (len(items) - 1) / (keep - 1) if keep > 1 else 0
    picks = sorted({round(i * step) for i in range(keep)})
    return [items[i] for i in picks]


def draft_bullets(text: str, keep: int = 4) -> list[str]:
    """Up to `keep` (≤ 6) short bullets for a slide whose spoken text is `text`; never a whole paragraph.

    Parallel clauses (`在供给上，…在需求上，…`, `从国内看…从国际看…`) win when there are two or more;
    otherwise the key clause of sentences spread over the text; an enumeration after `：` fills in."""
    keep = min(keep, MAX_BULLETS)
    found = [s for _, s in sentences(text)]
    parallel = [(i, b) for i, s in enumerate(found) if (b := _parallel(s))]
    heads = [(i, b) for i, s in enumerate(found) if not _PARALLEL.match(s) and (b := key_clause(s))]
    if len(parallel) >= 2:
        chosen = parallel[:MAX_BULLETS]  # parallel clauses belong together: keep them all (up to six)
        room = keep - len(chosen)
        chosen += _spread([h for h in heads if h[0] < parallel[0][0]], min(room, 1)) if room else []
    else:
        chosen = _spread(heads + parallel, keep)
    bullets = [b for _, b in sorted(chosen)]
    if len(bullets) < 3:
        for s in found:
            items = _enumeration(s)
            if items:
                bullets = (bullets + items)[:keep] if len(bullets) + len(items) <= MAX_BULLETS else items[:keep]
                break
    seen: set[str] = set()
    out = []
    for b in bullets:
        if b not in seen and b.strip():
            seen.add(b)
            out.append(b)
    return out[:keep]
