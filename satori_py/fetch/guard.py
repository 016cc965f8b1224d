"""The SSRF guard: which URLs and addresses a server must never fetch, and why.

Two checks, both answering with a reason (None when allowed):

* :func:`url_block_reason`, on the URL's literal host, before anything is sent:
  not http(s) or no host; ``localhost``, ``*.local``, ``*.internal``; an IP
  literal in any form a URL parser accepts (``0x7f.1``, ``2130706433``,
  ``0177.0.0.1``, fullwidth digits, ``[::ffff:127.0.0.1]``). As Satori 0.63.2's
  ``isUnsafeServerFetchUrl`` (``handler/url-safety.ts``), with more ranges.
* :func:`address_block_reason`, on an IP address: the IPv4 and IPv6 special-purpose
  ranges that are not the public internet (IANA's registries), and every IPv6
  form that embeds an IPv4 address the first check would refuse: IPv4-mapped,
  IPv4-translated, IPv4-compatible, NAT64 (64:ff9b::/96), 6to4 (2002::/16), Teredo
  (2001::/32, server and client) and ISATAP interface identifiers.

A host *name* can only be judged once resolved: :func:`resolve` looks it up and
keeps the addresses that pass, so a fetcher connects to an address that was
checked (never resolving again, which DNS rebinding would exploit). The tables
are our own (not ``ipaddress.is_global``, whose answers changed between Python
versions).
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import unquote

from ..errors import ImageError
from ..frozen import Frozen
from ..patterns import lazy_compile

__all__ = ["BlockedAddressError", "ParsedURL", "address_block_reason", "is_blocked_url",
           "parse_http_url", "resolve", "url_block_reason"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddressError(ImageError):
    """The URL's host is, or resolves to, an address a server must not fetch."""


def _nets(table: list[tuple[str, str]]) -> list[tuple[ipaddress.IPv4Network, str]]:
    return [(ipaddress.IPv4Network(net), kind) for net, kind in table]


def _v6_nets(table: list[tuple[str, str]]) -> list[tuple[ipaddress.IPv6Network, str]]:
    return [(ipaddress.IPv6Network(net), kind) for net, kind in table]


# IANA IPv4 Special-Purpose Address Registry, minus what is globally reachable.
_V4 = _nets([
    ("0.0.0.0/8", "'this network'"), ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "shared (carrier-grade NAT)"), ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol"), ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "6to4 relay"), ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
])
# IPv6 ranges refused whole (the forms embedding IPv4 are judged by that address).
_V6 = _v6_nets([
    ("::1/128", "loopback"), ("::/128", "unspecified"), ("::/96", "deprecated IPv4-compatible"),
    ("100::/64", "discard-only"), ("64:ff9b:1::/48", "local-use NAT64"),
    ("2001:2::/48", "benchmarking"), ("2001:10::/28", "ORCHID"), ("2001:20::/28", "ORCHIDv2"),
    ("2001:db8::/32", "documentation"), ("3fff::/20", "documentation"),
    ("fc00::/7", "unique local"), ("fe80::/10", "link-local"), ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
])
_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_6TO4 = ipaddress.IPv6Network("2002::/16")
_TEREDO = ipaddress.IPv6Network("2001::/32")


def _v4_reason(ip: ipaddress.IPv4Address) -> str | None:
    for net, kind in _V4:
        if ip in net:
            return f"{ip} is in {net} ({kind})"
    return None


def _v6_text(ip: ipaddress.IPv6Address) -> str:
    """RFC 5952 text, all hex (``str()`` writes IPv4-mapped ones dotted in newer Pythons)."""
    groups = [f"{int.from_bytes(ip.packed[i:i + 2], 'big'):x}" for i in range(0, 16, 2)]
    best, start = (0, 0), None
    for index, group in enumerate([*groups, "end"]):
        if group == "0" and start is None:
            start = index
        elif group != "0" and start is not None:
            if index - start > best[1] - best[0]:
                best = (start, index)
            start = None
    if best[1] - best[0] < 2:
        return ":".join(groups)
    return ":".join(groups[:best[0]]) + "::" + ":".join(groups[best[1]:])


def _embedded(ip: ipaddress.IPv6Address) -> list[tuple[ipaddress.IPv4Address, str]]:
    """The IPv4 addresses ``ip`` carries, with the name of the form."""
    low = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _MAPPED:
        return [(low, "IPv4-mapped")]
    if ip in _TRANSLATED:
        return [(low, "IPv4-translated")]
    if ip in _NAT64:
        return [(low, "NAT64")]
    if ip in _6TO4:
        return [(ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF), "6to4")]
    if ip in _TEREDO:
        server = ipaddress.IPv4Address((int(ip) >> 64) & 0xFFFFFFFF)
        client = ipaddress.IPv4Address(~int(ip) & 0xFFFFFFFF)
        return [(server, "Teredo server"), (client, "Teredo client")]
    interface_id = (int(ip) >> 32) & 0xFFFFFFFF
    if interface_id & 0xFCFFFFFF == 0x00005EFE:
        return [(low, "ISATAP")]
    return []


