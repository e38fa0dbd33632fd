"""Moodle XML export of the whole bank (issue 28): `mglearn export moodle-xml` and the trainer's
download. The file is read back with lxml (a real XML parser, not the ElementTree that wrote
it) the way Moodle's own importer reads it: question/format/xml/format.php (readquestions,
import_question, import_headers, import_multichoice, import_truefalse, import_match,
import_category), question/type/gapselect/questiontype.php (import_from_xml) and
questiontypebase.php (``[[n]]`` names the n-th choice), and question/engine/bank.php
(fraction_options_full: the only answer weights an import accepts, checked as
match_grade_options does, within 0.00001). Then every question is graded as Moodle grades its
type, from the file alone, and must score what mglearn scores."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from mglearn.__main__ import main
from mglearn.attempts import correct_response, grade
from mglearn.content import Content, Question
from mglearn.content.check import check_root
from mglearn.exports_moodle import moodle_xml
from mglearn.store import Store
from tests.test_gapselect import gap_question, make_root
from tests.test_trainer_workspace import trainer_on

#: question/engine/bank.php, ensure_fraction_options_initialised: the positive weights; their
#: negatives, 0 and -1 complete fraction_options_full.
RAW_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)  # fmt: skip
FRACTIONS = {0.0, -1.0, *RAW_FRACTIONS, *(-f for f in RAW_FRACTIONS)}
MOODLE_TYPE = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
               "matching": "matching", "gapselect": "gapselect"}  # fmt: skip
PLACE = re.compile(r"\[\[(\d+)]]")  # questiontypebase.php: preg_split('/\[\[(\d+)]]/', ...)


def parse(text: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(text.encode("utf-8"), parser)


def path(element: Any, where: str, default: str = "") -> str:
    """format.php getpath(..., istext=true): the node's text, trimmed; the default if absent."""
    found = element.find(where)
    return default if found is None else (found.text or "").strip()


def weight(answer: Any) -> float:
    """import_answer: the fraction attribute / 100, which must match a grade option."""
    share = float(answer.get("fraction", "0")) / 100
    assert any(abs(share - f) < 0.00001 for f in FRACTIONS), f"weight {share} is no Moodle grade option"
    return share


def moodle_reads(root: Any) -> list[dict[str, Any]]:
    """What Moodle's importer takes from the file: one dict per <question>."""
    assert root.tag == "quiz"
    read = []
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            read.append({"type": kind, "category": path(question, "category/text")})
            continue
        item: dict[str, Any] = {
            "type": kind,
            "name": path(question, "name/text"),
            "text": path(question, "questiontext/text"),
            "format": question.find("questiontext").get("format"),
            "feedback": path(question, "generalfeedback/text"),
        }
        assert item["name"], "xmlimportnoname: a question without a name is refused"
        assert item["format"] in ("moodle_auto_format", "html", "plain_text", "wiki_like", "markdown")
        if kind == "multichoice":
            item["single"] = path(question, "single", "true") not in ("false", "")  # trans_single
            item["answers"] = [(path(a, "text"), weight(a)) for a in question.findall("answer")]
        elif kind == "truefalse":
            texts = [path(a, "text") for a in question.findall("answer")]
            assert sorted(texts) == ["false", "true"], "else Moodle assumes true, false in file order"
            right = [path(a, "text") for a in question.findall("answer") if float(a.get("fraction")) == 100]
            assert len(right) == 1
            item["correct"] = right[0]
        elif kind == "matching":
            item["subquestions"] = [
                (path(s, "text"), path(s, "answer/text")) for s in question.findall("subquestion")
            ]
        elif kind == "gapselect":
            choices = [(path(c, "text"), path(c, "group", "1")) for c in question.findall("selectoption")]
            places = [int(n) for n in PLACE.findall(item["text"])]
            assert places and all(1 <= n <= len(choices) for n in places), "a place names no choice"
            item["choices"], item["right"] = choices, [choices[n - 1][0] for n in places]
        else:
            pytest.fail(f"xmltypeunsupported: {kind}")
        read.append(item)
    return read


def moodle_grade(item: dict[str, Any], chosen: list[str | None]) -> float:
    """The fraction Moodle gives for the chosen texts (one per pair or gap for matching and
    gapselect, the ticked answers otherwise): multichoice adds the weights of the ticked answers
    and keeps the sum within 0..1 (one answer: its weight); truefalse is right or wrong;
    matching and gapselect score the share of parts right."""
    if item["type"] == "multichoice":
        weights = dict(item["answers"])
        return max(0.0, min(1.0, sum(weights[c] for c in chosen if c is not None)))
    if item["type"] == "truefalse":
        return float(chosen == [item["correct"]])
    rights = [a for _, a in item["subquestions"]] if item["type"] == "matching" else item["right"]
    return sum(c == r for c, r in zip(chosen, rights, strict=False)) / len(rights)


