"""Hostile font files: a stranger's upload, given as ``Font(name, data)`` to a render.

:func:`font_cases` draws a :class:`FontCase`: a recipe (a seed font and the
mutations made to it) and the short text set in it. The recipe is its ``repr``,
so a failing example is reproducible from the fuzzer's record alone
(``FontCase(...).data()``).

Seeds are the repository's own fonts (TrueType, CFF, a variable WOFF2, a small
CJK subset), a CFF2 conversion of the CFF one, and bombs built with fontTools:
CFF subroutines that call themselves or nest past any stack, charstrings of
huge hint and operator counts, GSUB/GPOS lookups that invoke themselves, cmap
subtables of 65,535 segments, ``fvar`` with 64 axes and a 1,000-point glyph
drawn 1,000 times. Mutations work on the sfnt bytes: a truncated file, table
directory offsets and lengths that lie, header fields set to 0 or 65,535
(``numGlyphs``, ``unitsPerEm``, ``indexToLocFormat``, ``numberOfHMetrics``,
``fvar``'s axis count ...), words and bytes of a table overwritten, a table
zeroed, dropped or swapped with another; then maybe a WOFF/WOFF2 container
whose header lies about sizes. Some data is not a font at all (SVG, PNG, ZIP,
a bare signature).

A render in such a font may raise :class:`~satori_py.errors.SatoriError` and
nothing else, within the fuzzer's time and memory bounds (tests/fuzz/run.py).
"""
from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from ..hostile.support import many_point_glyph, png_header

ROOT = Path(__file__).resolve().parents[2]
SEED_FILES = {
    "geist": ROOT / "satori_py/assets/Geist-Regular.ttf",
    "cff": ROOT / "golden/parity/fonts/NotoSansKR-subset-annyeong.otf",
    "variable": ROOT / "golden/text/fonts/Montserrat-VF-latin.woff2",
    "cjk": ROOT / "golden/text/fonts/NotoSansJP-subset.ttf",
}
TEXTS = ["Hello ffi 0123", "안녕", "こんにちは", "AV Wa", "x" * 40, "o\u0301 \u200d\ufffd", "a b\nc"]

# --- sfnt bytes -------------------------------------------------------------------------


