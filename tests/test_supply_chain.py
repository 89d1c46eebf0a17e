"""`make audit` (run by `make test`): a known vulnerability fails the build; an unreachable service only warns.

pip-audit itself is replaced by a stand-in that writes the report a real run would, so each verdict is checked
without the network.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

REPORTS = {
    "finding": {
        "dependencies": [
            {"name": "flask", "version": "3.1.3", "vulns": []},
            {
                "name": "jinja2",
                "version": "3.1.2",
                "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": []}],
            },
        ]
    },
    "clean": {
        "dependencies": [
            {"name": "flask", "version": "3.1.3", "vulns": []},
            {"name": "cme-portal", "skip_reason": "distribution marked as editable"},
        ]
    },
    "service unreachable": {
        "dependencies": [
            {"name": "flask", "skip_reason": "Dependency not found on PyPI and could not be audited: flask (3.1.3)"},
            {"name": "cme-portal", "skip_reason": "distribution marked as editable"},
        ]
    },
}


def _audit(tmp_path: Path, report: dict[str, object] | None) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "pip-audit"
    if report is None:  # a network error: pip-audit dies with a traceback and writes no report
        body = "import sys\nprint('ConnectionError: Failed to resolve', file=sys.stderr)\nsys.exit(1)\n"
    else:
        body = (
            "import sys\n"
            "out = sys.argv[sys.argv.index('-o') + 1]\n"
            f"open(out, 'w').write({json.dumps(json.dumps(report))})\n"
            f"sys.exit({1 if report is REPORTS['finding'] else 0})\n"
        )
    fake.write_text(f"#!{sys.executable}\n{body}")
    fake.chmod(0o755)
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "audit",
            f"PIP_AUDIT={fake}",
            f"AUDIT_REPORT={tmp_path / 'report.json'}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_known_vulnerability_fails_the_build(tmp_path: Path) -> None:
    result = _audit(tmp_path, REPORTS["finding"])
    assert result.returncode != 0
    assert "jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in: 3.1.3)" in result.stdout


def test_no_vulnerability_passes_and_says_how_many_were_audited(tmp_path: Path) -> None:
    result = _audit(tmp_path, REPORTS["clean"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 packages audited, no known vulnerability" in result.stdout


@pytest.mark.parametrize("report", [None, REPORTS["service unreachable"]], ids=["network error", "every lookup 404"])
def test_an_unreachable_service_warns_that_nothing_was_audited(
    tmp_path: Path, report: dict[str, object] | None
) -> None:
    result = _audit(tmp_path, report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NOT AUDITED" in result.stdout
    assert "no known vulnerability" not in result.stdout
