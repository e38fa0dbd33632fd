"""One settings module: every MGLEARN_* setting declared once in mglearn/settings.py, read and
validated there only, each bad value told in a clear message, and the README's table equal to
the declared one."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from mglearn import exam, practice, settings
from mglearn.content import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
SETTING_NAME = re.compile(r"MGLEARN_[A-Z_]+")
ENV_READERS = {"environ", "environb", "getenv", "getenvb"}


def _app_sources() -> list[Path]:
    return [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "mglearn").rglob("*.py"))]


def _env_reads(path: Path) -> list[str]:
    """Where a module names a setting as a whole string (what a reader is passed) or touches
    the process environment; a message or docstring that mentions a setting does not count."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and SETTING_NAME.fullmatch(str(node.value)):
            found.append(f"{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Attribute) and node.attr in ENV_READERS:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in ENV_READERS:
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom) and {a.name for a in node.names} & ENV_READERS:
            found.append(f"{node.lineno}: from {node.module} import ...")
    return found


def test_every_setting_the_code_names_is_declared() -> None:
    named: set[str] = set()
    for path in [*_app_sources(), *sorted((PROJECT_ROOT / "tests").glob("*.py"))]:
        named |= set(SETTING_NAME.findall(path.read_text(encoding="utf-8")))
    assert named <= set(settings.BY_NAME), sorted(named - set(settings.BY_NAME))


def test_the_table_and_the_record_agree() -> None:
    assert [f.name for f in dataclasses.fields(settings.Settings)] == [s.field for s in settings.SETTINGS]
    assert len(settings.BY_NAME) == len(settings.SETTINGS)
    assert all(s.name.startswith("MGLEARN_") and s.meaning for s in settings.SETTINGS)
    # the rules' own defaults are the declared ones
    assert exam.ExamSettings.from_settings(settings.load({})) == exam.ExamSettings()
    assert practice.Settings.from_settings(settings.load({})) == practice.Settings()


# -- 2. a bad value: its clear message, and the default is used --

BAD = {  # a value that cannot work -> the message after "NAME='value' " (the exam's wording as before)
    "MGLEARN_TIMEZONE": (
        "Mars/Olympus",
        "is not a time zone (an IANA name such as Europe/Amsterdam); using Europe/Amsterdam",
    ),
    "MGLEARN_TRAINER_SESSION_HOURS": ("0", "is not a number of hours; using 8"),
    "MGLEARN_PRACTICE_RETENTION": ("2", "is out of range 0.7..0.99; using 0.9"),
    "MGLEARN_PRACTICE_SESSION": ("x", "is out of range 1..100; using 10"),
    "MGLEARN_PRACTICE_NEW_PER_DAY": ("-1", "is out of range 0..1000; using 10"),
    "MGLEARN_EXAM_QUESTIONS": ("501", "is out of range 1..500; using 25"),
    "MGLEARN_EXAM_MINUTES": ("x", "is out of range 1..1440; using 30"),
    "MGLEARN_EXAM_PASS_MARK": ("7", "is out of range 0.01..1; using 0.75"),
    "MGLEARN_EXAM_GRACE_SECONDS": ("nan", "is out of range 0..3600; using 30"),
    "MGLEARN_EXAM_COOLDOWN_HOURS": ("-2", "is out of range 0..8760; using 0"),
    "MGLEARN_CERTIFICATE_VALID_DAYS": ("soon", "is not a number of days; using 0"),
    "MGLEARN_TRAINER_IDLE_MINUTES": ("0", "is not a number of minutes; using 30"),
    "MGLEARN_TRAINER_TOTP": ("2", "is out of range 0..1; using 1"),
    "MGLEARN_TRUSTED_PROXIES": ("nginx", "is not a list of IP addresses or CIDR ranges; using none"),
    "MGLEARN_EXAM_SWEEP_SECONDS": ("0", "is out of range 1..60; using 30"),
    "MGLEARN_DB_POOL_SIZE": ("-3", "is out of range 1..500; using 20"),
    "MGLEARN_LTI_SEND_SECONDS": ("0", "is out of range 0.1..3600; using 1"),
    "MGLEARN_LTI_IFRAME": ("2", "is out of range 0..1; using 0"),
    # more of the brand's messages: tests/test_brand.py
    "MGLEARN_BRAND_COLOUR": ("#GGG", "is not a hex colour such as #1F5F51; using #1F5F51"),
    "MGLEARN_BRAND_LOGO": (
        "/no/logo.svg",
        "names no file (give the path of a PNG or SVG file the app can read); using no logo",
    ),
}
# any text is a value: the store tells a database URL it cannot use (tests/test_db_cli.py,
# tests/test_app.py), the signing key tells a key file it cannot read (tests/test_certificates.py)
ANY_TEXT = {
    "MGLEARN_DATABASE_URL",
    "MGLEARN_CONTENT_DIR",
    "MGLEARN_PUBLIC_URL",
    "MGLEARN_SIGNING_KEY",
    "MGLEARN_TEST_POSTGRES_URL",
    "MGLEARN_BRAND_NAME",
    "MGLEARN_BRAND_CONTACT",
    "MGLEARN_BRAND_SIGNATORY",
}


