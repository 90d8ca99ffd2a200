"""Keep the per-domain Vietnamese catalogs in step with the code: `python -m app.i18n_tools extract`.

Messages are written in English in the code and templates; each domain's Vietnamese catalog
lives in app/<domain>/translations/vi/LC_MESSAGES/messages.po, shared ones in app/translations.
"""

from __future__ import annotations

import subprocess  # nosec B404: runs Babel's own CLI for the developer, no user input
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ("accounts", "catalog", "sellers", "outlets", "orders", "payments", "reviews", "staff", "reports", "api")
# A face or a small domain keeps its messages in the catalog of the domain it serves.
ALSO = {"sellers": ("seller_desk",), "outlets": ("outlet_desk", "consignments")}
MAPPING = "[python: **.py]\n[jinja2: **.html]\n"


def _sources(domain: str | None) -> list[Path]:
    if domain is None:
        app_files = list((ROOT / "app").glob("*.py")) + [ROOT / "app" / "core"]
        templates = [ROOT / "templates" / "base.html", ROOT / "templates" / "macros", ROOT / "templates" / "errors"]
        templates += sorted((ROOT / "templates").glob("_*.html"))  # base.html's partials
        return app_files + [p for p in templates if p.exists()]
    packages = [ROOT / "app" / name for name in (domain, *ALSO.get(domain, ()))]
    return [p for p in (*packages, ROOT / "templates" / domain) if p.exists()]


def _run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True, cwd=ROOT)  # nosec B603: fixed argument list, no shell, no user input


def extract(domain: str | None) -> None:
    """Extract one domain's messages and merge them into its Vietnamese catalog."""
    target = ROOT / "app" / (domain or "") / "translations"
    sources = _sources(domain)
    if not sources:
        return
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "babel.cfg"
        cfg.write_text(MAPPING)
        pot = Path(tmp) / "messages.pot"
        _run(
            "extract", "--no-location", "--sort-output", "-F", str(cfg), "-k", "_l", "-o", str(pot), *map(str, sources)
        )
        if 'msgid "' not in pot.read_text().split("\n\n", 1)[-1]:
            return
        po = target / "vi" / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _run("update", "--no-fuzzy-matching", "--no-wrap", "-i", str(pot), "-d", str(target), "-l", "vi")
        else:
            _run("init", "--no-wrap", "-i", str(pot), "-d", str(target), "-l", "vi")


def main() -> None:
    if sys.argv[1:] != ["extract"]:
        raise SystemExit("usage: python -m app.i18n_tools extract")
    extract(None)
    for domain in DOMAINS:
        extract(domain)


if __name__ == "__main__":
    main()
