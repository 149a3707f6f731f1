"""English sentences as slide phrases: the main clause of each part, openers and asides dropped, cut without dangling."""
from __future__ import annotations

import re

from deckgen.extract.text import strip_end

EN_MIN_WORDS, EN_MAX_WORDS = 3, 10
_QUOTES = "\"“”'‘’"

_SALUTATION = re.compile(
    r"^(?:good (?:morning|afternoon|evening|night)|thank you|thanks|ladies and gentlemen|my fellow|fellow citizens|"
    r"mr\.? (?:speaker|president|chairman)|madam (?:speaker|president)|dear |hello|welcome|distinguished guests)",
    re.IGNORECASE)
LEADING = re.compile(
    r"^(?:first of all|and|but|so|yet|or|now|then|indeed|moreover|however|therefore|thus|also|still|furthermore|"
    r"in addition|of course|in fact|finally|first|second|third|happily|unhappily|understandably|today|tonight|"
    r"for example|for instance|after all|in short|in closing|let me say this|as you know|i know|added to this|"
    r"only thus|together|again|once again|as a result|in turn|gradually|point (?:one|two|three|four|five|six))\b[,:]?\s*",
    re.IGNORECASE)
INTRO = re.compile(r"^(?:if|when|whenever|as|although|though|because|since|while|after|before|until|unless|"
                    r"in|on|at|for|with|by|despite|during|through|throughout|to|from|like|unlike|once|whether|over|"
                    r"across|among|beyond|under|within|without|not|rather|almost|even|than|"
                    r"looking|beginning|including)\b", re.IGNORECASE)
# A prepositional opener without its comma, before a pronoun or a name as subject: `During the past 3 years I've…`.
_INTRO_BEFORE_SUBJECT = re.compile(
    r"^(?:[Ii]n|[Oo]n|[Aa]t|[Ff]or|[Ff]rom|[Dd]uring|[Dd]espite|[Aa]fter|[Bb]efore|[Ss]ince|[Oo]ver|[Tt]hroughout|"
    r"[Aa]s|[Ww]ith|[Uu]ntil|[Ii]nstead of)\s+(?:[\w'’.-]+\s+){1,6}?"
    r"(?=(?:I|we|you|they|he|she)(?:['’]\w+)?\s+[a-z]|[A-Z][a-z]+\s+(?:is|are|was|were|has|have|had|will|would|can|could|"
    r"must|should|may|might|does|did|knows|needs|seems|stands|remains)\b)")
_SUBORDINATE = re.compile(r"^(?:if|when|whenever|as|although|though|because|since|while|unless|once)\s", re.IGNORECASE)
# Where the main clause starts after a subordinate clause left without its comma: a subject pronoun after a content word.
_SECOND_SUBJECT = re.compile(r"(?<=[a-z0-9])(?<!\bthat)(?<!\band)(?<!\bor)(?<!\bbut)(?<!\bif)(?<!wish)(?<!hope)(?<!think)(?<!know)(?<!knows)(?<!say)(?<!believe)(?<!feel)(?<!sure)\s(?=(?:I|we|you|they)(?:['’]\w+)?\s)")
_PRONOUN = re.compile(r"^(?:(?:it|its|they|them|their|he|she|his|her|which|who|what|such|here|one|that)\b|"
                      r"(?:this|these|those|that)\s+(?:is|are|was|were|will|would|can|could|must|has|have|had|"
                      r"may|might|should|seems?|means?)\b)", re.IGNORECASE)
