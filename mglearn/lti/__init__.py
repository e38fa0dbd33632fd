"""LTI 1.3 (Core, Assignment and Grade Services 2.0, Deep Linking 2.0): the pure rules.

Nothing here does I/O or reads the clock: :mod:`.launch` checks an id_token's claims once its
signature is verified and says who arrives and where they land; :mod:`.ags` builds the score a
finished attempt sends and the client-credentials assertion that asks for a token, and says
when a failed send is tried again. The routes are :mod:`mglearn.web_lti`, the network
:mod:`mglearn.lti_send`, the tables :mod:`mglearn.store.lti`.
"""

from __future__ import annotations

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"

MESSAGE_TYPE = LTI + "message_type"
VERSION = LTI + "version"
DEPLOYMENT_ID = LTI + "deployment_id"
ROLES = LTI + "roles"
CONTEXT = LTI + "context"
RESOURCE_LINK = LTI + "resource_link"
CUSTOM = LTI + "custom"
LAUNCH_PRESENTATION = LTI + "launch_presentation"
TARGET_LINK_URI = LTI + "target_link_uri"
AGS_ENDPOINT = AGS + "claim/endpoint"
DL_SETTINGS = DL + "deep_linking_settings"
DL_CONTENT_ITEMS = DL + "content_items"
DL_DATA = DL + "data"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"

RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"
DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse"

SCOPE_SCORE = AGS + "scope/score"
SCOPE_LINEITEM = AGS + "scope/lineitem"
SCOPE_MEMBERSHIP = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"

# the activities a link can open: "lesson:<id>", "quiz:<id>", "exam", "practice", "" (home)
GRADED = ("quiz", "exam")


def activity_kind(activity: str) -> str:
    """``quiz:vormen`` -> ``quiz``; ``exam`` -> ``exam``."""
    return activity.split(":", 1)[0]


def attempt_activity(quiz_id: str, kind: str) -> str:
    """The activity a finished attempt belongs to: ``exam``, or ``quiz:<its quiz id>``."""
    return "exam" if kind == "exam" else f"quiz:{quiz_id}"
