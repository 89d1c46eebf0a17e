"""The session-signing key made in instance/ on a host with no SECRET_KEY: one key, whatever starts at once."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from portal.config import _instance_secret_key


def _key_in(folder: str, start: Any) -> str:
    os.chdir(folder)
    start.wait()  # every worker asks at the same moment
    return _instance_secret_key()


def test_workers_starting_together_on_a_new_host_all_sign_with_one_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = 8
    with context.Manager() as manager:
        start = manager.Barrier(workers)
        with context.Pool(workers) as pool:
            keys = pool.starmap(_key_in, [(str(tmp_path), start)] * workers)
    assert len(set(keys)) == 1
    assert len(keys[0]) == 64
    assert (tmp_path / "instance" / "secret_key").read_text() == keys[0]
    assert [path.name for path in (tmp_path / "instance").iterdir()] == ["secret_key"]  # no temporary file left


def test_a_kept_key_is_read_back_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = _instance_secret_key()
    assert _instance_secret_key() == first
    assert oct((tmp_path / "instance" / "secret_key").stat().st_mode & 0o777) == "0o600"
