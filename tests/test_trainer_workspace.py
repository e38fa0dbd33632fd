"""The trainer's workspace: results for every kind of group, groups management, password,
and downloads that open cleanly in a (Dutch) spreadsheet without running anything."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from mglearn import analytics, exports
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.errors import UserError
from mglearn.store import Store

from .test_app import texts
from .test_trainer_pages import signed_in

UI = "mglearn/ui"
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)"]


def trainer_on(store: Store, page: str, **context: str) -> AppTest:
    if store.trainers.trainer_by_name("Tina") is None:
        store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    at = signed_in(store)
    at.context.update(context)
    at.switch_page(f"{UI}/{page}.py").run()
    assert not at.exception, at.exception
    return at


def all_text(at: AppTest) -> str:
    frames = "\n".join(df.value.to_string() for df in at.dataframe)
    rest = [e.value for kind in ("code", "toast") for e in getattr(at, kind)]
    return "\n".join([texts(at), frames, *map(str, rest), *(e.label for e in at.expander)])


def take_quiz(store: Store, learner_id: int, content: Content, *, right: bool = True) -> None:
    attempt = store.attempts.start_attempt(learner_id, content.quizzes[0], now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        response = correct_response(q)
        if not right and q.type != "matching":  # a distractor (in every gap of a gapselect)
            wrong = next(i for i, o in enumerate(q.options) if not o.correct)
            response = [wrong] * (len(response) if q.type == "gapselect" else 1)
        store.attempts.save_answer(attempt.id, q.id, response, now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))


def heatmap_rows(at: AppTest) -> list[str]:
    """The learners the heatmap lists (its y axis), in order."""
    charts = at.get("vega_lite_chart")
    assert charts, "no heatmap"
    spec = json.loads(charts[0].proto.spec)
    return list(spec["layer"][0]["encoding"]["y"]["scale"]["domain"])


# -- 1. every results view renders an empty group, a group without attempts, a learner without --


def test_results_of_a_new_empty_group(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    store.groups.create_group(tina.id, "Nieuwe groep", now=datetime.now(UTC))
    at = trainer_on(store, "results")
    shown = all_text(at)
    assert "nog geen leerlingen" in shown
    assert "Nog geen ingeleverde pogingen" in shown
    assert len(at.get("download_button")) == 5  # roster, answers, Excel, GIFT, Moodle XML


def test_results_of_a_group_without_attempts(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    for name in ("Bram", "Anna"):
        learner = store.learners.create_learner(name, now=datetime.now(UTC))
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    store.attempts.start_attempt(
        learner.id, content.quizzes[0], now=datetime.now(UTC)
    )  # open, never submitted
    at = trainer_on(store, "results")
    roster = at.dataframe[0].value
    assert list(roster["Leerling"]) == ["Anna", "Bram"]
    assert list(roster["Gemiddelde beste score (%)"]) == ["–", "–"]
    assert "nog bezig" in at.dataframe[1].value.to_string()  # Anna's open attempt
    at.selectbox(key="results_learner").set_value(store.groups.members(group.id)[1].id).run()
    assert "Bram heeft nog geen toets gemaakt" in all_text(at)
    for bad in ("None", "NaT", "nan", "+00:00"):
        assert bad not in roster.to_string()
    assert heatmap_rows(at) == ["Anna", "Bram"]  # learners without attempts are in the heatmap too


def test_learner_detail_speaks_the_trainers_language(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    done, idle = (
        store.learners.create_learner("Dana", now=datetime.now(UTC)),
        store.learners.create_learner("Ilse", now=datetime.now(UTC)),
    )
    for learner in (done, idle):
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, done.id, content)
    at = trainer_on(store, "results")
    at.selectbox(key="results_learner").set_value(done.id).run()
    detail = at.dataframe[1].value
    assert list(detail.columns) == [
        "Toets",
        "Poging",
        "Begonnen",
        "Ingeleverd",
        "Score poging (%)",
        "Vraag",
        "Gekozen antwoord",
        "Score vraag (%)",
        "Beantwoord op",
    ]
    attempt = store.attempts.learner_attempts(done.id)[0]
    first = store.attempts.questions_of(attempt)[0][1]
    row = detail[detail["Vraag"] == first.prompt.nl].iloc[0]
    assert row["Gekozen antwoord"] == exports.response_text(first, correct_response(first), "nl")
    assert row["Gekozen antwoord"] != json.dumps(correct_response(first))
    assert row["Toets"] == content.quizzes[0].title.nl
    for column in ("Begonnen", "Ingeleverd", "Beantwoord op"):
        assert detail[column].str.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d").all()
    assert "None" not in detail.to_string() and "+00:00" not in detail.to_string()
    items = at.dataframe[2].value
    assert "p-waarde (aandeel goed)" in items.columns and "nan" not in items.to_string()

    at.selectbox(key="results_learner").set_value(idle.id).run()
    assert not at.exception
    assert "Ilse heeft nog geen toets gemaakt" in all_text(at)

    en = trainer_on(store, "results")
    en.session_state["lang"] = "en"
    en.run()
    assert "Chosen answer" in en.dataframe[1].value.columns or "Learner" in en.dataframe[0].value.columns


# -- 3. downloads: xlsx and BOM CSV read back; formula injection neutralised in both --


def test_neutraliser() -> None:
    for text in [*INJECTIONS, "\tname", "\rname", "-", "="]:
        assert exports.neutralise(text) == "'" + text
        assert exports.sheet_value(text) == "'" + text
    for text in ("Anna", "3B", "a=b", "", "'quoted"):
        assert exports.neutralise(text) == text
    assert exports.sheet_value(-1) == -1 and exports.sheet_value(-0.5) == -0.5  # numbers stay numbers
    assert exports.sheet_value(None) is None and exports.sheet_value(float("nan")) is None
    assert exports.sheet_value(pd.NaT) is None
    assert exports.csv_text([{"a": "=1+1"}], ["a"]) == "a\n'=1+1\n"


def test_exports_open_in_a_dutch_spreadsheet_and_run_nothing(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    learners = [store.learners.create_learner(name, now=datetime.now(UTC)) for name in INJECTIONS]
    for learner in learners:
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, learners[0].id, content)
    take_quiz(store, learners[1].id, content, right=False)
    ids = [m.id for m in store.groups.members(group.id)]
    attempts = store.groups.group_attempts(ids)
    roster = exports.roster_sheet(analytics.roster(store.groups.members(group.id), [], attempts, {}), "nl")
    versions = {a.id: {q.id: q for _, q in store.attempts.questions_of(a)} for a in attempts}
    titles = {q.id: q.title.nl for q in content.quizzes}
    answers = exports.answers_sheet(store.attempts.answer_rows(ids), versions, titles, "nl")
    per_quiz = [(q, pd.DataFrame(store.groups.responses(q.id, ids))) for q in content.quizzes]
    items = exports.items_sheet(per_quiz, "nl")

    raw = exports.csv_bytes(answers, "nl", "Europe/Amsterdam")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {r["Leerling"] for r in rows} == {"'" + INJECTIONS[0], "'" + INJECTIONS[1]}
    assert all(r["Begonnen"][2] == "-" and "+00:00" not in r["Begonnen"] for r in rows)
    first = store.attempts.questions_of(attempts[0])[0][1]
    assert exports.response_text(first, correct_response(first), "nl") in {
        r["Gekozen antwoord"] for r in rows
    }
    roster_rows = list(
        csv.reader(io.StringIO(exports.csv_bytes(roster, "nl").decode("utf-8-sig")), delimiter=";")
    )
    assert sorted(r[0] for r in roster_rows[1:]) == sorted("'" + n for n in INJECTIONS)
    for line in roster_rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line)

    book = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes([roster, answers, items], "Europe/Amsterdam"))
    )
    assert book.sheetnames == ["Deelnemers", "Antwoorden", "Vraaganalyse"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    names = [c.value for c in book["Deelnemers"]["A"][1:]]
    assert sorted(names) == sorted("'" + n for n in INJECTIONS)
    started = book["Antwoorden"]["D2"]
    assert book["Antwoorden"]["D1"].value == "Begonnen"
    assert isinstance(started.value, datetime) and started.number_format == exports.DATE_FORMAT
    assert book["Vraaganalyse"].max_row > 1


def take_exam(store: Store, learner_id: int, content: Content) -> int:
    """A passed exam with its certificate, submitted after everything else the learner did."""
    exam = store.exams.start_exam(learner_id, content, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(exam):
        store.attempts.save_answer(exam.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(exam.id, now=datetime.now(UTC))
    store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    return exam.id


def test_exports_and_last_activity_carry_exams_and_certificates(store: Store, content: Content) -> None:
    """Issue 26 item 18: the roster (CSV, xlsx, the page) had no exam result or certificate
    code, "Laatste activiteit" ignored exams, and the workbook had no exams at all."""
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    eva, bob = (
        store.learners.create_learner("Eva", now=datetime.now(UTC)),
        store.learners.create_learner("Bob", now=datetime.now(UTC)),
    )
    for learner in (eva, bob):
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, eva.id, content)
    exam = store.attempts.attempt(take_exam(store, eva.id, content))
    (cert,) = store.certificates.certificates_of([eva.id])

    at = trainer_on(store, "results")
    shown = at.dataframe[0].value
    row = shown[shown["Leerling"] == "Eva"].iloc[0]
    assert row["Beste examen (%)"] == "100" and row["Certificaat"] == cert.code
    assert shown[shown["Leerling"] == "Bob"].iloc[0]["Certificaat"] == "–"

    members = store.groups.members(group.id)
    ids = [m.id for m in members]
    exams, certs = (
        store.exams.group_exams(ids, now=datetime.now(UTC)),
        store.certificates.certificates_of(ids),
    )
    table = analytics.roster(members, [], store.groups.group_attempts(ids), {}, exams, certs)
    last = dict(zip(table["name"], table["last_activity"], strict=True))
    assert last["Eva"] == exam.submitted_at and last["Bob"] is None  # the exam, after the quiz
    roster = exports.roster_sheet(table, "nl")
    raw = exports.csv_bytes(roster, "nl").decode("utf-8-sig")
    eva_row = next(r for r in csv.DictReader(io.StringIO(raw), delimiter=";") if r["Leerling"] == "Eva")
    assert eva_row["Certificaat"] == cert.code and eva_row["Beste examen (%)"] == "100"
    sheet = exports.exams_sheet(exams, certs, {m.id: m.name for m in members}, "nl")
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes([roster, sheet])))
    assert book.sheetnames == ["Deelnemers", "Examens"]
    values = [[c.value for c in r] for r in book["Examens"].iter_rows()]
    assert values[0][:4] == ["Leerling", "Ingeleverd", "Score (%)", "Gehaald"]
    assert values[1][0] == "Eva" and values[1][2] == 100 and cert.code in values[1]


def test_injection_in_group_and_assignment_titles_is_neutralised_too() -> None:
    sheet = exports.Sheet("=evil", ["=kop"], [["\tgroep", "-1+2", 3.5, None]])
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes([sheet])))
    assert book.sheetnames == ["=evil"]  # a sheet name is no formula
    assert [c.value for c in book.active[1]][0] == "'=kop"
    assert [c.value for c in book.active[2]][:3] == ["'\tgroep", "'-1+2", 3.5]
    text = exports.csv_bytes(sheet, "nl").decode("utf-8-sig")
    assert text.splitlines() == ["'=kop", "'\tgroep;'-1+2;3,5;"]


# -- 5. the groups page --


def test_join_link_is_whole_and_built_from_the_apps_address(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    at = trainer_on(store, "groups", url="https://leren.example.nl/groups")
    assert [c.value for c in at.code] == [f"https://leren.example.nl/?join={group.join_code}"]
    assert "0 leerlingen" in at.expander[0].label


def test_rename_and_delete_group_with_confirmation(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Oud", now=datetime.now(UTC))
    learner = store.learners.create_learner("Lotte", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, learner.id, content)
    at = trainer_on(store, "groups")
    assert "1 leerling" in at.expander[0].label and "leerlingen" not in at.expander[0].label
    at.text_input(key=f"rename_name_{group.id}").input("**Nieuw** [x](http://e.nl)")
    at.button(key=f"FormSubmitter:rename_{group.id}-Naam wijzigen").click().run()
    assert store.groups.group(group.id, tina.id).name == "**Nieuw** [x](http://e.nl)"
    assert "\\*\\*Nieuw\\*\\*" in at.expander[0].label  # shown as text, not bold
    assert all("**Nieuw**" not in str(toast.value) for toast in at.toast)

    at.button(key=f"del_g_{group.id}").click().run()
    warning = "\n".join(w.value for w in at.warning)
    assert "houden al hun antwoorden" in warning
    assert store.groups.groups_of(tina.id)  # nothing deleted before the confirmation
    at.button(key=f"del_gc_{group.id}_yes").click().run()
    assert not at.exception
    assert store.groups.groups_of(tina.id) == []
    assert store.attempts.learner_attempts(learner.id)  # the learner keeps every answer
    assert "Je hebt nog geen groepen" in all_text(at)


def test_cancel_keeps_the_group(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Blijft", now=datetime.now(UTC))
    at = trainer_on(store, "groups")
    at.button(key=f"del_g_{group.id}").click().run()
    at.button(key=f"del_gc_{group.id}_no").click().run()
    assert not at.warning and store.groups.groups_of(tina.id)


def test_edit_and_delete_an_assignment(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    due = datetime.now(UTC) + timedelta(days=5)
    a = store.groups.create_assignment(
        group, "Week 1", [content.lessons[0].id], [], due, now=datetime.now(UTC)
    )
    at = trainer_on(store, "groups")
    at.button(key=f"edit_{a.id}").click().run()
    form = f"edit_form_{a.id}"
    at.text_input(key=f"{form}_title").input("Week 2")
    at.multiselect(key=f"{form}_quiz").set_value([content.quizzes[0].id])
    at.number_input(key=f"{form}_mark").set_value(80)
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.exception
    (changed,) = store.groups.assignments([group.id])
    assert changed.title == "Week 2" and changed.quizzes == (content.quizzes[0].id,)
    assert changed.pass_mark == 0.8 and changed.due_at == a.due_at  # the date was left as it was

    at.button(key=f"del_a_{a.id}").click().run()
    assert "Week 2" in "\n".join(w.value for w in at.warning)
    assert store.groups.assignments([group.id])
    at.button(key=f"del_ac_{a.id}_yes").click().run()
    assert store.groups.assignments([group.id]) == []


def test_due_date_in_the_past_is_refused(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    at = trainer_on(store, "groups")
    form = f"assignment_{group.id}"
    at.text_input(key=f"{form}_title").input("Te laat")
    at.multiselect(key=f"{form}_les").set_value([content.lessons[0].id])
    at.date_input(key=f"{form}_due").set_value(datetime.now(UTC).date() - timedelta(days=2))
    at.button(key=f"FormSubmitter:{form}-Opdracht toevoegen").click().run()
    assert "Die inleverdatum ligt in het verleden" in "\n".join(e.value for e in at.error)
    assert store.groups.assignments([group.id]) == []
    assert at.text_input(key=f"{form}_title").value == "Te laat"  # the form keeps what was typed
    at.date_input(key=f"{form}_due").set_value(datetime.now(UTC).date() + timedelta(days=1))
    at.button(key=f"FormSubmitter:{form}-Opdracht toevoegen").click().run()
    assert [a.title for a in store.groups.assignments([group.id])] == ["Te laat"]
    assert at.text_input(key=f"{form}_title").value == ""  # emptied after it was added


def test_remove_a_member(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    stay, go = (
        store.learners.create_learner("Blijft", now=datetime.now(UTC)),
        store.learners.create_learner("_Gaat_", now=datetime.now(UTC)),
    )
    for learner in (stay, go):
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    take_quiz(store, go.id, content)
    at = trainer_on(store, "groups")
    at.selectbox(key=f"rm_who_{group.id}").set_value(go.id)
    at.button(key=f"rm_{group.id}").click().run()
    assert "\\_Gaat\\_" in "\n".join(w.value for w in at.warning)
    at.button(key=f"rmc_{group.id}_yes").click().run()
    assert [m.name for m in store.groups.members(group.id)] == ["Blijft"]
    assert store.attempts.learner_attempts(go.id)


# -- 6. the trainer's own password --


def change_password(at: AppTest, old: str, new: str, again: str) -> AppTest:
    at.text_input(key="pw_old").input(old)
    at.text_input(key="pw_new").input(new)
    at.text_input(key="pw_repeat").input(again)
    return at.button(key="FormSubmitter:change_password-Wachtwoord wijzigen").click().run()


def test_change_password_ends_every_session(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    other_device = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    at = trainer_on(store, "groups")
    assert "De wachtwoorden zijn niet gelijk" in texts(
        change_password(at, "correct horse", "n1 battery", "n2")
    )
    assert "Je huidige wachtwoord klopt niet" in texts(
        change_password(at, "wrong", "new battery", "new battery")
    )
    assert "minstens" in texts(change_password(at, "correct horse", "kort", "kort"))
    shown = texts(change_password(at, "correct horse", "staple battery", "staple battery"))
    assert "Je wachtwoord is gewijzigd" in shown and "overal afgemeld" in shown
    assert store.trainers.session_trainer(other_device, now=datetime.now(UTC)) is None
    with pytest.raises(UserError):
        store.trainers.sign_in_trainer("Tina", "correct horse", now=datetime.now(UTC))
    assert store.trainers.sign_in_trainer("Tina", "staple battery", now=datetime.now(UTC)).id == tina.id
    at.run()  # the next click: this tab is signed out too
    assert not at.exception and "Groepen en opdrachten" not in texts(at)


def test_roster_without_reads_or_attempts(store: Store) -> None:
    learner = store.learners.create_learner("Nieuw", now=datetime.now(UTC))
    table = analytics.roster([learner], [], [], {})
    assert list(table["name"]) == ["Nieuw"] and table["last_activity"].iloc[0] is None
    assert analytics.roster([], [], []).empty
