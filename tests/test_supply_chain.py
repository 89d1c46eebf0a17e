"""`make audit` (run by `make test`): a known vulnerability fails the build; an unreachable service only warns.

pip-audit itself is replaced by a stand-in that writes the report a real run would, and PyPI's per-project JSON
(the fallback where pip-audit cannot look packages up) by files under a temporary folder (`AUDIT_PYPI_URL=file://`),
so each verdict is checked without the network.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tools import audit_pypi

ROOT = Path(__file__).resolve().parents[1]
INSTALLED = audit_pypi.installed_packages()  # what `make audit` sees: this interpreter is .venv's

FINDING = {
    "dependencies": [
        {"name": "flask", "version": "3.1.3", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": []}],
        },
    ]
}
EVERY_LOOKUP_404 = {
    "dependencies": [
        *(
            {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} ({version})"}
            for name, version in INSTALLED
        ),
        {"name": "cme-portal", "skip_reason": "distribution marked as editable"},
    ]
}


def _advisory(id_: str, fixed_in: list[str], withdrawn: str | None = None, aliases: tuple[str, ...] = ()) -> dict:
    """One entry of PyPI's `vulnerabilities` list, as the JSON API serves it."""
    return {"id": id_, "aliases": list(aliases), "details": "", "fixed_in": fixed_in, "link": "", "source": "osv",
            "summary": None, "withdrawn": withdrawn}  # fmt: skip


def _project(latest: str, *advisories: dict[str, Any], requires_python: str | None = None) -> dict[str, Any]:
    """The part of PyPI's per-project JSON the audit reads: the latest version and that release's advisories."""
    return {"info": {"version": latest, "requires_python": requires_python}, "vulnerabilities": list(advisories)}


def _audit(
    tmp_path: Path, report: dict[str, object] | None, projects: dict[str, dict[str, Any]] | None = None
) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "pip-audit"
    if report is None:  # a network error: pip-audit dies with a traceback and writes no report
        body = "import sys\nprint('ConnectionError: Failed to resolve', file=sys.stderr)\nsys.exit(1)\n"
    else:
        body = (
            "import sys\n"
            "out = sys.argv[sys.argv.index('-o') + 1]\n"
            f"open(out, 'w').write({json.dumps(json.dumps(report))})\n"
            f"sys.exit({1 if report is FINDING else 0})\n"
        )
    fake.write_text(f"#!{sys.executable}\n{body}")
    fake.chmod(0o755)
    pypi = tmp_path / "pypi"  # a project with no file here is one PyPI did not answer for
    pypi.mkdir()
    for name, project in (projects or {}).items():
        (pypi / f"{audit_pypi.canonical(name)}.json").write_text(json.dumps(project))
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "audit",
            f"PIP_AUDIT={fake}",
            f"AUDIT_REPORT={tmp_path / 'report.json'}",
            f"AUDIT_PYPI_URL=file://{pypi}/{{name}}.json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_known_vulnerability_fails_the_build(tmp_path: Path) -> None:
    result = _audit(tmp_path, FINDING)
    assert result.returncode != 0
    assert "jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in: 3.1.3) [pip-audit]" in result.stdout


def test_no_vulnerability_passes_and_says_how_many_were_audited(tmp_path: Path) -> None:
    clean = {"dependencies": [{"name": name, "version": version, "vulns": []} for name, version in INSTALLED]}
    result = _audit(tmp_path, clean)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"audit: {len(INSTALLED)} packages audited ({len(INSTALLED)} by pip-audit), no known vulnerability\n" in (
        result.stdout
    )
    assert "not audited" not in result.stdout


@pytest.mark.parametrize("report", [None, EVERY_LOOKUP_404], ids=["network error", "every lookup 404"])
def test_an_unreachable_service_warns_that_nothing_was_audited(
    tmp_path: Path, report: dict[str, object] | None
) -> None:
    result = _audit(tmp_path, report)  # and PyPI's project JSON does not answer either
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"NOT AUDITED. None of the {len(INSTALLED)} packages could be checked" in result.stdout
    assert "no known vulnerability" not in result.stdout


