"""Supporting documents: checked on their content, kept in a private directory, never public."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.extensions import db
from app.core.storage import LocalStorage
from app.sellers.models import SellerDocument

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 10
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
_IMAGE_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
_PDF_TAIL = re.compile(rb"startxref\s+([0-9]{1,12})\s+%%EOF$")
_PDF_OBJECT = re.compile(rb"[0-9]+\s+[0-9]+\s+obj\b")
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"PK\x03\x04")


class DocumentRejected(DomainError):
    """A file that is not an acceptable document; the message says why."""

    code = "document_rejected"


@dataclass(frozen=True)
class CheckedDocument:
    data: bytes
    content_type: str
    original_name: str


def sniff(data: bytes) -> str | None:
    """The document type the bytes really are (PDF, JPEG, PNG), whatever the file is called."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def check_document(data: bytes, original_name: str) -> CheckedDocument:
    """Accept a PDF, JPEG or PNG of sensible size; refuse anything else, executables first."""
    if not data:
        raise DocumentRejected(_("The file “%(name)s” is empty.", name=original_name))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentRejected(_("The file “%(name)s” is larger than 5 MB.", name=original_name))
    if data.startswith(_EXECUTABLE_MAGIC):
        raise DocumentRejected(_("The file “%(name)s” is a program, not a document.", name=original_name))
    content_type = sniff(data)
    if content_type is None:
        raise DocumentRejected(_("The file “%(name)s” is not a PDF, JPEG or PNG.", name=original_name))
    if content_type == PDF:
        if b"%%EOF" not in data[-2048:]:
            raise DocumentRejected(_("The file “%(name)s” is an incomplete PDF.", name=original_name))
        if not is_sound_pdf(data):
            raise DocumentRejected(_("The file “%(name)s” is not a well-formed PDF.", name=original_name))
    if content_type in _IMAGE_FORMATS:
        image_format = _IMAGE_FORMATS[content_type]
        if not decodes_fully(data, image_format):
            raise DocumentRejected(_("The picture “%(name)s” is damaged or not a real image.", name=original_name))
        if image_end(data, image_format) is None:
            raise DocumentRejected(
                _(
                    "The picture “%(name)s” carries something else after the image. Save it again as a plain JPEG "
                    "or PNG.",
                    name=original_name,
                )
            )
    return CheckedDocument(data=data, content_type=content_type, original_name=_clean_name(original_name))


def decodes_fully(data: bytes, expected_format: str) -> bool:
    """Whether Pillow reads the picture in its expected format and decodes every pixel of it."""
    try:
        with Image.open(io.BytesIO(data), formats=[expected_format]) as image:
            if image.format != expected_format:
                return False
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        return False
    return True


def image_end(data: bytes, image_format: str) -> int | None:
    """Where the picture ends when nothing but padding follows it, else None (an HTML page glued to a
    JPEG, a second picture, any payload hidden after the end)."""
    end = _png_end(data) if image_format == "PNG" else _jpeg_end(data)
    if end is None or data[end:].strip(b"\x00"):
        return None
    return end


def _png_end(data: bytes) -> int | None:
    """The offset after the IEND chunk, walking the chunks from the signature."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos if pos <= len(data) else None
    return None


def _jpeg_end(data: bytes) -> int | None:
    """The offset after the EOI marker, walking the segments (and the scans) from SOI."""
    pos = 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            pos += 2
            continue
        if pos + 4 > len(data):
            return None
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            pos = _next_marker(data, pos)
    return None


def _next_marker(data: bytes, pos: int) -> int:
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return pos
        pos += 2


def is_sound_pdf(data: bytes) -> bool:
    """A PDF whose structure holds: a version header, nothing after the last %%EOF but white space,
    and a final ``startxref`` that points inside the file at a cross-reference table or stream."""
    if not _PDF_HEADER.match(data):
        return False
    body = data.rstrip(b" \t\r\n\x00")
    found = _PDF_TAIL.search(body[-1024:])
    if found is None:
        return False
    offset = int(found.group(1))
    if not 0 < offset < len(data):
        return False
    at = data[offset : offset + 64]
    return at.startswith(b"xref") or _PDF_OBJECT.match(at) is not None


def _clean_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "document"
    return base[-255:]


def private_storage() -> LocalStorage:
    """Where documents live: outside MEDIA_ROOT, so /media/ can never serve them."""
    root = current_app.config.get("PRIVATE_DOCUMENTS_ROOT") or str(Path(current_app.instance_path) / "private")
    return LocalStorage(Path(root) / "documents")


def referenced_keys() -> set[str]:
    """The storage keys some document row still refers to."""
    return set(db.session.scalars(select(SellerDocument.storage_key)))


def new_key(seller_id: int, content_type: str) -> str:
    """An unguessable storage key for a seller's document."""
    return f"{seller_id}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