def chosen_texts(q: Question, response: list[int | None], lang: str) -> list[str | None]:
    """A learner's response in mglearn as the texts Moodle's form would show as chosen."""
    if q.type == "matching":
        return [None if r is None else q.pairs[r].right.get(lang) for r in response]
    if q.type == "true_false":
        return ["true" if q.options[r].text.nl == "Waar" else "false" for r in response if r is not None]
    return [None if r is None else q.options[r].text.get(lang) for r in response]


def random_response(q: Question, rng: random.Random) -> list[int | None]:
    if q.type == "matching":
        return [rng.choice([None, *range(len(q.pairs))]) for _ in q.pairs]
    n = len(q.options)
    if q.type == "gapselect":
        return [rng.choice([None, *range(n)]) for _ in range(sum(o.correct for o in q.options))]
    if q.type == "multiple":
        return rng.sample(range(n), rng.randint(0, n))
    return [rng.randrange(n)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cli_writes_the_bank_as_moodle_reads_it(
    content: Content, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bank.xml"
    assert main(["export", "moodle-xml", "--lang", lang, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    read = moodle_reads(parse(text))
    expected: list[dict[str, Any]] = []
    for lesson in content.lessons:
        quiz = content.quiz_for_lesson(lesson.id)
        assert quiz is not None
        expected.append({"type": "category", "category": f"mglearn/{quiz.id}"})
        expected += [{"name": q.id, "type": MOODLE_TYPE[q.type]} for q in quiz.questions]
    assert [{k: r[k] for k in e} for r, e in zip(read, expected, strict=True)] == expected
    bank = {q.id: q for _, q in content.questions()}
    assert len(bank) == 91 and {q.type for q in bank.values()} == set(MOODLE_TYPE)
    for item in read[1:]:
        if item["type"] == "category":
            continue
        q = bank[item["name"]]
        assert (item["text"], item["feedback"]) == (q.prompt.get(lang), q.explanation.get(lang))
        if item["type"] == "multichoice":
            assert item["single"] == (q.type == "single")
            assert [a for a, _ in item["answers"]] == [o.text.get(lang) for o in q.options]
    assert main(["export", "moodle-xml", "--lang", lang]) == 0  # and to standard output
    assert capsys.readouterr().out == text


def test_moodle_grades_every_question_as_mglearn_does(content: Content) -> None:
    """From the file alone, Moodle's scoring rule of each type gives every response what
    mglearn's own grading gives it: the right answer 1, random ones (blanks, partly right,
    ticking everything) the same fraction."""
    rng = random.Random(28)
    for lang in ("nl", "en"):
        read = {
            r["name"]: r for r in moodle_reads(parse(moodle_xml(content, lang))) if r["type"] != "category"
        }
        for _, q in content.questions():
            item = read[q.id]
            responses = [correct_response(q)] + [random_response(q, rng) for _ in range(25)]
            for response in responses:
                ours = grade(q, response)
                theirs = moodle_grade(item, chosen_texts(q, response, lang))
                assert theirs == pytest.approx(ours, abs=1e-6), (q.id, lang, response)
            assert moodle_grade(item, chosen_texts(q, correct_response(q), lang)) == pytest.approx(1.0)


def test_markup_and_xml_specials_survive_as_text(tmp_path: Path) -> None:
    """A prompt and options with <, &, quotes and a CDATA end read back as written: the file
    stays well-formed and nothing in it is taken as markup."""
    hostile = gap_question(prompt='Kies <b>[[1]]</b> & "[[2]]" ]]> <!-- x -->')
    hostile["options"][2]["text"] = {"nl": "a < b & c ]]>", "en": "a < b & c ]]>"}
    content, problems = check_root(make_root(tmp_path, hostile))
    assert problems == []
    item = moodle_reads(parse(moodle_xml(content, "nl")))[1]
    assert item["text"] == 'Kies <b>[[1]]</b> & "[[2]]" ]]> <!-- x -->'
    assert [c for c, _ in item["choices"]] == ["noten", "groente", "a < b & c ]]>", "zout"]
    assert item["right"] == ["noten", "groente"]


def test_bad_content_is_a_message_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = gap_question(prompt="Geen gaten hier.")
    root = make_root(tmp_path, broken)
    assert main(["export", "moodle-xml", "--root", str(root)]) == 1
    assert "run `.venv/bin/mglearn check` first" in capsys.readouterr().err


def test_the_trainer_downloads_it_beside_gift(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    at = trainer_on(store, "results")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["Vragenbank (Moodle GIFT)", "Vragenbank (Moodle XML)"]
