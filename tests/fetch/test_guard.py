"""The SSRF guard: every literal form and embedded address, with the reason given."""
from __future__ import annotations

from pathlib import Path

import pytest

from satori_py import ImageError, files_fetcher, h, render_svg
from satori_py.fetch.guard import (BlockedAddressError, address_block_reason, is_blocked_url,
                                   parse_http_url, url_block_reason)
from satori_py.images.source import load_image


@pytest.mark.parametrize("address, reason", [
    ("10.1.2.3", "10.1.2.3 is in 10.0.0.0/8 (private)"),
    ("127.0.0.1", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("169.254.169.254", "169.254.169.254 is in 169.254.0.0/16 (link-local)"),
    ("100.64.0.1", "100.64.0.1 is in 100.64.0.0/10 (shared (carrier-grade NAT))"),
    ("192.0.2.1", "192.0.2.1 is in 192.0.2.0/24 (documentation)"),
    ("224.0.0.1", "224.0.0.1 is in 224.0.0.0/4 (multicast)"),
    ("255.255.255.255", "255.255.255.255 is in 240.0.0.0/4 (reserved)"),
    ("0.0.0.0", "0.0.0.0 is in 0.0.0.0/8 ('this network')"),
    ("::1", "::1 is in ::1/128 (loopback)"),
    ("::", ":: is in ::/128 (unspecified)"),
    ("fd00::1", "fd00::1 is in fc00::/7 (unique local)"),
    ("fe80::1%eth0", "fe80::1 is in fe80::/10 (link-local)"),
    ("ff02::1", "ff02::1 is in ff00::/8 (multicast)"),
    ("2001:db8::1", "2001:db8::1 is in 2001:db8::/32 (documentation)"),
    ("64:ff9b:1::a", "64:ff9b:1::a is in 64:ff9b:1::/48 (local-use NAT64)"),
    ("::8.8.8.8", "::808:808 is in ::/96 (deprecated IPv4-compatible)"),
    # Forms that embed an IPv4 address: judged by that address.
    ("::ffff:127.0.0.1",
     "::ffff:7f00:1 embeds 127.0.0.1 (IPv4-mapped), and 127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("::ffff:0:a00:1",
     "::ffff:0:a00:1 embeds 10.0.0.1 (IPv4-translated), and 10.0.0.1 is in 10.0.0.0/8 (private)"),
    ("64:ff9b::a00:1",
     "64:ff9b::a00:1 embeds 10.0.0.1 (NAT64), and 10.0.0.1 is in 10.0.0.0/8 (private)"),
    ("2002:c0a8:101::1", "2002:c0a8:101::1 embeds 192.168.1.1 (6to4), and 192.168.1.1 is in "
                         "192.168.0.0/16 (private)"),
    ("2002:7f00:1::", "2002:7f00:1:: embeds 127.0.0.1 (6to4), and 127.0.0.1 is in 127.0.0.0/8 "
                      "(loopback)"),
    ("2001:0:7f00:1::", "2001:0:7f00:1:: embeds 127.0.0.1 (Teredo server), and 127.0.0.1 is in "
                        "127.0.0.0/8 (loopback)"),
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe",  # client 10.0.0.1, stored inverted
     "2001:0:4136:e378:8000:63bf:f5ff:fffe embeds 10.0.0.1 (Teredo client), and 10.0.0.1 is "
     "in 10.0.0.0/8 (private)"),
    ("2001:db9::5efe:a9fe:a9fe", "2001:db9::5efe:a9fe:a9fe embeds 169.254.169.254 (ISATAP), "
                                 "and 169.254.169.254 is in 169.254.0.0/16 (link-local)"),
    ("2a00:1::200:5efe:a00:1", "2a00:1::200:5efe:a00:1 embeds 10.0.0.1 (ISATAP), and 10.0.0.1 "
                               "is in 10.0.0.0/8 (private)"),
    ("nonsense", "'nonsense' is not an IP address"),
])
def test_blocked_addresses_say_why(address: str, reason: str) -> None:
    assert address_block_reason(address) == reason


