"""PostgreSQL going away mid-run: pages answer the 503 page, then recover by themselves when it is back.

The outage is made by a TCP proxy between the portal and PostgreSQL that the test cuts and restores, so the
shared database server itself is never stopped. Runs in the PostgreSQL pass (TEST_STORE=postgres).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import pytest

from portal.models import User
from tests.conftest import STORE, make_app, sign_in_as
from tests.pages import check_page

pytestmark = pytest.mark.postgres_only


class CuttableProxy:
    """Forwards TCP connections to the database; ``cut()`` drops them all and refuses new ones."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass
            self.sockets.clear()

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def proxy(database_url: str) -> Iterator[tuple[CuttableProxy, str]]:
    parsed = urlparse(database_url)
    proxy = CuttableProxy((parsed.hostname or "127.0.0.1", parsed.port or 5432))
    netloc = parsed.netloc.rsplit("@", 1)[0] + "@" if "@" in parsed.netloc else ""
    url = urlunparse(parsed._replace(netloc=f"{netloc}127.0.0.1:{proxy.port}", query="connect_timeout=2"))
    yield proxy, url
    proxy.close()


def test_pages_answer_503_while_the_database_is_down_and_recover(
    proxy: tuple[CuttableProxy, str], officer: User
) -> None:
    cuttable, url = proxy
    client = make_app(url).test_client()
    sign_in_as(client, officer)
    check_page(client.get("/officers/"))

    cuttable.cut()
    for path in ("/officers/", "/", "/sign-in"):
        page = check_page(client.get(path), status=503)
        assert page.h1 == ["Sorry, there is a problem with the service"]

    cuttable.restore()
    check_page(client.get("/officers/"))


def test_outage_test_runs_on_postgresql() -> None:
    assert STORE == "postgres" and os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql://")
