"""Draft a slide's bullets by ranking: sub-heads, parallels and topic sentences first, then salient clauses and figures."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from deckgen.extract import english as en, phrases as ph
from deckgen.extract.salience import Salience, score as salience_score, terms
from deckgen.extract.text import strip_end, width
from deckgen.outline.typed import record
from deckgen.text.script import cjk_ratio
from deckgen.text.sentences import clauses, sentences

LIMIT = 24          # widest bullet, in Chinese characters (about 60 Latin characters)
MAX_BULLETS = 6

# Base scores of the kinds of candidate; salience (0–1) and position adjust them.
_SUBHEAD, _PARALLEL, _ITEM, _TOPIC, _FIGURE, _CLAUSE = 3.0, 3.2, 2.8, 1.2, 1.0, 0.6


@record(frozen=True)
class Candidate:
    """A possible bullet: its text, how it was found, its score and where it came from in the text."""

    text: str
    kind: str
    score: float
    position: tuple[int, int]


def _paragraph_starts(text: str) -> set[int]:
    starts, pos = {0}, 0
    for line in text.split("\n"):
        starts.add(pos + len(line) - len(line.lstrip()))
        pos += len(line) + 1
    return starts


def _zh_candidates(text: str, weights: dict[str, float]) -> list[Candidate]:
    found = sentences(text)
    para_starts = _paragraph_starts(text)
    out: list[Candidate] = []
    figures_seen = 0
    for i, (offset, sentence) in enumerate(found):
        decay = 0.04 * i
        sal = lambda p: salience_score(p, weights)  # noqa: E731
        head = ph.subhead(sentence)
        if head and i + 1 < len(found):
            bonus = 0.8 if offset in para_starts and i > 0 else 0.0  # a paragraph's own sub-head
            out.append(Candidate(head, "subhead", _SUBHEAD + bonus + sal(head) - decay / 4, (i, 0)))
            continue
        keyed = ph.parallel(sentence)
        if keyed:
            out.append(Candidate(keyed, "parallel", _PARALLEL - decay / 4, (i, 0)))
            continue
        items = ph.numbered_items(sentence)
        for k, item in enumerate(items):
            out.append(Candidate(item, "item", _ITEM - decay / 4, (i, k)))
        if items:
            continue
        phrases = ph.zh_clause_phrases(sentence)
        whole = ph.zh_tidy(sentence)
        if not phrases and "，" in whole and ph.zh_self_contained(whole) and not ph.zh_intro(whole):  # `办好…，关键在党`
            base = _TOPIC if i == 0 or offset in para_starts else _CLAUSE
            out.append(Candidate(whole, "clause", base + 0.2 + sal(whole) - decay, (i, 0)))
            continue
        for k, phrase in phrases:
            base = _TOPIC if i == 0 or offset in para_starts else _CLAUSE
            if ph.has_figure(phrase):
                base = max(base, _FIGURE + (0.5 if figures_seen == 0 else 0.0))
                figures_seen += 1
            base -= (0.25 if len(clauses(sentence)) >= 4 else 0.15) * k  # first clauses carry the point
            length = width(phrase)
            fit = 0.2 if 6 <= length <= 16 else 0.0
            out.append(Candidate(phrase, "clause", base + fit + sal(phrase) - decay, (i, k)))
    return out


def _en_candidates(text: str, weights: dict[str, float], lenient: bool = False) -> list[Candidate]:
    """The main clause of each part of each sentence as a phrase, scored by salience: those that hold a verb
    first, asides about the speech itself (`I want to…`) last; `lenient` admits pronoun-led clauses."""
    out: list[Candidate] = []
    for i, (_, sentence) in enumerate(sentences(text)):
        for k, phrase in enumerate(en.sentence_phrases(sentence, lenient)):
            base = (_TOPIC if i == 0 else _CLAUSE) + (0.3 if ph.has_figure(phrase) else 0.0) - 0.15 * k
            base -= (0.0 if en.has_verb(phrase) else 0.2) + (0.6 if en.is_meta(phrase) else 0.0) + (1.0 if lenient else 0.0)
            out.append(Candidate(phrase, "clause", base + 1.5 * salience_score(phrase, weights) - 0.03 * i, (i, k)))
    return out


def _enumeration(text: str) -> list[str]:
    """Items of an enumeration after `：`, split on `、` or `；` (the last `A和B` split too)."""
    for _, sentence in sentences(text):
        if "：" not in sentence and ": " not in sentence:
            continue
        tail = strip_end(re.split(r"：|: ", sentence, maxsplit=1)[1])
        items = [strip_end(x) for x in re.split(r"[、；;]", tail) if strip_end(x)]
        if len(items) >= 2:
            last = re.split(r"和|及|以及|与|, and | and ", items[-1])
            if len(last) == 2 and all(width(x) >= 2 for x in last):
                items[-1:] = [strip_end(x) for x in last]
        if 3 <= len(items) <= MAX_BULLETS and all(2 <= width(x) <= LIMIT and ph.balanced(x) for x in items):
            return items
    return []


@functools.lru_cache(maxsize=1 << 16)
def _term_set(text: str) -> frozenset[str]:
    """The salience terms of `text` as a set (its characters when it has none); cached, since every
    candidate is compared with the bullets already chosen."""
    return frozenset(terms(text)) or frozenset(text)


def _overlap(a: str, b: str) -> float:
    """How much of the shorter of `a` and `b` the other contains (by salience terms, else characters)."""
    ta, tb = _term_set(a), _term_set(b)
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def _repeats(bullet: str, title: str) -> bool:
    """True when `bullet` says no more than the slide title."""
    if not title:
        return False
    tb, tt = _term_set(bullet), _term_set(title)
    return len(tb & tt) / max(1, len(tb)) >= 0.8


def draft_bullets(text: str, keep: int = 4, *, title: str = "", salience: Salience | None = None,
                  avoid: Iterable[str] = ()) -> list[str]:
    """Up to `keep` (≤ 6) short bullets for a slide whose own spoken text is `text`; never a whole paragraph.

    Candidates are ranked: paragraph sub-heads (`扎实有效去产能。`), parallel clauses condensed to `key：phrase`
    (`在供给上，…` → `供给：…`, `一是…二是…`), the topic sentence, then the clauses whose terms are most
    salient on this slide against the lecture (`salience`, learned from every slide; this text alone when
    None), a central figure kept exact. A bullet repeating `title`, nearly repeating another bullet, or
    found in `avoid` (bullets already on earlier slides) is skipped. Five bullets when the text has five
    or more sub-heads or parallels; the chosen ones keep the order of the text."""
    keep = min(keep, MAX_BULLETS)
    text = text.strip()
    if not text:
        return []
    cjk = cjk_ratio(text) >= 0.2
    weights = (salience or Salience.of([text])).weights(text)
    found = _zh_candidates(text, weights) if cjk else _en_candidates(text, weights)
    strong = [c for c in found if c.kind in ("subhead", "parallel", "item")]
    if len(strong) >= 5 and keep == 4:
        keep = 5
    avoid_list = list(avoid)
    chosen: list[Candidate] = []

    def pick(pool: list[Candidate], spread: bool) -> None:
        """Take the best of `pool` that repeat nothing; `spread`: at most one a sentence."""
        for cand in sorted(pool, key=lambda c: (-c.score, c.position)):
            if len(chosen) >= keep:
                return
            if cand in chosen or spread and any(c.position[0] == cand.position[0] for c in chosen):
                continue
            if _repeats(cand.text, title) or any(_overlap(cand.text, c.text) >= 0.6 for c in chosen):
                continue
            if any(cand.text == a or _overlap(cand.text, a) >= 0.9 for a in avoid_list):
                continue
            chosen.append(cand)

    pick(found, spread=not cjk)
    if not cjk:  # English: a clause of each sentence first, then second clauses, then pronoun-led ones
        pick(found, spread=False)
        if len(chosen) < 2:
            pick(_en_candidates(text, weights, lenient=True), spread=False)
    bullets = [c.text for c in sorted(chosen, key=lambda c: c.position)]
    if not bullets:  # nothing ranked: the key clause of each sentence rather than an empty slide
        for _, sentence in sentences(text):
            clause = key_clause(sentence)
            if clause and clause not in bullets and not _repeats(clause, title) and clause not in avoid_list:
                bullets.append(clause)
        bullets = bullets[:keep]
    if len(bullets) < 3 and cjk:
        items = [x for x in _enumeration(text) if x not in bullets and not _repeats(x, title)]
        if items:
            bullets = (bullets + items)[:keep] if len(bullets) + len(items) <= MAX_BULLETS else items[:keep]
    return bullets or _last_resort(text, title, avoid_list)  # a slide with a sentence of its own never stays empty


def key_clause(sentence: str) -> str | None:
    """The sentence itself when short, else its first clause that makes a self-contained phrase (trying
    each clause in turn, an over-long one folded); None when none does."""
    if cjk_ratio(sentence) < 0.2:
        for lenient in (False, True):
            for clause in en.clauses(sentence):
                phrase = en.phrase(clause, lenient)
                if phrase:
                    return phrase
        return None
    whole = ph.zh_tidy(sentence)
    if 4 <= width(whole) <= 20 and ph.balanced(whole) and not re.search(r"[。！？]", whole):
        return whole
    for _, phrase in ph.zh_clause_phrases(sentence):
        return phrase
    parts = [ph.zh_tidy(p) for p in clauses(sentence)]
    return next((p for p in parts if ph.zh_self_contained(p, LIMIT)), None)


def _last_resort(text: str, title: str, avoid: list[str]) -> list[str]:
    """One bullet for a slide whose sentences gave none: the first clause beyond the title as a lenient
    phrase, else tidied and cut to a bullet's width at a word or clause boundary; [] when every clause
    repeats the title or a bullet in `avoid`."""
    def fresh(bullet: str) -> bool:
        return not _repeats(bullet, title) and bullet not in avoid

    parts = [part for _, sentence in sentences(text) for part in clauses(sentence)]
    english = [en.phrase(part, lenient=True) for part in parts if cjk_ratio(part) < 0.2]
    for strict in (2, 1, 0):  # a phrase with a verb not about the speech, then one about it, then any of 4+ words
        for phrase in english:
            if phrase and fresh(phrase) and (strict < 2 or not en.is_meta(phrase)) and \
                    (en.has_verb(phrase) if strict else len(phrase.split()) >= 4):
                return [phrase]
    for part in sorted(parts, key=lambda p: bool(cjk_ratio(p) < 0.2 and en.INTRO.match(p.strip()))):
        cjk = cjk_ratio(part) >= 0.2
        tidy = ph.zh_tidy(part) if cjk else en.LEADING.sub("", strip_end(part.strip().strip("\"“”'‘’")))
        if not tidy or not fresh(tidy) or len(tidy if cjk else tidy.split()) < 2:
            continue
        if cjk:
            out = tidy if width(tidy) <= LIMIT else strip_end(fold_cut(tidy))
            if fresh(out):
                return [out]
            continue
        words = tidy.split()[:en.EN_MAX_WORDS]
        while len(words) > 2 and words[-1].lower().strip(",;:") in en.BAD_END:
            words.pop()
        out = strip_end(" ".join(words))
        if fresh(out[0].upper() + out[1:]):
            return [out[0].upper() + out[1:]]
    found = sentences(text)
    words = strip_end(found[0][1]).split()[-en.EN_MAX_WORDS:] if found and cjk_ratio(text) < 0.2 else []
    while words and (words[0].lower() in en.BAD_END):
        words.pop(0)  # a title cut from a long sentence: the sentence's end, from its last verb or noun on
    tail = " ".join(words)
    return [tail[0].upper() + tail[1:]] if len(words) >= en.EN_MIN_WORDS and fresh(tail) else []


def fold_cut(text: str) -> str:
    """A Chinese clause too wide for a bullet: folded (`A、B、C等` → `A等`), else cut after its widest
    head of at most LIMIT that ends before `、`, `和` or `的`, else at LIMIT."""
    folded = ph.fold(text)
    if width(folded) <= LIMIT:
        return folded
    heads = [m.start() for m in re.finditer(r"[、和与及]", text) if width(text[:m.start()]) <= LIMIT]
    cut = max(heads, default=0)
    if cut and width(text[:cut]) >= ph.ZH_MIN:
        return text[:cut]
    out = ""
    for ch in text:
        if width(out + ch) > LIMIT:
            break
        out += ch
    return out
