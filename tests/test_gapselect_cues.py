"""Item rules and the test-wise candidate cover gapselect (issue 28): a gapselect item whose
form gives its keys away is flagged, the bank's own gapselect items are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mglearn.__main__ import main
from mglearn.content import PROJECT_ROOT, Content, testwise
from mglearn.content.check import check_root
from mglearn.content.itemrules import check_items
from tests.test_gapselect import make_root


def option(nl: str, en: str, correct: bool = False) -> dict[str, Any]:
    return {"text": {"nl": nl, "en": en}, "correct": correct, "feedback": {"nl": "x", "en": "x"}}


def gaps(qid: str, prompt: tuple[str, str], options: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": qid,
        "type": "gapselect",
        "section": "s1",
        "difficulty": "medium",
        "prompt": {"nl": prompt[0], "en": prompt[1]},
        "options": options,
        "explanation": {"nl": "Uitleg", "en": "Explanation"},
    }


def long_keys(qid: str) -> dict[str, Any]:
    """Carefully qualified keys among one-word distractors: the classic length cue."""
    return gaps(
        qid,
        ("Magnesium zit in [[1]] en in [[2]].", "Magnesium is found in [[1]] and in [[2]]."),
        [
            option("suiker", "sugar"),
            option("noten, zaden en peulvruchten", "nuts, seeds and pulses", True),
            option("zout", "salt"),
            option("donkere groene bladgroenten", "dark green leafy vegetables", True),
            option("frisdrank", "soda"),
        ],
    )


def grammar(qid: str) -> dict[str, Any]:
    """The first gap starts the sentence (only the key has a capital); in English the second
    follows "an" (only the key starts with a vowel)."""
    return gaps(
        qid,
        ("[[1]] is volgens het artikel een [[2]].", "[[1]], according to the article, is an [[2]]."),
        [
            option("Magnesium", "Magnesium", True),
            option("essentieel mineraal", "essential mineral", True),
            option("vitamine", "vitamin"),
            option("zeldzaam metaal", "rare metal"),
            option("kalium", "potassium"),
        ],
    )


def result(results: list[testwise.Result], lang: str, start: str) -> testwise.Result:
    return next(r for r in results if r.lang == lang and r.strategy.startswith(start))


def test_keys_longer_than_their_distractors_are_an_item_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_root(tmp_path, long_keys("g-1"))
    content, problems = check_root(root)
    assert problems == []
    warnings = [str(w) for w in check_items(content, root).warnings]
    assert len(warnings) == 2, warnings  # Dutch and English
    assert all(": g-1: the keys are on average" in w and "a length cue" in w for w in warnings)
    assert any("(a length cue; nl)" in w for w in warnings) and any("; en)" in w for w in warnings)
    assert main(["check", "--strict", str(root)]) == 1
    assert "warning(s) found; --strict makes them fail" in capsys.readouterr().err


def test_the_candidate_picks_the_longest_word_and_wins(tmp_path: Path) -> None:
    root = make_root(tmp_path, *(long_keys(f"g-{n}") for n in range(10)))
    content, _ = check_root(root)
    results = testwise.play(content)
    for lang in ("nl", "en"):
        longest = result(results, lang, "length: 1st longest")
        assert longest.decisions == 10 and longest.hits == 10 and longest.beats, longest.line()


def test_a_gap_whose_grammar_gives_its_key_away_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_root(tmp_path, *(grammar(f"g-{n}") for n in range(8)))
    content, problems = check_root(root)
    assert problems == []
    results = testwise.play(content)
    nl, en = result(results, "nl", "gaps:"), result(results, "en", "gaps:")
    assert (nl.decisions, nl.hits) == (8, 8.0) and nl.beats  # the capital only
    assert (en.decisions, en.hits) == (16, 16.0) and en.beats  # the capital and "an"
    assert main(["check", "--strict", str(root)]) == 1
    out = capsys.readouterr().out
    assert "gaps: only the options that fit the gap's grammar (a/an, a capital): 16.0/16" in out


def test_the_banks_gapselect_items_carry_no_cue(content: Content) -> None:
    """Seven items, one per quiz: no length warning, no grammatical fit to exploit, and the
    choice strategies played on them alone stay inside chance's range."""
    gapselect = [q for _, q in content.questions() if q.type == "gapselect"]
    assert len(gapselect) == len(content.quizzes) == 7
    assert [w for w in check_items(content, PROJECT_ROOT).warnings if w.id in {q.id for q in gapselect}] == []
    quiz = content.quizzes[0].model_copy(update={"questions": gapselect})
    results = testwise.play(Content(quizzes=[quiz]))
    assert not any(r.strategy.startswith("gaps:") for r in results)  # every option fits every gap
    assert [r.line() for r in results if r.beats or r.below] == []
