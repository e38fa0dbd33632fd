"""A test-wise candidate: strategies that answer from the form of an item, never its meaning.

Each strategy looks at one item at a time (its prompt and option texts in one language, never
which option is keyed) and makes one *decision*: which option to pick, which right-hand side
fits a left-hand side, how many boxes to tick. Played over the whole bank it scores some hits;
a knowledge-free guesser scores the sum of the per-decision chances. The bank is free of a cue
when every strategy lands inside the 95 % range of that guesser (the exact Poisson-binomial
distribution of the chances): above it the form gives keys away, below it the form gives
distractors away (eliminating an option is a cue too). docs/AUTHORING.md names each strategy
and the item-writing guideline it checks (Haladyna, Downing & Rodriguez 2002; the NBME guide).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..questions.gapselect import GAP, keys
from ..questions.registry import kind
from ..questions.true_false import TRUE_WORDS
from .models import LANGS, Content, Question

#: Words that carry no meaning of their own for the similarity strategies.
STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "de het een en van in op te is dat die voor met je zijn als aan bij om of er niet ook naar door"  # noqa: SIM905
        " wat wordt worden dan maar hoe welke uit tot heeft hebben over nog meer kan kunnen".split()
    ),
    "en": frozenset(
        "the a an and of in on to is that which for with you your are as at by or it not also from"  # noqa: SIM905
        " what be been than but how this its has have more can there".split()
    ),
}
#: Hedged wording (a cautious key is the classic cue) and absolute wording (a classic distractor).
HEDGES: dict[str, tuple[str, ...]] = {
    "nl": ("kan", "kunnen", "vaak", "soms", "meestal", "mogelijk", "misschien", "eerst", "arts", "vooral"),
    "en": ("can", "may", "might", "often", "sometimes", "usually", "possibly", "first", "doctor", "mainly"),
}
ABSOLUTES: dict[str, tuple[str, ...]] = {
    "nl": ("altijd", "nooit", "alleen", "iedereen", "niemand", "volledig", "meteen", "uitsluitend", "zeker",
           "alle", "geen", "pas", "elke", "moet"),
    "en": ("always", "never", "only", "everyone", "nobody", "completely", "immediately", "exclusively",
           "certainly", "all", "none", "no", "every", "must"),
}  # fmt: skip
#: Clause markers: a statement with a reason or an example clause is the classic false one.
CLAUSES: dict[str, tuple[str, ...]] = {
    "nl": ("omdat", "zoals", "doordat", "waardoor", "want", "zodat", "tenzij"),
    "en": ("because", "such as", "since", "so that", "unless", "like"),
}
_WORD = re.compile(r"\w+")


def tokens(text: str, lang: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS[lang]]


def has_any(text: str, words: Iterable[str]) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Dice similarity of two word lists (0 = nothing shared, 1 = the same words)."""
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa or sb else 0.0


@dataclass(frozen=True)
class Decision:
    """One decision of a strategy: ``hit`` is the expected hit (ties split evenly among the
    options a strategy cannot tell apart), ``chance`` what a blind guess of the same kind gets."""

    hit: float
    chance: float


def pick(scores: Sequence[float], keyed: Sequence[bool], highest: bool = True) -> Decision:
    """Pick the option with the highest (or lowest) score; ties are a coin flip among them."""
    best = max(scores) if highest else min(scores)
    tied = [i for i, s in enumerate(scores) if s == best]
    return Decision(sum(keyed[i] for i in tied) / len(tied), sum(keyed) / len(keyed))


def pick_among(allowed: Sequence[bool], keyed: Sequence[bool]) -> Decision | None:
    """Guess among the allowed options (elimination); no decision when nothing or all is allowed."""
    chosen = [i for i, a in enumerate(allowed) if a]
    if not chosen or len(chosen) == len(allowed):
        return None
    return Decision(sum(keyed[i] for i in chosen) / len(chosen), sum(keyed) / len(keyed))


def by_rank(values: Sequence[float], rank: int, from_top: bool) -> list[float]:
    """Scores that make ``pick`` choose the option at ``rank`` (1 = longest or shortest)."""
    ordered = sorted(set(values), reverse=from_top)
    if rank > len(ordered):
        return [0.0] * len(values)  # fewer distinct lengths than the rank: all tied
    target = ordered[rank - 1]
    return [1.0 if v == target else 0.0 for v in values]


# -- the strategies: each maps (question, lang, texts, keyed) to decisions ---------------------

Strategy = Callable[[Question, str, list[str], list[bool]], list[Decision]]


def _length_rank(rank: int, from_top: bool) -> Strategy:
    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        return [pick(by_rank([float(len(t)) for t in texts], rank, from_top), keyed)]

    return play


def _stem(most: bool) -> Strategy:
    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        stem = tokens(q.prompt.get(lang), lang)
        return [pick([overlap(tokens(t, lang), stem) for t in texts], keyed, highest=most)]

    return play


