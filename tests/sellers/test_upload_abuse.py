"""Upload abuse: one draft per account, daily quotas, rate limits, pixels per request, files that
leave with their rows (and the sweep for the rest), and photos of products not on sale kept private."""

from __future__ import annotations

import io
import os
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import create_app
from app.catalog.images import file_names, process_image
from app.catalog.models import ProductImage
from app.config import TestConfig
from app.core.extensions import db
from app.core.storage import get_storage
from app.core.uploads import UploadRecord
from app.sellers.models import Seller, SellerDocument, SellerImage
from tests import factories
from tests.conftest import _fresh_request_state
from tests.sellers import factories as f
from tests.sellers.test_products import form


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def files(*pairs):
    return [(io.BytesIO(data), name) for data, name in pairs]


@pytest.fixture
def applicant(auth):
    factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")


@pytest.fixture
def shop(auth):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status="approved", members=[owner])
    cat = factories.category()
    db.session.commit()
    auth.login("chu@htx.vn")
    return seller, cat


# One draft per account -------------------------------------------------------------------------


def test_a_second_new_application_is_refused_while_a_draft_exists(client, applicant):
    assert client.post("/ban-hang/dang-ky", data={"kind": "individual", "name": "Nháp 1"}).status_code == 302
    response = client.post("/ban-hang/dang-ky", data={"kind": "individual", "name": "Nháp 2"})
    assert response.status_code == 200
    assert "Bạn đã có một hồ sơ nháp" in response.get_data(as_text=True)
    assert [s.name for s in db.session.scalars(select(Seller))] == ["Nháp 1"]


def test_after_sending_her_draft_she_may_start_another(client, applicant):
    client.post("/ban-hang/dang-ky", data={**f.application(), "send": "1"})
    assert client.post("/ban-hang/dang-ky", data={"kind": "individual", "name": "Hồ sơ thứ hai"}).status_code == 302
    assert count(Seller) == 2


# Daily quotas ----------------------------------------------------------------------------------


def test_documents_beyond_the_daily_file_quota_are_refused_and_nothing_is_stored(app, client, applicant):
    app.config["UPLOAD_DAILY_FILES"] = 3
    client.post(
        "/ban-hang/dang-ky",
        data={
            "kind": "individual",
            "name": "Chị Lan",
            "documents": files((f.png_bytes(), "a.png"), (f.pdf_bytes(), "b.pdf")),
        },
        content_type="multipart/form-data",
    )
    seller = db.session.scalar(select(Seller))
    response = client.post(
        f"/ban-hang/{seller.id}/ho-so",
        data={
            "kind": "individual",
            "name": "Chị Lan",
            "documents": files((f.png_bytes(), "c.png"), (f.png_bytes(), "d.png")),
        },
        content_type="multipart/form-data",
    )
    assert "Hôm nay bạn đã gửi 3 tệp" in response.get_data(as_text=True)
    assert count(SellerDocument) == 2 and count(UploadRecord) == 2


def test_photos_beyond_the_daily_byte_quota_are_refused(app, client, shop):
    seller, cat = shop
    big = f.png_bytes((300, 300))
    app.config["UPLOAD_DAILY_BYTES"] = len(big) * 2
    url = f"/ban-hang/{seller.id}/san-pham/moi"
    payload = {**form(cat), "photos": files((big, "a.png"), (f.png_bytes((301, 300)), "b.png"))}
    assert client.post(url, data=payload, content_type="multipart/form-data").status_code == 302
    payload = {**form(cat, **{"variants-0-sku": "X-1", "variants-1-sku": "X-2"}), "photos": files((big + b"", "c.png"))}
    response = client.post(url, data=payload, content_type="multipart/form-data")
    assert "hôm nay" in response.get_data(as_text=True)
    assert count(ProductImage) == 2


def test_deleted_documents_still_count_against_the_day(app, client, applicant):
    app.config["UPLOAD_DAILY_FILES"] = 2
    client.post(
        "/ban-hang/dang-ky",
        data={
            "kind": "individual",
            "name": "Chị Lan",
            "documents": files((f.png_bytes(), "a.png"), (f.png_bytes(), "b.png")),
        },
        content_type="multipart/form-data",
    )
    seller = db.session.scalar(select(Seller))
    for doc in db.session.scalars(select(SellerDocument)).all():
        client.post(f"/ban-hang/{seller.id}/tai-lieu/{doc.id}/xoa")
    response = client.post(
        f"/ban-hang/{seller.id}/ho-so",
        data={"kind": "individual", "name": "Chị Lan", "documents": files((f.png_bytes(), "c.png"))},
        content_type="multipart/form-data",
    )
    assert "Hôm nay bạn đã gửi 2 tệp" in response.get_data(as_text=True)
    assert count(SellerDocument) == 0


