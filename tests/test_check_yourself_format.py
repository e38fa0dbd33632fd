"""The lesson format's "check yourself" items (issue 30): a section's ``check`` list holds
questions in the quiz format; their section is the enclosing one unless written."""

from mglearn.content.models import Lesson


def _lesson(check: list[dict]) -> dict:
    text = {"nl": "t", "en": "t"}
    return {
        "id": "l",
        "order": 1,
        "title": text,
        "minutes": 1,
        "source": "s",
        "sections": [{"id": "deel-een", "title": text, "body": text, "check": check}],
    }


def _item(**extra: object) -> dict:
    text = {"nl": "t", "en": "t"}
    return {
        "id": "l-c01",
        "type": "true_false",
        "difficulty": "easy",
        "prompt": text,
        "options": [
            {"text": {"nl": "Waar", "en": "True"}, "correct": True, "feedback": text},
            {"text": {"nl": "Niet waar", "en": "False"}, "feedback": text},
        ],
        "explanation": text,
        **extra,
    }


def test_a_check_item_belongs_to_its_section_unless_the_author_says_otherwise() -> None:
    lesson = Lesson.model_validate(_lesson([_item(), _item(id="l-c02", section="elders")]))
    assert [q.section for q in lesson.sections[0].check] == ["deel-een", "elders"]


def test_a_section_without_checks_has_none() -> None:
    lesson = Lesson.model_validate(_lesson([]))
    assert lesson.sections[0].check == []
