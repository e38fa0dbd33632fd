"""The audit log's fixed details in the reader's language (issue 33).

The store writes an event's detail as a short English phrase (the command line's `mglearn
admin audit` prints it so). Where a detail is one the app wrote, :func:`explain` finds its
phrase for that kind of event and gives an i18n key with its parameters, so the admin page
shows it in the page's language. A detail a person wrote (a revocation's reason, a file name)
is never matched: only the kinds and exact phrases listed here are. No I/O here."""

from __future__ import annotations

import re

# kind -> (pattern of the whole detail, i18n key); the named groups are the key's parameters
PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "signin_failed": (
        (r"wrong code", "detail.wrong_code"),
        (r"wrong password", "detail.wrong_password"),
        (r"deactivated account", "detail.deactivated"),
        (r"deactivated account \(LMS launch\)", "detail.deactivated_lti"),
        (r"re-authentication: wrong password", "detail.wrong_password"),
        (r"password tries: wait (?P<s>\d+) s", "detail.password_wait"),
    ),
    "reauth_failed": (
        (r"(?P<why>wrong code|wrong password|code already used)", "detail.reauth"),
        (r"(?P<why>wrong code|wrong password|code already used): (?P<act>[a-z_]+)", "detail.reauth_for"),
    ),
    "lockout": ((r"(?P<n>\d+) wrong codes: locked for (?P<m>\d+) min", "detail.locked"),),
    "recovery_code_used": ((r"(?P<n>\d+) left", "detail.codes_left"),),
    "session_ended": (
        (r"one session, ended by its trainer", "detail.ended_by_trainer"),
        (r"(?P<n>\d+) session\(s\), ended by an administrator", "detail.ended_by_admin"),
        (r"every session of every account: (?P<n>\d+)", "detail.ended_everyone"),
        (r"signed out: (?P<n>\d+) session\(s\)", "detail.signed_out"),
    ),
    "account_deactivated": ((r"(?P<n>\d+) session\(s\) ended", "detail.sessions_ended"),),
    "account_created": ((r"(?P<role>admin|trainer)", "detail.role"),),
    "role_changed": ((r"(?P<role>admin|trainer)", "detail.role"),),
}
WHYS = {"wrong code": "wrong_code", "wrong password": "wrong_password", "code already used": "code_used"}


def explain(kind: str, detail: str) -> tuple[str, dict[str, str]] | None:
    """The i18n key and parameters of an app-written ``detail`` of a ``kind`` of event, or None
    (then the detail is shown as written). ``why`` becomes a key of its own (``detail.why_*``)."""
    for pattern, key in PHRASES.get(kind, ()):
        found = re.fullmatch(pattern, detail)
        if found:
            params = found.groupdict()
            if "why" in params:
                params["why"] = WHYS[params["why"]]
            return key, params
    return None