# `It is a crisis of confidence` → `A crisis of confidence`.
_IT_IS = re.compile(r"^(?:it|this|that)(?:\s+is|['’]s|\s+was|\s+remains)\s+(?=(?:a|an|the|our|not a)\s)", re.IGNORECASE)
_REPORTING = re.compile(
    r"^(?:(?:I|we|you)(?:['’](?:ve|d|ll|re|m))?\s+(?:[\w'’]+\s+){0,3}?(?:know|knew|realized?|believed?|think|thought|"
    r"recognized?|see|saw|say|said|feel|felt|understand|understood|admit|confess|remembered?|learned|discovered|"
    r"reminded|agreed?|insist|trust|am sure|are sure|was sure|were sure|announce|announcing|promise|tell you|pledge)|"
    r"it(?:\s+is|['’]s)\s+(?:clear|true|obvious|evident|plain))\s+(?:[\w'’]+\s+){0,3}?that\s+", re.IGNORECASE)
_CLEFT = re.compile(r"^what (?:I|we|you)\b[^,]{0,30}? is (?:that )?", re.IGNORECASE)  # `What I do promise you is that …`
# Prepositional phrases between a subject and its verb, left out of a long clause: `growth in our dependence on oil will…`.
_SUBJECT_PP = re.compile(r"^((?:\S+\s+){1,4}?)(?:in|of|on|to|for|toward|towards|from|with)\s+(?:\S+\s+){1,6}?"
                         r"(?=(?:will|would|can|could|must|should|may|might|is|are|was|were|has|have|had)\s)")
_TALK_ABOUT = re.compile(r"^(?:I|we)\s+(?:want|would like|wish|intend|am going|will|have)\s+to\s+(?:speak|talk)\s+"
                         r"(?:to|with)\s+you\s+(?:[\w'’]+\s+){0,3}?about\s+", re.IGNORECASE)
_ASIDE_START = {"in", "on", "at", "by", "for", "with", "from", "as", "after", "before", "during", "through", "under",
                "over", "despite", "without", "within", "among", "being", "of", "perhaps", "however", "therefore",
                "too", "i", "we", "even", "especially", "mostly", "above", "ultimately", "finally"}
_FILLER = {"already", "actually", "really", "simply", "indeed", "certainly", "clearly", "persistently",
           "understandably", "annually", "directly"}
_FILLER_WHEN_LONG = {"only", "just", "very", "also", "still", "today", "tonight", "yet", "all", "ever", "much"}
# A noun that needs its `of …`: a head cut before `of` after it dangles (`part`, `the days`).
_NEEDS_OF = {"part", "form", "one", "kind", "type", "sort", "number", "lot", "most", "some", "many", "all", "each", "none",
             "half", "rest", "end", "top", "heart", "center", "source", "cause", "way", "level", "series", "majority",
             "share", "use", "days", "years", "idea", "sense", "matter", "lack", "loss", "means", "set", "group"}
# Words a phrase may lose at its end (articles, prepositions, conjunctions, determiners); a verb left there is not.
_DROP_END = {"the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "with", "by", "that", "which", "from", "as",
             "at", "our", "their", "its", "his", "her", "my", "your", "than", "so", "but", "into", "about", "some", "any",
             "every", "each", "such", "whose", "very", "more", "most", "not"}
# A verb that needs what follows it: a head cut after it dangles (`temptation to feel`, `would inflict`).
_NEEDS_OBJECT = {"feel", "think", "believe", "know", "say", "realize", "hope", "ensure", "mean", "show", "find", "see",
                 "fail", "comprehend", "inflict", "make", "give", "put", "take", "get", "keep", "let", "become", "like"}
_CUT_BEFORE = {"which", "who", "whom", "whose", "that", "because", "while", "when", "where", "whereas", "and", "but",
               "or", "as", "if", "than", "since", "unless", "until", "although", "though", "without", "including",
               "to", "in", "on", "at", "by", "for", "with", "from", "into", "over", "under", "about", "through",
               "across", "against", "toward", "towards", "upon", "within", "between", "among", "during", "not", "like"}
BAD_END = {"the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "with", "by", "that", "which", "is", "are",
            "was", "were", "be", "been", "being", "from", "as", "at", "our", "their", "its", "his", "her", "my", "your",
            "not", "than", "very", "more", "most", "so", "but", "into", "have", "has", "had", "will", "would", "can",
            "could", "do", "does", "did", "must", "should", "may", "might", "shall", "about", "some", "any", "no",
            "every", "each", "this", "these", "those", "such", "what", "whose", "who", "whom", "we", "i", "you",
            "they", "also", "even", "just", "only", "both", "either", "neither", "all", "there", "one"}
