"""Item-writing warnings: answer cues that let a test-wise guesser pass without the content.

The rules are measured over the whole bank, for Dutch and English separately, and reported as
warnings (``path:line: id: message``) plus one summary line with the figures. They never make
``mglearn check`` fail unless it runs with ``--strict``. docs/AUTHORING.md explains
each rule; every threshold is a named constant below.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..questions import gapselect
from ..questions.registry import kind
from .loader import _shown
from .models import LANGS, Content, Lesson, Problem, Question, Quiz, Text

Loc = tuple[Any, ...]
Container = Lesson | Quiz  # the file an item lives in: a quiz, or a lesson for a check item
Item = tuple[Container, Loc, Question]

# --- Thresholds and word lists: the one place to tune the rules ------------------------------

#: Rules 1-3 judge a share of the questions of one type; with fewer questions of that type than
#: this, a share says nothing yet and the bank-level warning stays quiet.
MIN_QUESTIONS_FOR_BANK_RULES = 4

#: Rule 1: the key may be the longest option (ties count) in at most this share of the
#: single-choice questions; guessing "the longest one" must not beat chance.
KEY_LONGEST_MAX_SHARE = 0.30

#: Rule 1: no key may be longer than this many times the mean length (in characters) of the
#: distractors of its question: a carefully qualified key stands out.
KEY_LENGTH_MAX_RATIO = 1.3

#: Rule 2: a multiple-response question has at least this many and at most this many correct
#: options; five or more correct turns "tick everything" into a winning strategy.
MULTIPLE_MIN_CORRECT = 1
MULTIPLE_MAX_CORRECT = 4

#: Rule 2: no single number of correct options in more than this share of the multiple-response
#: questions, or "always tick two" becomes a strategy.
MULTIPLE_COUNT_MAX_SHARE = 0.5

#: Rule 2: number words that give the count of correct options away in a multiple-response prompt.
COUNT_WORDS: dict[str, tuple[str, ...]] = {
    "nl": ("twee", "drie", "vier", "vijf"),
    "en": ("two", "three", "four", "five"),
}

#: Rule 3: the number of true statements may differ from half the true/false questions by at
#: most this many, or "always answer true" (or false) beats chance.
TRUE_FALSE_MAX_OFFSET = 1.0

#: Rule 3: the option text that means "the statement is true" (compared case-insensitively).
TRUE_OPTION: dict[str, str] = {"nl": "waar", "en": "true"}

#: Rule 4: absolute words, matched as whole words, case-insensitively. In naive items they mark
#: wrong answers ("always", "never"), so they must appear on the keyed side too, or nowhere.
ABSOLUTE_WORDS: dict[str, tuple[str, ...]] = {
    "nl": (
        "altijd",
        "nooit",
        "alleen",
        "iedereen",
        "niemand",
        "volledig",
        "meteen",
        "uitsluitend",
        "zeker",
        "alle",
        "geen enkele",
    ),
    "en": (
        "always",
        "never",
        "only",
        "everyone",
        "nobody",
        "completely",
        "immediately",
        "exclusively",
        "certainly",
        "all",
        "none",
    ),
}

#: Rule 4: the share of texts with an absolute word on one side (keyed or unkeyed) must be at
#: least this fraction of the share on the other side, whenever the other side has any.
ABSOLUTE_MIN_RATIO = 0.5

#: Rule 5: a key that copies this many consecutive words of the article is a wording cue.
ARTICLE_RUN_WORDS = 7

#: Rule 5: where the source article lives, relative to the content root; absent: rule skipped.
ARTICLE_GLOB = "source/*.txt"

#: Rule 6: the article's dose figures (any dash between the numbers) ...
DOSE_FIGURES = re.compile(r"\b(?:300\s*[-\u2010-\u2015\u2212]\s*400|500\s*[-\u2010-\u2015\u2212]\s*600)\b")
#: ... and the supplement upper limits (EFSA/SCF 250 mg, NIH 350 mg) the explanation must give.
UPPER_LIMITS: tuple[str, ...] = ("250", "350")

# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_ABSOLUTE = {
    lang: re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + r")\b", re.IGNORECASE)
    for lang, words in ABSOLUTE_WORDS.items()
}
_COUNT = {
    lang: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for lang, words in COUNT_WORDS.items()
}
_LIMITS = [re.compile(rf"(?<!\d){limit}(?!\d)") for limit in UPPER_LIMITS]
BANK_ID = "bank"
CHECK_ID = "check-items"  # the bank-level warnings over the check items (issue 30)


@dataclass
class ItemReport:
    warnings: list[Problem]
    summary: str


@dataclass
class _Text:
    """One text on the keyed or the unkeyed side of rule 4."""

    quiz: Container
    loc: Loc
    qid: str
    text: Text
    keyed: bool


def words(text: str) -> list[str]:
    """Lowercase ``\\w+`` tokens: the normal form of rule 5."""
    return _WORD.findall(text.lower())


def _runs(tokens: list[str], n: int = ARTICLE_RUN_WORDS) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def article_runs(root: Path) -> set[tuple[str, ...]] | None:
    """Every run of ARTICLE_RUN_WORDS words of the article(s); None when there is no article."""
    found: set[tuple[str, ...]] | None = None
    for path in sorted(root.glob(ARTICLE_GLOB)):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = (found or set()) | _runs(words(text))
    return found


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _times(ratio: float) -> str:
    shown = f"{ratio:.1f}"
    return shown if float(shown) > KEY_LENGTH_MAX_RATIO else f"{ratio:.2f}"


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def _true_option(q: Question) -> int | None:
    """Index of the "Waar"/"True" option of a true/false question."""
    for i, option in enumerate(q.options):
        if any(option.text.get(lang).strip().lower() == TRUE_OPTION[lang] for lang in LANGS):
            return i
    return None


class _Rules:
    def __init__(
        self, content: Content, root: Path, items: list[Item], folder: str = "quizzes", label: str = "Bank"
    ) -> None:
        self.content = content
        self.items = items
        self.label = label
        self.bank_id = BANK_ID if folder == "quizzes" else CHECK_ID
        self.bank_path = _shown(root / folder)
        self.article = article_runs(root)
        self.warnings: list[Problem] = []
        self.single = 0
        self.key_longest: Counter[str] = Counter()
        self.correct_counts: Counter[int] = Counter()
        self.true_false = 0
        self.true_statements = 0
        self.sides: list[_Text] = []
        self.copies = 0

    def warn(self, quiz: Container | None, loc: Loc, qid: str, message: str) -> None:
        if quiz is None:
            self.warnings.append(Problem(self.bank_path, 1, self.bank_id, message))
            return
        where = self.content.locate(quiz)
        path = where.path if where else "?"
        line = where.line(loc) if where else 1
        self.warnings.append(Problem(path, line, qid, message))

    def run(self) -> ItemReport:
        for container, at, q in self.items:
            for rule in kind(q.type).ITEM_RULES:  # the rules the question's type plays
                getattr(self, rule)(container, at, q)
            self.safety(container, at, q)
        self.bank()
        summary = self.summary()
        return ItemReport(sorted(self.warnings), summary)

    def option_sides(self, quiz: Container, at: Loc, q: Question) -> None:
        """The options' texts, for the bank's rules on absolute and hedged wording."""
        for j, option in enumerate(q.options):
            self.sides.append(_Text(quiz, at + ("options", j, "text"), q.id, option.text, option.correct))

    # Rule 1
    def single_choice(self, quiz: Container, at: Loc, q: Question) -> None:
        keys = [j for j, o in enumerate(q.options) if o.correct]
        others = [o for o in q.options if not o.correct]
        if len(keys) != 1 or not others:
            return  # an error the checker already reports
        key = q.options[keys[0]]
        self.single += 1
        cues: list[tuple[str, float]] = []
        for lang in LANGS:
            length = _length(key.text.get(lang))
            lengths = [_length(o.text.get(lang)) for o in others]
            if length >= max(lengths):
                self.key_longest[lang] += 1
            mean = sum(lengths) / len(lengths)
            if mean > 0 and length > KEY_LENGTH_MAX_RATIO * mean:
                cues.append((lang, length / mean))
        if len(cues) == 1:
            only, ratio = cues[0]
            how = f"{_times(ratio)}× as long as the other options (a length cue; {only})"
        elif cues:
            both = " and ".join(f"{_times(r)}× ({which})" for which, r in cues)
            how = f"{both} as long as the other options (a length cue)"
        else:
            return
        self.warn(
            quiz,
            at + ("options", keys[0], "text"),
            q.id,
            f"the key is {how}; keep it within {KEY_LENGTH_MAX_RATIO}× their mean length",
        )

    # Rule 2
    def multiple(self, quiz: Container, at: Loc, q: Question) -> None:
        correct = sum(o.correct for o in q.options)
        if correct == 0 or correct == len(q.options):
            return  # an error the checker already reports
        self.correct_counts[correct] += 1
        if not MULTIPLE_MIN_CORRECT <= correct <= MULTIPLE_MAX_CORRECT:
            msg = (
                f"{correct} correct options; keep it between {MULTIPLE_MIN_CORRECT} and "
                f"{MULTIPLE_MAX_CORRECT} so that ticking everything does not pay"
            )
            self.warn(quiz, at + ("options",), q.id, msg)
        said = [
            f"'{m.group(0)}' ({lang})" for lang in LANGS if (m := _COUNT[lang].search(q.prompt.get(lang)))
        ]
        if said:
            msg = (
                f"the prompt says {' and '.join(said)}: a number word gives away how many options "
                "are correct; leave the count out"
            )
            self.warn(quiz, at + ("prompt",), q.id, msg)

    # Rule 3
    def true_false_item(self, quiz: Container, at: Loc, q: Question) -> None:
        index = _true_option(q)
        if index is None or len(q.options) != 2 or sum(o.correct for o in q.options) != 1:
            return
        is_true = q.options[index].correct
        self.true_false += 1
        self.true_statements += is_true
        self.sides.append(_Text(quiz, at + ("prompt",), q.id, q.prompt, is_true))

    # Rule 1 for gapselect: the keys against the distractors
    def gap_keys(self, quiz: Container, at: Loc, q: Question) -> None:
        for lang, ratio in gapselect.key_length_ratios(q).items():
            if ratio > KEY_LENGTH_MAX_RATIO:
                how = f"{_times(ratio)}× as long as the distractors (a length cue; {lang})"
                keep = f"keep them within {KEY_LENGTH_MAX_RATIO}× their mean length"
                self.warn(quiz, at + ("options",), q.id, f"the keys are on average {how}; {keep}")

    # Rule 5
    def article_copy(self, quiz: Container, at: Loc, q: Question) -> None:
        if self.article is None:
            return
        article = self.article

        def copied(text: Text) -> list[tuple[str, ...]]:
            return sorted(_runs(words(text.nl)) & article)

        if any(copied(o.text) for o in q.options if not o.correct):
            return
        for j, option in enumerate(q.options):
            runs = copied(option.text) if option.correct else []
            if runs:
                self.copies += 1
                msg = (
                    f"the key copies {ARTICLE_RUN_WORDS}+ words of the article ('{' '.join(runs[0])}') "
                    "and no distractor does (a wording cue); put it in other words"
                )
                self.warn(quiz, at + ("options", j, "text"), q.id, msg)

    # Rule 6
    def safety(self, quiz: Container, at: Loc, q: Question) -> None:
        texts = [q.prompt, *(o.text for o in q.options), *(t for p in q.pairs for t in (p.left, p.right))]
        if not any(DOSE_FIGURES.search(t.get(lang)) for t in texts for lang in LANGS):
            return
        missing = [
            lang for lang in LANGS if not all(limit.search(q.explanation.get(lang)) for limit in _LIMITS)
        ]
        if missing:
            msg = (
                "dose figure without the upper limits (EFSA/SCF 250 mg, NIH 350 mg) in the explanation "
                f"({', '.join(missing)})"
            )
            self.warn(quiz, at + ("explanation",), q.id, msg)

    def bank(self) -> None:
        enough = MIN_QUESTIONS_FOR_BANK_RULES
        # Rule 1
        if self.single >= enough:
            for lang in LANGS:
                share = self.key_longest[lang] / self.single
                if share > KEY_LONGEST_MAX_SHARE:
                    msg = (
                        f"the key is the longest option in {_pct(self.key_longest[lang], self.single)} "
                        f"of the single-choice questions ({lang}); at most {KEY_LONGEST_MAX_SHARE:.0%}: "
                        "lengthen distractors or shorten keys"
                    )
                    self.warn(None, (), BANK_ID, msg)
        # Rule 2
        n_multiple = sum(self.correct_counts.values())
        if n_multiple >= enough:
            count, most = self.correct_counts.most_common(1)[0]
            if most / n_multiple > MULTIPLE_COUNT_MAX_SHARE:
                msg = (
                    f"{_pct(most, n_multiple)} of the multiple-response questions have {count} correct "
                    f"options; at most {MULTIPLE_COUNT_MAX_SHARE:.0%} may share one count"
                )
                self.warn(None, (), BANK_ID, msg)
        # Rule 3
        if (
            self.true_false >= enough
            and abs(self.true_statements - self.true_false / 2) > TRUE_FALSE_MAX_OFFSET
        ):
            msg = (
                f"{self.true_statements} of {self.true_false} true/false statements are true; keep it "
                f"within {TRUE_FALSE_MAX_OFFSET:g} of half"
            )
            self.warn(None, (), BANK_ID, msg)
        # Rule 4
        for lang in LANGS:
            self.absolute(lang)

    def _absolute_counts(self, lang: str) -> dict[bool, tuple[int, int]]:
        """keyed? -> (texts with an absolute word, texts)."""
        counts: dict[bool, tuple[int, int]] = {}
        for keyed in (True, False):
            side = [t for t in self.sides if t.keyed is keyed]
            counts[keyed] = (sum(bool(_ABSOLUTE[lang].search(t.text.get(lang))) for t in side), len(side))
        return counts

    def absolute(self, lang: str) -> None:
        counts = self._absolute_counts(lang)
        share = {k: (n / total if total else 0.0) for k, (n, total) in counts.items()}
        for heavy in (False, True):  # the side where absolute words are over-represented
            light = not heavy
            if counts[heavy][0] and share[light] < ABSOLUTE_MIN_RATIO * share[heavy]:
                name = {True: "keyed", False: "unkeyed"}
                msg = (
                    f"absolute words ({lang}) are in {_pct(*counts[heavy])} of the {name[heavy]} texts but "
                    f"{_pct(*counts[light])} of the {name[light]} texts, so they mark "
                    f"{'right' if heavy else 'wrong'} answers; use them on both sides or nowhere"
                )
                self.warn(None, (), BANK_ID, msg)
                for t in self.sides:
                    found = _ABSOLUTE[lang].search(t.text.get(lang))
                    if t.keyed is heavy and found:
                        what = "correct" if heavy else "wrong"
                        msg = (
                            f"absolute word '{found.group(0)}' ({lang}) in a {what} answer: in this bank "
                            f"such words mark {what} answers"
                        )
                        self.warn(t.quiz, t.loc, t.qid, msg)

    def summary(self) -> str:
        longest = ", ".join(f"{lang} {_pct(self.key_longest[lang], self.single)}" for lang in LANGS)
        n_multiple = sum(self.correct_counts.values())
        spread = ", ".join(f"{n}× {c} correct" for c, n in sorted(self.correct_counts.items())) or "none"
        absolute = []
        for lang in LANGS:
            counts = self._absolute_counts(lang)
            (k, n_keyed), (u, n_unkeyed) = counts[True], counts[False]
            absolute.append(f"{lang} keyed {k}/{n_keyed}, unkeyed {u}/{n_unkeyed}")
        copies = "n/a (no source/*.txt)" if self.article is None else str(self.copies)
        return (
            f"{self.label}: key longest in single {longest}; "
            f"multiple-response {spread} (of {n_multiple}); "
            f"true/false {self.true_statements} true of {self.true_false}; "
            f"absolute words {'; '.join(absolute)}; "
            f"article copies {copies}; "
            f"{len(self.warnings)} warning(s)."
        )


def quiz_items(content: Content) -> list[Item]:
    return [(quiz, ("questions", i), q) for quiz in content.quizzes for i, q in enumerate(quiz.questions)]


def lesson_check_items(content: Content) -> list[Item]:
    """The check items (issue 30), each with its place in its lesson's file."""
    return [
        (lesson, ("sections", i, "check", j), q)
        for lesson in content.lessons
        for i, section in enumerate(lesson.sections)
        for j, q in enumerate(section.check)
    ]


def check_items(content: Content, root: Path | str) -> ItemReport:
    """Item-writing warnings for a loaded bank; ``root`` holds quizzes/ and (maybe) source/.

    The check items (issue 30) get every per-item rule, and the bank-level rules (shares over
    many items) over themselves apart, with their own summary line: they are never scored with
    the quiz bank, so mixing them in would move the bank's shares either way."""
    bank = _Rules(content, Path(root), quiz_items(content)).run()
    checks = lesson_check_items(content)
    if not checks:
        return bank
    own = _Rules(content, Path(root), checks, "lessons", "Check items").run()
    return ItemReport(sorted(bank.warnings + own.warnings), f"{bank.summary}\n{own.summary}")
