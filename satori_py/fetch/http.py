"""A safe http(s) fetcher for images: :func:`http_fetcher`.

What a server needs when the URL comes from a stranger:

* the SSRF guard (:mod:`.guard`) on the literal host, then on every address the
  name resolves to; the connection goes to an address that passed (pinned: the
  name is never resolved a second time), with the URL's host in ``Host`` and in
  TLS (SNI and certificate check);
* each redirect (at most ``max_redirects``) checked the same way;
* ``timeout`` for the whole fetch, lookups and redirects included (a slow server
  cannot stretch it, however it drips its bytes);
* ``max_bytes``: a ``Content-Length`` over it is refused before reading, and a
  body that grows past it while streaming is cut off;
* only ``identity`` encoding asked for and accepted (no decompression bombs).

It returns ``(body, content type)``, as a fetcher may. ``allow_private=True``
allows every address (an intranet, tests on 127.0.0.1); a list of networks
allows just those.
"""
from __future__ import annotations

import http.client
import ipaddress
import math
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin

from ..errors import ImageError
from ..limits import active
from ..patterns import lazy_compile
from .guard import (BlockedAddressError, IPAddress, ParsedURL, parse_http_url, resolve,
                    url_block_reason)

__all__ = ["HttpFetcher", "http_fetcher"]

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
# Characters a request target may carry as they are; the rest is percent-encoded.
_TARGET_SAFE = "/?&=+;:,@!$'()*-._~%[]"
_CONTROL = lazy_compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class HttpFetcher:
    """``fetcher(url) -> (body, content type)`` with the caps of :func:`http_fetcher`.

    Frozen and picklable: it can be sent to render workers, and two equal
    fetchers share the image cache.
    """

    timeout: float = 5.0
    max_bytes: int = 10 * 1024 * 1024
    allow_private: bool | tuple[str, ...] = False
    max_redirects: int = 5
    user_agent: str = "satori-py"

    # The guard is applied here, after DNS: load_image need not refuse names itself.
    checks_addresses = True
    # Its fetch ends by its timeout or the render's deadline: called on the render's thread.
    keeps_time = True

    def __post_init__(self) -> None:
        if (isinstance(self.timeout, bool) or not isinstance(self.timeout, (int, float))
                or not math.isfinite(self.timeout) or self.timeout <= 0):
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout!r}.")
        for name in ("max_bytes", "max_redirects"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number, got {value!r}.")
        if not isinstance(self.allow_private, bool):
            for net in self.allow_private:
                ipaddress.ip_network(net)  # ValueError names a bad one

    def __call__(self, url: str) -> tuple[bytes, str | None]:
        left = active().time_left()  # the render's deadline, if it comes first
        deadline = time.monotonic() + (self.timeout if left is None else min(self.timeout, left))
        current = url
        for _ in range(self.max_redirects + 1):
            parsed = self._checked(current)
            addresses = resolve(parsed, timeout=deadline - time.monotonic(),
                                exempt=self._exempt)
            status, location, body, content_type = self._get(current, parsed, addresses,
                                                             deadline)
            if status in _REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if not 200 <= status < 300:
                raise ImageError(f"{current} answered HTTP {status}.")
            return body, content_type
        raise ImageError(f"{url} redirected more than {self.max_redirects} times.")

    # -- checks --------------------------------------------------------------------------

    def _checked(self, url: str) -> ParsedURL:
        parsed = parse_http_url(url)
        if parsed is None:
            raise ImageError(f"Can't fetch {url}: it is not an http(s) URL with a host.")
        if self.allow_private is not True:
            reason = url_block_reason(url)
            if reason is not None and not self._allowed_literal(parsed):
                raise BlockedAddressError(f"{url} is blocked (SSRF protection): {reason}.")
        return parsed

    def _allowed_literal(self, parsed: ParsedURL) -> bool:
        try:
            address = parsed.address()
        except ValueError:
            return False
        return address is not None and self._exempt(address)

    def _exempt(self, address: IPAddress) -> bool:
        """Whether ``allow_private`` lets this (private) address be used."""
        if isinstance(self.allow_private, bool):
            return self.allow_private
        return any(address in ipaddress.ip_network(net) for net in self.allow_private)

    # -- one request -----------------------------------------------------------------------

    def _get(self, url: str, parsed: ParsedURL, addresses: list[IPAddress],
             deadline: float) -> tuple[int, str | None, bytes, str | None]:
        conn = self._connect(url, parsed, addresses, deadline)
        # The whole exchange ends at the deadline, however slowly the server answers.
        timer = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, [conn])
        timer.daemon = True
        timer.start()
        try:
            conn.request("GET", quote(parsed.target, safe=_TARGET_SAFE), headers={
                "User-Agent": self.user_agent, "Accept": "image/*,*/*;q=0.5",
                "Accept-Encoding": "identity", "Connection": "close"})
            response = conn.getresponse()
            if response.status in _REDIRECTS:
                return response.status, response.getheader("Location"), b"", None
            return (response.status, None, self._body(url, response, deadline),
                    response.getheader("Content-Type"))
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise ImageError(f"{url} did not answer within {self.timeout:g} s.") from None
            raise ImageError(f"Can't fetch {url}: {_said(exc)}") from None
        finally:
            timer.cancel()
            conn.close()

    def _connect(self, url: str, parsed: ParsedURL, addresses: list[IPAddress],
                 deadline: float) -> http.client.HTTPConnection:
        problem: OSError | None = None
        for address in addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                sock = socket.create_connection((str(address), parsed.port), timeout=remaining)
            except OSError as exc:
                problem = exc
                continue
            conn: http.client.HTTPConnection
            if parsed.scheme == "https":
                conn = http.client.HTTPSConnection(parsed.host, parsed.port, timeout=remaining)
                try:
                    sock = ssl.create_default_context().wrap_socket(
                        sock, server_hostname=parsed.host)
                except OSError as exc:
                    sock.close()
                    raise ImageError(f"Can't fetch {url}: {_said(exc)}") from None
            else:
                conn = http.client.HTTPConnection(parsed.host, parsed.port, timeout=remaining)
            conn.sock = sock  # pinned to the checked address: http.client never resolves
            return conn
        if problem is None:
            raise ImageError(f"{url} did not answer within {self.timeout:g} s.")
        raise ImageError(f"Can't connect to {url}: {problem.strerror or problem}.")

    def _body(self, url: str, response: http.client.HTTPResponse, deadline: float) -> bytes:
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding != "identity":
            raise ImageError(f"{url} sent Content-Encoding {encoding!r}, which was not asked for.")
        length = response.getheader("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            raise ImageError(f"{url} is {int(length)} bytes, over the limit of {self.max_bytes} "
                             "(max_bytes).")
        body = bytearray()
        while True:
            if time.monotonic() >= deadline:
                raise ImageError(f"{url} did not answer within {self.timeout:g} s.")
            chunk = response.read1(_CHUNK)
            if not chunk:
                if time.monotonic() >= deadline:  # cut off by the deadline, not the end
                    raise ImageError(f"{url} did not answer within {self.timeout:g} s.")
                if response.length:  # http.client counts down a Content-Length: the server hung up
                    raise ImageError(f"{url} closed the connection after {len(body)} of the "
                                     f"{len(body) + response.length} bytes it announced.")
                return bytes(body)
            body += chunk
            if len(body) > self.max_bytes:
                raise ImageError(f"{url} sent more than {self.max_bytes} bytes (max_bytes).")


def _said(exc: Exception) -> str:
    """What an exception says, its control characters shown as escapes: http.client quotes
    the server's own status or header line, which must not write lines of its own into a log."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(exc))


def _shut(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def http_fetcher(*, timeout: float = 5.0, max_bytes: int = 10 * 1024 * 1024,
                 allow_private: bool | Iterable[str] = False, max_redirects: int = 5,
                 user_agent: str = "satori-py") -> HttpFetcher:
    """A fetcher for ``http(s)`` images, safe with URLs from strangers.

    ``timeout`` (seconds) bounds the whole fetch, redirects included;
    ``max_bytes`` bounds the body; addresses that are not on the public internet
    are refused (SSRF protection, checked after DNS and on every redirect) unless
    ``allow_private`` is True, or a list of networks (``["10.1.0.0/16"]``) that are
    then allowed too. Pass it as ``fetcher=`` to ``render_svg``/``render_png``/
    ``ImageResponse``, or as the ``fallback`` of :func:`satori_py.files_fetcher`.
    """
    allowed = allow_private if isinstance(allow_private, bool) else tuple(allow_private)
    return HttpFetcher(timeout=timeout, max_bytes=max_bytes, allow_private=allowed,
                       max_redirects=max_redirects, user_agent=user_agent)
