"""Every ``MGLEARN_*`` setting, declared once: name, kind, default, allowed range, meaning.

This is the only module that reads the environment. :data:`SETTINGS` is the table (the
README's settings table is :func:`readme_table`, and ``tests/test_settings.py`` checks the two
agree); :func:`load` reads and validates it into one :class:`Settings`. A value that cannot
work is logged with a message that names the setting and what it needs, and its default is
used instead, so a typo never stops the app.

:func:`current` is the one accessor the pages and the store call: it reads the environment
each time it is called and validates it once per distinct environment, so a running server
logs a bad value once, and a test that sets a variable (``monkeypatch.setenv``) sees it on
the next call. The rules never call it: they take the values they need as arguments.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger("mglearn.settings")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "mglearn.sqlite3"

# url: taken as written; address: a web address, without a trailing slash; path: a file or
# folder; zone: an IANA time zone; number; whole: a number cut to a whole one (``10.7`` -> 10);
# networks: IP addresses and CIDR ranges, separated by commas (a tuple of them; empty: none)
# text: any text; colour: a hex colour white text can be read on; image: a PNG or SVG file
Kind = Literal["url", "address", "path", "zone", "number", "whole", "text", "colour", "image", "networks"]

OUT_OF_RANGE = "{name}={raw!r} is out of range {low}..{high}; using {default}"


@dataclass(frozen=True)
class Setting:
    """One setting: ``default`` is used when it is unset, empty or bad; ``shown`` is the
    default as the README shows it when that is not the value itself (a derived path)."""

    name: str
    kind: Kind
    default: str | float | None
    meaning: str
    shown: str = ""
    low: float = -math.inf
    high: float = math.inf
    above_low: bool = False  # ``low`` itself is not allowed (a session of 0 hours)
    bad: str = OUT_OF_RANGE  # a bad value's message (str.format: name, raw, low, high, default, problem)

    @property
    def field(self) -> str:
        """Its attribute on :class:`Settings`: ``MGLEARN_EXAM_MINUTES`` -> ``exam_minutes``."""
        return self.name.removeprefix("MGLEARN_").lower()

    @property
    def shown_default(self) -> str:
        return self.shown or f"`{self.default}`"


_ONE_YEAR_HOURS = 24 * 365

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "MGLEARN_DATABASE_URL",
        "url",
        f"sqlite:///{DEFAULT_DATABASE}",
        "any SQLAlchemy URL, e.g. `postgresql+psycopg://user:pw@host/db` for several app servers",
        shown="`sqlite:///data/mglearn.sqlite3` in the project",
    ),
    Setting(
        "MGLEARN_CONTENT_DIR",
        "path",
        str(PROJECT_ROOT),
        "the content root holding `lessons/` and `quizzes/`",
        shown="the project folder",
    ),
    Setting(
        "MGLEARN_TIMEZONE",
        "zone",
        "Europe/Amsterdam",
        "the time zone dates are shown in when the browser does not report its own (the database keeps UTC)",
        bad="{name}={raw!r} is not a time zone (an IANA name such as Europe/Amsterdam); using {default}",
    ),
    Setting(
        "MGLEARN_TRAINER_SESSION_HOURS",
        "number",
        8,
        "how long a trainer stays signed in on one browser",
        low=0,
        high=_ONE_YEAR_HOURS,
        above_low=True,
        bad="{name}={raw!r} is not a number of hours; using {default}",
    ),
    Setting(
        "MGLEARN_TRAINER_IDLE_MINUTES",
        "number",
        30,
        "a trainer's session ends after this many minutes without a page being used (the "
        "absolute limit is MGLEARN_TRAINER_SESSION_HOURS)",
        low=0,
        high=24 * 60,
        above_low=True,
        bad="{name}={raw!r} is not a number of minutes; using {default}",
    ),
    Setting(
        "MGLEARN_TRAINER_TOTP",
        "whole",
        1,
        "1: every trainer signs in with a one-time code from an authenticator app (TOTP) and "
        "enrols at the next sign-in; 0: optional (a single-trainer install; an enrolled trainer "
        "still needs the code)",
        low=0,
        high=1,
    ),
    Setting(
        "MGLEARN_TRUSTED_PROXIES",
        "networks",
        "",
        "addresses/CIDR ranges of the reverse proxies whose `X-Forwarded-For` names the client "
        "(sign-in and code throttling); empty: the header is ignored",
        shown="(none)",
        bad="{name}={raw!r} is not a list of IP addresses or CIDR ranges; using none",
    ),
    Setting(
        "MGLEARN_PRACTICE_RETENTION",
        "number",
        0.9,
        "practice: the recall probability fsrs schedules for (0.7–0.99; higher means more reviews)",
        low=0.7,
        high=0.99,
    ),
    Setting("MGLEARN_PRACTICE_SESSION", "whole", 10, "practice: questions in one session", low=1, high=100),
    Setting(
        "MGLEARN_PRACTICE_NEW_PER_DAY",
        "whole",
        10,
        "practice: new questions a learner starts per day",
        low=0,
        high=1000,
    ),
    Setting(
        "MGLEARN_EXAM_QUESTIONS",
        "whole",
        25,
        "exam: questions drawn from the whole bank (a group may set its own)",
        low=1,
        high=500,
    ),
    Setting(
        "MGLEARN_EXAM_MINUTES",
        "whole",
        30,
        "exam: time limit in minutes (a group may set its own)",
        low=1,
        high=24 * 60,
    ),
    Setting(
        "MGLEARN_EXAM_PASS_MARK",
        "number",
        0.75,
        "exam: the share of points needed to pass (a group may set its own)",
        low=0.01,
        high=1,
    ),
    Setting(
        "MGLEARN_EXAM_GRACE_SECONDS",
        "number",
        30,
        "exam: how long after the deadline an answer still counts (a slow network)",
        low=0,
        high=3600,
    ),
    Setting(
        "MGLEARN_EXAM_COOLDOWN_HOURS",
        "number",
        0,
        "exam: wait between the end of one attempt and the next (0: none)",
        low=0,
        high=_ONE_YEAR_HOURS,
    ),
    Setting(
        "MGLEARN_EXAM_SWEEP_SECONDS",
        "whole",
        30,
        "exam: how often each server closes the exams whose time and grace are over, read or not",
        low=1,
        high=60,
    ),
    Setting(
        "MGLEARN_DB_POOL_SIZE",
        "whole",
        20,
        "PostgreSQL: connections each server keeps open (as many again for a burst); "
        "N servers need N x 2 x this below `max_connections`",
        low=1,
        high=500,
    ),
    Setting(
        "MGLEARN_PUBLIC_URL",
        "address",
        "http://localhost:8501",
        "the app's public address, used in verification links, QR codes and credentials",
    ),
    Setting(
        "MGLEARN_SIGNING_KEY",
        "path",
        None,
        "the Ed25519 key file (PEM) that signs credentials; made on first start when missing",
        shown="`signing-key.pem` in the data folder",
    ),
    Setting(
        "MGLEARN_CERTIFICATE_VALID_DAYS",
        "number",
        0,
        "how long a new certificate is valid (0: no end)",
        low=0,
        bad="{name}={raw!r} is not a number of days; using {default}",
    ),
    Setting(
        "MGLEARN_LTI_SEND_SECONDS",
        "number",
        1,
        "LTI: how often each server looks for scores to send to an LMS",
        low=0.1,
        high=3600,
    ),
    Setting(
        "MGLEARN_LTI_IFRAME",
        "whole",
        0,
        "LTI: 1 lets an LMS show the app in an iframe (needs https: cookies `SameSite=None; Secure`)",
        low=0,
        high=1,
    ),
    Setting(
        "MGLEARN_BRAND_NAME", "text", "mglearn", "brand: the organisation's name (app, certificate, /verify)"
    ),
    Setting(
        "MGLEARN_BRAND_LOGO",
        "image",
        None,
        "brand: the logo, a PNG or SVG file (app header, certificate, /verify, issuer)",
        shown="none",
        bad="{name}={raw!r} {problem}; using no logo",
    ),
    Setting(
        "MGLEARN_BRAND_COLOUR",
        "colour",
        "#1F5F51",
        "brand: the primary colour `#RRGGBB`, dark enough for white text (4.5:1): buttons, charts, PDF",
        bad="{name}={raw!r} {problem}; using {default}",
    ),
    Setting(
        "MGLEARN_BRAND_CONTACT",
        "text",
        None,
        "brand: a contact address (e-mail or web) shown in the sidebar, on /verify and the certificate",
        shown="none",
    ),
    Setting(
        "MGLEARN_BRAND_SIGNATORY",
        "text",
        None,
        "brand: the certificate's signatory line, e.g. `J. Jansen, opleidingsmanager`",
        shown="the organisation's name",
    ),
    Setting(
        "MGLEARN_TEST_POSTGRES_URL",
        "url",
        None,
        "tests only: use this PostgreSQL server instead",
        shown="(tests start their own server)",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The validated values, one attribute per entry of :data:`SETTINGS` (``Setting.field``)."""

    database_url: str
    content_dir: Path
    timezone: str
    trainer_session_hours: float
    trainer_idle_minutes: float
    trainer_totp: int
    trusted_proxies: tuple[str, ...]
    practice_retention: float
    practice_session: int
    practice_new_per_day: int
    exam_questions: int
    exam_minutes: int
    exam_pass_mark: float
    exam_grace_seconds: float
    exam_cooldown_hours: float
    exam_sweep_seconds: int
    db_pool_size: int
    public_url: str
    signing_key: Path | None  # None: ``signing-key.pem`` in the data folder
    certificate_valid_days: float
    lti_send_seconds: float
    lti_iframe: int
    brand_name: str
    brand_logo: Path | None
    brand_colour: str
    brand_contact: str | None
    brand_signatory: str | None
    test_postgres_url: str | None


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def _number(setting: Setting, raw: str) -> float | None:
    """The number ``raw`` when it is one in the setting's range, else None."""
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or value > setting.high:
        return None
    if value < setting.low or (setting.above_low and value == setting.low):
        return None
    return value


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def _luminance(colour: str) -> float:
    """The relative luminance (WCAG 2) of ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    """The contrast ratio of white text on ``#RRGGBB`` (the same as the colour's text on white)."""
    return 1.05 / (_luminance(colour) + 0.05)


