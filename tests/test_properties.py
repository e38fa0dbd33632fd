"""Issue 20, hostile input: property-based tests (hypothesis) of the grader, the content loader
and the store's input cleaning. Each says what any input gives: a result within bounds, or a
refusal the caller knows how to show (an exception named here), never another exception."""

from __future__ import annotations

import copy
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mglearn.attempts import InvalidResponse, grade, score_quiz, valid_response
from mglearn.content import PROJECT_ROOT, Content, Problem, Question, load_content
from mglearn.content.check import check_root
from mglearn.errors import UserError
from mglearn.store import Store
from mglearn.store.base import MAX_NAME, clean_name, clean_text
from mglearn.store.groups import MAX_TITLE

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BANK: list[Question] = [q for _, q in load_content(PROJECT_ROOT).content.questions()]
BY_TYPE = {
    kind: next(q for q in BANK if q.type == kind) for kind in ("single", "multiple", "true_false", "matching")
}

# -- the grader --

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.binary(max_size=5),
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
)
responses = st.one_of(
    anything,
    st.lists(st.one_of(st.none(), st.integers(min_value=-3, max_value=8)), max_size=12),  # near-valid
    st.lists(st.integers(min_value=0, max_value=5), min_size=300, max_size=1000),  # huge
    st.tuples(st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=5)),
)


@FAST
@given(question=st.sampled_from(BANK), response=responses)
def test_the_grader_gives_a_score_between_0_and_1_or_refuses(question: Question, response: Any) -> None:
    try:
        score = grade(question, response)
    except InvalidResponse:
        return
    assert isinstance(score, float) and 0.0 <= score <= 1.0


@FAST
@given(response=anything)
def test_wrong_types_are_refused_not_scored(response: Any) -> None:
    """A response that is not a list of whole numbers (or blanks) is refused by name, whatever
    it holds: ``[True]`` is not option 1 and ``["0"]`` is not option 0."""
    ok = isinstance(response, list | tuple) and all(
        r is None or (isinstance(r, int) and not isinstance(r, bool)) for r in response
    )
    for question in BY_TYPE.values():
        if ok or response is None:
            assert 0.0 <= grade(question, response) <= 1.0
        else:
            with pytest.raises(InvalidResponse):
                grade(question, response)


def test_booleans_and_floats_never_score_as_option_numbers() -> None:
    single = BY_TYPE["single"]
    key = next(i for i, o in enumerate(single.options) if o.correct)
    assert grade(single, [key]) == 1.0
    for fake in ([float(key)], [key == 1], [str(key)]):
        with pytest.raises(InvalidResponse):
            grade(single, fake)
    with pytest.raises(InvalidResponse):
        grade(single, 5)  # type: ignore[arg-type]
    assert issubclass(InvalidResponse, UserError)  # a refusal the pages know how to show


@FAST
@given(response=st.lists(st.integers(min_value=-(2**40), max_value=2**40) | st.none(), max_size=50))
def test_a_valid_response_grades_and_a_graded_quiz_stays_in_bounds(response: list[int | None]) -> None:
    for question in BY_TYPE.values():
        score = grade(question, response)
        assert 0.0 <= score <= 1.0
        if valid_response(question, response):
            assert 0.0 <= score <= 1.0
    result = score_quiz(list(BY_TYPE.values()), {q.id: response for q in BY_TYPE.values()}, 0.7)
    assert 0.0 <= result.score <= 1.0


# -- the content loader --

LESSON = yaml.safe_load((PROJECT_ROOT / "lessons" / "01-functies.yaml").read_text("utf-8"))
QUIZ = yaml.safe_load(next((PROJECT_ROOT / "quizzes").glob("01-*.yaml")).read_text("utf-8"))

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["nl", "en", "id", "single", "matching", "easy", "true", "", "~", "0.7"]),
)
trees = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "nl", "en", "title", "x", "type", "options"]) | st.text(max_size=4),
            inner,
            max_size=4,
        )
    ),
    max_leaves=25,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, here + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, here + (i,))


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """A real document with a few nodes replaced by any tree, deleted, or duplicated."""
    doc = copy.deepcopy(base)
    paths = list(_paths(doc))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths))
        if not path:
            return draw(trees)
        parent = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            how = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if how == "replace":
                parent[path[-1]] = draw(trees)
            elif how == "delete":
                del parent[path[-1]]
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        except (KeyError, IndexError, TypeError):
            continue
    return doc


