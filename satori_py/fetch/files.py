"""Local files, only those the caller allows: :func:`files_fetcher`.

The only way a render reads a local file: ``file:`` URLs are served by a
:class:`FilesFetcher` and never handed to any other fetcher (a naive one would
leak whatever the URL names). Other URLs go to its ``fallback``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import ImageError
from ..files import read_regular_file
from ..frozen import Frozen

__all__ = ["FilesFetcher", "files_fetcher"]


class FilesFetcher(Frozen):
    """Serves ``file:`` URLs of files inside ``root``; other URLs go to ``fallback``.

    A class rather than a closure so that it can be pickled to a render worker
    (with a picklable ``fallback``), and compared, so that image caches recognise it.
    """

    root: Path
    fallback: Any = None

    @property
    def keeps_time(self) -> bool:
        """Whether every call ends in time by itself: files are read at once (see :mod:`.bounded`)."""
        return self.fallback is None or bool(getattr(self.fallback, "keeps_time", False))

    @property
    def checks_addresses(self) -> bool:
        """Whether the fallback applies the SSRF guard itself (see :mod:`.guard`)."""
        return bool(getattr(self.fallback, "checks_addresses", False))

    def read_file(self, url: str) -> bytes:
        """The bytes of the file a ``file:`` URL names, if it is inside :attr:`root`."""
        path = Path(unquote(url[7:] if url.startswith("file://") else url[5:])).resolve()
        if not path.is_relative_to(self.root):
            raise ImageError(f"The image file {path} is outside the allowed directory {self.root}.")
        try:
            return read_regular_file(path)
        except OSError as exc:
            raise ImageError(f"Can't read the image file {path}: {exc.strerror or exc}") from exc

    def __call__(self, url: str) -> Any:
        if url.startswith("file:"):
            return self.read_file(url)
        if self.fallback is None:
            raise ImageError(f"No fetcher for {url}: only files under {self.root} are allowed.")
        return self.fallback(url)


def files_fetcher(directory: str | os.PathLike[str], *, fallback: Any = None) -> FilesFetcher:
    """A fetcher that serves ``file:`` URLs of files inside ``directory``, and only those.

    Pass it as ``fetcher`` to let ``<img src="file:///abs/dir/logo.png">`` and CSS
    ``url(file:///...)`` read local files; other URLs go to ``fallback`` (e.g.
    :func:`satori_py.http_fetcher`), or fail. Paths are resolved (symlinks, ``..``)
    before the check, so nothing outside ``directory`` can be read.
    """
    return FilesFetcher(Path(directory).resolve(), fallback)
