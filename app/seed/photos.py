"""Give each demo product one or two drawn pictures, stored through the real image pipeline."""

from __future__ import annotations

import os
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from app.catalog.images import StoredImage, file_names, process_image
from app.catalog.models import Product, ProductImage
from app.core.storage import Storage, get_storage
from app.seed.data import PRODUCTS
from app.seed.images import product_picture

SPECS = {spec.slug: spec for spec in PRODUCTS}


@dataclass(frozen=True)
class PictureJob:
    product_id: int
    position: int
    name: str
    seller: str
    category: str
    seed: str


def picture_count(product: Product) -> int:
    """Featured products and about a quarter of the others get a second picture."""
    if product.is_featured:
        return 2
    return 2 if random.Random(f"pictures:{product.slug}").random() < 0.25 else 1  # nosec B311: seeded for repeatable demo data, not security


def _complete(product: Product, storage: Storage) -> bool:
    """Whether the product already has its pictures and every file of them is in storage."""
    have = [image for image in product.images if image.position < picture_count(product)]
    if len(have) < picture_count(product):
        return False
    return all(storage.exists(name) for image in have for name in file_names(image.storage_key))


def _jobs(products: list[Product], storage: Storage) -> list[PictureJob]:
    jobs = []
    for product in products:
        if product.slug not in SPECS or _complete(product, storage):
            continue
        for position in range(picture_count(product)):
            jobs.append(
                PictureJob(
                    product.id, position, product.name, product.seller.name, SPECS[product.slug].category, product.slug
                )
            )
    return jobs


def _render(job: PictureJob, storage: Storage) -> tuple[PictureJob, StoredImage]:
    data = product_picture(name=job.name, seller=job.seller, category=job.category, seed=job.seed, view=job.position)
    return job, process_image(data, storage=storage)


def add_photos(products: list[Product], added: Counter) -> None:
    """Draw and store the missing pictures (in threads: Pillow encodes without the GIL)."""
    storage = get_storage()
    jobs = _jobs(products, storage)
    by_id = {product.id: product for product in products}
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = list(pool.map(lambda job: _render(job, storage), jobs))
    for job, stored in results:
        _attach(by_id[job.product_id], job.position, stored, added)


def _attach(product: Product, position: int, stored: StoredImage, added: Counter) -> None:
    """Record the picture on the product unless it is already there (same key, same place)."""
    for image in product.images:
        if image.storage_key == stored.key:
            image.position, image.width, image.height = position, stored.width, stored.height
            return
    alt = product.name if position == 0 else f"{product.name} – ảnh {position + 1}"
    product.images.append(
        ProductImage(storage_key=stored.key, width=stored.width, height=stored.height, alt=alt, position=position)
    )
    added["images"] += 1
