"""`make audit`'s verdict: known vulnerabilities in the packages installed in .venv (the editable portal excepted).

pip-audit asks PyPI about each installed version (`/pypi/<name>/<version>/json`). Where that answers, its report is
the verdict. Some networks serve PyPI's per-project JSON but not the per-version one, and pip-audit then skips every
package as "not found". For each package pip-audit could not look up, this falls back on the per-project JSON
(`/pypi/<name>/json`), whose `vulnerabilities` list is PyPI's advisory data (the data pip-audit reads) for the
project's latest release only, as PyPI's JSON API documentation says. So:

- the installed version is the latest release: the list is the answer, and any entry not withdrawn is a known
  vulnerability that fails the build;
- the installed version is not the latest: the list cannot answer either way. Advisories fixed between the installed
  version and the latest are not listed at all, and an entry that still affects the latest gives its fixed versions
  but not the version it was introduced in, so it may or may not reach back to the installed one. The package is
  reported as not audited (with any advisory its latest release has), never as free of vulnerabilities.

Exit 1 on a known vulnerability. Otherwise exit 0, saying how many packages were audited and how many could not be:
a network that reaches neither service leaves nothing audited ("NOT AUDITED"), which warns but does not fail.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import sysconfig
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

PROJECT_URL = "https://pypi.org/pypi/{name}/json"
PREFIX = "audit:"


@dataclass(frozen=True)
class Finding:
    name: str
    version: str
    id: str
    fixed_in: tuple[str, ...]
    source: str  # "pip-audit" or "PyPI project JSON"

    def line(self) -> str:
        fixes = ", ".join(self.fixed_in) or "no fixed version yet"
        return f"{self.name} {self.version}: {self.id} (fixed in: {fixes}) [{self.source}]"


@dataclass(frozen=True)
class Judgement:
    """What the per-project JSON says about one installed package."""

    name: str
    version: str
    audited: bool
    findings: tuple[Finding, ...] = ()
    why_not: str = ""  # when not audited


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def judge(
    name: str,
    version: str,
    project: dict[str, Any],
    python: str = platform.python_version(),
    required: Iterable[tuple[str, str]] = (),
) -> Judgement:
    """Judge one installed package on PyPI's per-project JSON (pure: no network).

    `required` is what the other installed packages ask of this one, as (package, specifier): it only explains why
    the latest release is not installed.
    """
    latest = str(project["info"]["version"])
    standing, seen = [], set()  # not withdrawn, and once each: PyPI lists an advisory under each of its ids
    for entry in project.get("vulnerabilities") or []:
        ids = {str(entry["id"]), *(entry.get("aliases") or ())}
        if not entry.get("withdrawn") and not ids & seen:
            standing.append(entry)
            seen |= ids
    if _same_version(version, latest):
        findings = tuple(
            Finding(name, version, str(entry["id"]), tuple(entry.get("fixed_in") or ()), "PyPI project JSON")
            for entry in standing
        )
        return Judgement(name, version, audited=True, findings=findings)
    why_not = f"not audited (installed {version}, latest {latest}"
    requires_python = project["info"].get("requires_python")
    if requires_python and not SpecifierSet(requires_python).contains(python, prereleases=True):
        why_not += f", which needs Python {requires_python}"
    held_back = [f"{by} needs {spec}" for by, spec in required if not SpecifierSet(spec).contains(latest, True)]
    why_not += "".join(f", {reason}" for reason in held_back) + ")"
    if standing:
        ids = ", ".join(str(entry["id"]) for entry in standing)
        why_not += f"; {latest} itself has {ids}, which may or may not reach back to {version}"
    return Judgement(name, version, audited=False, why_not=why_not)


def installed_packages() -> list[tuple[str, str]]:
    """(name, version) of every distribution installed in this interpreter's site-packages, editable ones excepted.

    Only site-packages: the portal's own `cme_portal.egg-info` in the work tree is found too when the work tree is on
    sys.path (as under pytest), and it is the portal, not a dependency.
    """
    site = {Path(sysconfig.get_path(key)).resolve() for key in ("purelib", "platlib")}
    seen: dict[str, tuple[str, str]] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or canonical(name) in seen or Path(str(dist.locate_file(""))).resolve() not in site:
            continue  # a broken install, one shadowed by an earlier path entry, or one outside site-packages
        direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
        if direct_url.get("dir_info", {}).get("editable"):
            continue
        seen[canonical(name)] = (name, dist.version)
    return sorted(seen.values(), key=lambda package: canonical(package[0]))


def installed_requirements() -> dict[str, list[tuple[str, str]]]:
    """What each installed package asks of the others with a version specifier: {name: [(package, specifier)]}."""
    required: dict[str, list[tuple[str, str]]] = {}
    for dist in metadata.distributions():
        extras = ["", *(dist.metadata.get_all("Provides-Extra") or [])]  # the extras installed are not recorded
        for line in dist.requires or []:
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            marker = requirement.marker
            if requirement.specifier and (not marker or any(marker.evaluate({"extra": e}) for e in extras)):
                by = dist.metadata["Name"]
                required.setdefault(canonical(requirement.name), []).append((by, str(requirement.specifier)))
    return required


class Fetcher:
    """Fetches per-project JSON; after three connection failures and no answer, stops asking (the network is down)."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout
        self._lock = threading.Lock()
        self._answers = self._failures = 0

    def __call__(self, name: str) -> dict[str, Any] | str:
        with self._lock:
            if self._failures >= 3 and not self._answers:
                return "PyPI did not answer"
        url = self.url.format(name=canonical(name))
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (PyPI, or file:// in tests)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (as above)
                project = json.load(response)
        except urllib.error.HTTPError as error:
            with self._lock:
                self._answers += 1
            return f"PyPI answered {error.code}"
        except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors; ValueError is bad JSON
            with self._lock:
                self._failures += 1
            return f"no answer from PyPI ({getattr(error, 'reason', error)})"
        with self._lock:
            self._answers += 1
        return project


def audit_from_project_json(
    packages: Iterable[tuple[str, str]],
    fetch: Callable[[str], dict[str, Any] | str],
    required: dict[str, list[tuple[str, str]]] | None = None,
    workers: int = 8,
) -> list[Judgement]:
    packages = list(packages)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda package: fetch(package[0]), packages))
    judgements = []
    for (name, version), answer in zip(packages, answers, strict=True):
        if isinstance(answer, str):
            judgements.append(Judgement(name, version, audited=False, why_not=f"not audited ({answer})"))
            continue
        try:
            judgements.append(judge(name, version, answer, required=(required or {}).get(canonical(name), ())))
        except (KeyError, TypeError, InvalidSpecifier) as error:
            why_not = f"not audited (unexpected JSON from PyPI: {error!r})"
            judgements.append(Judgement(name, version, audited=False, why_not=why_not))
    return judgements


