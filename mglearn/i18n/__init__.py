"""UI strings in Dutch (first) and English: :func:`t` and :func:`tn` look a key up in
:data:`STRINGS`, merged from one module per part of the app (general, learner, trainer, web,
exam, practice); a key defined twice is an error at import."""

from __future__ import annotations

from mglearn.percent import mark_pct as mark_pct
from mglearn.percent import pct as pct

from . import exam, general, learner, practice, security, trainer, web

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
    for part in (learner, trainer, web, exam, practice, security):
        clash = STRINGS.keys() & part.STRINGS.keys()
        assert not clash, f"UI string keys defined twice: {sorted(clash)}"
        STRINGS.update(part.STRINGS)


_merge()