def _colour_problem(raw: str) -> str | None:
    if not _HEX.fullmatch(raw):
        return "is not a hex colour such as #1F5F51"
    full = _full_hex(raw)
    if (ratio := contrast_with_white(full)) < 4.5:
        return (
            f"is too light: white text on it (and it as text on white) has a contrast of {ratio:.1f}:1,"
            " 4.5:1 is needed"
        )
    return None


def _full_hex(raw: str) -> str:
    return ("#" + "".join(c * 2 for c in raw[1:]) if len(raw) == 4 else raw).upper()


def image_kind(path: Path) -> str | None:
    """ "png" or "svg" when the file is one (by its first bytes, not its name), else None."""
    try:
        with path.open("rb") as f:
            head = f.read(2048)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg", b"<!--")) and b"<svg" in text:
        return "svg"
    return None


def _image_problem(raw: str) -> str | None:
    path = Path(raw)
    if not path.is_file():
        return "names no file (give the path of a PNG or SVG file the app can read)"
    if image_kind(path) is None:
        return "is not a PNG or SVG image"
    return None


def value_of(setting: Setting, raw: str | None) -> str | float | Path | tuple[str, ...] | None:
    """The setting's value for the text ``raw`` (None: unset); a bad value is logged and its
    default used."""
    raw = (raw or "").strip()
    if not raw:
        return _typed(setting, setting.default)
    problem = None
    if setting.kind in ("number", "whole"):
        number = _number(setting, raw)
        if number is not None:
            return _typed(setting, number)
    elif setting.kind == "networks":
        if _networks(raw) is not None:
            return _typed(setting, raw)
    elif setting.kind == "colour":
        if (problem := _colour_problem(raw)) is None:
            return _full_hex(raw)
    elif setting.kind == "image":
        if (problem := _image_problem(raw)) is None:
            return Path(raw)
    elif setting.kind != "zone" or _is_zone(raw):
        return _typed(setting, raw)
    low, high = (f"{b:g}" for b in (setting.low, setting.high))
    told = setting.bad.format(
        name=setting.name, raw=raw, low=low, high=high, default=setting.default, problem=problem
    )
    log.warning(told)
    return _typed(setting, setting.default)


