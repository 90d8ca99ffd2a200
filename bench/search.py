"""Search at scale: time exact and misspelt queries over a large generated catalogue.

    .venv/bin/python bench/search.py --products 100000 [--database sqlite:////tmp/search-bench.db]

The products' names are drawn from the demo catalogue's words (so misspellings have something
to find); the database given is emptied first. Prints the median time of each query over
several runs, with the number of products found and how the query was read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.catalog.listing import Filters, browse  # noqa: E402
from app.catalog.models import Product  # noqa: E402
from app.catalog.search_index import uninstall  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.core.extensions import db  # noqa: E402
from app.seed.data import PRODUCTS  # noqa: E402
from app.seed.demo import upsert_categories, upsert_sellers  # noqa: E402

QUERIES = ("yen sao", "yen xao", "ao thung", "kho kua rung", "dong trumg", "trom chom", "hat dieu", "rau")


def fill(count: int) -> None:
    added = Counter()
    categories, sellers = upsert_categories(added), upsert_sellers(added)
    db.session.flush()
    rnd = random.Random(7)
    specs = list(PRODUCTS)
    for start in range(0, count, 2000):
        for n in range(start, min(count, start + 2000)):
            spec = rnd.choice(specs)
            words = spec.name.split()
            name = " ".join(words + rnd.sample(words, k=min(2, len(words))) + [f"lô {n}"])
            db.session.add(
                Product(
                    seller=sellers[spec.seller], category=categories[spec.category], slug=f"sp-{n}", name=name,
                    summary=spec.summary, status="active", unit=spec.unit,
                )
            )  # fmt: skip
        db.session.commit()
        print(f"  {min(count, start + 2000)} products", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100000)
    parser.add_argument("--database", default="sqlite:////tmp/search-bench.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = args.database

    app = create_app(Config)
    with app.app_context(), app.test_request_context():
        with db.engine.begin() as connection:
            uninstall(connection)  # the search index lives outside the metadata: drop it too
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        fill(args.products)
        print(f"{args.products} products written in {time.perf_counter() - started:.0f} s")
        for query in QUERIES:
            times, results = [], None
            for _ in range(args.runs):
                begun = time.perf_counter()
                results = browse(Filters(q=query))
                times.append(time.perf_counter() - begun)
            print(
                f"{query!r:16} median {statistics.median(times) * 1000:7.1f} ms  {results.total:6} found"
                f"  read as {results.corrected or 'typed'}"
            )


if __name__ == "__main__":
    main()