# Pixels per request ----------------------------------------------------------------------------


def test_the_pixels_of_one_request_are_bounded_before_any_photo_is_decoded(app, client, shop, monkeypatch):
    seller, cat = shop
    app.config["UPLOAD_MAX_PIXELS_PER_REQUEST"] = 3 * 100 * 100 - 1
    decoded = []
    monkeypatch.setattr("app.catalog.photos.process_image", lambda data: decoded.append(data))
    photos = files(*[(f.png_bytes((100, 100 + i)), f"{i}.png") for i in range(3)])
    response = client.post(
        f"/ban-hang/{seller.id}/san-pham/moi", data={**form(cat), "photos": photos}, content_type="multipart/form-data"
    )
    assert "quá lớn" in response.get_data(as_text=True)
    assert decoded == [] and count(ProductImage) == 0


def test_eight_photos_of_38_megapixels_are_refused_quickly(app, shop):
    from app.core.uploads import UploadRefused, check_pixels

    seller, _cat = shop
    huge = io.BytesIO()
    from PIL import Image

    Image.new("L", (7600, 5000)).save(huge, "PNG")  # 38 MP, a few kB
    started = time.perf_counter()
    with pytest.raises(UploadRefused):
        check_pixels([huge.getvalue()] * 8, field="photos")
    assert time.perf_counter() - started < 1.0


# Rate limits -----------------------------------------------------------------------------------