@pytest.mark.parametrize("address", [
    "8.8.8.8", "93.184.215.14", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2a00:1::5efe:808:808",
])
def test_public_addresses_pass(address: str) -> None:
    assert address_block_reason(address) is None


@pytest.mark.parametrize("url, reason", [
    ("https://example.com/a.png", None),
    ("https://93.184.215.14/a.png", None),
    ("https://[2606:4700::1111]/a.png", None),
    ("http://127.0.0.1/x.png", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://localhost:3000/x", "localhost is a local host name"),
    ("http://LOCALHOST./x", "localhost is a local host name"),
    ("http://api.localhost/x", "api.localhost is a local host name"),
    ("http://printer.local/x", "printer.local is a local host name"),
    ("http://metadata.google.internal/x", "metadata.google.internal is a local host name"),
    ("http://0x7f.1/", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://2130706433/", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://0177.0.0.1/", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://user@127.0.0.1:80/", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "127.0.0.1 is in 127.0.0.0/8 (loopback)"),
    ("http://1.2.3.4.5/", "1.2.3.4.5 is not a valid IPv4 address"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 embeds 127.0.0.1 (IPv4-mapped), and 127.0.0.1 "
                                   "is in 127.0.0.0/8 (loopback)"),
    ("http://[2002:a00:1::]/", "2002:a00:1:: embeds 10.0.0.1 (6to4), and 10.0.0.1 is in "
                               "10.0.0.0/8 (private)"),
    ("http://[fe80::1%25eth0]/", "fe80::1 is in fe80::/10 (link-local)"),
    ("http://[::1/", "it is not an http(s) URL with a host"),
    ("httpfoo", "it is not an http(s) URL with a host"),
    ("http://", "it is not an http(s) URL with a host"),
    ("ftp://example.com/a.png", "it is not an http(s) URL with a host"),
])
def test_literal_hosts(url: str, reason: str | None) -> None:
    assert url_block_reason(url) == reason
    assert is_blocked_url(url) is (reason is not None)


def test_urls_split_as_a_browser_splits_them() -> None:
    # WHATWG: a backslash ends the authority, so the host is evil.com, not 127.0.0.1.
    parsed = parse_http_url("HTTP://user:pw@Evil.COM.:8080\\@127.0.0.1/a?b#c")
    assert parsed is not None
    assert (parsed.scheme, parsed.host, parsed.port, parsed.target) == \
        ("http", "evil.com", 8080, "/@127.0.0.1/a?b")
    assert parse_http_url("https://[::1]") == parse_http_url("https://[::1]:443/")
    assert parse_http_url("http://example.com:99999/") is None


def test_blocked_literal_hosts_raise_before_fetching() -> None:
    def fetch(url: str) -> bytes:
        raise AssertionError("must not be called")

    with pytest.raises(BlockedAddressError) as info:
        load_image("http://127.0.0.1/x.png", fetcher=fetch)
    assert str(info.value) == ("Image source resolves to a blocked address (SSRF protection): "
                               "http://127.0.0.1/x.png: 127.0.0.1 is in 127.0.0.0/8 (loopback).")


def test_file_urls_never_reach_another_fetcher(tmp_path: Path) -> None:
    asked: list[str] = []

    def naive(url: str) -> bytes:  # would read any file it is handed
        asked.append(url)
        with open(url.removeprefix("file://"), "rb") as f:
            return f.read()

    for src in ("file:///etc/passwd", "file:/etc/passwd"):
        with pytest.raises(ImageError) as info:
            render_svg(h("img", {"src": src, "width": 10, "height": 10}), width=10, height=10,
                       fetcher=naive)
        assert str(info.value) == (
            f"img: Image source must be an absolute URL: {src} (local files are read only "
            "through fetcher=satori_py.files_fetcher(directory))")
    # Nor through files_fetcher's fallback: files_fetcher reads the file itself.
    with pytest.raises(ImageError) as info:
        render_svg(h("img", {"src": "file:///etc/passwd", "width": 10, "height": 10}),
                   width=10, height=10, fetcher=files_fetcher(str(tmp_path), fallback=naive))
    assert str(info.value) == (f"img: The image file /etc/passwd is outside the allowed "
                               f"directory {tmp_path.resolve()}.")
    assert asked == []
