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
    trainer = store.add_trainer("Tina", "correct horse")
    group = store.create_group(trainer.id, "Klas")
    made = store.create_assignment(
        group, "Week\x00 1 \u202etot 01-12", ["functies"], [], T0 + timedelta(days=2), now=T0
    )
    assert made.title == "Week 1 tot 01-12"
    with pytest.raises(UserError, match="error.assignment_title_long"):
        store.create_assignment(group, "x" * 121, ["functies"], [], T0 + timedelta(days=2), now=T0)


def test_a_due_date_in_the_past_is_refused(store: Store) -> None:
    trainer = store.add_trainer("Tina", "correct horse")
    group = store.create_group(trainer.id, "Klas")
    with pytest.raises(UserError, match="error.due_past"):
        store.create_assignment(group, "Oud", ["functies"], [], T0 - timedelta(days=1), now=T0)
