"""The output cache: finished images by a hash of everything that makes them.

A card served again (the same element, options and fonts) costs a dictionary
look-up instead of a render. The key is a SHA-256 of the element as canonical
JSON, the options that change the image, and each font's bytes (hashed once per
:class:`~satori_py.options.Font` object, see ``Font.digest``). A render that
takes a callback (``fetcher``, ``load_additional_asset``, ``on_style_error``,
``on_warning``) or an element that is not plain JSON data in a dict (an
``Element``, JSON text or a path) is not cached: what the callback answers, or
the file holds, is not in the key.

Entries live in memory up to ``max_bytes`` (least recently used dropped first)
and, when a ``directory`` is given, also as files there, up to ``max_disk_bytes``
(oldest dropped first), so that they outlive the process and are shared by a
server's workers.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .files import write_atomic
from .options import CALLBACK_OPTIONS, Font

__all__ = ["OutputCache", "default_cache"]

# Changed when the same inputs would give other images (a new satori-py that draws
# differently must not be served old files from a directory).
_FORMAT = "satori-py output 1"


class OutputCache:
    """Finished images (bytes) by render key; thread-safe."""

    def __init__(self, max_bytes: int = 64 << 20, *, directory: str | os.PathLike[str] | None = None,
                 max_disk_bytes: int = 512 << 20) -> None:
        if max_bytes < 0 or max_disk_bytes < 0:
            raise ValueError("cache sizes must not be negative")
        self.max_bytes = max_bytes
        self.max_disk_bytes = max_disk_bytes
        self.directory = Path(directory) if directory is not None else None
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._disk_size: int | None = None  # measured on the first write
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    # -- keys ------------------------------------------------------------------------------

    @staticmethod
    def key(element: Any, options: Mapping[str, Any]) -> str | None:
        """The key of rendering ``element`` with ``options`` (render_png's keywords,
        ``fonts`` included), or None when such a render cannot be cached."""
        if any(options.get(name) is not None for name in CALLBACK_OPTIONS):
            return None
        if not isinstance(element, dict):
            return None
        h = hashlib.sha256(_FORMAT.encode())
        rest = {k: v for k, v in options.items() if k != "fonts" and v is not None}
        try:
            h.update(json.dumps([element, rest], sort_keys=True, ensure_ascii=False,
                                separators=(",", ":"), allow_nan=False).encode("utf-8", "surrogatepass"))
        except (TypeError, ValueError):
            return None  # not plain JSON data
        fonts = options.get("fonts")
        if fonts is None:
            h.update(b"\0default fonts")
        else:
            for font in fonts:
                if not isinstance(font, Font):
                    return None
                h.update(b"\0" + font.digest())
        return h.hexdigest()

    # -- entries ---------------------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return data
        data = self._read(key)
        with self._lock:
            if data is None:
                self.misses += 1
                return None
            self.hits += 1
            self._remember(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        with self._lock:
            self._remember(key, data)
        self._write(key, data)

    def clear(self) -> None:
        """Forget the entries in memory (files in the directory stay)."""
        with self._lock:
            self._items.clear()
            self._size = 0

    @property
    def entries(self) -> int:
        """How many images are held in memory."""
        return len(self._items)

    def _remember(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self._size -= len(old)
        self._items[key] = data
        self._size += len(data)
        while self._size > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self._size -= len(dropped)

    # -- the directory ---------------------------------------------------------------------

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / key

    def _read(self, key: str) -> bytes | None:
        if self.directory is None:
            return None
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def _write(self, key: str, data: bytes) -> None:
        if self.directory is None or len(data) > self.max_disk_bytes:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except OSError:
            return  # a cache that cannot write is only slower
        with self._lock:
            if self._disk_size is None:
                self._disk_size = sum(f.stat().st_size for f in self._files())
            else:
                self._disk_size += len(data)
            if self._disk_size > self.max_disk_bytes:
                self._prune()

    def _files(self) -> list[Path]:
        assert self.directory is not None
        return [f for f in self.directory.glob("??/*") if f.is_file()]

    def _prune(self) -> None:
        """Drop the oldest files until the directory holds 90 % of its allowance."""
        entries = []
        for f in self._files():
            try:
                st = f.stat()
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, f))
        entries.sort()
        total = sum(size for _, size, _ in entries)
        for _, size, f in entries:
            if total <= self.max_disk_bytes * 0.9:
                break
            try:
                f.unlink()
                total -= size
            except OSError:
                pass
        self._disk_size = total


_DEFAULT: OutputCache | None = None
_DEFAULT_LOCK = threading.Lock()


def default_cache() -> OutputCache:
    """The process-wide cache: ``$SATORI_PY_OUTPUT_CACHE_MB`` (default 64; 0 keeps
    nothing in memory) in memory, and the directory ``$SATORI_PY_OUTPUT_CACHE_DIR``
    when that is set."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            raw = os.environ.get("SATORI_PY_OUTPUT_CACHE_MB", "").strip() or "64"
            try:
                megabytes = float(raw)
            except ValueError:
                raise ValueError(f"$SATORI_PY_OUTPUT_CACHE_MB must be a number, got {raw!r}.") from None
            if not megabytes >= 0:
                raise ValueError(f"$SATORI_PY_OUTPUT_CACHE_MB must not be negative, got {raw!r}.")
            _DEFAULT = OutputCache(int(megabytes * (1 << 20)),
                                   directory=os.environ.get("SATORI_PY_OUTPUT_CACHE_DIR") or None)
        return _DEFAULT
