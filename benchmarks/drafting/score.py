"""Score deckgen's drafted bullets against hand-written references: ROUGE-L, ROUGE-1, fragments, empty slides.

    python benchmarks/drafting/score.py [--corpus /work/corpus/lectures] [--show N] [--naive]

Each lecture of sources.yaml is read from the corpus folder (see prepare.py) and drafted by
`deckgen.extract.pipeline.extract`, exactly as `deckgen outline` does. For every slide with reference
bullets (references.yaml) the drafted bullets are compared with the references: summary-level ROUGE-L
(union LCS, Lin 2004) and ROUGE-1, as F1, over characters for Chinese and lower-cased words for English,
punctuation left out; a slide without drafts scores 0. Fragments (a bullet starting with a connective or a
dangling pronoun, ending on a particle, preposition or article, with unbalanced quotes, a question, or under
four characters / two words) are counted over all drafted bullets of all lectures, and so are empty content
slides (a slide whose own text, heading left out, has two sentences or more, but no bullets) and bullets that
repeat their slide's title; also every slide but a divider whose own text has a sentence, and how many of those have no bullets. `--naive` scores the naive method too (first clause of each of the first four
sentences).
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from deckgen.extract.pipeline import extract
from deckgen.extract.text import strip_end
from deckgen.text.sentences import clauses, sentences

HERE = Path(__file__).parent
DEFAULT_CORPUS = Path("/work/corpus/lectures")

_ZH_TOKEN = re.compile(r"[A-Za-z0-9.%]+|[\u3400-\u9fff]")
_EN_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
_ZH_BAD_START = ("和", "与", "及", "并", "而", "但", "也", "还", "就", "才", "又", "或", "的", "其", "该",
                 "此", "之", "即", "则", "且", "因此", "所以", "同时", "而且", "并且", "但是", "从而", "进而", "以及", "否则")
_ZH_BAD_END = tuple("的和与及或并而在把对将从被于是以让使要就才也还都")  # not 向 到 为: 导向 做到 作为
_EN_BAD_START = {"and", "or", "but", "so", "because", "which", "that", "who", "whom", "whose", "it", "its", "they",
                 "them", "their", "this", "these", "those", "he", "she", "his", "her", "also", "then", "thus",
                 "however", "therefore", "yet", "nor"}
_EN_BAD_END = {"the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "with", "by", "that", "which", "is", "are",
               "was", "were", "be", "from", "as", "at", "our", "their", "its", "his", "her", "my", "your", "not"}


def tokens(text: str, cjk: bool) -> list[str]:
    return _ZH_TOKEN.findall(text) if cjk else _EN_TOKEN.findall(text.lower().replace("’", "'"))


def _lcs_hits(ref: list[str], cand: list[str]) -> set[int]:
    """Positions of `ref` on one longest common subsequence with `cand`."""
    n, m = len(ref), len(cand)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if ref[i] == cand[j] else max(table[i + 1][j], table[i][j + 1])
    hits, i, j = set(), 0, 0
    while i < n and j < m:
        if ref[i] == cand[j]:
            hits.add(i)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return hits


def _f1(hit: float, ref_total: int, cand_total: int) -> float:
    if not hit or not ref_total or not cand_total:
        return 0.0
    p, r = hit / cand_total, hit / ref_total
    return 2 * p * r / (p + r)


def rouge_l(refs: list[str], cands: list[str], cjk: bool) -> float:
    """Summary-level ROUGE-L F1: each reference bullet's union LCS with all drafted bullets, every token
    counted at most as often as it occurs in the references and in the drafts (as ROUGE-1.5.5 and rougeLsum)."""
    r_tok = [tokens(r, cjk) for r in refs]
    c_tok = [tokens(c, cjk) for c in cands]
    r_left = Counter(t for r in r_tok for t in r)
    c_left = Counter(t for c in c_tok for t in c)
    hit = 0
    for r in r_tok:
        for i in sorted(set().union(*(_lcs_hits(r, c) for c in c_tok))):
            if r_left[r[i]] > 0 and c_left[r[i]] > 0:
                hit += 1
                r_left[r[i]] -= 1
                c_left[r[i]] -= 1
    return _f1(hit, sum(map(len, r_tok)), sum(map(len, c_tok)))


def rouge_1(refs: list[str], cands: list[str], cjk: bool) -> float:
    r = Counter(t for x in refs for t in tokens(x, cjk))
    c = Counter(t for x in cands for t in tokens(x, cjk))
    return _f1(sum((r & c).values()), sum(r.values()), sum(c.values()))


def fragment(bullet: str, cjk: bool) -> str | None:
    """Why `bullet` is not a self-contained phrase, or None when it is one."""
    text = bullet.strip()
    if any(text.count(a) != text.count(b) for a, b in _PAIRS) or text.count('"') % 2:
        return "unbalanced quotes"
    if text.endswith(("?", "？")):
        return "question"
    if cjk:
        if len(tokens(text, True)) < 4:
            return "too short"
        if text.startswith(_ZH_BAD_START) or text[:1] in "，。、；：！？":
            return "leading connective"
        if text.endswith(_ZH_BAD_END):
            return "dangling end"
        if re.search(r"[。！？]", text[:-1]):
            return "several sentences"
        return None
    words = tokens(text, False)
    if len(words) < 2:
        return "too short"
    if words[0] in _EN_BAD_START:
        return "leading connective or pronoun"
    if words[-1] in _EN_BAD_END:
        return "dangling end"
    return None


def repeats_title(bullet: str, title: str, cjk: bool) -> bool:
    b, t = tokens(bullet, cjk), tokens(title, cjk)
    if not b or not t:
        return False
    common = sum((Counter(b) & Counter(t)).values())
    return common / len(b) >= 0.8 and common / len(t) >= 0.8


@dataclass
class Slide:
    key: str
    title: str
    own: str
    bullets: list[str]
    divider: bool = False  # a section with subsections: its slide shows only label and title


def _own_text(notes: str, heading: str) -> str:
    """The notes without a leading sentence that is the slide's heading."""
    found = sentences(notes)
    if found and strip_end(found[0][1]).rstrip("…") and strip_end(found[0][1]) == strip_end(heading):
        return notes[found[0][0] + len(found[0][1]):]
    if notes.startswith(heading):
        rest = notes[len(heading):]
        if not rest or rest[0] in "。\n！!.":
            return rest.lstrip("。！!. \n")
    return notes


