"""satori_py.text.woff decodes WOFF 1.0 files to the tables fontTools decodes, without
fontTools, and leaves to fontTools (its decoding, its errors) any file it finds
inconsistent."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from satori_py.errors import FontError
from satori_py.text import faces
from satori_py.text.sfnt import Sfnt
from satori_py.text.font_size import check_woff
from satori_py.text.woff import woff_sfnt

FONTS = Path(__file__).parents[2] / "golden"
FILES = [FONTS / "text" / "fonts" / "Geist-Bold.ttf", FONTS / "parity" / "fonts" / "Roboto-Regular.ttf",
         FONTS / "parity" / "fonts" / "NotoSansKR-subset-annyeong.otf"]


def _woff_of(path: Path) -> bytes:
    font = TTFont(path)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _decoded(woff: bytes) -> bytes | None:
    """``woff`` to sfnt bytes the way load_sfnt does: its tables inflated by the size check."""
    return woff_sfnt(woff, check_woff(woff, "t", 1 << 30))


def _tables(sfnt: bytes) -> dict[str, bytes]:
    reader = Sfnt(sfnt)
    return {tag: sfnt[offset:offset + length] for tag, (offset, length) in reader.tables.items()}


def _fonttools_sfnt(woff: bytes) -> bytes:
    font = TTFont(io.BytesIO(woff), recalcBBoxes=False, recalcTimestamp=False)
    font.flavor = None
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_table_is_the_one_fonttools_decodes(path: Path) -> None:
    woff = _woff_of(path)
    sfnt = _decoded(woff)
    assert sfnt is not None
    assert _tables(sfnt) == _tables(_fonttools_sfnt(woff))
    count = struct.unpack_from(">H", sfnt, 4)[0]
    tags = [sfnt[12 + 16 * i:16 + 16 * i] for i in range(count)]
    assert tags == sorted(tags)
    stored = struct.unpack_from(f">{5 * count}L", woff, 44)
    assert any(stored[5 * i + 2] < stored[5 * i + 3] for i in range(count))  # some inflated


def test_a_woff_is_loaded_without_fonttools(monkeypatch: pytest.MonkeyPatch) -> None:
    woff = _woff_of(FILES[0])
    expected = _tables(_fonttools_sfnt(woff))

    def no_fonttools(*args: object, **kwargs: object) -> None:
        raise AssertionError("fontTools was used")

    monkeypatch.setattr("fontTools.ttLib.TTFont", no_fonttools)
    faces._SFNT_CACHE.clear()
    assert _tables(faces.load_sfnt(woff, "g")) == expected


def _woff(tables: list[tuple[bytes, bytes, bytes]], length: int | None = None, reserved: int = 0) -> bytes:
    """A WOFF of (tag, table, stored stream) entries."""
    head = 44 + 20 * len(tables)
    entries, body = [], b""
    for tag, table, stream in tables:
        entries.append(struct.pack(">4sLLLL", tag, head + len(body), len(stream), len(table), 0))
        body += stream + b"\0" * (-len(stream) % 4)
    size = head + len(body) if length is None else length
    header = struct.pack(">4s4sLHHL4xLLLLL", b"wOFF", b"\0\1\0\0", size, len(tables), reserved,
                         12 + 16 * len(tables) + sum(len(t) + -len(t) % 4 for _, t, _ in tables), 0, 0, 0, 0, 0)
    return header + b"".join(entries) + body


ONE = b"x" * 40


@pytest.mark.parametrize(("case", "data"), [
    ("the header's length is not the file's", _woff([(b"abcd", ONE, zlib.compress(ONE))], length=999)),
    ("reserved is not 0", _woff([(b"abcd", ONE, zlib.compress(ONE))], reserved=1)),
    ("a stream inflates short", _woff([(b"abcd", ONE + b"yy", zlib.compress(ONE))])),
    ("a stream is longer than its table", _woff([(b"abcd", ONE, ONE + b"zz")])),
    ("a stream is cut short", _woff([(b"abcd", ONE, zlib.compress(ONE))])[:-8]),
    ("a tag twice", _woff([(b"abcd", ONE, ONE), (b"abcd", ONE, ONE)])),
    ("no tables", _woff([])),
])
def test_an_inconsistent_woff_is_left_to_fonttools(case: str, data: bytes) -> None:
    assert _decoded(data) is None, case


def test_a_stored_table_is_copied_and_padded() -> None:
    sfnt = _decoded(_woff([(b"zzzz", b"abc", b"abc"), (b"aaaa", ONE, zlib.compress(ONE))]))
    assert sfnt is not None
    assert _tables(sfnt) == {"aaaa": ONE, "zzzz": b"abc"}
    assert struct.unpack_from(">LHHHH", sfnt) == (0x10000, 2, 32, 1, 0)
    assert len(sfnt) == 12 + 2 * 16 + 40 + 4


def test_a_broken_woff_says_what_fonttools_says() -> None:
    data = _woff([(b"abcd", ONE + b"yy", zlib.compress(ONE))])
    with pytest.raises(FontError, match=r"^Failed to parse font broken: "):
        faces.load_sfnt(data, "broken")


def test_a_stream_that_is_not_zlib_is_refused_by_the_size_check() -> None:
    with pytest.raises(FontError, match=r"^Failed to parse font t: a WOFF table does not inflate \("):
        _decoded(_woff([(b"abcd", ONE, b"not zlib")]))


def test_each_table_is_inflated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The size check inflates every compressed table (capped at its declared length) and
    # hands the bytes to the sfnt builder: no table is inflated twice (session 19 did).
    woff = _woff_of(FILES[0])
    count = struct.unpack_from(">H", woff, 12)[0]
    entries = struct.unpack_from(f">{5 * count}L", woff, 44)
    compressed = sum(entries[5 * i + 2] < entries[5 * i + 3] for i in range(count))
    expected = _tables(_fonttools_sfnt(woff))
    inflaters: list[object] = []
    real = zlib.decompressobj

    def counted(*args: int) -> object:
        inflaters.append(real(*args))
        return inflaters[-1]

    monkeypatch.setattr(zlib, "decompressobj", counted)
    faces._SFNT_CACHE.clear()
    assert _tables(faces.load_sfnt(woff, "g")) == expected
    assert compressed > 5 and len(inflaters) == compressed