def address_block_reason(address: str | IPAddress) -> str | None:
    """Why a server must not connect to ``address``, or None if it may."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str)
                                  else address)
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv4Address):
        return _v4_reason(ip)
    for v4, form in _embedded(ip):
        reason = _v4_reason(v4)
        if reason is not None:
            return f"{_v6_text(ip)} embeds {v4} ({form}), and {reason}"
    for net, kind in _V6:
        if ip in net:
            return f"{_v6_text(ip)} is in {_v6_text(net.network_address)}/{net.prefixlen} ({kind})"
    return None


# -- URLs ----------------------------------------------------------------------------------

_SCHEME = lazy_compile(r"(https?):", re.IGNORECASE)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


class ParsedURL(Frozen):
    """An http(s) URL split as WHATWG URL splits it (the host lowercased, IDNA-encoded)."""

    scheme: str
    host: str
    port: int
    target: str  # path and query, without the fragment

    def address(self) -> IPAddress | None:
        """The host as an IP address when it is a literal (in any WHATWG form), else None."""
        if ":" in self.host:
            return ipaddress.IPv6Address(self.host.split("%", 1)[0])
        v4 = _whatwg_ipv4(self.host.split("."))
        return None if v4 is None else ipaddress.IPv4Address(v4)


def parse_http_url(url: str) -> ParsedURL | None:
    """``url`` split for fetching, or None when it is not http(s) with a host."""
    url = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    # Special schemes take any run of slashes (and backslashes) before the host.
    rest = url[scheme.end():].lstrip("/\\")
    split = re.search(r"[/?#\\]", rest)
    authority, target = (rest[:split.start()], rest[split.start():]) if split else (rest, "")
    authority = authority.rsplit("@", 1)[-1]
    port_text = ""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return None
        host, port_text = authority[1:end], authority[end + 1:].removeprefix(":")
    else:
        host, _sep, port_text = authority.partition(":")
        host = unquote(host)
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError:
                return None
    host = host.lower().rstrip(".")
    name = scheme.group(1).lower()
    if not host or (port_text and not port_text.isdigit()):
        return None
    port = int(port_text) if port_text else (443 if name == "https" else 80)
    if not 0 < port < 65536:
        return None
    target = target.split("#", 1)[0].replace("\\", "/")
    if not target.startswith("/"):
        target = "/" + target
    return ParsedURL(name, host, port, target)


def url_block_reason(url: str) -> str | None:
    """Why ``url`` must not be fetched, judging by its literal host; None if it may be.

    A host name that is not obviously local passes: only its resolved addresses
    can be judged (:func:`resolve`).
    """
    parsed = parse_http_url(url)
    if parsed is None:
        return "it is not an http(s) URL with a host"
    host = parsed.host
    if host in ("localhost", "local", "internal") or host.endswith(
            (".localhost", ".local", ".internal")):
        return f"{host} is a local host name"
    if ":" in host:
        try:
            return address_block_reason(parsed.address() or host)
        except ValueError:
            return f"{host} is not a valid IPv6 address"  # fail closed
    labels = host.split(".")
    if re.fullmatch(r"\d+|0[xX][0-9a-fA-F]*", labels[-1]):
        v4 = _whatwg_ipv4(labels)
        return (f"{host} is not a valid IPv4 address" if v4 is None
                else address_block_reason(v4))
    return None


def is_blocked_url(url: str) -> bool:
    """Whether a server must refuse to fetch ``url`` by its literal host."""
    return url_block_reason(url) is not None


def _whatwg_ipv4(labels: list[str]) -> str | None:
    """An IPv4 host as WHATWG URL parses it (hex, octal, 1-4 parts), or None if invalid."""
    if len(labels) > 4 or not re.fullmatch(r"\d+|0[xX][0-9a-fA-F]*", labels[-1]):
        return None
    numbers = []
    for label in labels:
        try:
            if label[:2].lower() == "0x":
                numbers.append(int(label[2:] or "0", 16))
            elif len(label) > 1 and label.startswith("0"):
                numbers.append(int(label, 8))
            else:
                numbers.append(int(label, 10))
        except ValueError:
            return None
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number << (8 * (3 - index))
    return str(ipaddress.IPv4Address(value))


# -- resolution ----------------------------------------------------------------------------

# getaddrinfo has no timeout of its own: lookups run here and are waited for boundedly.
_DNS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="satori-py-dns")


def resolve(url: ParsedURL, *, timeout: float,
            exempt: Callable[[IPAddress], bool] | None = None) -> list[IPAddress]:
    """The addresses to connect to for ``url``'s host, each checked (``exempt`` ones
    allowed whatever the guard says); BlockedAddressError (naming the reason) when none
    may be used, ImageError when the lookup fails."""
    literal = url.address()
    if literal is not None:
        found = [literal]
    else:
        import socket  # only a fetch resolves names; a plain render need not load it

        lookup = _DNS.submit(socket.getaddrinfo, url.host, url.port, type=socket.SOCK_STREAM)
        try:
            infos = lookup.result(timeout=max(timeout, 0.001))
        except FutureTimeout:
            raise ImageError(f"Looking up {url.host} took longer than {timeout:g} s.") from None
        except OSError as exc:
            raise ImageError(f"Can't look up {url.host}: {exc.strerror or exc}.") from None
        found = []
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if ip not in found:
                found.append(ip)
    allowed = [ip for ip in found
               if address_block_reason(ip) is None or (exempt is not None and exempt(ip))]
    if not allowed:
        reason = address_block_reason(found[0]) if found else "it has no address"
        raise BlockedAddressError(f"{url.host} resolves to a blocked address (SSRF "
                                  f"protection): {reason}.")
    return allowed
