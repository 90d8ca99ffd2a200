"""Supporting documents: checked on their content, kept in a private directory, never public."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from app.core.errors import DomainError
from app.core.storage import LocalStorage

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 10
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
_IMAGE_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
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
    if content_type == PDF and b"%%EOF" not in data[-2048:]:
        raise DocumentRejected(_("The file “%(name)s” is an incomplete PDF.", name=original_name))
    if content_type in _IMAGE_FORMATS and not _is_sound_image(data, _IMAGE_FORMATS[content_type]):
        raise DocumentRejected(_("The picture “%(name)s” is damaged or not a real image.", name=original_name))
    return CheckedDocument(data=data, content_type=content_type, original_name=_clean_name(original_name))


def _is_sound_image(data: bytes, expected_format: str) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def _clean_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "document"
    return base[-255:]


def private_storage() -> LocalStorage:
    """Where documents live: outside MEDIA_ROOT, so /media/ can never serve them."""
    root = current_app.config.get("PRIVATE_DOCUMENTS_ROOT") or str(Path(current_app.instance_path) / "private")
    return LocalStorage(Path(root) / "documents")


def new_key(seller_id: int, content_type: str) -> str:
    """An unguessable storage key for a seller's document."""
    return f"{seller_id}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
