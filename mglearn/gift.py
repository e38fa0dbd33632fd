"""The question bank as Moodle GIFT (`mglearn export gift`, the trainer's download)."""

from __future__ import annotations

from .content import Content, Question

_GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and the backslash) and newlines."""
    out = "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text.strip())
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def gift_option(text: str) -> str:
    """An option's text after its ``~``: escaped, and one that starts with a percent sign gets
    an explicit weight of nothing first (``%0%``). Moodle reads ``%100%`` at the start of an
    option as its weight and knows no escape for ``%`` (a backslash would show); after a weight
    it reads the rest as text."""
    escaped = gift_escape(text)
    return "%0%" + escaped if escaped.startswith("%") else escaped


def gift_left(text: str) -> str:
    """The left side of a matching pair: escaped, and with ``->`` written ``-\\>``. Moodle
    splits a pair at its first ``->``, so one inside the left side would end it there; the side
    is Markdown (the question's format) and Markdown shows ``\\>`` as ``>``. (The right side
    may keep its ``->``: everything after the first one is the right side.)"""
    return gift_escape(text).replace("->", "-\\>")


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def gift_question(q: Question, lang: str) -> str:
    head = f"// {q.id} ({q.type}, {q.difficulty}, section {q.section})\n"
    head += f"::{gift_escape(q.id)}::[markdown]{gift_escape(q.prompt.get(lang))} {{\n"
    lines: list[str] = []
    if q.type == "matching":
        for pair in q.pairs:
            lines.append(f"\t={gift_left(pair.left.get(lang))} -> {gift_escape(pair.right.get(lang))}")
    elif q.type == "multiple":
        k = sum(o.correct for o in q.options)
        for o in q.options:
            weight = 100 / k if o.correct else -100 / k
            feedback = gift_escape(o.feedback.get(lang))
            lines.append(f"\t~{_weight(weight)}{gift_escape(o.text.get(lang))}#{feedback}")
    else:
        for o in q.options:
            text = gift_escape(o.text.get(lang)) if o.correct else gift_option(o.text.get(lang))
            mark = "=" if o.correct else "~"
            lines.append(f"\t{mark}{text}#{gift_escape(o.feedback.get(lang))}")
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
