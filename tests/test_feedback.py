"""Feedback with some life (issue 30 item 3), through AppTest: after a practice check the
right option is marked on green and a wrong choice on red, each with an icon and a word; the
daily goal is a progress bar and the streak is shown; a session ends on a summary."""

from __future__ import annotations

from datetime import UTC, datetime

from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.practice import option_order
from mglearn.store import Store

from .test_app import UI, app, texts, wrong_response
from .test_practice_pages import give, next_card, questions, run_of


def marks(at: object) -> list[str]:
    return [m.value for m in at.markdown if "-background[" in m.value]  # type: ignore[attr-defined]


def test_practice_marks_the_right_option_green_and_a_wrong_choice_red(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Kleuren", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    store.practice.set_daily_goal(learner.id, 2, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    # before a session: the goal as a progress bar, in words
    bars = [p.proto.text for p in at.get("progress")]
    assert "Vandaag 0 van 2 vragen" in bars, bars
    at.button(key="practice_start").click().run()
    at.run()
    bank = questions(content)
    run = run_of(at)
    # the first choice question: answer it wrong
    while bank[run["items"][run["index"]][0]].type not in ("single", "true_false"):
        q = bank[run["items"][run["index"]][0]]
        give(at, q, correct_response(q))
        next_card(at)
        run = run_of(at)
    q = bank[run["items"][run["index"]][0]]
    order = option_order(q, f"{run['id']}:{run['index']}")
    wrong = wrong_response(q)[0]
    give(at, q, [wrong])
    right = next(i for i, o in enumerate(q.options) if o.correct)
    shown = marks(at)
    n_right, n_wrong = order.index(right) + 1, order.index(wrong) + 1
    green = f"**Juiste antwoord** · {n_right}\\. {q.options[right].text.nl}]"
    red = f"**Jouw keuze: fout** · {n_wrong}\\. {q.options[wrong].text.nl}]"
    assert shown == sorted(
        [f":green-background[:material/check_circle: {green}", f":red-background[:material/cancel: {red}"],
        key=lambda m: n_right if m.startswith(":green") else n_wrong,
    )
    # the other options stay plain, the option buttons are gone (nothing to click after the check)
    assert not [b for b in at.button if b.key and "_opt" in b.key]
    assert "Niet goed." in texts(at)


def test_a_right_choice_says_so_and_the_summary_counts_with_icons(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Samenvatting", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    store.practice.set_daily_goal(learner.id, 3, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    at.button(key="practice_start").click().run()
    at.run()
    bank = questions(content)
    total = len(run_of(at)["items"])
    for n in range(total):
        run = run_of(at)
        q = bank[run["items"][run["index"]][0]]
        give(at, q, correct_response(q) if n else wrong_response(q))
        if n and q.type in ("single", "true_false", "multiple"):
            assert any("**Jouw keuze: goed**" in m for m in marks(at)), marks(at)
            assert not any(":red-background[" in m for m in marks(at))
        next_card(at)
    shown = texts(at)
    assert "Klaar met deze ronde" in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        ":material/check_circle: Goed": str(total - 1),
        ":material/timelapse: Deels goed": "0",
        ":material/cancel: Fout": "1",
    }
    bars = [p.proto.text for p in at.get("progress")]
    assert f"Vandaag {total} van 3 vragen · dagdoel gehaald" in bars, bars
    assert ":material/local_fire_department: **1 dag op rij**" in shown


def test_the_verdict_is_not_said_twice(content: Content) -> None:
    """A wrong answer showed "Not right." and then the option's own feedback, which starts with
    "Not right." too: the page's verdict uses other words than the content's feedback."""
    from mglearn.i18n import t

    for lang in ("nl", "en"):
        said = t("practice.wrong", lang)
        twice = [
            q.id
            for _, q in content.questions()
            for o in q.options
            if not o.correct and o.feedback.get(lang).startswith(said)
        ]
        assert not twice, f"{lang}: {said!r} opens the feedback of {twice[:5]}"