_AUX = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "must",
        "should", "may", "might", "do", "does", "did", "shall", "am", "cannot", "won't", "can't", "don't", "didn't"}
_NOT_BEFORE_VERB = {"the", "a", "an", "of", "those", "these", "our", "their", "his", "her", "its", "my", "your", "all",
                    "many", "some", "in", "on", "at", "by", "for", "with", "to", "from", "and", "or",
                    "every", "each", "no", "few", "most", "more", "two", "three", "four", "five", "great", "new"}
_SUBJECT = {"we", "i", "you", "people", "americans", "governments", "nations", "government", "congress"}
_META = re.compile(r"^(?:let me|let us|i['’]ll|i will|i want|i['’]d like|i would like|i have to|i mention|i began|"
                   r"i wish|i pray|i come|i know|i think|i['’]m|i am)\b", re.IGNORECASE)


def is_salutation(sentence: str) -> bool:
    return bool(_SALUTATION.match(sentence.strip()))


def is_meta(phrase: str) -> bool:
    """A phrase about the speech itself (`I want to…`, `Let me…`) rather than its subject."""
    return bool(_META.match(phrase))


def tokens(text: str) -> list[str]:
    return [w.lower().strip(",;:'\"“”‘’()") for w in text.split()]


def has_verb(phrase: str) -> bool:
    """Whether an English phrase seems to hold a finite verb (an auxiliary, a past form, a third-person
    `-s` after a noun, or any word after `we`/`I`/`you`), so that it says something rather than names it."""
    words = [w.replace("’", "'") for w in tokens(phrase)]
    if not words or words[0] in _AUX:
        return False  # `Shall we remain`, `Is the very structure…`: an inverted fragment
    if (words[0] in _SUBJECT or re.fullmatch(r"(?:i|we|you|they)'(?:m|re|ve|ll|d)", words[0])) and len(words) > 1:
        return True
    for k in range(1, len(words)):
        prev, word = words[k - 1], words[k]
        after = words[k + 1] if k + 1 < len(words) else ""
        if word in _AUX or word.endswith(("n't", "'ve", "'re", "’ve", "’re")):
            return True
        inflected = word.endswith("ed") or word.endswith("s") and not word.endswith(("ss", "is", "us"))
        if (len(word) > 3 and inflected and prev not in _NOT_BEFORE_VERB and not prev[:1].isdigit() and after
                and after not in ("of", "ago")):
            return True
    return False


def _is_aside(text: str) -> bool:
    words = text.split()
    return len(words) <= 5 and (words[0].lower() in _ASIDE_START or words[0].endswith(("ing", "ly")) and len(words) <= 4
                                or text.lower() in ("of course", "after all", "in fact"))


def _drop_asides(text: str) -> str:
    """`The Congress have, on most vital issues, cooperated` → `The Congress have cooperated`: short asides
    between commas (up to five words opening with a preposition or adverb) left out, and fillers."""
    text = re.sub(r"(?<=[a-z]),(?=[A-Za-z])", ", ", text)
    text = re.sub(r"\b([A-Z][a-z]+ \d{1,2}), (\d{4})\b", r"\1 \2", text)  # `July 15, 1976`: one date
    for _ in range(4):
        aside = next((m for m in re.finditer(r"(?<=\w),\s+([^,;:]{2,40}?)(?=,\s)", text) if _is_aside(m.group(1))), None)
        if aside is None:
            break
        before = re.split(r"[,;:—–]", text[:aside.start()])[-1]
        keep = "" if has_verb(before) else ","  # `Exactly 3 years ago, on July 15 1976, I…`: the opener stays one
        text = text[:aside.start()] + keep + text[aside.end() + 1:]
    text = re.sub(r",\s+(?=that\s)", " ", text)
    text = re.sub(r"\beven(?!\s+(?:if|though|when|as|so|more|less|further))\s+", "", text)
    return " ".join(w for w in text.split() if w.lower().strip(",") not in _FILLER or w.endswith(","))


