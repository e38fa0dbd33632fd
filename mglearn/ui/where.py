"""From where a page is used, for the audit log (issue 33): the browser's address as
:func:`mglearn.clients.client_address` computes it (``X-Forwarded-For`` only from a proxy in
MGLEARN_TRUSTED_PROXIES), the same value the sign-in routes record.

``st.context.ip_address`` hides a loopback peer (``None`` for 127.0.0.1 and ::1), which is just
where a reverse proxy on the same host connects from; so the peer is read from the session's
client context, and only without one (AppTest) is it this browser session, as
:func:`mglearn.ui.state.client` says."""

from __future__ import annotations

import streamlit as st

from mglearn.ui import state


def _peer() -> str | None:
    try:
        from streamlit.runtime.context import _get_client_context

        found = _get_client_context()
    except Exception:  # pragma: no cover - a Streamlit without it: the public, loopback-blind value
        address = st.context.ip_address
        return address if isinstance(address, str) else None
    remote = getattr(found, "remote_ip", None) if found is not None else None
    return remote if isinstance(remote, str) and remote else None


def client() -> str:
    """The address an act in a page is recorded from."""
    from mglearn.clients import client_address
    from mglearn.settings import web_server_trusted_proxies

    peer = _peer()
    if peer is None:
        return state.client()
    forwarded = ", ".join(h for h in st.context.headers.get_all("X-Forwarded-For") if isinstance(h, str))
    trusted = state.settings().trusted_proxies
    return client_address(peer, forwarded, trusted, web_server_trusted_proxies().split(",")) or peer
