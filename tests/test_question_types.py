"""Every registered question type implements the whole protocol (mglearn/questions/base.py),
has its widgets (mglearn/ui/question_types.py), and names only item rules and test-wise
strategy families that exist: a new type is its module plus one registry line."""

from __future__ import annotations

import random
import typing

import pytest

from mglearn import content, practice
from mglearn.attempts import Drawn, correct_response, grade, shown_order, valid_response
from mglearn.content import Content, itemrules, testwise
from mglearn.questions.base import QuestionKind
from mglearn.questions.registry import TYPES, kind
from mglearn.ui.question_types import WIDGETS, Widgets

MEMBERS = sorted(
    name for name in dir(QuestionKind) if not name.startswith("_") and name not in dir(typing.Protocol)
)


def test_the_protocol_names_every_hook() -> None:
    assert set(MEMBERS) == {
        "FAST_SECONDS", "ITEM_RULES", "TESTWISE", "DISTRACTORS", "shown_order", "is_answered",
        "valid_response", "grade", "correct_response", "response_text", "answer_text", "gift_answers",
        "moodle_xml", "check",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_type_implements_the_whole_protocol(name: str) -> None:
    module = TYPES[name]
    for member in MEMBERS:
        assert hasattr(module, member), f"{name} lacks {member}"
        if member.islower():
            assert callable(getattr(module, member)), f"{name}.{member} is not a function"
    assert isinstance(module.FAST_SECONDS, float) and module.FAST_SECONDS > 0
    assert isinstance(module.DISTRACTORS, bool)
    assert all(isinstance(rule, str) for rule in module.ITEM_RULES)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_type_has_its_widgets_and_rating(name: str) -> None:
    assert isinstance(WIDGETS[name], Widgets)
    assert practice.FAST_SECONDS[name] == kind(name).FAST_SECONDS


def test_the_registry_and_the_content_model_know_the_same_types() -> None:
    assert set(typing.get_args(content.QuestionType)) == set(TYPES) == set(WIDGETS)


def test_item_rules_and_testwise_families_exist() -> None:
    families = {family for _, family, _ in testwise.STRATEGIES} | {"key_count"}
    for name, module in TYPES.items():
        for rule in module.ITEM_RULES:
            assert callable(getattr(itemrules._Rules, rule, None)), f"{name}: no item rule {rule}"
        assert set(module.TESTWISE) <= families, name


def test_the_bank_right_answer_grades_1_and_is_valid(content: Content) -> None:
    """Through the registry, on every question of the bank: the right answer is valid, scores 1;
    its shown order is a permutation of its options (or right-hand sides)."""
    seen = set()
    for _, q in content.questions():
        seen.add(q.type)
        right = correct_response(q)
        assert valid_response(q, right) and grade(q, right) == 1.0, q.id
        order = shown_order(q, random.Random(1))
        assert sorted(order) == list(range(len(q.pairs) if q.pairs else len(q.options)))
        Drawn(q.id, q.version, order)
        for lang in ("nl", "en"):
            assert kind(q.type).response_text(q, right, lang) != "–"
            assert kind(q.type).gift_answers(q, lang)
            assert kind(q.type).moodle_xml(q, lang).startswith("<question type=")
    assert {"single", "multiple", "true_false", "matching", "gapselect"} <= seen <= set(TYPES)


def test_a_question_of_each_type_checks_clean_through_its_module(content: Content) -> None:
    problems: list[tuple[str, tuple[object, ...]]] = []
    for _, q in content.questions():
        kind(q.type).check(q, lambda message, *where, _q=q: problems.append((f"{_q.id}: {message}", where)))
    assert problems == []
