"""A real LTI 1.3 platform for the tests: the ``lti1p3platform`` package (an LMS-side
implementation, not ours) served over HTTP by uvicorn, beside our own LTI routes served the
same way. The platform signs the id_tokens (its ``MessageLaunch``), answers the client-
credentials token request after verifying our assertion against OUR JWKS route
(``get_access_token``), and takes scores at its line item's ``/scores`` after verifying the
bearer token (``AssignmentsGradesService.handle_update_score``): its gradebook is what it
recorded there.

A launch is a scenario keyed by ``lti_message_hint``: who (sub, roles, name, locale), which
link (activity, line item), and tweaks that make one check fail (claims overridden, an expiry
in the past, another signing key).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import httpx2 as httpx
import jwt
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.exceptions import LtiException
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import RequestBase, TRequest
from lti1p3platform.service_connector import AssignmentsGradesService, NamesRoleProvisioningService
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

ISSUER = "https://lms.example.test"
CLIENT_ID = "mglearn-client-1"
DEPLOYMENT = "deployment-1"
LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def bound() -> socket.socket:
    """A listening socket on a free port, kept until the server takes it (no race with
    another test process picking the same port)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def port_of(sock: socket.socket) -> int:
    return int(sock.getsockname()[1])


def rsa_pem() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@contextmanager
def serve(app: Any, sock: socket.socket) -> Iterator[str]:
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:  # pragma: no cover
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port_of(sock)}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@dataclass
class Scenario:
    sub: str = "lms-user-1"
    roles: tuple[str, ...] = (LEARNER_ROLE,)
    name: str = "Lotte de Vries"
    locale: str | None = "nl-NL"
    activity: str | None = None
    context_id: str = "course-7"
    context_title: str = "Voeding en supplementen"
    resource_link_id: str = "link-1"
    lineitem: str | None = None  # a line item id of this platform (its URL is made here)
    overrides: dict[str, Any] = field(default_factory=dict)
    expires_in: int = 300
    other_key: bool = False  # sign with a key that is not in the platform's JWKS
    deep_link: bool = False
    roster: bool = False  # offer Names and Roles (the course's members below)


class _Req(RequestBase):
    def __init__(self, data: TRequest) -> None:
        self.request = data


