"""Issue 18: the Oefenen page and the practice parts of the overview, "Mijn voortgang" and the
trainer's heatmap, through AppTest: what a learner and a trainer see, and what is stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from streamlit.testing.v1 import AppTest

from mglearn.attempts import correct_response
from mglearn.content import Content, Question
from mglearn.practice import bank_order, option_order
from mglearn.store import Store

from .test_app import UI, app, texts, wrong_response

RUN = "practice_run"


def questions(content: Content) -> dict[str, Question]:
    return {q.id: q for _, q in content.questions()}


def run_of(at: AppTest) -> dict[str, Any]:
    run = at.session_state[RUN]
    assert isinstance(run, dict)
    return run


def give(at: AppTest, q: Question, response: list[int]) -> None:
    """Answer the card on screen as a learner would: option buttons (or select boxes), Check."""
    run = run_of(at)
    key = f"practice_{run['id']}_{run['index']}"
    if q.type in ("matching", "gapselect"):  # select boxes
        for j, right in enumerate(response):
            at.selectbox(key=f"{key}_{j}").set_value(right).run()
    else:
        order = option_order(q, f"{run['id']}:{run['index']}")
        for i in response:
            at.button(key=f"{key}_opt{order.index(i)}").click().run()  # the button shown there
    at.button(key=f"practice_check_{run['id']}_{run['index']}").click().run()
    at.run()  # the whole page again (AppTest keeps only what the fragment redrew)


def next_card(at: AppTest) -> None:
    run = run_of(at)
    at.button(key=f"practice_next_{run['id']}_{run['index']}").click().run()
    at.run()


def test_practice_session_from_start_to_summary(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Oefenaar", now=datetime.now(UTC))
    first, second = content.lessons[0], content.lessons[1]
    store.learners.mark_read(learner.id, first.id, now=datetime.now(UTC))
    store.learners.mark_read(learner.id, second.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    assert not at.exception
    assert "Oefenen" in texts(at)
    assert "10 vragen vandaag" in texts(at)  # new ones from the two read lessons, at most 10 a day

    at.button(key="practice_start").click().run()
    at.run()
    bank = questions(content)
    run = run_of(at)
    assert len(run["items"]) == 10
    lesson_one = {q.id for q in content.quiz_for_lesson(first.id).questions}  # type: ignore[union-attr]
    assert run["items"][0][0] in lesson_one  # new cards come in lesson order
    assert "Vraag 1 van 10" in str([p.text for p in at.get("progress")]) or "Vraag 1 van 10" in texts(at)

    results = []
    for n in range(10):
        run = run_of(at)
        q = bank[run["items"][run["index"]][0]]
        right = n % 3 != 2
        give(at, q, correct_response(q) if right else wrong_response(q))
        assert not at.exception
        shown = texts(at)
        assert ("Goed!" in shown) if right else ("Niet goed." in shown)
        assert q.explanation.get("nl") in shown  # immediate feedback with the explanation
        assert len(store.practice.reviews(learner.id)) == n + 1  # stored the moment it was checked
        results.append(right)
        next_card(at)

    shown = texts(at)
    assert "Klaar met deze ronde" in shown
    assert f"10 vragen: {sum(results)} goed, 0 deels goed, {10 - sum(results)} niet goed." in shown
    cards = store.practice.cards(learner.id)
    assert len(cards) == 10 and all(c.origin == "practice" for c in cards.values())
    at.run()  # a rerun (a language switch, a refresh of the script) keeps the summary
    assert "Klaar met deze ronde" in texts(at)


def test_enter_and_number_keys_are_the_shortcuts(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Toetsenbord", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    assert at.button(key="practice_start").proto.shortcut.lower() == "enter"
    at.button(key="practice_start").click().run()
    at.run()
    run = run_of(at)
    q = questions(content)[run["items"][0][0]]
    key = f"practice_{run['id']}_0"
    if q.type not in ("matching", "gapselect"):
        shortcuts = sorted(at.button(key=f"{key}_opt{n}").proto.shortcut for n in range(len(q.options)))
        assert shortcuts == [str(n) for n in range(1, len(q.options) + 1)]
    assert at.button(key=f"practice_check_{run['id']}_0").proto.shortcut.lower() == "enter"


def test_nothing_to_practise_before_a_lesson_is_read(store: Store) -> None:
    learner = store.learners.create_learner("Nieuw", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    assert not at.exception
    shown = texts(at)
    assert "0 vragen vandaag" in shown and "zodra je een les hebt gelezen" in shown
    assert not [b for b in at.button if b.key == "practice_start"]


def test_overview_and_progress_show_due_and_knowledge(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Kennis", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    store.learners.mark_read(learner.id, quiz.lesson, now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for d in attempt.draw:
        q = next(x for x in quiz.questions if x.id == d.question_id)
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(
        attempt.id, now=datetime.now(UTC)
    )  # the quiz reviews every card: knowledge today is known
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/overview.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Kennis over een week" in shown and "vandaag" in shown
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Oefenen en wat je nu nog weet" in shown
    frames = [f.value for f in at.dataframe]
    in_lesson = sum(1 for lesson, _ in bank_order(content) if lesson == quiz.lesson)  # quiz + check items
    assert in_lesson > len(quiz.questions)
    knowledge = next(f for f in frames if "Kennis over een week" in f.columns)
    first = knowledge.iloc[0]
    assert (
        50 < first["Kennis over een week"] < 100
        and first["Beantwoord"] == f"{len(attempt.draw)} van {in_lesson}"
    )
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert any(s.get("encoding", {}).get("y", {}).get("field") == "due" for s in specs)  # 14-day chart


def test_questions_today_match_the_forecasts_bar_for_today(store: Store, content: Content) -> None:
    """Issue 26 item 19: straight after a quiz its cards come back within minutes (fsrs'
    learning steps): the forecast's bar for today counted them while the page said "0 vragen
    vandaag" and "Je bent klaar voor vandaag"."""
    learner = store.learners.create_learner("Vandaag", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(
        learner.id, quiz, now=datetime.now(UTC)
    )  # the lesson unread: no new questions today
    for d in attempt.draw:
        q = next(x for x in quiz.questions if x.id == d.question_id)
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    chart = next(c for c in at.get("vega_lite_chart") if '"due"' in c.proto.spec)
    days = next(convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets)
    bar = int(days.iloc[0]["due"])
    assert bar == len(attempt.draw)
    assert f"{bar} vragen vandaag" in texts(at)
    at.switch_page(f"{UI}/practice.py").run()
    shown = texts(at)
    assert f"{bar} vragen vandaag" in shown and "klaar voor vandaag" not in shown
    at.button(key="practice_start").click().run()
    assert len(run_of(at)["items"]) == min(bar, 10)  # what it counts can be practised now


def knowledge_shown(store: Store, content: Content, name: str, wrong: int) -> float:
    """What "Mijn voortgang" shows for lesson 1 straight after its quiz with ``wrong`` mistakes."""
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    quiz = content.quizzes[0]
    store.learners.mark_read(learner.id, quiz.lesson, now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for n, d in enumerate(attempt.draw):
        q = next(x for x in quiz.questions if x.id == d.question_id)
        store.attempts.save_answer(
            attempt.id, q.id, wrong_response(q) if n < wrong else correct_response(q), now=datetime.now(UTC)
        )
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    assert "over een week" in texts(at)  # the help says what the figure means
    knowledge = next(f.value for f in at.dataframe if "Kennis over een week" in f.value.columns)
    return float(knowledge.iloc[0]["Kennis over een week"])


def test_knowledge_straight_after_a_quiz_with_mistakes_is_not_full(store: Store, content: Content) -> None:
    """Issue 26 item 16: right after any review fsrs' recall chance *now* is 1.0, so "Kennis
    vandaag: 100 %" followed an 80 % quiz. The figure is the recall expected a week on."""
    perfect = knowledge_shown(store, content, "Alles goed", 0)
    two_wrong = knowledge_shown(store, content, "Twee fout", 2)
    assert two_wrong < perfect < 100


def test_trainer_heatmap_switches_to_knowledge_today(store: Store, content: Content) -> None:
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    from .test_trainer_workspace import take_quiz, trainer_on

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    dana, ilse = (
        store.learners.create_learner("Dana", now=datetime.now(UTC)),
        store.learners.create_learner("Ilse", now=datetime.now(UTC)),
    )
    for learner in (dana, ilse):
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, dana.id, content, right=False)  # every card Again: little is known today
    at = trainer_on(store, "results")
    assert at.segmented_control(key="heatmap_measure").value == "best"
    at.segmented_control(key="heatmap_measure").set_value("knowledge").run()
    assert not at.exception
    assert "Kennis over een week: gemiddelde kans" in texts(at)
    chart = at.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    assert spec["layer"][1]["encoding"]["color"]["title"] == "Kennis over een week"
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    cells = next(f for f in frames if "best_pct" in f.columns and f["best_pct"].notna().any())
    known = cells.dropna(subset=["best_pct"])
    assert set(known["label"]) == {"Dana"} and list(known["lesson"]) == ["1"]  # Ilse: grey, nothing answered
    assert float(known["best_pct"].iloc[0]) < 70  # every answer wrong: not "100 %" (issue 26 item 16)