def _networks(raw: str) -> tuple[str, ...] | None:
    """The comma-separated addresses/ranges of ``raw``, each normalised, or None if one is bad."""
    import ipaddress

    try:
        found = [ipaddress.ip_network(p.strip(), strict=False) for p in raw.split(",") if p.strip()]
    except ValueError:
        return None
    return tuple(str(n) for n in found)


def _typed(setting: Setting, value: str | float | None) -> str | float | Path | tuple[str, ...] | None:
    if setting.kind == "networks":
        return _networks(str(value or "")) or ()
    if value is None:
        return None
    if setting.kind == "whole":
        return int(value)
    if setting.kind == "path":
        return Path(str(value))
    if setting.kind == "address":
        return str(value).rstrip("/")
    return value


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Every setting from ``env`` (default: the process environment), validated."""
    env = os.environ if env is None else env
    return Settings(**{s.field: value_of(s, env.get(s.name)) for s in SETTINGS})  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def _loaded(values: tuple[str | None, ...]) -> Settings:
    return load({s.name: v for s, v in zip(SETTINGS, values, strict=True) if v is not None})


def current() -> Settings:
    """The settings of the process environment now (validated once per distinct environment)."""
    return _loaded(tuple(os.environ.get(s.name) for s in SETTINGS))


def web_server_trusted_proxies() -> str:
    """The proxies uvicorn (Streamlit's web server) believes X-Forwarded-For from: its own
    ``FORWARDED_ALLOW_IPS``, default loopback. It rewrites the client address of their requests
    before mglearn sees them, so :mod:`mglearn.clients` must know which ones it trusted."""
    return os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def readme_table() -> str:
    """The README's settings table, as it must read (``tests/test_settings.py`` compares)."""
    rows = [f"| `{s.name}` | {s.shown_default} | {s.meaning} |" for s in SETTINGS]
    return "\n".join(["| name | default | meaning |", "| --- | --- | --- |", *rows])