class TestPlatform:
    """The platform: its configuration (lti1p3platform), its HTTP routes and its gradebook."""

    __test__ = False  # not a pytest class

    def __init__(self, tool: str, port: int, host: str = "127.0.0.1") -> None:
        self.base = f"http://{host}:{port}"  # "localhost": another site than the tool's 127.0.0.1
        self.port = port
        self.tool = tool
        self.private, self.public = rsa_pem()
        self.other_private, _ = rsa_pem()
        self.scenarios: dict[str, Scenario] = {}
        self.gradebook: list[dict[str, Any]] = []  # every score accepted, in order
        self.token_requests = 0
        self.down = False
        self.deep_link_items: list[dict[str, Any]] = []
        self.lineitems: dict[str, dict[str, Any]] = {}
        self.members: list[dict[str, Any]] = []  # the course roster (Names and Roles)

    # -- lti1p3platform configuration --

    def registration(self, private: str | None = None) -> Registration:
        reg = Registration()
        reg.set_iss(ISSUER).set_client_id(CLIENT_ID).set_deployment_id(DEPLOYMENT)
        reg.set_launch_url(f"{self.tool}/lti/launch").set_oidc_login_url(f"{self.tool}/lti/login")
        reg.set_deeplink_launch_url(f"{self.tool}/lti/launch")
        reg.set_platform_private_key(private or self.private).set_platform_public_key(self.public)
        reg.set_tool_key_set_url(f"{self.tool}/lti/jwks")
        return reg

    def config(self, private: str | None = None) -> LTI1P3PlatformConfAbstract:
        reg = self.registration(private)

        class Config(LTI1P3PlatformConfAbstract):
            def init_platform_config(self, **kwargs: Any) -> None:
                pass

            def get_registration_by_params(self, **kwargs: Any) -> Registration:
                return reg

        conf = Config()
        conf.get_registration()
        return conf

    @property
    def urls(self) -> dict[str, str]:
        return {
            "auth_url": f"{self.base}/auth",
            "token_url": f"{self.base}/token",
            "jwks_url": f"{self.base}/jwks",
        }

    def lineitem_url(self, item: str) -> str:
        return f"{self.base}/lineitems/{item}"

    # -- what a user does in the LMS: click the link --

    def login_url(self, hint: str, scenario: Scenario) -> str:
        """The third-party-initiated login the LMS sends the browser to (lti1p3platform's)."""
        self.scenarios[hint] = scenario
        platform = self

        class Login(OIDCLoginAbstract):
            def set_lti_message_hint(self, **kwargs: Any) -> None:
                self._lti_message_hint = kwargs["hint"]

            def get_redirect(self, url: str) -> str:
                return url

        login = Login(None, platform.config())
        login.set_lti_message_hint(hint=hint)
        if scenario.deep_link:
            login.set_deeplinking_launch_url()
        return str(login.initiate_login(scenario.sub))

    # -- the routes --

    def _launch(self, request: Request) -> Response:
        params = dict(request.query_params)
        scenario = self.scenarios[params["lti_message_hint"]]
        conf = self.config(self.other_private if scenario.other_key else None)

        class Launch(LTIAdvantageMessageLaunchAbstract):
            def render_launch_form(self, launch_data: dict[str, Any], **kwargs: Any) -> Response:
                return HTMLResponse(
                    f'<form method="post" action="{launch_data["launch_url"]}">'
                    f'<input type="hidden" name="id_token" value="{launch_data["id_token"]}">'
                    f'<input type="hidden" name="state" value="{launch_data["state"]}"></form>'
                    "<script>document.forms[0].submit()</script>"  # a browser posts it at once
                )

        req = _Req({"method": "GET", "get_data": params, "form_data": {}, "headers": {}, "path": "/auth"})
        launch = Launch(req, conf)
        launch.set_id_token_expiration(scenario.expires_in)
        launch.set_user_data(scenario.sub, list(scenario.roles), full_name=scenario.name)
        launch.set_launch_context_claim(scenario.context_id, context_title=scenario.context_title)
        if scenario.deep_link:
            launch.set_dl(f"{self.base}/deep-link-return", title="mglearn", accept_types={"ltiResourceLink"})
        else:
            launch.set_resource_link_claim(scenario.resource_link_id)
        if scenario.activity:
            launch.set_custom_parameters_claim({"activity": scenario.activity})
        if scenario.roster:
            launch.set_nrps(f"{self.base}/memberships")
        if scenario.lineitem:
            launch.set_ags(f"{self.base}/lineitems", self.lineitem_url(scenario.lineitem))
        if scenario.locale:
            launch.set_extra_claims(
                {"https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"locale": scenario.locale}}
            )
        launch.set_extra_claims(scenario.overrides)
        return launch.lti_launch()  # type: ignore[no-any-return]

    async def _auth(self, request: Request) -> Response:
        return self._launch(request)

    async def _jwks(self, request: Request) -> Response:
        return JSONResponse(self.config().get_jwks())

    async def _token(self, request: Request) -> Response:
        if self.down:
            return PlainTextResponse("down", status_code=503)
        self.token_requests += 1
        form = dict(await request.form())
        try:
            return JSONResponse(self.config().get_access_token(form))  # type: ignore[arg-type]
        except (LtiException, jwt.InvalidTokenError) as err:  # the assertion refused
            return JSONResponse({"error": str(err)}, status_code=400)

    async def _scores(self, request: Request) -> Response:
        if self.down:
            return PlainTextResponse("down", status_code=503)
        platform = self
        item = request.path_params["item"]

        class Grades(AssignmentsGradesService):
            def find_lineitems(self, *a: Any, **k: Any) -> Any:
                raise NotImplementedError

            def find_lineitem(self, line_item_id: str) -> Any:
                raise NotImplementedError

            def create_lineitem(self, creation_data: Any) -> Any:
                raise NotImplementedError

            def update_lineitem(self, update_data: Any) -> Any:
                raise NotImplementedError

            def delete_lineitem(self, line_item_id: str) -> None:
                raise NotImplementedError

            def get_results(self, *a: Any, **k: Any) -> Any:
                raise NotImplementedError

            def update_score(self, line_item_id: str, score: Any) -> Any:
                from lti1p3platform.score import UpdateScoreStatus

                platform.gradebook.append({"lineitem": line_item_id, **score})
                return UpdateScoreStatus.SUCCESS

        body = await request.json()
        req = _Req(
            {
                "method": "POST",
                "headers": dict(request.headers)
                | {"Authorization": request.headers.get("authorization", "")},
                "json": body,
                "get_data": {},
                "form_data": {},
                "path": request.url.path,
            }
        )
        service = Grades(req, self.config(), f"{self.base}/lineitems", self.lineitem_url(item))
        try:
            answer = service.handle_update_score(item)
        except Exception as err:  # the library raises its own errors for a bad token
            return JSONResponse({"error": str(err)}, status_code=getattr(err, "status_code", 401))
        return JSONResponse({"message": answer.message}, status_code=answer.code)

    async def _memberships(self, request: Request) -> Response:
        platform = self

        class Roster(NamesRoleProvisioningService):
            def get_member_data_page(self, **kwargs: Any) -> Any:
                return {"content": [dict(m) for m in platform.members], "has_next": False}

            def get_context_by_id(self) -> Context:
                return Context(id="course-7", label="VS", title="Voeding en supplementen")

        req = _Req(
            {
                "method": "GET",
                "headers": {"Authorization": request.headers.get("authorization", "")},
                "get_data": dict(request.query_params),
                "form_data": {},
                "path": request.url.path,
            }
        )
        try:
            answer = Roster(req, self.config(), f"{self.base}/memberships").handle_get_members()
        except Exception as err:  # the library raises its own errors for a bad token
            return JSONResponse({"error": str(err)}, status_code=getattr(err, "status_code", 401))
        return JSONResponse(answer.result, status_code=answer.code)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/memberships", self._memberships, methods=["GET"]),
            Route("/auth", self._auth, methods=["GET"]),
            Route("/jwks", self._jwks, methods=["GET"]),
            Route("/token", self._token, methods=["POST"]),
            Route("/lineitems/{item}/scores", self._scores, methods=["POST"]),
        ]


class Browser:
    """A browser's part, over real HTTP: follow the login redirect to the platform, and post
    the auto-submitting form it answers back to the tool (as its script would)."""

    def __init__(self) -> None:
        self.client = httpx.Client(follow_redirects=False, timeout=30)

    def launch(self, login_url: str) -> tuple[httpx.Response, dict[str, str]]:
        """Returns the tool's answer to the launch POST and the form it posted."""
        to_platform = self.client.get(login_url)
        assert to_platform.status_code == 302, to_platform.text
        form_page = self.client.get(to_platform.headers["location"])
        assert form_page.status_code == 200, form_page.text
        form = self.form(form_page.text)
        return self.post(form), form

    @staticmethod
    def form(html: str) -> dict[str, str]:
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', html))
        fields["_action"] = unescape(re.search(r'action="([^"]+)"', html).group(1))  # type: ignore[union-attr]
        return {k: unescape(v) for k, v in fields.items()}

    def post(self, form: dict[str, str]) -> httpx.Response:
        data = {k: v for k, v in form.items() if k != "_action"}
        return self.client.post(form["_action"], data=data)


def app_of(routes: list[BaseRoute]) -> Starlette:
    return Starlette(routes=routes)
