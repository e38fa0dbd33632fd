"""Issue 15.7: hostile text is stored clean and whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mglearn.errors import UserError
from mglearn.store import Store, clean_name

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_emoji_with_joiners_keep_their_joiners() -> None:
    family = "Gezin \U0001f468\u200d\U0001f469\u200d\U0001f467"  # one glyph, joined by U+200D
    assert clean_name(family) == family
    assert clean_name("Rood \u2764\ufe0f") == "Rood \u2764\ufe0f"  # variation selector kept


def test_control_and_bidi_override_characters_are_dropped() -> None:
    assert clean_name("Ann\x00a\u202e1202-21-10") == "Anna1202-21-10"
    assert clean_name("\tTab\rCR\n") == "Tab CR"
    with pytest.raises(UserError, match="error.name_empty"):
        clean_name("\u202e\x00\u200b")


def test_assignment_titles_lose_control_characters(store: Store) -> None:
    trainer = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Klas", now=datetime.now(UTC))
    made = store.groups.create_assignment(
        group, "Week\x00 1 \u202etot 01-12", ["functies"], [], T0 + timedelta(days=2), now=T0
    )
    assert made.title == "Week 1 tot 01-12"
    with pytest.raises(UserError, match="error.assignment_title_long"):
        store.groups.create_assignment(group, "x" * 121, ["functies"], [], T0 + timedelta(days=2), now=T0)


def test_a_due_date_in_the_past_is_refused(store: Store) -> None:
    trainer = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Klas", now=datetime.now(UTC))
    with pytest.raises(UserError, match="error.due_past"):
        store.groups.create_assignment(group, "Oud", ["functies"], [], T0 - timedelta(days=1), now=T0)


def test_a_bookmarked_page_opens_or_asks_to_sign_in(store: Store) -> None:
    """Issue 15.7: /overview?learner=... from a bookmark, and /overview without a code, never
    meet Streamlit's "Page not found"."""
    from .test_app import UI, app, texts

    learner = store.learners.create_learner("Bladwijzer", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/overview.py")
    at.query_params["learner"] = learner.code
    assert "Jouw leerpad" in texts(at.run())
    stranger = app()
    stranger.switch_page(f"{UI}/overview.py")
    assert "Begin eerst op de startpagina" in texts(stranger.run())
    assert not stranger.exception


def test_back_after_sign_out_stays_signed_out(store: Store) -> None:
    """Issue 15.7: the code in the tab's history does not sign the learner in again."""
    from .test_app import app, texts

    learner = store.learners.create_learner("Weg", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.sidebar.button[0].click().run()  # Afmelden
    assert "Ingelogd als" not in texts(at)
    at.query_params["learner"] = learner.code  # the Back button brings the old address
    at.run()
    assert "Ingelogd als" not in "\n".join(m.value for m in at.sidebar.markdown)
    at.text_input(key="start_code").input(learner.code)  # typing the code does sign in
    at.button(key="FormSubmitter:resume-Verdergaan").click().run()
    assert "Weg" in "\n".join(m.value for m in at.sidebar.markdown)


def test_nobody_registers_while_the_content_is_broken(
    store: Store, tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from mglearn.content import PROJECT_ROOT

    from .test_app import app, texts

    root = tmp_path / "content"  # type: ignore[operator]
    shutil.copytree(PROJECT_ROOT / "lessons", root / "lessons")
    shutil.copytree(PROJECT_ROOT / "quizzes", root / "quizzes")
    broken = next((root / "quizzes").glob("01-*.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("pass_mark: 0.7", "pass_mark: 7"), "utf-8")
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    at = app()
    assert "De lesinhoud bevat fouten" in texts(at)
    assert not at.text_input  # no name field: nobody can register
    assert store.learners.learner_by_code("MG-2222-2222", now=datetime.now(UTC)) is None


def test_the_heatmap_keeps_learners_with_the_same_name_apart(store: Store) -> None:
    """Issue 15.7: two learners called Sam are two rows, not one merged row."""
    from .test_trainer_workspace import heatmap_rows, trainer_on

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    sams = [store.learners.create_learner("Sam", now=datetime.now(UTC)) for _ in range(2)]
    for sam in sams:
        store.groups.join_group(sam.id, group.join_code, now=datetime.now(UTC))
    rows = heatmap_rows(trainer_on(store, "results"))
    assert len(rows) == 2 and len(set(rows)) == 2
    assert rows == ["Sam (1)", "Sam (2)"]  # a running number, no part of a code (issue 26.9)