def test_every_setting_either_has_a_bad_value_or_takes_any_text() -> None:
    assert set(BAD) | ANY_TEXT == set(settings.BY_NAME) and not set(BAD) & ANY_TEXT
    assert all(settings.BY_NAME[name].kind in ("url", "address", "path", "text") for name in ANY_TEXT)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_value_is_told_and_its_default_used(name: str, caplog: pytest.LogCaptureFixture) -> None:
    raw, told = BAD[name]
    setting = settings.BY_NAME[name]
    with caplog.at_level("WARNING", logger="mglearn.settings"):
        got = settings.load({name: raw})
    assert [r.getMessage() for r in caplog.records] == [f"{name}={raw!r} {told}"]
    assert getattr(got, setting.field) == getattr(settings.load({}), setting.field)


def test_good_values_are_taken_and_typed() -> None:
    got = settings.load(
        {
            "MGLEARN_TIMEZONE": " Asia/Tokyo ",
            "MGLEARN_TRAINER_SESSION_HOURS": "1.5",
            "MGLEARN_EXAM_QUESTIONS": "10.7",  # a whole number: cut, as before
            "MGLEARN_PUBLIC_URL": "https://leren.example/",
            "MGLEARN_SIGNING_KEY": "/keys/signing.pem",
            "MGLEARN_CONTENT_DIR": "/content",
            "MGLEARN_CERTIFICATE_VALID_DAYS": "365",
            "MGLEARN_TRUSTED_PROXIES": " 127.0.0.1, ::1,10.1.2.0/24 ",
        }
    )
    assert got.trusted_proxies == ("127.0.0.1/32", "::1/128", "10.1.2.0/24")
    assert settings.load({}).trusted_proxies == ()
    assert (got.timezone, got.trainer_session_hours, got.exam_questions) == ("Asia/Tokyo", 1.5, 10)
    assert got.public_url == "https://leren.example"  # no trailing slash
    assert (got.signing_key, got.content_dir) == (Path("/keys/signing.pem"), Path("/content"))
    assert got.certificate_valid_days == 365
    unset = settings.load({"MGLEARN_SIGNING_KEY": "  "})
    assert unset.signing_key is None and unset.database_url.startswith("sqlite:///")
    assert unset.content_dir == PROJECT_ROOT


def test_current_follows_the_environment_and_tells_a_bad_value_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("MGLEARN_EXAM_MINUTES", "45")
    assert settings.current().exam_minutes == 45
    monkeypatch.setenv("MGLEARN_EXAM_MINUTES", "-45.5")  # a value no other test sets
    with caplog.at_level("WARNING", logger="mglearn.settings"):
        assert settings.current().exam_minutes == 30
        assert settings.current().exam_minutes == 30
    assert len([r for r in caplog.records if "MGLEARN_EXAM_MINUTES" in r.getMessage()]) == 1
    monkeypatch.delenv("MGLEARN_EXAM_MINUTES")
    assert settings.current().exam_minutes == 30


# -- 3. the README's table is the declared one --


def test_readme_settings_table_is_the_declared_one() -> None:
    section = README.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == settings.readme_table(), "paste mglearn.settings.readme_table() into the README:\n" + (
        settings.readme_table()
    )
