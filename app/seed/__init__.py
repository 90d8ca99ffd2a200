"""Demo data drawn from the provincial Women's Union's report: `flask --app wsgi seed-demo`."""

from app.seed.demo import SeedRefused, seed_demo

__all__ = ["SeedRefused", "seed_demo"]
