"""Fetching what a card refers to, safely: the SSRF guard, local files, an http fetcher.

Nothing is fetched unless the caller passes a ``fetcher``. :func:`files_fetcher`
is the only way to local files (``file:`` URLs never reach another fetcher);
:func:`http_fetcher` is a fetcher with size and time caps that connects only to
addresses the guard (:mod:`.guard`) allowed after DNS resolution.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .files import FilesFetcher, files_fetcher
    from .guard import BlockedAddressError, address_block_reason, is_blocked_url, url_block_reason
    from .http import HttpFetcher, http_fetcher

__all__ = ["BlockedAddressError", "FilesFetcher", "HttpFetcher", "address_block_reason",
           "files_fetcher", "http_fetcher", "is_blocked_url", "url_block_reason"]

# Imported when first used (PEP 562): a render reads local images through .files and the
# guard; only a fetcher needs .http, and http.client and ssl are slow to import.
_WHERE = {"FilesFetcher": "files", "files_fetcher": "files", "HttpFetcher": "http",
          "http_fetcher": "http", "BlockedAddressError": "guard", "address_block_reason": "guard",
          "is_blocked_url": "guard", "url_block_reason": "guard"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
