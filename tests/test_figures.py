"""Lessons people would rather look at (issue 30 item 4): every lesson has a figure drawn from
its own data; `mglearn check` tells an author what a figure lacks, with file and line; the
drawing is well-formed SVG (read back by Python's XML parser) holding every label in the
page's language; the lesson page shows it with its text alternative; the dosage chart names
whose numbers are whose."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET  # our own SVG, read back by an independent parser
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mglearn.__main__ import main
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.figures import in_words, range_rows, svg
from mglearn.store import Store

from .test_app import UI, app, wrong_response
from .test_check import LESSON, make_root, problems_of

SVG_NS = "{http://www.w3.org/2000/svg}"


def test_every_lesson_has_a_figure_with_words_in_both_languages(content: Content) -> None:
    assert len(content.lessons) == 7
    for lesson in content.lessons:
        figures = [s.figure for s in lesson.sections if s.figure is not None]
        assert figures, f"lesson {lesson.id} has no figure"
        for figure in figures:
            for lang in ("nl", "en"):
                assert len(figure.alt.get(lang)) > 60 and figure.note is not None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_drawing_is_valid_svg_with_every_label(content: Content, lang: str) -> None:
    for lesson in content.lessons:
        for section in lesson.sections:
            figure = section.figure
            if figure is None or figure.kind == "ranges":
                continue
            root = ET.fromstring(svg(figure, lang, "#1F5F51", "f"))  # noqa: S314 (our own output)
            assert root.get("role") == "img" and root.get("aria-labelledby") == "f-t f-d"
            assert root.find(f"{SVG_NS}title").text == figure.title.get(lang)  # type: ignore[union-attr]
            assert root.find(f"{SVG_NS}desc").text == figure.alt.get(lang)  # type: ignore[union-attr]
            words = " ".join(
                " ".join(t.text or "" for t in text.iter(f"{SVG_NS}tspan"))
                for text in root.iter(f"{SVG_NS}text")
            )
            for item in figure.data:
                for part in (item.label, item.detail):
                    if part is not None:  # wrapped over lines, every word is there in order
                        assert " ".join(part.get(lang).split()) in " ".join(words.split()), part.get(lang)
            height = float((root.get("viewBox") or "").split()[3])
            assert 0 < height < 900  # one phone screen, about


def test_the_dosage_chart_names_whose_numbers_they_are(content: Content) -> None:
    dosing = content.lesson("dosering")
    assert dosing is not None
    figure = dosing.sections[0].figure
    assert figure is not None and figure.kind == "ranges"
    rows = {r["label"]: r for r in range_rows(figure, "en")}
    assert rows["Article|Most adults"]["shown"] == "300–400"
    assert {r["source"] for r in rows.values()} == {"Article", "EFSA", "NIH", "SCF (EU)", "NIH (FNB)"}
    dutch = {r["label"].split("|")[0] for r in range_rows(figure, "nl")}
    assert "Artikel" in dutch and "Article" not in dutch


FIGURE = """\
    figure:
      kind: {kind}
      title: {{nl: "Figuur", en: "Figure"}}
      alt: {{nl: "Wat de figuur toont", en: "What the figure shows"}}
      data:
        - {{label: {{nl: "A", en: "A"}}{extra}}}
"""


@pytest.mark.parametrize(
    ("kind", "extra", "told"),
    [
        ("ranges", "", "a 'ranges' figure needs a unit"),
        ("ranges", ", value: 300", "a 'ranges' entry needs a source: whose number it is"),
        ("ranges", ", value: 300, high: 200", "value must be 0 or more and high at least value"),
        ("pairs", "", "a 'pairs' entry needs a detail: what the label goes with"),
        ("day", ', at: "25:00"', "a 'day' entry needs at: a time as HH:MM, not '25:00'"),
        ("chart", "", "'kind' input should be 'ranges', 'items', 'pairs' or 'day'"),
    ],
)
def test_check_tells_what_a_figure_lacks(tmp_path: Path, kind: str, extra: str, told: str) -> None:
    lesson = LESSON.replace("key_points:", FIGURE.format(kind=kind, extra=extra) + "key_points:")
    root = make_root(tmp_path, lesson=lesson)
    found = problems_of(root)
    assert any(told in p for p in found), found
    mine = [p for p in found if "lessons/01-les.yaml" in p]  # (a lesson that cannot load: its quiz too)
    assert mine and all(re.search(r"lessons/01-les\.yaml:\d+: s1: ", p) for p in mine), found


def test_a_good_figure_passes_and_the_cli_says_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = LESSON.replace(
        "key_points:", FIGURE.format(kind="items", extra=', detail: {nl: "b", en: "b"}') + "key_points:"
    )
    assert main(["check", str(make_root(tmp_path, lesson=lesson))]) == 0
    assert "OK: 1 lessons" in capsys.readouterr().out


def test_the_lesson_page_shows_the_figure_and_its_words(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Figuur", now=datetime.now(UTC))
    at = app(learner=learner.code, lesson="functies")
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = "functies"
    at.run()
    assert not at.exception
    lesson = content.lesson("functies")
    figure = next(s.figure for s in lesson.sections if s.figure)  # type: ignore[union-attr]
    html = [h.proto.body for h in at.get("html") if "data:image/svg+xml" in h.proto.body]
    assert len(html) == 1
    assert f'alt="{figure.alt.nl}"' in html[0]
    drawn = base64.b64decode(re.search(r"base64,([^\"]+)", html[0]).group(1)).decode()  # type: ignore[union-attr]
    assert "Stressregulatie (HPA-as)" in drawn
    assert in_words(figure, "nl") in [e.value for e in at.markdown]  # "De figuur in woorden"
    assert in_words(figure, "nl").startswith(figure.alt.nl)
    assert [e.label for e in at.expander if e.label == "De figuur in woorden"]


def test_the_dosage_page_draws_its_chart(store: Store) -> None:
    learner = store.learners.create_learner("Dosis", now=datetime.now(UTC))
    at = app(learner=learner.code, lang="en")
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = "dosering"
    at.run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 1 and "mg per day" in json.dumps(specs[0])


def _reviewed(store: Store, content: Content, quiz_index: int, right: bool) -> tuple[AppTest, Content]:
    learner = store.learners.create_learner("Verder", now=datetime.now(UTC))
    quiz = content.quizzes[quiz_index]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(
            attempt.id, q.id, correct_response(q) if right else wrong_response(q), now=datetime.now(UTC)
        )
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.query_params["attempt"] = str(attempt.id)
    return at.run(), content


def test_a_passed_quiz_calls_to_the_next_lesson(store: Store, content: Content) -> None:
    at, _ = _reviewed(store, content, 0, right=True)
    second = content.lessons[1]
    button = at.button(key="quiz_next_lesson")
    assert button.label == f"Volgende les: 2. {second.title.nl}" and button.proto.type == "primary"
    button.click().run()
    assert not at.exception and at.query_params["lesson"] == second.id
    assert second.title.nl in [t.value for t in at.title][0]


def test_no_call_after_a_failed_quiz_or_the_last_lesson(store: Store, content: Content) -> None:
    at, _ = _reviewed(store, content, 0, right=False)
    assert not [b for b in at.button if b.key == "quiz_next_lesson"]
    last = next(i for i, q in enumerate(content.quizzes) if q.lesson == content.lessons[-1].id)
    at, _ = _reviewed(store, content, last, right=True)
    assert "Gehaald!" in " ".join(s.value for s in at.success)
    assert not [b for b in at.button if b.key == "quiz_next_lesson"]
