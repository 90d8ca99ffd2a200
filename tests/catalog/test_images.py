"""The image pipeline with real and malicious files, and the storage that keeps its output."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from app.catalog.images import MAX_BYTES, ImageRejected, file_names, image_key, process_image
from app.catalog.models import ProductImage
from app.core.extensions import db
from app.core.storage import LocalStorage, StorageKeyError, get_storage, register_media_route
from tests import factories


class CountingStorage(LocalStorage):
    """A local storage that counts its writes."""

    def __init__(self, root):
        super().__init__(root)
        self.saves = 0

    def save(self, key: str, data: bytes) -> None:
        self.saves += 1
        super().save(key, data)


@pytest.fixture
def storage(tmp_path):
    return CountingStorage(tmp_path / "media")


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def halves(size=(400, 200), left=(220, 30, 30), right=(30, 30, 220)) -> Image.Image:
    """An image whose left half is red and right half blue, so orientation can be checked."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def stored(storage: LocalStorage, key: str, name: str) -> Image.Image:
    image = Image.open(io.BytesIO(storage.open(f"{key}/{name}")))
    image.load()
    return image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of all-black rows: tiny on disk, enormous once decoded."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", body) + png_chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_real_image_is_stored_as_webp_in_four_sizes(storage, fmt):
    data = encode(halves((2000, 1000)), fmt)

    result = process_image(data, storage=storage)

    assert (result.key, result.width, result.height) == (image_key(data), 2000, 1000)
    assert len(result.key) == 24
    sizes = {
        name: stored(storage, result.key, name).size for name in ("orig.webp", "320.webp", "640.webp", "1280.webp")
    }
    assert sizes == {
        "orig.webp": (2000, 1000),
        "320.webp": (320, 160),
        "640.webp": (640, 320),
        "1280.webp": (1280, 640),
    }
    assert all(stored(storage, result.key, name).format == "WEBP" for name in sizes)


def test_a_small_image_is_not_upscaled_but_every_size_exists(storage):
    result = process_image(encode(halves((200, 120)), "PNG"), storage=storage)

    for name in file_names(result.key):
        assert storage.exists(name)
        assert stored(storage, result.key, name.split("/")[1]).size == (200, 120)


def test_the_same_bytes_give_the_same_key_and_no_second_write(storage):
    data = encode(halves(), "JPEG")
    first = process_image(data, storage=storage)
    writes = storage.saves

    second = process_image(data, storage=storage)

    assert second == first
    assert writes == 4 and storage.saves == writes


def test_different_bytes_give_a_different_key(storage):
    one = process_image(encode(halves(), "PNG"), storage=storage)
    other = process_image(encode(halves(left=(0, 160, 0)), "PNG"), storage=storage)
    assert one.key != other.key


def test_exif_orientation_is_applied_and_metadata_with_gps_is_dropped(storage):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Phone maker"
    exif.get_ifd(0x8825).update({1: "N", 2: (10.0, 57.0, 0.0), 3: "E", 4: (106.0, 49.0, 0.0)})  # GPS
    data = encode(halves((400, 200)), "JPEG", exif=exif.tobytes(), quality=95)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the upload really carries GPS

    result = process_image(data, storage=storage)

    assert (result.width, result.height) == (200, 400)
    for name in ("orig.webp", "640.webp"):
        image = stored(storage, result.key, name)
        assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    orig = stored(storage, result.key, "orig.webp").convert("RGB")
    red_top, blue_bottom = orig.getpixel((100, 50)), orig.getpixel((100, 350))
    assert red_top[0] > 180 and red_top[2] < 80
    assert blue_bottom[2] > 180 and blue_bottom[0] < 80


