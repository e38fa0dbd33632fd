"""The test-wise candidate (mglearn/content/testwise.py): strategies that read only an item's form."""

from __future__ import annotations

from math import comb
from pathlib import Path

import pytest

from mglearn.__main__ import main
from mglearn.content import Content, Question, Quiz, Text
from mglearn.content.testwise import Result, chance_range, play


def single(qid: str, texts: list[str], key: int) -> Question:
    return Question.model_validate(
        {
            "id": qid,
            "type": "single",
            "section": "s",
            "difficulty": "easy",
            "prompt": {"nl": "Welke uitspraak klopt?", "en": "Which statement is right?"},
            "options": [
                {"text": {"nl": t, "en": t}, "correct": i == key, "feedback": {"nl": "x", "en": "x"}}
                for i, t in enumerate(texts)
            ],
            "explanation": {"nl": "x", "en": "x"},
        }
    )


def bank(questions: list[Question]) -> Content:
    quiz = Quiz(id="q", lesson="l", title=Text(nl="Q", en="Q"), questions=questions)
    return Content(quizzes=[quiz])


def result(results: list[Result], lang: str, name: str) -> Result:
    return next(r for r in results if r.lang == lang and r.strategy == name)


def test_a_key_that_is_always_the_longest_is_caught_in_both_languages() -> None:
    questions = [
        single(
            f"q{n}",
            ["kort a", "kort b", "kort c", "een veel langer en zorgvuldig afgewogen antwoord"][::1],
            3,
        )
        for n in range(20)
    ]
    results = play(bank(questions))
    for lang in ("nl", "en"):
        longest = result(results, lang, "length: 1st longest")
        assert longest.hits == 20 and longest.beats
        assert result(results, lang, "length: 1st shortest").below  # never the shortest: a cue too


def test_a_bank_without_form_cues_stays_inside_chance() -> None:
    # equal lengths, no shared words with the prompt, the key's authored place rotating
    words = ["appel", "beurs", "cirkel", "dolfijn", "egel", "fakkel", "gitaar", "haven"]
    questions = [
        single(f"q{n}", [f"{words[(n + i) % 8]} {words[(n + 2 * i + 1) % 8]}" for i in range(4)], n % 4)
        for n in range(24)
    ]
    results = play(bank(questions))
    for name in ("position: first as authored", "position: last as authored"):
        assert not result(results, "nl", name).beats and not result(results, "nl", name).below


@pytest.mark.parametrize(("n", "p"), [(28, 0.25), (14, 0.5), (56, 0.3)])
def test_the_chance_range_is_the_binomial_one(n: int, p: float) -> None:
    cdf = [sum(comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k + 1)) for k in range(n + 1)]
    low = next(k for k in range(n + 1) if cdf[k] > 0.025)
    high = next(k for k in range(n + 1) if cdf[k] >= 0.975)
    assert chance_range([p] * n) == (low, high)


def test_check_prints_every_strategy_for_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "Test-wise candidate:" in out
    for lang in ("nl", "en"):
        assert f"  {lang} length: 2nd longest:" in out
        assert f"  {lang} odd one out: least like the other options:" in out
    assert "multiple, 4 options: the usual number of keys" in out


def test_strict_fails_when_the_form_gives_the_key_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The key always authored first, its length rank rotating: the item rules see nothing,
    the test-wise candidate does, and --strict fails on it (without --strict it only reports)."""
    from .test_check import LESSON, make_root

    words = ["appelboom", "beursvloer", "cirkelzaag", "dolfijnen", "egelstelling", "fakkeltocht"]
    items = []
    for n in range(24):
        texts = [
            words[(n + i) % 6][:9] + "x" * ((n + i) % 4) for i in range(4)
        ]  # lengths close, rank rotating
        options = "".join(
            f'      - text: {{nl: "{t}", en: "{t}"}}\n'
            + ("        correct: true\n" if i == 0 else "")
            + '        feedback: {nl: "x", en: "x"}\n'
            for i, t in enumerate(texts)
        )
        items.append(
            f"  - id: q{n}\n    type: single\n    section: s1\n    difficulty: easy\n"
            f'    prompt: {{nl: "Vraag {n}?", en: "Question {n}?"}}\n    options:\n{options}'
            f'    explanation: {{nl: "Uitleg", en: "Explanation"}}\n'
        )
    quiz = 'id: les\nlesson: les\ntitle: {nl: "Toets", en: "Quiz"}\nquestions:\n' + "".join(items)
    root = make_root(tmp_path, LESSON, quiz)
    assert main(["check", str(root)]) == 0
    assert main(["check", "--strict", str(root)]) == 1
    captured = capsys.readouterr()
    assert "position: first as authored: 24.0/24 (100%)" in captured.out
    assert "0 warning(s)" in captured.out  # the item rules saw nothing
    assert "test-wise strategies land outside chance's range; --strict makes them fail" in captured.err