def _main_clause(part: str) -> str | None:
    """The first piece of `part` (split at commas) that is not an opener, its reporting frame dropped."""
    pieces = [p.strip() for p in re.split(r",\s", part) if p.strip() and not re.fullmatch(r"[\d\s.,$%]+", p.strip())]
    later_verb = [any(has_verb(p) for p in pieces[k + 1:4]) for k in range(len(pieces))]
    for k, piece in enumerate(pieces[:4]):
        tidy = piece
        for _ in range(3):
            stripped = LEADING.sub("", tidy, count=1).strip()
            if stripped == tidy:
                break
            tidy = stripped
        tidy = _INTRO_BEFORE_SUBJECT.sub("", tidy, count=1)
        if k == len(pieces) - 1 and _SUBORDINATE.match(tidy):  # `When we import oil we are…`: no comma to split at
            main = next((m for m in _SECOND_SUBJECT.finditer(tidy) if m.start() > len(tidy.split()[0]) + 8), None)
            tidy = tidy[main.end():] if main else tidy
        if not tidy or INTRO.match(tidy):
            continue
        rest = pieces[k + 1:]
        if rest and rest[0].lower().startswith("not ") and (but := next((p for p in rest if p.lower().startswith("but ")), None)):
            tidy = tidy + " " + re.sub(r"^but\s+(?:rather\s+|also\s+)?", "", but, flags=re.IGNORECASE)  # `depend, not…, but on…`
        if not has_verb(tidy):  # `the solitary inventor, tinkering in his shop, has been…`: subject, aside, verb
            verb = next((p for p in pieces[k + 1:4] if tokens(p)[:1] and tokens(p)[0] in _AUX), None)
            tidy = f"{tidy} {verb}" if verb else tidy
        if later_verb[k] and not has_verb(tidy) and len(tidy.split()) <= 6:
            continue  # `Understandably proud of this pre-eminence, we …`: an opening phrase
        frame = _REPORTING.match(tidy)
        irrealis = frame and re.search(r"\b(?:wish|could|would|might|not|never|doubt|if)\b|n['’]t\b", frame.group(0), re.I)
        reported = tidy if irrealis else _REPORTING.sub("", tidy, count=1)  # `I wish I could say that…`: not a fact
        reported = _INTRO_BEFORE_SUBJECT.sub("", reported, count=1)
        if reported != tidy and len(reported.split()) >= EN_MIN_WORDS and not INTRO.match(reported):
            tidy = reported
        cleft = _CLEFT.sub("", tidy, count=1)
        tidy = cleft if len(cleft.split()) >= EN_MIN_WORDS else tidy
        about = _TALK_ABOUT.sub("", tidy, count=1)
        return about if about != tidy and len(about.split()) >= 2 else tidy
    return None


def clauses(sentence: str) -> list[str]:
    """The main clauses of an English sentence: for each part between `;`, `:` or dashes, its first clause
    that is not an opener (`Because those costs are not priced,` is passed over), asides and a reporting
    frame (`We realize that …`) dropped."""
    out = []
    for part in re.split(r"[;:]\s|\s?[—–]\s?|\s-\s|--", _drop_asides(sentence)):
        clause = _main_clause(re.sub(r"^that\s+", "", part.strip().strip(_QUOTES)) if out else part.strip().strip(_QUOTES))
        if clause:
            out.append(clause)
    return out


