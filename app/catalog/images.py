"""The image pipeline for every upload: verify, clean, resize and store as WebP under a content hash.

An upload is refused unless Pillow itself recognises JPEG, PNG or WebP (the file name is never
trusted), it is at most 10 MB and 40 megapixels, and it decodes completely. What is stored is
a fresh RGB image: EXIF (GPS included), XMP and comments are dropped, the EXIF orientation is
applied first, and colours are converted to sRGB when the file carries an ICC profile.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from dataclasses import dataclass

from flask_babel import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from app.core.errors import DomainError
from app.core.storage import Storage, get_storage

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 16383  # the largest width or height WebP can encode
WIDTHS = (320, 640, 1280)
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})  # MPO: multi-picture JPEG from phones
KEY_LENGTH = 24
ORIGINAL_QUALITY = 88
COPY_QUALITY = 80

# Pillow's own guard, tightened to our limit: it warns above this and raises above twice it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_SRGB = ImageCms.createProfile("sRGB")


class ImageRejected(DomainError):
    """An upload that is not an image we accept; the message says why, for the user."""

    code = "image_rejected"


@dataclass(frozen=True)
class StoredImage:
    """Where an image was stored and the size of its original."""

    key: str
    width: int
    height: int


def image_key(data: bytes) -> str:
    """The storage key of an upload: the first 24 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:KEY_LENGTH]


def file_names(key: str) -> list[str]:
    """Every file the pipeline writes for ``key``, the original last."""
    return [f"{key}/{width}.webp" for width in WIDTHS] + [f"{key}/orig.webp"]


def process_image(data: bytes, *, storage: Storage | None = None) -> StoredImage:
    """Check an upload, store it as WebP (original, 320, 640, 1280 px wide) and say where."""
    if not data:
        raise ImageRejected(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImageRejected(_("The file is too large: the limit is %(mb)d MB.", mb=MAX_BYTES // (1024 * 1024)))
    storage = storage or get_storage()
    key = image_key(data)
    done = _already_stored(storage, key)
    if done is not None:
        return done
    image = _clean(_decode(data))
    _store(storage, key, image)
    return StoredImage(key=key, width=image.width, height=image.height)


def _already_stored(storage: Storage, key: str) -> StoredImage | None:
    """The stored image when every file of ``key`` exists (reading only the header)."""
    if not all(storage.exists(name) for name in file_names(key)):
        return None
    with Image.open(io.BytesIO(storage.open(f"{key}/orig.webp"))) as stored:
        return StoredImage(key=key, width=stored.width, height=stored.height)


def _decode(data: bytes) -> Image.Image:
    """Open and fully decode the upload, refusing other formats, bombs and damaged files."""
    # catch_warnings is process-wide, not per thread; the explicit pixel check below is what
    # guarantees the limit, the warning filter only stops Pillow decoding before we look.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS - {"MPO"}))
        except UnidentifiedImageError:
            raise _not_an_image() from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _damaged() from None
        if image.format not in ALLOWED_FORMATS:
            raise _not_an_image()
        _check_dimensions(image.width, image.height)
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
            raise _damaged() from None
    return image


def _check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise _damaged()
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    if max(width, height) > MAX_SIDE:
        raise ImageRejected(_("This image is too wide or too tall."))


def _not_an_image() -> ImageRejected:
    return ImageRejected(_("This file is not a JPEG, PNG or WebP image."))


def _damaged() -> ImageRejected:
    return ImageRejected(_("This image is damaged or incomplete. Please choose another file."))


def _too_many_pixels() -> ImageRejected:
    return ImageRejected(_("The image is too large: the limit is %(mp)d megapixels.", mp=MAX_PIXELS // 1_000_000))


def _clean(image: Image.Image) -> Image.Image:
    """A new RGB image with the orientation applied, colours in sRGB and no metadata at all."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # unreadable EXIF: keep pixels as they are
        image = ImageOps.exif_transpose(image) or image
    image = _to_srgb(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", rgba.size, (255, 255, 255))
        clean.paste(rgba, mask=rgba.getchannel("A"))
        return clean
    # Converting into a fresh image leaves image.info (EXIF, XMP, ICC, comments) behind.
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    return clean


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours from the embedded ICC profile to sRGB, so dropping the profile is safe."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=output) or image
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _encode(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=quality, method=4)
    return buffer.getvalue()


def _store(storage: Storage, key: str, image: Image.Image) -> None:
    """Write the sized copies, then the original, which marks the set as complete."""
    original = _encode(image, ORIGINAL_QUALITY)
    source, encoded = image, {image.width: original}
    for width in sorted(WIDTHS, reverse=True):
        if width < source.width:
            height = max(1, round(source.height * width / source.width))
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        if source.width not in encoded:
            encoded[source.width] = _encode(source, COPY_QUALITY)
        storage.save(f"{key}/{width}.webp", encoded[source.width])
    storage.save(f"{key}/orig.webp", original)
