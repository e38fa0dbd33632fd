"""The question bank as Moodle XML (`mglearn export moodle-xml`, the trainer's download): a
``<question type="category">`` per quiz, in lesson order, then its questions, each written by
its type's module (``moodle_xml`` in mglearn/questions/). The format is Moodle's
``qformat_xml`` (https://docs.moodle.org/en/Moodle_XML_format)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .content import Content
from .questions import moodle_syntax as mx
from .questions.registry import kind

CATEGORY_ROOT = "mglearn"  # as the GIFT export's $CATEGORY: mglearn/<quiz>


def category(path: str) -> str:
    element = ET.Element("question", type="category")
    mx.text(element, "category", path, None)
    return mx.serialise(element)


def moodle_xml(content: Content, lang: str = "nl") -> str:
    """The whole question bank, one category per quiz, in lesson order."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for lesson in content.lessons:
        quiz = content.quiz_for_lesson(lesson.id)
        if quiz is None:
            continue
        parts.append(category(f"{CATEGORY_ROOT}/{quiz.id}"))
        parts.extend(kind(q.type).moodle_xml(q, lang) for q in quiz.questions)
    parts.append("</quiz>\n")
    return "\n".join(parts)
