"""Term salience across a lecture: TF-IDF of character bigrams (Chinese) or content words (English) per slide."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import field

from deckgen.outline.typed import record

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*%?")
# Characters too common in Chinese official prose to make a bigram salient on their own.
_CJK_STOP = set("的了和与及是在对把将从为以我们这那其之等并而也都就还要中上下")
_EN_STOP = set("""a an the and or but nor so yet for of to in on at by with from as into onto upon about over under
after before between through during without within than then that this these those there here which who whom whose
what when where why how it its it's they them their theirs we us our ours you your yours he him his she her hers i
me my mine is are was were be been being am do does did done have has had having can could will would shall should
may might must not no yes all any each every some such more most much many few own same other others very just
also only even still again ever never now too upon one ones let let's if because while though although unless until
since whether said say says""".split())


def terms(text: str) -> list[str]:
    """The salience terms of `text`: character bigrams of its Chinese runs (pairs of common function
    characters left out) and lower-cased English content words (a plural `s` folded)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1) if not (run[i] in _CJK_STOP and run[i + 1] in _CJK_STOP)]
    for word in _WORD.findall(text):
        w = word.lower().replace("’", "'").strip("'-")
        if w in _EN_STOP or len(w) < 3 and not w[:1].isdigit():
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


@record
class Salience:
    """Document frequencies of terms over a lecture's slides; `weights` gives a slide's TF-IDF."""

    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0

    @classmethod
    def of(cls, texts: list[str]) -> "Salience":
        """Salience learned from `texts`, one per slide (empty ones ignored)."""
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            found = set(terms(text))
            if found:
                df.update(found)
                n += 1
        return cls(df, n)

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def weights(self, text: str) -> dict[str, float]:
        """TF-IDF of each term of `text` (one slide's own text), the largest scaled to 1."""
        tf = Counter(terms(text))
        raw = {t: (1 + math.log(c)) * self.idf(t) for t, c in tf.items()}
        top = max(raw.values(), default=0.0)
        return {t: w / top for t, w in raw.items()} if top else {}


def score(phrase: str, weights: dict[str, float]) -> float:
    """How salient `phrase` is on its slide: the mean weight of its terms, damped for very short phrases."""
    found = terms(phrase)
    if not found:
        return 0.0
    mean = sum(weights.get(t, 0.0) for t in found) / len(found)
    return mean * min(1.0, len(found) / 4)
