"""Audit the installed environment's packages for known vulnerabilities, honestly.

First pip-audit (PyPI's per-release vulnerability data, or OSV). Where it cannot look a package up (here the
registry answers per-release queries for only some packages and OSV is unreachable), the package's project page
on the registry (``/pypi/NAME/json``) is asked instead: its ``vulnerabilities`` list is about the newest release,
so it audits an installed package only when that is the newest release. Anything still unknown is listed as not
audited rather than silently passing; ``--strict`` fails on it too. Fails on any vulnerability found.
Usage: ``.venv/bin/python .ci/audit.py [--strict]``.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
EDITABLE = "distribution marked as editable"  # the project itself, not a dependency
REGISTRY = "https://pypi.org/pypi/{name}/json"


def pip_audit() -> list[dict[str, Any]] | None:
    command = [str(PIP_AUDIT), "--local", "--skip-editable", "--format", "json", "--progress-spinner", "off"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (fixed argv)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout, run.stderr, sep="\n", file=sys.stderr)
        return None
    return [d for d in report.get("dependencies", []) if d.get("skip_reason") != EDITABLE]


def from_project_page(dependency: dict[str, Any]) -> dict[str, Any]:
    """``dependency`` audited through the registry's project page when it is the newest release."""
    name = dependency["name"]
    version = dependency.get("version") or importlib.metadata.version(name)  # pip-audit's skips carry none
    url = REGISTRY.format(name=name)
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (a fixed https URL)
            page = json.load(response)
    except (OSError, ValueError):
        return dependency
    if page.get("info", {}).get("version") != version:
        return {**dependency, "skip_reason": f"not the newest release, not known: {name} ({version})"}
    vulns = [
        {"id": v.get("id", "?"), "fix_versions": v.get("fixed_in", [])}
        for v in page.get("vulnerabilities", [])
        if not v.get("withdrawn")
    ]
    return {
        "name": name,
        "version": version,
        "vulns": vulns,
        "via": "project page",
    }


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    dependencies = pip_audit()
    if dependencies is None:
        print("pip-audit did not produce a report", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(max_workers=16) as pool:
        dependencies = list(
            pool.map(lambda d: from_project_page(d) if "skip_reason" in d else d, dependencies)
        )
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    by_page = sum(1 for d in audited if d.get("via") == "project page")
    print(
        f"audited {len(audited)} of {len(dependencies)} installed packages "
        f"({len(audited) - by_page} by pip-audit, {by_page} through the registry's project page); "
        f"{len(vulnerable)} vulnerable"
    )
    if skipped:
        print(f"NOT audited ({len(skipped)}):")
        print("  " + "; ".join(d["skip_reason"].split(": ", 1)[-1] for d in skipped))
    return 1 if vulnerable or (strict and skipped) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