def test_transparency_is_flattened_onto_white(storage):
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (0, 0, 50, 100))

    result = process_image(encode(image, "PNG"), storage=storage)

    orig = stored(storage, result.key, "orig.webp")
    assert orig.mode == "RGB"
    assert min(orig.getpixel((90, 50))) > 240


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Đây là một tệp văn bản, không phải ảnh.\n".encode(), id="text"),
        pytest.param(b"%PDF-1.7\n1 0 obj << >> endobj\n", id="pdf"),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", id="svg"),
        pytest.param(encode(halves(), "GIF"), id="gif"),
        pytest.param(encode(halves(), "BMP"), id="bmp"),
    ],
)
def test_anything_but_jpeg_png_or_webp_is_refused_whatever_its_name(storage, data):
    with pytest.raises(ImageRejected, match="not a JPEG, PNG or WebP"):
        process_image(data, storage=storage)
    assert storage.saves == 0


def test_an_empty_file_is_refused(storage):
    with pytest.raises(ImageRejected, match="empty"):
        process_image(b"", storage=storage)


def test_a_truncated_jpeg_is_refused(storage):
    data = encode(halves((800, 600)), "JPEG", quality=95)

    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        process_image(data[: len(data) // 2], storage=storage)
    assert storage.saves == 0


def test_a_corrupted_png_is_refused(storage):
    data = bytearray(encode(halves((300, 300)), "PNG"))
    data[60:90] = bytes(30)  # clobber the start of the compressed pixel data

    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        process_image(bytes(data), storage=storage)


def test_a_decompression_bomb_is_refused_before_decoding(storage):
    bomb = png_bomb(20000, 20000)  # 400 megapixels
    assert len(bomb) < 200_000

    with pytest.raises(ImageRejected, match="40 megapixels"):
        process_image(bomb, storage=storage)
    assert storage.saves == 0


def test_an_image_just_over_40_megapixels_is_refused(storage):
    with pytest.raises(ImageRejected, match="40 megapixels"):
        process_image(png_bomb(8000, 5500), storage=storage)  # 44 MP: Pillow only warns here


def test_a_file_over_10_mb_is_refused_without_reading_it(storage):
    data = encode(halves(), "JPEG") + bytes(MAX_BYTES)

    with pytest.raises(ImageRejected, match="10 MB"):
        process_image(data, storage=storage)
    assert storage.saves == 0


def test_storage_keys_cannot_leave_the_media_root(storage):
    for key in ("../secret.txt", "/etc/passwd", "a/../../b", "", "a\\b"):
        with pytest.raises(StorageKeyError):
            storage.save(key, b"x")


def test_the_app_storage_writes_under_media_root(app):
    result = process_image(encode(halves(), "PNG"))

    storage = get_storage()
    assert storage is get_storage() and isinstance(storage, LocalStorage)
    assert (storage.root / result.key / "640.webp").is_file()
    assert str(storage.root) == app.config["MEDIA_ROOT"]
    assert storage.url(f"{result.key}/320.webp") == f"/media/{result.key}/320.webp"


def test_media_route_serves_new_images_with_a_one_year_immutable_cache(app, client):
    register_media_route(app)
    register_media_route(app)  # a second call is harmless
    result = process_image(encode(halves(), "JPEG"))  # written after start-up: WhiteNoise does not know it
    on_sale = factories.product()  # the photo of a product on sale is public
    db.session.add(ProductImage(product_id=on_sale.id, storage_key=result.key, width=640, height=320))
    db.session.commit()

    response = client.get(f"/media/{result.key}/320.webp")

    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert Image.open(io.BytesIO(response.data)).size == (320, 160)
    cache = response.cache_control
    assert cache.public and cache.immutable and cache.max_age == 31536000


def test_media_route_serves_nothing_but_pipeline_images(app, client):
    register_media_route(app)
    get_storage().save("documents/giay-phep.pdf", b"%PDF-1.7 private")

    assert client.get("/media/documents/giay-phep.pdf").status_code == 404
    assert client.get("/media/../instance/cho.db").status_code == 404
    assert client.get("/media/000000000000000000000000/640.webp").status_code == 404