def read_pip_audit(path: str) -> tuple[list[Finding], set[str]] | None:
    """pip-audit's findings and the packages it audited, or None when it wrote no report (it could not run)."""
    try:
        with open(path, encoding="utf-8") as handle:
            dependencies = json.load(handle)["dependencies"]
    except (OSError, ValueError, KeyError):
        return None
    findings = [
        Finding(d["name"], d.get("version", "?"), v["id"], tuple(v.get("fix_versions") or ()), "pip-audit")
        for d in dependencies
        for v in d.get("vulns") or []
    ]
    audited = {canonical(d["name"]) for d in dependencies if not d.get("skip_reason")}
    return findings, audited


def verdict(
    pip_audit: tuple[list[Finding], set[str]] | None, fallback: list[Judgement], pip_audit_log: str = "its log"
) -> tuple[list[str], int]:
    """The lines to print and the exit status."""
    findings, by_pip_audit = pip_audit or ([], set())
    findings = findings + [finding for judgement in fallback for finding in judgement.findings]
    by_fallback = [judgement for judgement in fallback if judgement.audited]
    not_audited = [judgement for judgement in fallback if not judgement.audited]
    audited = len(by_pip_audit) + len(by_fallback)
    sources = {"by pip-audit": len(by_pip_audit), "from PyPI's advisories for their latest release": len(by_fallback)}
    how = ", ".join(f"{count} {source}" for source, count in sources.items() if count)
    lines = []
    if pip_audit is None:
        lines.append(f"pip-audit wrote no report (see {pip_audit_log}): each package was tried on PyPI's project JSON")
    elif not by_pip_audit and fallback:
        lines.append("pip-audit could look up none of the packages: they were tried on PyPI's project JSON")
    lines.extend(finding.line() for finding in findings)
    if findings:
        lines.append(f"{len(findings)} known vulnerabilities: bump the pins in pyproject.toml")
    if not audited:
        lines.append(f"NOT AUDITED. None of the {len(not_audited)} packages could be checked for known vulnerabilities")
    else:
        summary = f"{audited} packages audited ({how})"
        if not findings:
            summary += ", no known vulnerability"
        lines.append(summary + (f"; {len(not_audited)} not audited:" if not_audited else ""))
    reasons: dict[str, list[str]] = {}
    for judgement in not_audited:
        reasons.setdefault(judgement.why_not, []).append(judgement.name)
    for why_not, names in reasons.items():
        lines.append(f"  {', '.join(names) if len(names) <= 5 else f'{len(names)} packages'}: {why_not}")
    if not_audited:
        lines.append("Those need pip-audit where pypi.org answers fully, or a bump to their latest release.")
    return [f"{PREFIX} {line}" for line in lines], 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip-audit-report", required=True, help="pip-audit's JSON report (absent if it failed)")
    parser.add_argument("--pip-audit-log", default="its log", help="where pip-audit's output went, for the message")
    parser.add_argument("--url", default=PROJECT_URL, help="per-project JSON URL, with {name} (default: PyPI)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer")
    args = parser.parse_args(argv)

    pip_audit = read_pip_audit(args.pip_audit_report)
    by_pip_audit = pip_audit[1] if pip_audit else set()
    rest = [package for package in installed_packages() if canonical(package[0]) not in by_pip_audit]
    fetch = Fetcher(args.url, args.timeout)
    fallback = audit_from_project_json(rest, fetch, installed_requirements()) if rest else []
    lines, status = verdict(pip_audit, fallback, args.pip_audit_log)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