def _convergence(most: bool) -> Strategy:
    """The option most like the others (it shares the most with them: the key that the
    distractors were written around) or least like them (the odd one out)."""

    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        words = [tokens(t, lang) for t in texts]
        sims = [sum(overlap(w, o) for j, o in enumerate(words) if j != i) for i, w in enumerate(words)]
        return [pick(sims, keyed, highest=most)]

    return play


def _wording(words: dict[str, tuple[str, ...]], choose: bool) -> Strategy:
    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        marked = [has_any(t, words[lang]) != (not choose) for t in texts]
        decision = pick_among(marked, keyed)
        return [decision] if decision else []

    return play


def _structure(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
    """The grammatical or structural odd one out: the option whose first word, closing
    punctuation or number of clauses (commas, parentheses, clause words) differs from the rest."""

    def shape(t: str) -> tuple[str, str, int]:
        first = (_WORD.findall(t.lower()) or [""])[0]
        clauses = t.count(",") + t.count("(") + sum(has_any(t, [c]) for c in CLAUSES[lang])
        return first, t.rstrip()[-1:] if t.rstrip()[-1:] in ".!?)" else "", min(clauses, 2)

    shapes = [shape(t) for t in texts]
    odd = [0.0] * len(texts)
    for part in range(3):
        counts = Counter(s[part] for s in shapes)
        for i, s in enumerate(shapes):
            if counts[s[part]] == 1 and len(counts) == 2:  # one option differs, the rest agree
                odd[i] += 1
    decision = pick_among([o > 0 for o in odd], keyed)
    return [decision] if decision else []


def _position(last: bool) -> Strategy:
    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        scores = [0.0] * len(texts)
        scores[-1 if last else 0] = 1.0
        return [pick(scores, keyed)]

    return play


def _statement(words: dict[str, tuple[str, ...]], says_true: bool) -> Strategy:
    """True/false: a statement with these words is judged true (or false); others the reverse."""

    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        marked = has_any(q.prompt.get(lang), words[lang])
        want_true = marked == says_true
        scores = [1.0 if (t.strip().lower() in TRUE_WORDS) == want_true else 0.0 for t in texts]
        return [pick(scores, keyed)]

    return play


def _always(answer_true: bool) -> Strategy:
    def play(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
        scores = [1.0 if (t.strip().lower() in TRUE_WORDS) == answer_true else 0.0 for t in texts]
        return [pick(scores, keyed)]

    return play


def _matching_words(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
    """Matching: each left side takes the right side that shares the most words with it."""
    rights = [tokens(p.right.get(lang), lang) for p in q.pairs]
    out = []
    for j, pair in enumerate(q.pairs):
        left = tokens(pair.left.get(lang), lang)
        out.append(pick([overlap(left, r) for r in rights], [k == j for k in range(len(q.pairs))]))
    return out


def _fits(before: str, option: str, lang: str) -> bool:
    """Whether an option's form fits the text before its gap: a capital where a sentence
    starts; in English "an" before a vowel and "a" before a consonant."""
    first = option.strip()[:1]
    if not first.isalpha():
        return True
    if (not before or before[-1] in ".!?:") and not first.isupper():
        return False
    last: str = (_WORD.findall(before.lower()) or [""])[-1]
    if lang == "en" and last in ("a", "an"):
        return (last == "an") == (first.lower() in "aeiou")
    return True


def _gap_fit(q: Question, lang: str, texts: list[str], keyed: list[bool]) -> list[Decision]:
    """Gapselect: per gap, guess among the options whose grammatical form fits the words
    before it (no decision where every option fits)."""
    prompt, right, out = q.prompt.get(lang), keys(q), []
    for gap, match in enumerate(GAP.finditer(prompt)):
        before = prompt[: match.start()].rstrip()
        fit = [_fits(before, t, lang) for t in texts]
        decision = pick_among(fit, [gap < len(right) and i == right[gap] for i in range(len(texts))])
        out += [decision] if decision else []
    return out


#: (name, the family of question types it plays, the strategy); the names are what the summary
#: prints. A question type names the families that play it (``TESTWISE`` in mglearn/questions/).
CHOICE = "choice"
STRATEGIES: list[tuple[str, str, Strategy]] = [
    *[(f"length: {r}{'st' if r == 1 else 'nd' if r == 2 else 'rd'} longest", CHOICE, _length_rank(r, True))
      for r in (1, 2, 3)],
    *[(f"length: {r}{'st' if r == 1 else 'nd' if r == 2 else 'rd'} shortest", CHOICE, _length_rank(r, False))
      for r in (1, 2, 3)],
    ("stem: most like the prompt", CHOICE, _stem(True)),
    ("stem: least like the prompt", CHOICE, _stem(False)),
    ("convergence: most like the other options", CHOICE, _convergence(True)),
    ("odd one out: least like the other options", CHOICE, _convergence(False)),
    ("odd one out: structure (first word, ending, clauses)", CHOICE, _structure),
    ("wording: pick a hedged option", CHOICE, _wording(HEDGES, True)),
    ("wording: avoid absolute options", CHOICE, _wording(ABSOLUTES, False)),
    ("position: first as authored", CHOICE, _position(False)),
    ("position: last as authored", CHOICE, _position(True)),
    ("true/false: always true", "true_false", _always(True)),
    ("true/false: always false", "true_false", _always(False)),
    ("true/false: a reason or example clause is false", "true_false", _statement(CLAUSES, False)),
    ("true/false: absolute wording is false", "true_false", _statement(ABSOLUTES, False)),
    ("true/false: hedged wording is true", "true_false", _statement(HEDGES, True)),
    ("matching: the right side sharing most words", "matching", _matching_words),
    ("gaps: only the options that fit the gap's grammar (a/an, a capital)", "gap_fit", _gap_fit),
]  # fmt: skip


def key_counts(content: Content | Sequence[Question], n: int) -> list[Decision]:
    """Multiple response with ``n`` options: guess the number of keys as the bank's habit (the
    commonest count among its items with ``n`` options, as a candidate who practised the bank
    learns it; a blind guess picks one of 1..n-1). Leaving the item out would make an even
    spread look like a cue below chance: the item's own count would always be the rarer one."""
    bank = [q for _, q in content.questions()] if isinstance(content, Content) else content
    items = [q for q in bank if "key_count" in kind(q.type).TESTWISE and len(q.options) == n]
    seen = Counter(sum(o.correct for o in q.options) for q in items)
    top = max(seen.values(), default=0)
    guesses = [c for c, m in seen.items() if m == top]
    return [
        Decision((sum(o.correct for o in q.options) in guesses) / len(guesses), 1 / (n - 1)) for q in items
    ]


# -- the bank ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    lang: str
    strategy: str
    decisions: int
    hits: float
    expected: float
    low: int  # the 95 % range of a blind guesser's hits: [low, high]
    high: int

    @property
    def beats(self) -> bool:
        return self.hits > self.high

    @property
    def below(self) -> bool:
        return self.hits < self.low

    def line(self) -> str:
        flag = (
            "  ABOVE chance's 95% range" if self.beats else "  BELOW chance's 95% range" if self.below else ""
        )
        n = self.decisions
        return (
            f"  {self.lang} {self.strategy}: {self.hits:.1f}/{n} ({self.hits / n:.0%}); chance "
            f"{self.expected / n:.0%}, 95% range {self.low / n:.0%}-{self.high / n:.0%}{flag}"
        )


def chance_range(chances: Sequence[float], level: float = 0.95) -> tuple[int, int]:
    """The central ``level`` range of the number of hits of independent guesses with these
    chances: the exact Poisson-binomial distribution (a binomial when they are equal)."""
    dist = [1.0]
    for p in chances:
        nxt = [0.0] * (len(dist) + 1)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + 1] += mass * p
        dist = nxt
    tail = (1 - level) / 2
    low, acc = 0, 0.0
    for k, mass in enumerate(dist):
        if acc + mass > tail:
            low = k
            break
        acc += mass
    high, acc = len(dist) - 1, 0.0
    for k in range(len(dist) - 1, -1, -1):
        if acc + dist[k] > tail:
            high = k
            break
        acc += dist[k]
    return low, high


def summarise(lang: str, name: str, decisions: list[Decision]) -> Result | None:
    if not decisions:
        return None
    low, high = chance_range([d.chance for d in decisions])
    hits = sum(d.hit for d in decisions)
    return Result(lang, name, len(decisions), hits, sum(d.chance for d in decisions), low, high)


def play(content: Content) -> list[Result]:
    """Every strategy over the quiz bank (what quizzes and the exam draw from), per language."""
    return play_items([q for _, q in content.questions()])


def play_checks(content: Content) -> list[Result]:
    """Every strategy over the check items (issue 30), apart from the bank: they are never
    scored, so a cue in them must not hide or make one in the bank's figures; a learner who
    practises them still learns their habits, so they get their own ranges."""
    return play_items([q for _, q in content.check_items()])


def play_items(questions: Sequence[Question]) -> list[Result]:
    """Every strategy over these items, per language."""
    results = []
    for lang in LANGS:
        for name, family, strategy in STRATEGIES:
            decisions = []
            for q in questions:
                if family in kind(q.type).TESTWISE:
                    texts = [o.text.get(lang) for o in q.options]
                    decisions += strategy(q, lang, texts, [o.correct for o in q.options])
            result = summarise(lang, name, decisions)
            if result is not None:
                results.append(result)
    sizes = sorted({len(q.options) for q in questions if "key_count" in kind(q.type).TESTWISE})
    for n in sizes:
        counted = summarise(
            "nl+en", f"multiple, {n} options: the usual number of keys", key_counts(questions, n)
        )
        if counted is not None:
            results.append(counted)
    return results


def report(results: Sequence[Result], of: str = "") -> str:
    """The report's lines; ``of`` names what was played when it is not the quiz bank."""
    flagged = sum(r.beats or r.below for r in results)
    name = f"Test-wise candidate{f' ({of})' if of else ''}"
    head = f"{name}: {len(results)} strategies x language, {flagged} outside chance's 95% range"
    return "\n".join([head, *(r.line() for r in results)])
