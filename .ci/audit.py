"""Audit the installed environment's packages for known vulnerabilities with pip-audit, honestly.

Fails on any vulnerability found. Packages the vulnerability service could not look up (here the PyPI JSON
API answers for only some packages and OSV is unreachable) are listed as not audited rather than silently
passing; run with ``--strict`` to fail on them too. Usage: ``.venv/bin/python .ci/audit.py [--strict]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
EDITABLE = "distribution marked as editable"  # the project itself, not a dependency


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    command = [str(PIP_AUDIT), "--local", "--skip-editable", "--format", "json", "--progress-spinner", "off"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (fixed argv)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout, run.stderr, sep="\n", file=sys.stderr)
        print("pip-audit did not produce a report", file=sys.stderr)
        return 2
    dependencies = [d for d in report.get("dependencies", []) if d.get("skip_reason") != EDITABLE]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    print(f"audited {len(audited)} of {len(dependencies)} installed packages; {len(vulnerable)} vulnerable")
    if audited:
        print("audited: " + ", ".join(f"{d['name']} {d['version']}" for d in audited))
    if skipped:
        print(f"NOT audited ({len(skipped)}, the vulnerability service did not know them):")
        print("  " + "; ".join(d["skip_reason"].split(": ", 1)[-1] for d in skipped))
    return 1 if vulnerable or (strict and skipped) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