def _cut(words: list[str], noun: bool = False) -> list[str]:
    """The longest head of `words`, at most EN_MAX_WORDS long and cut before a preposition or conjunction,
    that still holds a verb (unless `noun`) and ends on a content word (not a verb left without its
    complement, nor a noun without its `of`); [] when none."""
    for i in range(min(len(words) - 1, EN_MAX_WORDS), EN_MIN_WORDS - 1, -1):
        nxt = words[i].lower().strip(",;:")
        if nxt not in _CUT_BEFORE and not (nxt == "of" and i >= 5):
            continue
        head = words[:i]
        last = head[-1].lower().strip(",;:")
        if last in BAD_END or head[-1].endswith(",") and nxt in ("and", "or") or not (noun or has_verb(" ".join(head))):
            continue
        if nxt == "of" and last in _NEEDS_OF:
            continue
        if last in _NEEDS_OBJECT:
            continue
        if len(head) >= 2 and head[-2].lower() in _AUX and nxt in ("as", "for", "to", "with", "from", "of"):
            continue  # `has served` before `as a link`: the verb needs what follows
        return head
    return []


def phrase(clause: str, lenient: bool = False) -> str | None:
    """An English clause as a slide phrase of EN_MIN_WORDS–EN_MAX_WORDS words: leading conjunctions dropped,
    `It is a …` made `A …`, a leading demonstrative made `The`, cut before a preposition or conjunction when
    too long; None for openers, pronoun-led clauses (unless `lenient`), questions and dangling fragments."""
    text = clause.strip().strip(_QUOTES).strip()
    if text.endswith("?") or not text:
        return None
    text = strip_end(text)
    for _ in range(3):
        stripped = LEADING.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    noun = bool(_IT_IS.match(text))
    text = _IT_IS.sub("", text, count=1)
    if not text or INTRO.match(text) or _PRONOUN.match(text) and not lenient:
        return None
    text = re.sub(r"^(?:This|These|That|Those)\s(?!(?:from|is|was|are|were|one|kind|of|has|have|will|can|must|may|"
                  r"who|which|that|in|on|to|for)\b)(?=[A-Za-z])", "The ", text[0].upper() + text[1:])
    if re.match(r"(?:This|These|That|Those)\s", text):
        return None
    words = text.split()
    if len(words) > EN_MAX_WORDS:
        words = [w for w in words if w.lower() not in _FILLER_WHEN_LONG] or words
    if len(words) > EN_MAX_WORDS:
        cut = _cut(words, noun)
        shorter = _SUBJECT_PP.sub(r"\1", " ".join(words), count=1).split()
        words = cut if cut or len(shorter) == len(words) else shorter if len(shorter) <= EN_MAX_WORDS else _cut(shorter)
    if words and words[-1].lower().strip(",;:") in ("for", "to", "with", "on", "about", "of", "from", "by"):
        return None  # `there is called for`: a verb left without its object
    while words and words[-1].lower().strip(",;:") in _DROP_END:
        words.pop()
    if len(words) < EN_MIN_WORDS or words[-1].lower().strip(",;:") in BAD_END - {"do", "does", "did", "one", "this", "these", "those"}:
        return None
    text = strip_end(" ".join(words)).strip(_QUOTES)
    if not balanced(text):
        return None
    return text[0].upper() + text[1:]


def balanced(text: str) -> bool:
    pairs = (("“", "”"), ("(", ")"), ("[", "]"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def sentence_phrases(sentence: str, lenient: bool = False) -> list[str]:
    """The slide phrases of one English sentence, one per main clause (none for a salutation or a question)."""
    sentence = sentence.strip().strip(_QUOTES)
    if sentence.endswith("?") or is_salutation(sentence) or len(sentence.split()) < EN_MIN_WORDS:
        return []
    out = []
    for clause in clauses(sentence)[:4]:
        found = phrase(clause, lenient)
        if found and found not in out and (lenient or has_verb(found) or _noun_phrase(found)):
            out.append(found)
    return out


def _noun_phrase(text: str) -> bool:
    """`A crisis of confidence`: a determiner-led noun phrase of four words or more, fit for a bullet."""
    words = tokens(text)
    return len(words) >= 4 and words[0] in ("a", "an", "the", "our") and words[-1] not in BAD_END