def _at_latest(**overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Project JSON for every installed package, each at its latest release with no advisory, but for overrides."""
    return {name: overrides.get(name) or _project(version) for name, version in INSTALLED}


def test_the_project_json_fallback_audits_packages_at_their_latest_release(tmp_path: Path) -> None:
    result = _audit(tmp_path, EVERY_LOOKUP_404, _at_latest())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip-audit could look up none of the packages" in result.stdout
    count = len(INSTALLED)
    assert f"{count} packages audited ({count} from PyPI's advisories for their latest release), no known" in (
        result.stdout
    )


def test_the_fallback_fails_the_build_on_an_advisory_for_the_installed_latest_release(tmp_path: Path) -> None:
    name, version = INSTALLED[0]
    vulnerable = _project(version, _advisory("PYSEC-2099-1", ["99.0"]), _advisory("GHSA-xxxx-yyyy-zzzz", []))
    result = _audit(tmp_path, None, _at_latest(**{name: vulnerable}))
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{name} {version}: PYSEC-2099-1 (fixed in: 99.0) [PyPI project JSON]" in result.stdout
    assert f"{name} {version}: GHSA-xxxx-yyyy-zzzz (fixed in: no fixed version yet)" in result.stdout
    assert "2 known vulnerabilities" in result.stdout
    assert "no known vulnerability" not in result.stdout


def test_the_fallback_lists_a_package_behind_its_latest_release_as_not_audited(tmp_path: Path) -> None:
    name, version = INSTALLED[0]
    result = _audit(tmp_path, None, _at_latest(**{name: _project("999.0")}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(INSTALLED) - 1} packages audited" in result.stdout
    assert f"; 1 not audited:\naudit:   {name}: not audited (installed {version}, latest 999.0" in result.stdout


NOW = "2.0"  # the installed version in the table below
JUDGEMENTS = [
    ("latest, no advisory", _project("2.0"), True, []),
    ("latest, an advisory", _project("2.0", _advisory("PYSEC-1", ["2.1"])), True, ["PYSEC-1"]),
    ("latest, no fix yet", _project("2.0", _advisory("GHSA-1", [])), True, ["GHSA-1"]),
    ("latest, withdrawn ignored", _project("2.0", _advisory("PYSEC-2", [], withdrawn="2026-01-01")), True, []),
    ("latest, one advisory under two ids",
     _project("2.0", _advisory("PYSEC-4", [], aliases=("GHSA-4",)), _advisory("GHSA-4", [], aliases=("PYSEC-4",))),
     True, ["PYSEC-4"]),
    ("latest, withdrawn alias ignored",
     _project("2.0", _advisory("PYSEC-5", [], "2026-01", ("GHSA-5",)), _advisory("GHSA-5", [], aliases=("PYSEC-5",))),
     True, ["GHSA-5"]),
    ("latest, spelt differently", _project("2.0.0"), True, []),
    ("behind, no advisory on latest", _project("2.1"), False, []),
    ("behind, advisory on latest", _project("2.1", _advisory("PYSEC-3", [])), False, []),
    ("ahead of latest (pre-release)", _project("1.9"), False, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("project", "audited", "ids"), [case[1:] for case in JUDGEMENTS], ids=[c[0] for c in JUDGEMENTS]
)
def test_judge(project: dict[str, Any], audited: bool, ids: list[str]) -> None:
    judgement = audit_pypi.judge("pkg", NOW, project, python="3.11.7")
    assert judgement.audited is audited
    assert [finding.id for finding in judgement.findings] == ids
    if not audited:
        assert judgement.why_not.startswith(f"not audited (installed {NOW}, latest {project['info']['version']}")


def test_judge_names_an_advisory_of_the_latest_release_that_may_reach_back() -> None:
    judgement = audit_pypi.judge("pkg", "1.0", _project("2.0", _advisory("PYSEC-3", [])), python="3.11.7")
    assert (
        judgement.why_not
        == "not audited (installed 1.0, latest 2.0); 2.0 itself has PYSEC-3, which may or may not reach back to 1.0"
    )


def test_judge_says_when_the_latest_release_needs_a_newer_python() -> None:
    judgement = audit_pypi.judge("deprecated", "1.3.1", _project("3.0.1", requires_python=">=3.12"), python="3.11.7")
    assert judgement.why_not == "not audited (installed 1.3.1, latest 3.0.1, which needs Python >=3.12)"


def test_the_editable_portal_is_not_audited() -> None:
    assert "cme-portal" not in {audit_pypi.canonical(name) for name, _ in INSTALLED}
    assert len(INSTALLED) > 20


def test_judge_names_the_package_that_holds_one_back_from_its_latest_release() -> None:
    required = [("limits", "!=4.5.2,<8.0.0,>3"), ("hypothesis", ">=3.0.0")]
    judgement = audit_pypi.judge("redis", "7.4.1", _project("8.1.0"), python="3.11.7", required=required)
    assert judgement.why_not == "not audited (installed 7.4.1, latest 8.1.0, limits needs !=4.5.2,<8.0.0,>3)"