@pytest.fixture
def limited(tmp_path):
    class Limited(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # its own database: never the shared PostgreSQL one
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = "memory://"
        RATELIMIT_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
        UPLOAD_RATE_LIMIT = "2 per hour"
        MEDIA_ROOT = str(tmp_path / "media")
        PRIVATE_DOCUMENTS_ROOT = str(tmp_path / "private")

    application = create_app(Limited)
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    with application.app_context():
        db.create_all()
        factories.user(email="lan@example.vn")
        factories.user(email="mai@example.vn")
        db.session.commit()
        yield application
        db.session.remove()
        db.drop_all()


def test_the_application_route_is_rate_limited_per_account(limited):
    def posts(email: str) -> list[int]:
        client = limited.test_client()
        client.post("/dang-nhap", data={"identifier": email, "password": factories.PASSWORD})
        return [client.post("/ban-hang/dang-ky", data={"kind": "x", "name": ""}).status_code for _ in range(3)]

    assert posts("lan@example.vn") == [200, 200, 429]
    assert posts("mai@example.vn") == [200, 200, 429]  # her own count, from the same address


# Files leave with their rows -------------------------------------------------------------------


def test_a_deleted_document_leaves_the_disk(client, applicant, private_documents):
    client.post(
        "/ban-hang/dang-ky",
        data={"kind": "individual", "name": "Chị Lan", "documents": files((f.png_bytes(), "a.png"))},
        content_type="multipart/form-data",
    )
    seller, doc = db.session.scalar(select(Seller)), db.session.scalar(select(SellerDocument))
    stored = private_documents / doc.storage_key
    assert stored.is_file()
    client.post(f"/ban-hang/{seller.id}/tai-lieu/{doc.id}/xoa")
    assert not stored.exists() and count(SellerDocument) == 0


def test_a_removed_photo_leaves_the_disk_unless_another_product_shows_it(app, client, shop):
    seller, cat = shop
    url = f"/ban-hang/{seller.id}/san-pham/moi"
    picture = f.png_bytes((50, 40))
    client.post(url, data={**form(cat), "photos": files((picture, "a.png"))}, content_type="multipart/form-data")
    other = {**form(cat, name="Yến hũ", **{"variants-0-sku": "H-1", "variants-1-sku": "H-2"})}
    client.post(url, data={**other, "photos": files((picture, "same.png"))}, content_type="multipart/form-data")
    first, second = db.session.scalars(select(ProductImage).order_by(ProductImage.id)).all()
    assert first.storage_key == second.storage_key
    key, media = first.storage_key, Path(app.config["MEDIA_ROOT"])

    client.post(f"/ban-hang/{seller.id}/san-pham/{first.product_id}/anh/{first.id}/xoa")
    assert all((media / name).is_file() for name in file_names(key))  # still shown by the other product
    client.post(f"/ban-hang/{seller.id}/san-pham/{second.product_id}/anh/{second.id}/xoa")
    assert not any((media / name).exists() for name in file_names(key))


def test_a_removed_product_photo_keeps_the_files_of_the_same_picture_on_her_shop_page(app, client, shop):
    seller, cat = shop
    picture = f.png_bytes((52, 40))
    url = f"/ban-hang/{seller.id}/san-pham/moi"
    client.post(url, data={**form(cat), "photos": files((picture, "a.png"))}, content_type="multipart/form-data")
    image = db.session.scalar(select(ProductImage))
    db.session.add(SellerImage(seller_id=seller.id, storage_key=image.storage_key, width=52, height=40))
    db.session.commit()
    key, media = image.storage_key, Path(app.config["MEDIA_ROOT"])

    client.post(f"/ban-hang/{seller.id}/san-pham/{image.product_id}/anh/{image.id}/xoa")
    assert all((media / name).is_file() for name in file_names(key))  # her shop page still shows it
    assert client.get(f"/media/{file_names(key)[0]}").status_code == 200


def test_media_sweep_removes_old_orphans_and_keeps_what_rows_refer_to(app, runner, private_documents):
    product = factories.product()
    kept = process_image(f.png_bytes((60, 50)))
    db.session.add(ProductImage(product_id=product.id, storage_key=kept.key, width=60, height=50))
    orphan = process_image(f.png_bytes((61, 50)))
    young = process_image(f.png_bytes((62, 50)))
    seller = factories.seller()
    db.session.add(
        SellerDocument(
            seller_id=seller.id, title="a", original_name="a.pdf", content_type="application/pdf",
            storage_key=f"{seller.id}/kept.pdf", size_bytes=3,
        )
    )  # fmt: skip
    db.session.commit()
    private_documents.joinpath(str(seller.id)).mkdir(parents=True)
    for name in ("kept.pdf", "orphan.pdf"):
        private_documents.joinpath(str(seller.id), name).write_bytes(b"%PDF")
    media = Path(app.config["MEDIA_ROOT"])
    old = time.time() - 3 * 24 * 3600
    for path in [*media.rglob("*"), *private_documents.rglob("*")]:
        if path.is_file() and young.key not in str(path):
            os.utime(path, (old, old))

    dry = runner.invoke(args=["media", "sweep", "--dry-run"])
    assert "Would remove 4 photo files and 1 document files." in dry.output
    assert all((media / name).is_file() for name in file_names(orphan.key))

    done = runner.invoke(args=["media", "sweep"])
    assert done.exit_code == 0 and "Removed 4 photo files and 1 document files." in done.output
    assert not (media / orphan.key).exists()
    assert all((media / name).is_file() for name in file_names(kept.key) + file_names(young.key))
    assert private_documents.joinpath(str(seller.id), "kept.pdf").is_file()
    assert not private_documents.joinpath(str(seller.id), "orphan.pdf").exists()


# Photos of products not on sale ----------------------------------------------------------------


@pytest.fixture
def draft_photo(app):
    owner = factories.user(email="chu@htx.vn")
    factories.user(email="khach@example.vn")
    factories.user(email="canbo@example.vn", role="staff")
    seller = factories.seller(status="approved", members=[owner])
    product = factories.product(seller_obj=seller, status="draft")
    stored = process_image(f.png_bytes((64, 64)))
    db.session.add(ProductImage(product_id=product.id, storage_key=stored.key, width=64, height=64))
    db.session.commit()
    return product, f"/media/{stored.key}/320.webp"


@pytest.mark.parametrize("who", [None, "khach@example.vn"])
def test_a_draft_products_photo_is_not_public(client, auth, draft_photo, who):
    if who:
        auth.login(who)
    assert client.get(draft_photo[1]).status_code == 404


@pytest.mark.parametrize("who", ["chu@htx.vn", "canbo@example.vn"])
def test_its_seller_and_union_staff_see_it_uncached(client, auth, draft_photo, who):
    auth.login(who)
    response = client.get(draft_photo[1])
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("change", "public"),
    [
        ({}, True),
        ({"is_hidden": True}, False),
        ({"status": "archived"}, False),
        ({"seller_status": "suspended"}, False),
    ],
)
def test_a_photo_is_public_exactly_while_its_product_is_on_sale(client, draft_photo, change, public):
    product, url = draft_photo
    product.status = change.get("status", "active")
    product.is_hidden = change.get("is_hidden", False)
    product.seller.status = change.get("seller_status", "approved")
    db.session.commit()
    response = client.get(url)
    assert response.status_code == (200 if public else 404)
    if public:
        assert response.cache_control.public and response.cache_control.immutable


def test_a_proxy_sends_the_bytes_when_configured(app, client, draft_photo):
    product, url = draft_photo
    product.status = "active"
    db.session.commit()
    app.config["MEDIA_ACCEL_REDIRECT"] = "/_media/"
    response = client.get(url)
    assert response.status_code == 200 and response.data == b""
    assert response.headers["X-Accel-Redirect"] == "/_media/" + url.removeprefix("/media/")


def test_a_file_no_row_refers_to_is_not_served(client, app):
    stored = process_image(f.png_bytes((70, 70)))
    assert get_storage().exists(f"{stored.key}/320.webp")
    assert client.get(f"/media/{stored.key}/320.webp").status_code == 404