def _load(lesson: Any, quiz: Any, raw: str | None = None) -> tuple[Content, list[Problem]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "lessons").mkdir()
        (root / "quizzes").mkdir()
        (root / "lessons" / "01-les.yaml").write_text(yaml.safe_dump(lesson, allow_unicode=True), "utf-8")
        (root / "quizzes" / "01-quiz.yaml").write_text(
            raw if raw is not None else yaml.safe_dump(quiz, allow_unicode=True), "utf-8"
        )
        loaded = load_content(root)
        assert all(isinstance(p, Problem) for p in loaded.problems)
        return check_root(root)


def _assert_error_or_bank(content: Content, problems: list[Problem]) -> None:
    assert all(isinstance(p, Problem) and str(p) for p in problems)
    if not problems:  # a valid bank: every lesson has sections, every quiz questions
        assert content.lessons and content.quizzes
        assert all(q.questions for q in content.quizzes)


@SLOW
@given(lesson=trees, quiz=trees)
def test_any_yaml_tree_gives_problems_or_a_bank(lesson: Any, quiz: Any) -> None:
    _assert_error_or_bank(*_load(lesson, quiz))


@SLOW
@given(lesson=mutated(LESSON), quiz=mutated(QUIZ))
def test_a_mutated_real_document_gives_problems_or_a_bank(lesson: Any, quiz: Any) -> None:
    _assert_error_or_bank(*_load(lesson, quiz))


@SLOW
@given(raw=st.text(max_size=200))
def test_any_text_as_a_yaml_file_gives_problems_or_a_bank(raw: str) -> None:
    _assert_error_or_bank(*_load(LESSON, None, raw=raw))


# -- the store's input cleaning --

hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(st.characters(codec="utf-8"), max_size=80),
    st.text(st.sampled_from("a \x00\t\n\r\u202e\u200d\u200b\ufeff\U0001f468\u0301e\u2028\x85"), max_size=80),
)


def _clean_or_refused(text: str, limit: int) -> str | None:
    try:
        cleaned = clean_text(text, limit, "e.empty", "e.long")
    except UserError as err:
        assert err.key in ("e.empty", "e.long")
        return None
    assert cleaned and len(cleaned) <= limit
    assert "\x00" not in cleaned and cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in cleaned)
    assert "\u202e" not in cleaned
    assert clean_text(cleaned, limit, "e.empty", "e.long") == cleaned  # cleaning twice changes nothing
    return cleaned


@FAST
@given(text=hostile_text, limit=st.integers(min_value=1, max_value=120))
def test_clean_text_stores_clean_bounded_text_or_refuses(text: str, limit: int) -> None:
    _clean_or_refused(text, limit)


@pytest.fixture(scope="module")
def one_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        s = Store(f"sqlite:///{Path(tmp) / 'p.sqlite3'}")
        yield s
        s.dispose()


@SLOW
@given(name=hostile_text, title=hostile_text)
def test_names_groups_and_assignments_are_stored_as_cleaned_or_refused(
    one_store: Store, name: str, title: str
) -> None:
    from datetime import timedelta

    now = datetime(2026, 3, 1, tzinfo=UTC)
    expected = _clean_or_refused(name, MAX_NAME)
    try:
        learner = one_store.learners.create_learner(name, now=datetime.now(UTC))
    except UserError:
        assert expected is None
    else:
        assert one_store.learners.learner(learner.id).name == expected
    trainer = one_store.trainers.trainer_by_name("Tina") or one_store.trainers.add_trainer(
        "Tina", "correct horse", now=datetime.now(UTC)
    )
    try:
        group = one_store.groups.create_group(trainer.id, name, now=datetime.now(UTC))
    except UserError:
        assert expected is None
        group = one_store.groups.create_group(trainer.id, "Klas", now=datetime.now(UTC))
    else:
        assert one_store.groups.group(group.id, trainer.id).name == expected
    want_title = _clean_or_refused(title, MAX_TITLE)
    try:
        made = one_store.groups.create_assignment(
            group, title, ["functies"], [], now + timedelta(days=1), now=now
        )
    except UserError:
        assert want_title is None
    else:
        assert made.title == want_title
        assert [a.title for a in one_store.groups.assignments([group.id]) if a.id == made.id] == [want_title]


def test_clean_name_refuses_blank_and_over_long_names() -> None:
    with pytest.raises(UserError, match="error.name_empty"):
        clean_name("\x00\u202e \u200b")
    with pytest.raises(UserError, match="error.name_long"):
        clean_name("x" * 10_000)
