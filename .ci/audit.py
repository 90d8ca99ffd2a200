"""Run pip-audit on requirements.txt and say plainly what came of it.

Exit 1 on a known vulnerability. When the vulnerability database cannot be reached (no route to
it, or it knows none of the packages), print "pip-audit skipped: <why>" and exit 0: an unreachable
database never fails CI, a real finding always does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [
    str(ROOT / ".venv" / "bin" / "pip-audit"),
    "-r", str(ROOT / "requirements.txt"),
    "--no-deps", "--disable-pip",  # every line of requirements.txt is pinned
    "--progress-spinner", "off",
    "--format", "json",
]  # fmt: skip
TIMEOUT_SECONDS = 300


def classify(returncode: int, stdout: str, stderr: str) -> tuple[str, str]:
    """("vulnerable" | "clean" | "skipped", the line to print) from one pip-audit run."""
    try:
        report = json.loads(stdout)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        reason = next((line for line in reversed(stderr.strip().splitlines()) if line.strip()), "no answer")
        return "skipped", f"pip-audit skipped: the vulnerability database did not answer ({reason[:200]})"
    found = [d for d in dependencies if d.get("vulns")]
    if found:
        lines = [
            f"{d['name']} {d.get('version', '?')}: {v.get('id')} ({_fixed_in(v)})" for d in found for v in d["vulns"]
        ]
        return "vulnerable", "pip-audit found known vulnerabilities:\n  " + "\n  ".join(lines)
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        reason = dependencies[0]["skip_reason"] if dependencies else "nothing to audit"
        return "skipped", f"pip-audit skipped: the vulnerability database knows none of the packages ({reason})"
    skipped = len(dependencies) - len(audited)
    note = f"; {skipped} could not be audited" if skipped else ""
    return "clean", f"pip-audit: {len(audited)} packages audited, no known vulnerabilities{note}"


def _fixed_in(vuln: dict) -> str:
    versions = vuln.get("fix_versions") or []
    return "fixed in " + ", ".join(versions) if versions else "no fixed release yet"


def main() -> int:
    try:
        done = subprocess.run(COMMAND, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)  # nosec B603: fixed command
        status, message = classify(done.returncode, done.stdout, done.stderr)
    except subprocess.TimeoutExpired:
        status, message = "skipped", f"pip-audit skipped: no answer within {TIMEOUT_SECONDS} s"
    except OSError as exc:
        status, message = "skipped", f"pip-audit skipped: {exc}"
    print(message)
    return 1 if status == "vulnerable" else 0


if __name__ == "__main__":
    sys.exit(main())
