"""The client's address behind the council's reverse proxies: what rate limits count against.

Behind a proxy, the direct peer (``remote_addr``) is the proxy, so every person would share one limit; the person's
own address is in X-Forwarded-For. Anyone can send that header, so it is believed only from a peer listed in
TRUSTED_PROXIES, and then read from the right: each trusted proxy appends the address it got the request from, so the
right-most address that is not one of ours is the last one no proxy of ours can vouch for, the client. Anything
further left came from the client and may be made up.

Werkzeug's ProxyFix is not used: it trusts a fixed number of hops whoever the peer is, so a request that reaches the
app without passing the proxy (or through fewer proxies than counted) could choose its own address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from flask import current_app, request

from portal.config import Network, trusted_networks

UNKNOWN = "unknown"  # never empty: Flask-Limiter skips a limit whose key is empty


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: tuple[Network, ...]) -> bool:
    return any(address in network for network in proxies)


def client_address(peer: str, forwarded_for: Iterable[str], proxies: tuple[Network, ...]) -> str:
    """The client's address, given the direct peer, the X-Forwarded-For headers in order, and the trusted proxies."""
    peer_address = _address(peer or "")
    if peer_address is None:
        return peer or UNKNOWN
    if not _trusted(peer_address, proxies):
        return str(peer_address)
    hops = [entry for header in forwarded_for for entry in header.split(",")]
    nearest_proxy = peer_address
    for entry in reversed(hops):
        address = _address(entry)
        if address is None:
            continue
        if not _trusted(address, proxies):
            return str(address)
        nearest_proxy = address
    # Every hop was one of our proxies: the request started at a proxy (a health check, say).
    return str(nearest_proxy)


@lru_cache(maxsize=8)
def _proxies(setting: str) -> tuple[Network, ...]:
    return trusted_networks(setting)


def request_client_address() -> str:
    """The current request's client address (the rate limits' key)."""
    return client_address(
        request.remote_addr or "",
        request.headers.getlist("X-Forwarded-For"),
        _proxies(current_app.config.get("TRUSTED_PROXIES", "")),
    )
