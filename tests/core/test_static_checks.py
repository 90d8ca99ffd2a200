"""The static checks CI runs: bandit finds nothing unexplained; pip-audit fails on a real finding only."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_audit():
    spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(*dependencies) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_fails_ci():
    status, message = load_audit().classify(
        1,
        report(
            {"name": "flask", "version": "3.1.3", "vulns": []},
            {"name": "pillow", "version": "9.0.0", "vulns": [{"id": "PYSEC-2022-1", "fix_versions": ["9.0.1"]}]},
        ),
        "",
    )
    assert status == "vulnerable" and "pillow 9.0.0: PYSEC-2022-1 (fixed in 9.0.1)" in message


def test_a_clean_audit_says_how_many_packages_it_checked():
    status, message = load_audit().classify(
        0, report({"name": "flask", "version": "3.1.3", "vulns": []}, {"name": "x", "skip_reason": "private"}), ""
    )
    assert (status, message) == (
        "clean",
        "pip-audit: 1 packages audited, no known vulnerabilities; 1 could not be audited",
    )


@pytest.mark.parametrize(
    ("returncode", "stdout", "stderr"),
    [
        (1, "", "requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'"),
        (0, report({"name": "flask", "skip_reason": "Dependency not found on PyPI"}), ""),
        (1, "not json", ""),
    ],
)
def test_an_unreachable_database_is_a_visible_skip_not_a_failure(returncode, stdout, stderr):
    status, message = load_audit().classify(returncode, stdout, stderr)
    assert status == "skipped" and message.startswith("pip-audit skipped: ")


def test_ci_runs_bandit_and_pip_audit():
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"bandit -q -r app", script) and ".ci/audit.py" in script
    pins = (ROOT / "requirements-dev.txt").read_text()
    assert re.search(r"^bandit==", pins, re.M) and re.search(r"^pip-audit==", pins, re.M)


def test_bandit_finds_nothing_unexplained_in_app():
    bandit = Path(sys.executable).with_name("bandit")
    done = subprocess.run([str(bandit), "-q", "-r", str(ROOT / "app"), "-f", "json"], capture_output=True, text=True)
    results = json.loads(done.stdout)["results"]
    assert results == [], [(r["filename"], r["line_number"], r["test_id"]) for r in results]


def test_every_nosec_says_why():
    for path in (ROOT / "app").rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "# nosec" in line:
                assert re.search(r"# nosec B\d{3}: \w+", line), f"{path}:{number} needs '# nosec BXXX: reason'"
