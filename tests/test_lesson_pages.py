"""A lesson one section at a time (issue 30): a reading mode the learner chooses ("Eén deel per
scherm"), on by default for a phone's browser; "Vorige"/"Volgende" page through the sections,
the key points and "Markeer als gelezen" come with the last one, and reading is stored as
before (mark_read)."""

from __future__ import annotations

from datetime import UTC, datetime

from mglearn.content import Content
from mglearn.store import Store

from .test_app import UI, app, texts


def headers(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.value for h in at.header]


def paged(store: Store, content: Content, **query: str):  # type: ignore[no-untyped-def]
    learner = store.learners.create_learner("Bram", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = content.lessons[0].id
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    at.segmented_control(key="lesson_mode").set_value("paged").run()
    assert not at.exception
    return at, learner


def test_a_lesson_shows_every_section_unless_paged(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Bram", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = content.lessons[0].id
    at.run()
    lesson = content.lessons[0]
    assert [s.title.nl for s in lesson.sections] == [
        h for h in headers(at) if h in {s.title.nl for s in lesson.sections}
    ]
    assert at.segmented_control(key="lesson_mode").value == "all"


def test_paging_through_a_lesson_and_marking_it_read(store: Store, content: Content) -> None:
    lesson = content.lessons[0]
    titles = [s.title.nl for s in lesson.sections]
    assert len(titles) >= 2
    at, learner = paged(store, content)
    n = len(titles)
    for step, title in enumerate(titles):
        shown = [h for h in headers(at) if h in titles]
        assert shown == [title]  # one section at a time
        assert f"Deel {step + 1} van {n}" in texts(at)
        labels = [b.label for b in at.button]
        back = next(b for b in at.button if b.label == "Vorige")
        assert back.disabled == (step == 0)
        if step < n - 1:
            assert "Markeer als gelezen" not in labels  # read to the end first
            assert lesson.id not in store.learners.reads(learner.id)
            next(b for b in at.button if b.label == "Volgende").click().run()
            assert not at.exception
    assert not any(b.label == "Volgende" and not b.disabled for b in at.button)
    next(b for b in at.button if b.label == "Vorige").click().run()
    assert [h for h in headers(at) if h in titles] == [titles[-2]]
    next(b for b in at.button if b.label == "Volgende").click().run()
    next(b for b in at.button if b.label == "Markeer als gelezen").click().run()
    assert lesson.id in store.learners.reads(learner.id)  # stored as before


def test_a_review_link_opens_its_section_when_paged(store: Store, content: Content) -> None:
    lesson = content.lessons[0]
    target = lesson.sections[-1]
    at, _ = paged(store, content, section=target.id)
    assert [h for h in headers(at) if h in {s.title.nl for s in lesson.sections}] == [target.title.nl]


def test_a_phones_browser_reads_one_section_at_a_time_by_default() -> None:
    from mglearn.ui.state import phone_agent

    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
    laptop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
    assert phone_agent(iphone) and phone_agent(android)
    assert not phone_agent(laptop) and not phone_agent("")
