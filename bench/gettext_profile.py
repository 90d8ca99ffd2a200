"""How much of a home-page render goes to translations: cProfile over N renders, in-process.

    .venv/bin/python bench/gettext_profile.py [--renders 200] [--cached]

Builds the small test shop (SQLite in memory, 20 products), renders ``/`` N times through the test
client with caching off (or on, ``--cached``: every render after the first is a cache hit), and
prints the time per render and the share spent in Flask-Babel's gettext, ngettext and lazy
strings (translation look-ups), in get_locale, and in Babel's number formatting (prices).
Run by hand; nothing in tests/ is timed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402


def build(cached: bool):
    from app.core.extensions import db
    from tests.catalog.factories import shop
    from tests.catalog.test_pages import grow

    class ProfileConfig(TestConfig):
        MEDIA_ROOT = "/tmp/gettext-profile-media"  # nosec B108: nothing is written there
        CACHE_TYPE = "SimpleCache" if cached else "NullCache"

    app = create_app(ProfileConfig)
    with app.app_context():
        db.create_all()
        grow(shop(), 16)
    return app


def inclusive(stats: pstats.Stats, module_part: str, names: tuple[str, ...]) -> tuple[int, float]:
    """Calls and inclusive seconds of the outermost calls to these functions (recursion counted once)."""
    calls = seconds = 0
    for (path, _line, name), (_cc, _ncalls, _tt, _cumtime, callers) in stats.stats.items():
        if module_part in path and name in names:
            for (cpath, _l, cname), (_c, ncalls, _t, cumtime) in callers.items():
                if not (module_part in cpath and cname in names):  # an outermost call
                    calls += ncalls
                    seconds += cumtime
    return calls, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--cached", action="store_true")
    args = parser.parse_args()
    app = build(args.cached)
    client = app.test_client()
    for _ in range(5):
        client.get("/")
    began = time.perf_counter()
    for _ in range(args.renders):
        client.get("/")
    plain_ms = (time.perf_counter() - began) * 1000 / args.renders
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.renders):
        client.get("/")
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"{args.renders} renders of /, caching {'on' if args.cached else 'off'}: {plain_ms:.1f} ms each without")
    print(f"the profiler, {1000 * total / args.renders:.1f} ms with it")
    rows = {
        "translations (gettext, ngettext, lazy strings)": inclusive(
            stats, "flask_babel", ("gettext", "ngettext", "pgettext", "<lambda>", "get_translations")
        ),
        "get_locale": inclusive(stats, "flask_babel", ("get_locale",)),
        "Babel number formatting (prices)": inclusive(stats, "babel/numbers", ("format_currency", "format_decimal")),
    }
    for label, (calls, seconds) in rows.items():
        print(f"  {label}: {calls / args.renders:.0f} calls a render, {100 * seconds / total:.1f} % of the time")


if __name__ == "__main__":
    main()
