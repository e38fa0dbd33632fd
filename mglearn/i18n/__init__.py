"""UI strings in Dutch (first) and English: :func:`t` and :func:`tn` look a key up in
:data:`STRINGS`, merged from one module per part of the app (general, learner, trainer, web,
exam, practice); a key defined twice is an error at import."""

from __future__ import annotations

from mglearn.percent import mark_pct as mark_pct
from mglearn.percent import pct as pct

from . import (
    admin,
    check_yourself,
    chrome,
    exam,
    examday,
    general,
    learner,
    lti,
    practice,
    security,
    trainer,
    web,
)

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Nederlands", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = dict(general.STRINGS)


def t(key: str, lang: str = "nl", **params: object) -> str:
    """The text for ``key`` in ``lang`` (Dutch when unknown), with ``{params}`` filled in."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def tn(key: str, n: int, lang: str = "nl", **params: object) -> str:
    """A plural: ``key.one`` when ``n`` is 1, else ``key.other`` (Dutch and English both
    have these two forms), with ``{n}`` and ``{params}`` filled in: 1 vraag, 2 vragen."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **params)


def _merge() -> None:
    parts = (learner, trainer, web, exam, practice, lti, examday, security, check_yourself, admin, chrome)
    for part in parts:
        clash = STRINGS.keys() & part.STRINGS.keys()
        assert not clash, f"UI string keys defined twice: {sorted(clash)}"
        STRINGS.update(part.STRINGS)


_merge()


def accepted_lang(header: str) -> str:
    """The language of ours an ``Accept-Language`` header prefers most (``en-GB,nl;q=0.5``:
    en), Dutch when it names neither or cannot be read."""
    best, best_q = "nl", 0.0
    for part in header[:1000].split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-", 1)[0]
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if primary in LANGS and q > best_q:
            best, best_q = primary, q
    return best
