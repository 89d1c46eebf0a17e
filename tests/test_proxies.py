"""Who the client is behind the council's reverse proxies: the address rate limits are counted against."""

from __future__ import annotations

import pytest

from portal.config import trusted_networks
from portal.proxies import client_address

PROXIES = trusted_networks("10.0.0.1, 10.8.0.0/16, fd00::/8")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("10.0.0.1", ["203.0.113.5"], "203.0.113.5"),
        ("10.0.0.1", ["198.51.100.9, 203.0.113.5"], "203.0.113.5"),
        ("10.0.0.1", ["198.51.100.9, 203.0.113.5, 10.8.1.2"], "203.0.113.5"),
        ("10.0.0.1", ["198.51.100.9, 203.0.113.5", "10.8.1.2"], "203.0.113.5"),
        ("10.0.0.1", ["203.0.113.5, not-an-address, 10.8.1.2:443"], "203.0.113.5"),
        ("10.0.0.1", [" 2001:db8::7 "], "2001:db8::7"),
        ("10.0.0.1", [], "10.0.0.1"),
        ("10.0.0.1", ["10.8.1.2"], "10.8.1.2"),
        ("fd00::1", ["203.0.113.5"], "203.0.113.5"),
        ("198.51.100.7", ["203.0.113.5"], "198.51.100.7"),
        ("198.51.100.7", ["10.0.0.1"], "198.51.100.7"),
        ("", ["203.0.113.5"], "unknown"),
    ],
    ids=[
        "one trusted proxy",
        "the client's own forwarded header is not believed",
        "two trusted proxies in a row",
        "the header sent twice joins in order",
        "malformed entries are passed over",
        "IPv6 client, spaces trimmed",
        "no header: the proxy itself",
        "only proxies: the left-most of them",
        "IPv6 proxy network",
        "untrusted peer: the header is ignored",
        "untrusted peer claiming to be behind a proxy",
        "no peer address still gives a key",
    ],
)
def test_client_address(peer: str, forwarded_for: list[str], expected: str) -> None:
    assert client_address(peer, forwarded_for, PROXIES) == expected


def test_no_trusted_proxies_means_the_peer_is_the_client() -> None:
    assert client_address("10.0.0.1", ["203.0.113.5"], trusted_networks("")) == "10.0.0.1"


@pytest.mark.parametrize("setting", ["10.0.0.300", "proxy.internal", "10.0.0.0/33"])
def test_a_bad_setting_is_refused_with_its_name(setting: str) -> None:
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        trusted_networks(setting)