def slides(path: Path) -> tuple[list[Slide], bool, float]:
    """The drafted content slides of a lecture, whether it is Chinese, and the seconds `extract` took."""
    start = time.perf_counter()
    result = extract(path)
    seconds = time.perf_counter() - start
    outline = result.outline
    cjk = outline.deck.language.startswith(("zh", "ja", "ko"))
    nodes = list(outline.opening)
    dividers = set()
    for sec in outline.sections:
        nodes.append(sec)
        if sec.subsections:
            dividers.add(id(sec))
        for sub in sec.subsections:
            nodes.append(sub)
            nodes += list(sub.points)
    nodes += list(outline.closing)
    out = []
    for n in nodes:
        key = f"{n.label or ''}{n.title}"
        out.append(Slide(key, n.title, _own_text(n.notes.strip(), key).strip(), list(n.bullets), id(n) in dividers))
    return out, cjk, seconds


def naive(own: str) -> list[str]:
    """The naive method: the first clause of each of the first four sentences."""
    out = []
    for _, s in sentences(own)[:4]:
        parts = clauses(s)
        if parts:
            out.append(strip_end(parts[0]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Score drafted bullets against the hand-written references.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=0, help="print N slides: drafts beside references")
    parser.add_argument("--naive", action="store_true", help="also score the naive method")
    args = parser.parse_args()
    sources = yaml.safe_load((HERE / "sources.yaml").read_text(encoding="utf-8"))
    references = yaml.safe_load((HERE / "references.yaml").read_text(encoding="utf-8"))
    rl, r1, nl, n1 = [], [], [], []
    drafted = frags = repeats = content = empty = content1 = empty1 = 0
    reasons: Counter[str] = Counter()
    shown = 0
    for name in sources:
        path = args.corpus / f"{name}.txt"
        if not path.exists():
            print(f"missing {path}: run prepare.py first", file=sys.stderr)
            return 1
        found, cjk, seconds = slides(path)
        by_key = {s.key: s for s in found}
        for s in found:
            drafted += len(s.bullets)
            for b in s.bullets:
                why = fragment(b, cjk)
                if why:
                    frags += 1
                    reasons[why] += 1
                repeats += repeats_title(b, s.title, cjk)
            if len(sentences(s.own)) >= 2:
                content += 1
                empty += not s.bullets
            if sentences(s.own) and not s.divider:
                content1 += 1
                empty1 += not s.bullets
        lecture_rl = []
        for key, refs in references.get(name, {}).items():
            slide = by_key.get(key)
            if slide is None:
                print(f"{name}: no slide {key!r}", file=sys.stderr)
                return 1
            score = rouge_l(refs, slide.bullets, cjk)
            rl.append(score)
            lecture_rl.append(score)
            r1.append(rouge_1(refs, slide.bullets, cjk))
            if args.naive:
                guess = naive(slide.own)
                nl.append(rouge_l(refs, guess, cjk))
                n1.append(rouge_1(refs, guess, cjk))
            if shown < args.show:
                shown += 1
                print(f"--- {name}: {key}  (ROUGE-L {score:.2f})")
                for a, b in zip(slide.bullets + [""] * 6, refs + [""] * 6):
                    if a or b:
                        print(f"    {a:<40}| {b}")
        print(f"{name:<11} {len(found):>3} slides, {len(lecture_rl):>2} scored, ROUGE-L {statistics.mean(lecture_rl):.3f}, "
              f"extract {seconds:.2f} s")
    print(f"\nslides scored: {len(rl)}")
    print(f"ROUGE-L F1: {statistics.mean(rl):.3f}   ROUGE-1 F1: {statistics.mean(r1):.3f}")
    if args.naive:
        print(f"naive method: ROUGE-L {statistics.mean(nl):.3f}   ROUGE-1 {statistics.mean(n1):.3f}")
    print(f"drafted bullets: {drafted}; fragments: {frags} ({frags / max(drafted, 1):.1%}) {dict(reasons)}")
    print(f"bullets repeating the slide title: {repeats}")
    print(f"content slides (own text of 2+ sentences): {content}; without bullets: {empty}")
    print(f"slides not dividers with 1+ sentence of their own: {content1}; without bullets: {empty1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
