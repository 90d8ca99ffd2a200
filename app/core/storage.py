"""Where uploaded files live: a small storage interface, a local-disk backend and the /media/ route.

Keys are relative paths such as ``"3f2a…/640.webp"``. The image pipeline derives them from a
hash of the content, so a key never changes meaning and can be cached for a year.

Who may see a file is not the storage's to know: the /media/ route asks through the
``media_requested`` signal (the catalog answers for product photos). A file nobody vouches for is
not served; a file only some people may see (photos of a product that is not on sale) is served to
them alone, never cached. Files no row refers to any more are removed by ``sweep``
(``flask --app wsgi media sweep``).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Protocol, runtime_checkable

from flask import Flask, Response, abort, current_app, send_from_directory

from app.core import signals

ONE_YEAR = 60 * 60 * 24 * 365
# Only what the image pipeline writes is public; anything else under the storage (documents
# a seller sends the union, say) must never be served by /media/.
PUBLIC_SUFFIXES = (".webp",)


class StorageKeyError(ValueError):
    """A key that is empty, absolute or climbs out of the storage root."""


@runtime_checkable
class Storage(Protocol):
    """Bytes stored under keys, each with a public URL."""

    def save(self, key: str, data: bytes) -> None: ...

    def open(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def url(self, key: str) -> str: ...

    def delete(self, key: str) -> None: ...


def check_key(key: str) -> str:
    """The key itself when it is a safe relative path, else StorageKeyError."""
    path = PurePosixPath(key)
    if not key or "\\" in key or "\x00" in key or path.is_absolute() or ".." in path.parts:
        raise StorageKeyError(f"Unsafe storage key: {key!r}")
    return key


class LocalStorage:
    """Files on the local disk under ``root`` (MEDIA_ROOT), written atomically."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        """The file that holds ``key``."""
        return self.root / check_key(key)

    def save(self, key: str, data: bytes) -> None:
        """Write ``data`` under ``key``; readers never see a half-written file."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> bytes:
        """The bytes stored under ``key`` (FileNotFoundError when there are none)."""
        return self.path(key).read_bytes()

    def exists(self, key: str) -> bool:
        """Whether something is stored under ``key``."""
        return self.path(key).is_file()

    def url(self, key: str) -> str:
        """The public URL of ``key``."""
        return "/media/" + check_key(key)

    def delete(self, key: str) -> None:
        """Remove what is stored under ``key`` (nothing happens when there is none)."""
        target = self.path(key)
        target.unlink(missing_ok=True)
        for parent in target.parents:
            if parent == self.root or self.root not in parent.parents:
                break
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break

    def files(self) -> Iterator[tuple[str, float]]:
        """(key, modification time) of every stored file, temporary ones included."""
        if not self.root.is_dir():
            return
        for path in self.root.rglob("*"):
            if path.is_file():
                yield path.relative_to(self.root).as_posix(), path.stat().st_mtime


def sweep(storage: LocalStorage, keep, *, older_than_seconds: float, dry_run: bool = False) -> list[str]:
    """Delete the files ``keep(key)`` does not claim, once older than the grace period; return their keys.

    The grace period spares files of an upload still in progress (stored before its row commits).
    """
    cutoff = time.time() - older_than_seconds
    removed = [key for key, mtime in sorted(storage.files()) if mtime < cutoff and not keep(key)]
    if not dry_run:
        for key in removed:
            storage.delete(key)
    return removed


def get_storage(app: Flask | None = None) -> Storage:
    """The application's storage: app.extensions["storage"], a LocalStorage on MEDIA_ROOT by default."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    storage = app.extensions.get("storage")
    if storage is None:
        storage = app.extensions["storage"] = LocalStorage(app.config["MEDIA_ROOT"])
    return storage


PUBLIC, PRIVATE, HIDDEN = "public", "private", "hidden"


def media_access(key: str) -> str:
    """Who may see the file ``key``: PUBLIC, PRIVATE (this visitor only) or HIDDEN, as the domains answer."""
    answer = signals.first_answer(signals.media_requested, key.split("/", 1)[0])
    return answer if answer in (PUBLIC, PRIVATE, HIDDEN) else HIDDEN


def _immutable(response: Response) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = ONE_YEAR
    response.cache_control.immutable = True
    return response


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


def register_media_route(app: Flask) -> None:
    """Serve stored images at GET /media/<key> (WhiteNoise only knows files present at start-up)."""
    if "media" in app.view_functions:
        return

    def media(key: str) -> Response:
        if not key.endswith(PUBLIC_SUFFIXES):
            abort(404)
        try:
            check_key(key)
        except StorageKeyError:
            abort(404)
        access = media_access(key)
        if access == HIDDEN:
            abort(404)
        storage = get_storage(app)
        accel = app.config.get("MEDIA_ACCEL_REDIRECT")
        if accel:
            # The reverse proxy sends the bytes from its own copy of MEDIA_ROOT; the app only decided.
            response = Response(status=200, mimetype="image/webp")
            response.headers["X-Accel-Redirect"] = accel.rstrip("/") + "/" + key
        elif isinstance(storage, LocalStorage):
            response = send_from_directory(storage.root, key, max_age=ONE_YEAR)
        elif storage.exists(key):
            response = Response(storage.open(key), mimetype="image/webp")
        else:
            abort(404)
        return _immutable(response) if access == PUBLIC else _private(response)

    app.add_url_rule("/media/<path:key>", endpoint="media", view_func=media, methods=["GET"])