def tables(data: bytes) -> dict[str, tuple[int, int, int]]:
    """tag -> (directory entry position, offset, length) of sfnt ``data`` (entries that fit)."""
    if len(data) < 12:
        return {}
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(min(count, (len(data) - 12) // 16)):
        entry = 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sIII", data, entry)
        out[tag.decode("latin-1")] = (entry, offset, length)
    return out


def _tt(data: bytes) -> Any:
    from fontTools.ttLib import TTFont
    return TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)


def _save(font: Any) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.cache
def seed(name: str) -> bytes:
    """The sfnt bytes of seed ``name`` (a file of :data:`SEED_FILES`, or a built bomb)."""
    if name in SEED_FILES:
        data = SEED_FILES[name].read_bytes()
        if data[:4] == b"wOF2":
            font = _tt(data)
            font.flavor = None
            return _save(font)
        return data
    return BOMBS[name]()


def _cff_font(program: list[Any], subrs: list[list[Any]] | None = None, cff2: bool = False) -> bytes:
    """The CFF seed with every glyph's charstring ``program`` and local subroutines ``subrs``."""
    from fontTools.misc.psCharStrings import T2CharString
    font = _tt(seed("cff"))
    if cff2:
        from fontTools.cffLib.CFFToCFF2 import convertCFFToCFF2
        convertCFFToCFF2(font)
        cff = font["CFF2"].cff
    else:
        cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    charstrings = top.CharStrings
    private = charstrings[charstrings.keys()[0]].private
    if subrs is not None:
        from fontTools.cffLib import SubrsIndex
        index = SubrsIndex()
        for sub in subrs:
            index.append(T2CharString(program=sub, private=private, globalSubrs=cff.GlobalSubrs))
        private.Subrs = index
        index.fdSelect = None
    for name in charstrings.keys():
        cs = charstrings[name]
        charstrings[name] = T2CharString(program=list(program), private=cs.private, globalSubrs=cs.globalSubrs)
    return _save(font)


def _bias(count: int) -> int:
    return 107 if count < 1240 else 1131 if count < 33900 else 32768


def cff_subr_loop() -> bytes:
    # Subroutine 0 calls itself: an endless recursion, for any reader without a depth bound.
    return _cff_font([0, 0, "rmoveto", -107, "callsubr", "endchar"], [[-107, "callsubr", "return"]])


def cff_deep_subrs() -> bytes:
    # 1000 subroutines, each calling the next: 1000 levels (the spec allows 10).
    n = 1000
    subrs = [[10, 0, "rlineto", i + 1 - _bias(n), "callsubr", "return"] for i in range(n - 1)] + [[10, 0, "rlineto", "return"]]
    return _cff_font([0, 0, "rmoveto", -_bias(n), "callsubr", "endchar"], subrs)


def cff_hint_bomb() -> bytes:
    # 48 stems and 3,000 hint masks: work with no outline.
    stems = [5, 5] * 24
    return _cff_font([*stems, "hstemhm", *stems, "vstemhm", *(["hintmask", b"\xff" * 12] * 3000), 0, 0, "rmoveto",
                      10, 10, "rlineto", "endchar"])


def cff_long_path() -> bytes:
    # Glyphs of 20,000 line segments each.
    return _cff_font([0, 0, "rmoveto", *([3, 1, -3, 1] * 5000), "rlineto", "endchar"])


def _cff2_font(program: list[Any], subrs: list[list[Any]] | None = None) -> bytes:
    """A small CFF2 font (fontBuilder) mapping ASCII letters to glyphs drawn by ``program``."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.misc.psCharStrings import T2CharString
    names = [".notdef", *(f"g{c}" for c in range(0x41, 0x7B))]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({c: f"g{c}" for c in range(0x41, 0x7B)})
    fb.setupCFF2({name: T2CharString(program=list(program)) for name in names})
    if subrs is not None:
        from fontTools.cffLib import SubrsIndex
        cff = fb.font["CFF2"].cff
        private = cff.topDictIndex[0].FDArray[0].Private
        index = SubrsIndex()
        for sub in subrs:
            index.append(T2CharString(program=sub, private=private, globalSubrs=cff.GlobalSubrs))
        private.Subrs = index
        for name in names:
            cs = cff.topDictIndex[0].CharStrings[name]
            cs.private = private
    fb.setupHorizontalMetrics(dict.fromkeys(names, (500, 0)))
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Bomb", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    return _save(fb.font)


def cff2_plain() -> bytes:
    return _cff2_font([0, 0, "rmoveto", 400, 0, "rlineto", 0, 600, "rlineto", -400, 0, "rlineto"])


def cff2_subr_loop() -> bytes:
    # fontTools runs the charstrings when it compiles, so subroutine 0 calls 1 until the bytes are patched.
    data = _cff2_font([0, 0, "rmoveto", -107, "callsubr"], [[-106, "callsubr"], [10, 0, "rlineto"]])
    return data.replace(bytes([-106 + 139, 10]), bytes([-107 + 139, 10]), 1)


def _records(node: Any) -> Any:
    """Every object under an otTables ``node`` that names a lookup (``LookupListIndex``)."""
    if isinstance(node, list):
        for item in node:
            yield from _records(item)
    elif hasattr(node, "__dict__") and not isinstance(node, type):
        if hasattr(node, "LookupListIndex"):
            yield node
        for value in vars(node).values():
            if isinstance(value, list) or hasattr(value, "__dict__"):
                yield from _records(value)


def _layout_loop(tag: str) -> bytes:
    """The Geist seed with every contextual lookup of ``tag`` (GSUB/GPOS) made to call itself."""
    font = _tt(seed("geist"))
    for index, lookup in enumerate(font[tag].table.LookupList.Lookup):
        for record in _records(lookup.SubTable):
            record.LookupListIndex = index
    return _save(font)


def gsub_loop() -> bytes:
    return _layout_loop("GSUB")


def gpos_loop() -> bytes:
    return _layout_loop("GPOS")


def cmap_bomb() -> bytes:
    # 65,535 one-code-point segments in format 4 ... and a format 12 of 200,000 groups.
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
    font = _tt(seed("geist"))
    glyphs = font.getGlyphOrder()
    mapping = {cp: glyphs[(cp * 7) % len(glyphs)] for cp in range(0x20, 0xFFFF, 9)}
    four = CmapSubtable.newSubtable(4)
    four.platformID, four.platEncID, four.language, four.cmap = 3, 1, 0, mapping
    twelve = CmapSubtable.newSubtable(12)
    twelve.platformID, twelve.platEncID, twelve.language = 3, 10, 0
    twelve.cmap = {cp: glyphs[cp % len(glyphs)] for cp in range(0x10000, 0x10000 + 400_000, 2)}
    font["cmap"].tables = [four, twelve]
    return _save(font)


def fvar_axes() -> bytes:
    # The variable seed with 64 axes (copies of its own, renamed) and avar segments of garbage.
    import copy
    font = _tt(seed("variable"))
    axes = font["fvar"].axes
    for i in range(64 - len(axes)):
        axis = copy.copy(axes[0])
        axis.axisTag = f"x{i:03d}"
        axes.append(axis)
    for inst in font["fvar"].instances:
        inst.coordinates.update({a.axisTag: a.defaultValue for a in axes})
    return _save(font)


def glyph_repeat() -> bytes:
    # "x" is one simple glyph of 16,000 points (TrueType allows 65,535): cheap to send, a
    # render of "xxxx..." draws all of them once per character.
    return many_point_glyph(16_000)


BOMBS = {f.__name__: f for f in (cff_subr_loop, cff_deep_subrs, cff_hint_bomb, cff_long_path, cff2_plain, cff2_subr_loop,
                                 gsub_loop, gpos_loop, cmap_bomb, fvar_axes, glyph_repeat)}

NOT_FONTS = {
    "empty": b"",
    "svg": b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>",
    "png": png_header(60000, 60000),
    "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "ttcf": b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0c" + b"\x00" * 64,
    "otto": b"OTTO" + b"\x00" * 8,
    "true": b"true\xff\xff" + b"\x00" * 6,
    "sfnt-65535-tables": b"\x00\x01\x00\x00\xff\xff" + b"\x00" * 6,
    "woff": b"wOFF" + b"\xff" * 40,
    "woff2": b"wOF2" + b"\xff" * 44,
}


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("font.ttf", b"\x00\x01\x00\x00" + b"\x00" * 100)
    return out.getvalue()


NOT_FONTS["zip"] = _zip()

# --- mutations --------------------------------------------------------------------------

#: (table, offset in it, struct format) of header fields worth lying about.
FIELDS = {
    "unitsPerEm": ("head", 18, ">H"), "indexToLocFormat": ("head", 50, ">h"), "numGlyphs": ("maxp", 4, ">H"),
    "numberOfHMetrics": ("hhea", 34, ">H"), "ascender": ("hhea", 4, ">h"), "os2.version": ("OS/2", 0, ">H"),
    "post.format": ("post", 0, ">I"), "cmap.numTables": ("cmap", 2, ">H"), "cmap.offset0": ("cmap", 8, ">I"),
    "fvar.axisCount": ("fvar", 8, ">H"), "fvar.axisSize": ("fvar", 10, ">H"), "fvar.instanceCount": ("fvar", 12, ">H"),
    "avar.axisCount": ("avar", 6, ">H"), "gvar.glyphCount": ("gvar", 12, ">H"),
    "gvar.sharedTupleCount": ("gvar", 6, ">H"), "GSUB.lookupList": ("GSUB", 8, ">H"),
    "GPOS.lookupList": ("GPOS", 8, ">H"), "CFF.offSize": ("CFF ", 3, ">B"), "maxp.maxPoints": ("maxp", 6, ">H"),
}
WORDS = [0, 1, 2, 0x7FFF, 0x8000, 0xFFFF]
LONGS = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]
TAGS = ["cmap", "glyf", "loca", "CFF ", "CFF2", "GSUB", "GPOS", "GDEF", "fvar", "avar", "gvar", "HVAR", "head",
        "hhea", "hmtx", "maxp", "OS/2", "post", "name", "kern", "STAT"]


def _put(data: bytearray, pos: int, fmt: str, value: int) -> None:
    size = struct.calcsize(fmt)
    if 0 <= pos and pos + size <= len(data):
        value %= 1 << (8 * size)
        if fmt[-1].islower():
            value = value - (1 << (8 * size)) if value >= 1 << (8 * size - 1) else value
        struct.pack_into(fmt, data, pos, value)


def mutate(data: bytes, step: tuple[Any, ...]) -> bytes:
    """``data`` with one mutation ``step`` made (a step that does not apply changes nothing)."""
    kind, *args = step
    found = tables(data)
    buf = bytearray(data)
    if kind == "truncate":
        return data[:int(len(data) * args[0])]
    if kind == "field":
        tag, at, fmt = FIELDS[args[0]]
        if tag in found:
            _put(buf, found[tag][1] + at, fmt, args[1])
        return bytes(buf)
    if args and args[0] not in found:
        return data
    entry, offset, length = found[args[0]] if args else (0, 0, 0)
    if kind == "dir":  # the directory's offset (+8) or length (+12) of a table
        _put(buf, entry + args[1], ">I", args[2] if args[2] >= 0 else len(data) + args[2])
    elif kind == "word":  # a 16-bit word of a table, at a fraction of its length
        _put(buf, offset + (int(length * args[1]) & ~1), ">H", args[2])
    elif kind == "bytes":  # random bytes over part of a table
        rng = random.Random(args[2])
        start = offset + int(length * args[1])
        for i in range(start, min(start + 64, offset + length, len(buf))):
            buf[i] = rng.randrange(256)
    elif kind == "zero":
        buf[offset:offset + length] = bytes(len(buf[offset:offset + length]))
    elif kind == "drop":  # the last directory entry moved over this one, one table fewer
        count = struct.unpack_from(">H", buf, 4)[0]
        last = 12 + 16 * (count - 1)
        buf[entry:entry + 16] = buf[last:last + 16]
        struct.pack_into(">H", buf, 4, count - 1)
    elif kind == "swap":
        other = found.get(args[1])
        if other is not None:
            buf[entry + 8:entry + 16], buf[other[0] + 8:other[0] + 16] = buf[other[0] + 8:other[0] + 16], buf[entry + 8:entry + 16]
    return bytes(buf)


def wrap(data: bytes, flavor: str, lie: tuple[int, int] | None) -> bytes:
    """``data`` as a WOFF or WOFF2 (made by fontTools), its header word at ``lie[0]`` set to ``lie[1]``."""
    try:
        font = _tt(data)
        font.flavor = flavor
        packed = bytearray(_save(font))
    except Exception:  # noqa: BLE001 - fontTools cannot repack what the mutations broke: keep the sfnt
        return data
    if lie is not None:
        _put(packed, lie[0], ">I", lie[1])
    return bytes(packed)


@functools.lru_cache(maxsize=64)  # shrinking renders a font again and again
def build(name: str, steps: tuple[tuple[Any, ...], ...], container: tuple[str, Any] | None) -> bytes:
    """The font file of a recipe (see :class:`FontCase`)."""
    if name.startswith("not-font:"):
        return NOT_FONTS[name[9:]]
    data = seed(name)
    for step in steps:
        data = mutate(data, step)
    if container is not None:
        data = wrap(data, *container)
    return data


# --- the strategy -----------------------------------------------------------------------


@dataclass(frozen=True)
class FontCase:
    """A font recipe and the text set in it; ``repr`` reproduces it."""

    seed: str
    steps: tuple[tuple[Any, ...], ...] = ()
    container: tuple[str, tuple[int, int] | None] | None = None
    text: str = "Hello"
    style: dict[str, Any] = field(default_factory=dict, hash=False)

    def data(self) -> bytes:
        return build(self.seed, self.steps, self.container)

    def tree(self) -> dict[str, Any]:
        return {"type": "div", "props": {"style": {"display": "flex", "fontFamily": "Fuzzed", "fontSize": 32,
                                                   **self.style}, "children": self.text}}


_fraction = st.floats(0, 1, exclude_max=True)
_value = st.one_of(st.sampled_from(WORDS + LONGS), st.integers(0, 0xFFFF))
_step = st.one_of(
    st.tuples(st.just("truncate"), _fraction),
    st.tuples(st.just("field"), st.sampled_from(sorted(FIELDS)), _value),
    st.tuples(st.just("dir"), st.sampled_from(TAGS), st.sampled_from([8, 12]),
              st.one_of(st.sampled_from(LONGS + [-1, -4, -16]), st.integers(0, 1 << 20))),
    st.tuples(st.just("word"), st.sampled_from(TAGS), _fraction, st.sampled_from(WORDS)),
    st.tuples(st.just("bytes"), st.sampled_from(TAGS), _fraction, st.integers(0, 2**32)),
    st.tuples(st.sampled_from(["zero", "drop"]), st.sampled_from(TAGS)),
    st.tuples(st.just("swap"), st.sampled_from(TAGS), st.sampled_from(TAGS)),
)
# WOFF: totalSfntSize (16), the first table's offset/compLength/origLength (48, 52, 56);
# WOFF2: length (8), totalSfntSize (16), totalCompressedSize (20).
_container = st.one_of(
    st.none(),
    st.tuples(st.just("woff"), st.one_of(st.none(), st.tuples(st.sampled_from([8, 16, 48, 52, 56]),
                                                                st.sampled_from(LONGS)))),
    st.tuples(st.just("woff2"), st.one_of(st.none(), st.tuples(st.sampled_from([8, 16, 20]),
                                                                 st.sampled_from(LONGS)))),
)
_style = st.fixed_dictionaries({}, optional={
    "fontVariationSettings": st.sampled_from(["'wght' 900", "'wght' 1e308", "'x000' -1e9, 'x063' 1", "'wght' nan"]),
    "fontFeatureSettings": st.sampled_from(["'liga' 0", "'smcp'", "'aalt' 65535", "'kern' 1, 'ss01'"]),
    "fontWeight": st.sampled_from([100, 900]),
    "fontSize": st.sampled_from([0.01, 200, 1e6]),
})


@st.composite
def font_cases(draw: st.DrawFn) -> FontCase:
    kind = draw(st.sampled_from(["mutated"] * 6 + ["bomb"] * 3 + ["not-font"]))
    text = draw(st.sampled_from(TEXTS))
    style = draw(_style)
    if kind == "not-font":
        return FontCase("not-font:" + draw(st.sampled_from(sorted(NOT_FONTS))), text=text, style=style)
    name = draw(st.sampled_from(sorted(BOMBS) if kind == "bomb" else sorted(SEED_FILES)))
    steps = tuple(draw(st.lists(_step, min_size=0 if kind == "bomb" else 1, max_size=3)))
    return FontCase(name, steps, draw(_container), text, style)
