"""Moodle XML's syntax (Moodle's ``qformat_xml``): the parts every question shares. A type's
module builds its ``<question>`` with :func:`question` and adds its own elements; the whole
bank is :mod:`mglearn.exports_moodle`. Texts are Markdown (``format="markdown"``), as in the
GIFT export; ElementTree escapes them."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..content import Question

MARKDOWN = "markdown"


def text(parent: ET.Element, tag: str, value: str, fmt: str | None = MARKDOWN) -> ET.Element:
    """``<tag format="fmt"><text>value</text></tag>`` under ``parent`` (no format: plain)."""
    element = ET.SubElement(parent, tag, format=fmt) if fmt else ET.SubElement(parent, tag)
    ET.SubElement(element, "text").text = value
    return element


def question(q: Question, lang: str, moodle_type: str) -> ET.Element:
    """``<question type=...>`` with what Moodle's ``import_headers`` reads: the name (the id),
    the question text, the general feedback (the explanation), a default mark of 1 and tags for
    the difficulty and the section."""
    element = ET.Element("question", type=moodle_type)
    text(element, "name", q.id, None)
    text(element, "questiontext", q.prompt.get(lang))
    text(element, "generalfeedback", q.explanation.get(lang))
    ET.SubElement(element, "defaultgrade").text = "1"
    tags = ET.SubElement(element, "tags")
    for tag in (q.difficulty, q.section):
        text(tags, "tag", tag, None)
    return element


def value(parent: ET.Element, tag: str, content: str) -> ET.Element:
    """``<tag>content</tag>`` under ``parent``: a setting such as ``<shuffleanswers>``."""
    element = ET.SubElement(parent, tag)
    element.text = content
    return element


def fraction(share: float) -> str:
    """A Moodle answer weight in percent, 5 decimals at most (``33.33333``): within Moodle's
    tolerance of its grade options, which an import checks."""
    return f"{100 * share:.5f}".rstrip("0").rstrip(".")


def answer(parent: ET.Element, value: str, share: float, feedback: str, fmt: str = MARKDOWN) -> None:
    """``<answer fraction=...><text/><feedback/></answer>``."""
    element = text(parent, "answer", value, fmt)
    element.set("fraction", fraction(share))
    text(element, "feedback", feedback, fmt)


def serialise(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode")
