"""Issue 20, hostile input: names and free text are stored intact (cleaned) or refused, and shown
as text everywhere: learner pages, trainer tables, toasts, downloads, the certificate PDF and
/verify/<code>."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mglearn import analytics, exports, gift, web
from mglearn.certificates.pdf import certificate_pdf
from mglearn.content import Content
from mglearn.errors import UserError
from mglearn.store import MAX_NAME, Store, clean_name
from mglearn.ui.widgets import md_escape

from .test_app import app, texts
from .test_certificates import passed
from .test_trainer_workspace import all_text, trainer_on

HOSTILE = {
    "html": "<img src=x onerror=alert(1)>",
    "markdown": "**vet** [klik](javascript:alert(1)) # kop",
    "latex": "$\\frac{1}{2}$ Ann",
    "emoji": "Gezin \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "rtl": "Anna\u202egnp.exe",
    "control": "Bo\x00b\x07\x1b[31m",
    "formula": '=HYPERLINK("http://x","y")',
}
REFUSED = {"empty": "", "blank": " \u200b\x00\u202e ", "long": "x" * 10_000}


@pytest.mark.parametrize("kind", REFUSED)
def test_empty_blank_and_huge_names_are_refused_with_a_message(store: Store, kind: str) -> None:
    with pytest.raises(UserError, match="error.name_empty" if kind != "long" else "error.name_long"):
        store.learners.create_learner(REFUSED[kind], now=datetime.now(UTC))
    if kind == "long":  # the field takes at most 60 characters; the store refuses more (above)
        return
    at = app()
    at.text_input(key="start_name").input(REFUSED[kind])
    at.button(key="FormSubmitter:new_learner-Beginnen").click().run()
    assert not at.exception and "Vul een naam in" in texts(at)
    with store.db.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from learners").scalar_one() == 0


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_name_is_stored_clean_and_shown_as_text(store: Store, kind: str) -> None:
    raw = HOSTILE[kind]
    learner = store.learners.create_learner(raw, now=datetime.now(UTC))
    assert learner.name == clean_name(raw) and "\x00" not in learner.name and "\u202e" not in learner.name
    assert len(learner.name) <= MAX_NAME
    at = app(learner=learner.code)
    assert not at.exception
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert md_escape(learner.name) in sidebar  # Markdown-escaped: drawn as the very characters
    at.switch_page("mglearn/ui/start.py").run()
    assert f"Welkom, {md_escape(learner.name)}!" in texts(at)
    assert "<img" not in sidebar.replace("\\<img", "")


SHORTCODES = "Jan :skull: :material/verified: :streamlit: :+1: :red[rood]"


def shown_markdown(source: str) -> tuple[str, str]:
    """What Streamlit's frontend does with a Markdown source (StreamlitMarkdown.js): the text
    its emoji and icon plugins look at (escapes resolved, ``:material/`` rewritten), and the
    characters a reader sees (the same without invisible word joiners)."""
    import re

    text = re.sub(r"\\(.)", r"\1", source.replace(":material/", ":material_"))
    return text, text.replace("\u2060", "").replace(":material_", ":material/")


def test_streamlit_shortcodes_in_a_name_stay_text(store: Store) -> None:
    """Issue 26.11: ``:skull:`` is an emoji, ``:material/verified:`` a verified badge and
    ``:red[...]`` a colour to Streamlit's Markdown: in a name they are the typed characters."""
    import re

    learner = store.learners.create_learner(SHORTCODES, now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert not at.exception
    at.switch_page("mglearn/ui/start.py").run()
    sources = [m.value for m in at.sidebar.markdown if "Jan" in m.value]
    sources += [e.value for e in at.success if "Jan" in e.value]
    assert len(sources) == 2, sources
    for source in sources:
        plugin_text, seen = shown_markdown(source)
        assert SHORTCODES in seen  # every character as typed
        assert not re.search(r":\+1:|:-1:|:[\w-]+:", plugin_text), source  # remark-emoji's pattern
        assert not re.search(r":material_[\w]+:|:streamlit:", plugin_text), source
        assert ":red[" not in source  # a directive needs an unescaped [


@pytest.mark.parametrize("kind", ["html", "markdown", "latex", "formula"])
def test_trainer_tables_and_the_join_toast_show_hostile_names_as_text(
    store: Store, content: Content, kind: str
) -> None:
    raw = HOSTILE[kind]
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, raw, now=datetime.now(UTC))
    learner = store.learners.create_learner(raw, now=datetime.now(UTC))
    at = app(learner=learner.code, join=group.join_code)
    assert not at.exception
    toasts = [str(t.value) for t in at.toast]
    assert any(md_escape(group.name) in t for t in toasts), toasts
    results = trainer_on(store, "results")
    frames = "\n".join(df.value.to_string() for df in results.dataframe)
    assert group.name in all_text(results) or md_escape(group.name) in all_text(results)
    assert learner.name in frames  # a table cell is text: the name as it is
    groups = trainer_on(store, "groups")
    assert not groups.exception and (
        md_escape(group.name) in all_text(groups) or group.name in all_text(groups)
    )


def test_downloads_neutralise_and_gift_escapes(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    members = [store.learners.create_learner(n, now=datetime.now(UTC)) for n in HOSTILE.values()]
    for m in members:
        store.groups.join_group(m.id, group.join_code, now=datetime.now(UTC))
    roster = exports.roster_sheet(analytics.roster(store.groups.members(group.id), [], [], {}), "nl")
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes([roster])))
    for row in book.active.iter_rows(min_row=2):
        assert row[0].data_type != "f" and not str(row[0].value).startswith(("=", "+", "-", "@"))
    assert {str(r[0].value).lstrip("'") for r in book.active.iter_rows(min_row=2)} == {
        m.name for m in members
    }
    csv = exports.csv_bytes(roster, "nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n=" not in csv
    assert gift.gift_escape("a{b}~=c#d:e") == "a\\{b\\}\\~\\=c\\#d\\:e"


@pytest.mark.parametrize("kind", ["html", "markdown", "latex", "formula", "rtl"])
def test_certificate_pdf_and_verify_page_carry_the_name_as_text(
    store: Store, content: Content, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    cert = store.certificates.issue_certificate(passed(store, content, HOSTILE[kind]), now=datetime.now(UTC))
    text = PdfReader(io.BytesIO(certificate_pdf(cert, "nl", "UTC"))).pages[0].extract_text()
    assert cert.name in text.splitlines()  # one line, exactly the stored name
    page = TestClient(Starlette(routes=web.routes(lambda: store))).get(f"/verify/{cert.code}").text
    from html import escape

    assert f"<td>{escape(cert.name)}</td>" in page
    assert "<img" not in page and "<script" not in page
