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

Why each entry in memory is its own anonymous memory mapping and not a ``bytes``
object: a server's images are made by the render pool's dispatcher threads, so as
``bytes`` they live in glibc's per-thread malloc arenas, interleaved with other
objects; when the cache drops one, its hole mostly stays resident. Filling a 64 MB
cache from 16 threads kept 22-30 MB beyond the cache's own bytes (and a soak's
server grew ~30 MB past its cap). A mapping is returned to the system when its
entry is dropped, so the memory the cache holds is what it counts: its entries'
sizes rounded up to whole pages, at most ``max_bytes``. A hit copies the image out
(a ``bytes`` the caller frees with its response). The process's malloc settings
are not touched.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import mmap
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

# At most this many images in memory: each is a memory mapping, and Linux allows a
# process about 65,000 (``vm.max_map_count``) for everything it maps.
MAX_ENTRIES = 16_384
_PAGE = mmap.PAGESIZE
# Private to this process (a forked child gets its own copy on write), its pages made
# at once (one call instead of a fault per page); Windows takes no flags.
_FLAGS = ({"flags": mmap.MAP_PRIVATE | getattr(mmap, "MAP_POPULATE", 0)}
          if hasattr(mmap, "MAP_PRIVATE") else {})


def _footprint(size: int) -> int:
    """Memory an entry of ``size`` bytes occupies: whole pages."""
    return -(-max(size, 1) // _PAGE) * _PAGE


class _Entry:
    """One image in its own anonymous mapping (see the module's docstring)."""

    __slots__ = ("block", "size")

    def __init__(self, data: bytes) -> None:
        self.size = len(data)
        self.block = mmap.mmap(-1, max(self.size, 1), **_FLAGS)  # a mapping cannot be empty
        self.block[:self.size] = data

    def data(self) -> bytes:
        return self.block[:self.size]

    def release(self) -> None:
        self.block.close()


def _fields(value: Any) -> dict[str, Any]:
    """An option that is a dataclass (``limits``: a :class:`~satori_py.Limits`) in the key:
    its type and fields; any other object that is not JSON data makes the render uncached."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__name__, **dataclasses.asdict(value)}
    raise TypeError(f"{type(value).__name__} is not JSON data")


class OutputCache:
    """Finished images (bytes) by render key; thread-safe."""

    def __init__(self, max_bytes: int = 64 << 20, *, directory: str | os.PathLike[str] | None = None,
                 max_disk_bytes: int = 512 << 20) -> None:
        if max_bytes < 0 or max_disk_bytes < 0:
            raise ValueError("cache sizes must not be negative")
        self.max_bytes = max_bytes
        self.max_disk_bytes = max_disk_bytes
        self.directory = Path(directory) if directory is not None else None
        self._items: OrderedDict[str, _Entry] = OrderedDict()
        self._size = 0  # memory the entries occupy (whole pages)
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
            h.update(json.dumps([element, rest], sort_keys=True, ensure_ascii=False, default=_fields,
                                separators=(",", ":"), allow_nan=False).encode("utf-8", "surrogatepass"))
        except (TypeError, ValueError, RecursionError):
            return None  # not plain JSON data, or nested past json's recursion (the render says which limit)
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
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return entry.data()  # under the lock: a put may drop it
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
            for entry in self._items.values():
                entry.release()
            self._items.clear()
            self._size = 0

    @property
    def entries(self) -> int:
        """How many images are held in memory."""
        return len(self._items)

    @property
    def size(self) -> int:
        """Memory the images held occupy, in bytes (each rounded up to whole pages)."""
        return self._size

    def _remember(self, key: str, data: bytes) -> None:
        if _footprint(len(data)) > self.max_bytes:
            return
        self._forget(key)
        while self._items and (self._size + _footprint(len(data)) > self.max_bytes
                               or len(self._items) >= MAX_ENTRIES):
            self._forget(next(iter(self._items)))
        try:
            entry = _Entry(data)
        except OSError:
            return  # no mapping to be had: a cache that cannot keep is only slower
        self._items[key] = entry
        self._size += _footprint(entry.size)

    def _forget(self, key: str) -> None:
        entry = self._items.pop(key, None)
        if entry is not None:
            self._size -= _footprint(entry.size)
            entry.release()

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
