"""Downloads the caller asked for, and the bounded disk cache that keeps them.

Shared by the emoji sets fetched from a CDN (:mod:`.emoji`) and the Google
Fonts loader (:mod:`.google_fonts`); the bundled emoji and fonts never come
here. :func:`http_get` fetches one http(s) URL with a timeout and a size cap;
:class:`DiskCache` keeps files by URL in one directory, bounded in bytes.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from ..files import write_atomic

__all__ = ["DiskCache", "http_get", "user_cache_dir"]

log = logging.getLogger("satori_py.downloads")


# What the user cache directory depends on; it is asked on every render (emoji loaders are
# looked up per call), and finding the home directory costs more than the rest of a lookup.
_CACHE_ENV = ("SATORI_PY_CACHE_DIR", "LOCALAPPDATA", "XDG_CACHE_HOME", "HOME", "USERPROFILE")


def user_cache_dir() -> Path:
    """``$SATORI_PY_CACHE_DIR``, else the platform's user cache directory plus
    ``satori-py`` (``~/.cache/satori-py`` on Linux)."""
    return _user_cache_dir(tuple(os.environ.get(name) for name in _CACHE_ENV))


@functools.lru_cache(maxsize=8)
def _user_cache_dir(env: tuple[str | None, ...]) -> Path:
    own, local_app_data, xdg_cache_home = env[:3]
    if own:
        return Path(own)
    if sys.platform == "win32":
        return Path(local_app_data or Path.home() / "AppData" / "Local") / "satori-py"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "satori-py"
    return Path(xdg_cache_home or Path.home() / ".cache") / "satori-py"


def http_get(url: str, *, headers: Mapping[str, str] | None = None, timeout: float,
             max_bytes: int) -> bytes:
    """GET ``url`` (http or https only); raises on failure, a timeout or a body over ``max_bytes``."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"refusing to fetch {url!r}: only http(s) URLs")
    import urllib.request  # slow to import (http.client, ssl); only downloads need it

    request = urllib.request.Request(url, headers=dict(headers or {}))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"{url}: larger than {max_bytes} bytes")
    return data


class DiskCache:
    """Files keyed by URL in one directory, at most ``max_bytes`` in all.

    Writes go to a temporary file in the same directory, renamed into place,
    so readers (other threads or processes sharing the directory) see a whole
    file or none. Reads refresh a file's mtime; when the total passes the bound
    the least recently used files go until it is 3/4 full. Any OS error
    (read-only disk, a file removed by another process) only costs a download.
    """

    def __init__(self, directory: str | os.PathLike[str], max_bytes: int = 32 * 1024 * 1024,
                 suffix: str = ".svg") -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes!r}")
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.suffix = suffix
        self._lock = threading.Lock()
        self._total: int | None = None  # learnt on the first write

    def __getstate__(self) -> dict[str, object]:
        # Picklable (a loader holding it goes to worker processes); each process keeps its own lock.
        state = dict(self.__dict__)
        del state["_lock"]
        state["_total"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.directory / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + self.suffix)

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)
        except OSError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        path = self._path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except OSError as exc:
            log.debug("cache: cannot write %s: %s", path, exc)
            return
        with self._lock:
            if self._total is None:
                self._total = self.size()
            else:
                self._total += len(data)
            if self._total > self.max_bytes:
                self._total = self._prune(self.max_bytes * 3 // 4)

    def _entries(self) -> list[tuple[float, int, Path]]:
        out = []
        try:
            paths = list(self.directory.glob("*" + self.suffix))
        except OSError:
            return []
        for p in paths:
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((st.st_mtime, st.st_size, p))
        return out

    def size(self) -> int:
        """The bytes the cache holds now."""
        return sum(size for _, size, _ in self._entries())

    def _prune(self, target: int) -> int:
        entries = sorted(self._entries(), key=lambda e: e[0])
        total = sum(e[1] for e in entries)
        for _, size, p in entries:
            if total <= target:
                break
            try:
                p.unlink()
            except OSError:
                continue
            total -= size
        return total
