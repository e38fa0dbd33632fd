"""Who is on the other end of a request, for throttling guesses (issue 33).

``X-Forwarded-For`` is anyone's say unless a proxy we trust wrote it: only the addresses and
ranges in ``MGLEARN_TRUSTED_PROXIES`` (empty by default) count as proxies. Each proxy appends
the address it was talking to, so the client is the rightmost entry that is not a trusted
proxy (or the leftmost, when every entry is one).

One twist: Streamlit serves through uvicorn, which already rewrote the peer address from that
header when the peer was one of *its* trusted hosts (``FORWARDED_ALLOW_IPS``, default loopback),
so a process on the server itself could name any client it liked. The true peer is then lost.
When the address we were given is exactly what uvicorn would have picked from the header, we
take it that uvicorn rewrote it: the real peer was one of uvicorn's hosts, and the header is
believed only if every one of those is also ours; otherwise all such requests count as one
client, :data:`UNTRUSTED_FORWARD` (as if the header had been ignored: the proxy's address).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

UNTRUSTED_FORWARD = "forwarded-by-untrusted"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(entries: Sequence[str]) -> list[Network] | None:
    """The entries as networks; None means "everything" (uvicorn's ``*``)."""
    found: list[Network] = []
    for entry in entries:
        entry = entry.strip()
        if entry == "*":
            return None
        try:
            found.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # a literal (a socket name): never an address we compare with
    return found


def _host(value: str) -> str:
    """``1.2.3.4:80`` -> ``1.2.3.4``; ``[::1]:80`` -> ``::1``; anything else as it is."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        return value[1 : value.index("]")]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


def _within(host: str, networks: list[Network] | None) -> bool:
    if networks is None:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in n for n in networks)


def _pick(forwarded: str, networks: list[Network] | None) -> str:
    """The rightmost entry not in ``networks``, else the leftmost (as uvicorn picks)."""
    hosts = [_host(h) for h in forwarded.split(",")]
    if networks is None:
        return hosts[0]
    for host in reversed(hosts):
        if not _within(host, networks):
            return host
    return hosts[0]


def _covered(inner: list[Network] | None, outer: list[Network]) -> bool:
    """True when every address of ``inner`` lies in ``outer``."""
    if inner is None:
        return False
    return all(any(n.version == o.version and n.subnet_of(o) for o in outer) for n in inner)  # type: ignore[arg-type]


def client_address(
    peer: str | None, forwarded: str | None, trusted: Sequence[str], web_server_trusted: Sequence[str]
) -> str:
    """The address to count a request against: see the module doc. ``peer`` is the address the
    web server reports, ``forwarded`` the request's X-Forwarded-For (all of them joined by
    commas), ``trusted`` MGLEARN_TRUSTED_PROXIES, ``web_server_trusted`` uvicorn's list."""
    peer = (peer or "").strip()
    ours = _networks(trusted) or []
    if not forwarded or not forwarded.strip():
        return peer
    uvicorn = _networks(web_server_trusted)
    if peer and peer == _pick(forwarded, uvicorn):  # uvicorn rewrote it: the peer was one of its own
        return _pick(forwarded, ours) if _covered(uvicorn, ours) else UNTRUSTED_FORWARD
    if peer and _within(peer, ours):
        return _pick(forwarded, ours)
    return peer
