"""The question bank as Moodle GIFT (`mglearn export gift`, the trainer's download)."""

from __future__ import annotations

from .content import Content, Question
from .questions.gift_syntax import gift_escape as gift_escape
from .questions.gift_syntax import gift_left as gift_left
from .questions.gift_syntax import gift_option as gift_option
from .questions.registry import kind


def gift_question(q: Question, lang: str) -> str:
    head = f"// {q.id} ({q.type}, {q.difficulty}, section {q.section})\n"
    head += f"::{gift_escape(q.id)}::[markdown]{gift_escape(q.prompt.get(lang))} {{\n"
    lines = kind(q.type).gift_answers(q, lang)
    lines.append(f"\t####{gift_escape(q.explanation.get(lang))}")
    return head + "\n".join(lines) + "\n}\n"


def gift(content: Content, lang: str = "nl") -> str:
    """The whole question bank, one $CATEGORY per quiz, in lesson order."""
    parts = []
    for lesson in content.lessons:
        quiz = content.quiz_for_lesson(lesson.id)
        if quiz is None:
            continue
        parts.append(f"$CATEGORY: mglearn/{quiz.id}\n")
        parts.extend(gift_question(q, lang) for q in quiz.questions)
    return "\n".join(parts)
