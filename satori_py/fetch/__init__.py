"""Fetching what a card refers to, safely: the SSRF guard, local files, an http fetcher.

Nothing is fetched unless the caller passes a ``fetcher``. :func:`files_fetcher`
is the only way to local files (``file:`` URLs never reach another fetcher);
:func:`http_fetcher` is a fetcher with size and time caps that connects only to
addresses the guard (:mod:`.guard`) allowed after DNS resolution.
"""
from __future__ import annotations

from .files import FilesFetcher, files_fetcher
from .guard import BlockedAddressError, address_block_reason, is_blocked_url, url_block_reason
from .http import HttpFetcher, http_fetcher

__all__ = ["BlockedAddressError", "FilesFetcher", "HttpFetcher", "address_block_reason",
           "files_fetcher", "http_fetcher", "is_blocked_url", "url_block_reason"]
