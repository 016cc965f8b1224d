"""A stranger's request, drawn at random: element trees and options mixing valid and invalid parts.

What a web route passes straight in when it takes a title, an avatar URL, a style and some
markup from the query string or a JSON body, and what a careless caller builds: wrong types at
every level (``children`` a dict, an int, None, a list nested 10,000 deep; ``props`` a list;
keys that are not strings), every property of the property table with a value of every JSON
type, unknown element types, absurd numbers (1e308, -0.0, 2**64, 10**400, NaN), strings with
NUL, lone surrogates, bidi controls and megabyte words, ``fonts`` lists broken in every field,
images as every kind of broken ``data:`` URL, markup (bytes of another encoding, NUL in a tag,
entities of every kind, a megabyte attribute) and render options of the wrong kind.

:func:`stranger_case` draws one case from a seeded :class:`random.Random`, so a failure is
reproduced by its seed (``python -m tests.fuzz.oracle --seed N``). Each case carries whether
it is JSON (the command line and a JSON body can carry it) and the ``fonts`` entries as plain
data: :func:`fonts_of` builds them on the side that renders, where a broken entry must be a
SatoriError too.
"""
from __future__ import annotations

import base64
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..hostile.support import png_header
from .strategies import NAMES

FONT_DIR = Path(__file__).resolve().parents[2] / "satori_py" / "assets"
GEIST = (FONT_DIR / "Geist-Regular.ttf").read_bytes()

# A value of every JSON type (and the Python values a JSON decoder makes), the absurd ones first.
NUMBERS: list[Any] = [0, -0.0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 2**31, 2**53 + 1, 2**64, -(2**64), 10**400,
                      float("nan"), float("inf"), float("-inf"), True, False]
STRINGS: list[Any] = ["", " ", "x", "auto", "none", "inherit", "1e308px", "-1e308px", "NaN", "Infinity", "10px%",
                      "45deg", "calc(1px/0)", "var(--x)", "url(", "red", "#ffff", "rgb(1e308 0 0)",
                      "linear-gradient(red,", "\x00", "a\x00b", "\ud800", "\udfff x", "\u202e\u2066rtl\u2069",
                      "\ufffe", "!important", "1px !important", "{}", "'", '"', "\\", "\n\t"]
CONTAINERS: list[Any] = [[], [1, 2], ["x", None], {}, {"a": 1}, {"px": 10}, [[[]]], {"": {"": {}}}]
VALUES: list[Any] = NUMBERS + STRINGS + CONTAINERS + [None]

# Text a stranger types: every kind of hostile character, a long word now and then.
HOSTILE_TEXT = ["Hello", "", " ", "\x00", "a\x00b", "\ud800", "\udc00\ud800", "\u202e\u202d\u2067evil", "\u200b" * 50,
                "\ufeff", "\U0001F600\u200d\U0001F600", "\u0301" * 40, "\ue000\uf8ff", "\U000F0000", "\U0010FFFF",
                "<script>alert(1)</script>", "&amp;&#0;", "\r\n\r\n", "\t" * 20, "\u2028\u2029", "x" * 3000,
                "\u0645\u0631\u062d\u0628\u0627", "\u4f60\u597d" * 30, "\x7f\x1b[31m"]

# Markup a stranger sends: another encoding, NUL in a tag, every kind of entity, a 1 MB attribute.
HOSTILE_MARKUP: list[Any] = [
    b"<div>caf\xe9</div>", "<div>a<sp\x00an>b</span></div>", "<div>&#0;&#xD800;&#x110000;&#9999999999;&amp&lt;</div>",
    "<div title='" + "x" * 1_000_000 + "'>x</div>", "<div>" + "&nbsp;&#x1F600;&NotAnEntity;" * 2000 + "</div>",
    "<div style='" + "color:red;" * 2000 + "'>x</div>", "<svg><text>\ud800</text></svg>", "<div>" + "<b>" * 600,
]
# Render options of the wrong kind (each must be an OptionError naming it).
BAD_OPTIONS: dict[str, list[Any]] = {
    "point_scale_factor": [0, 2, float("nan"), -1, "2", True, 1e308],
    "embed_font": ["no", 0, None], "debug": ["yes", 1, None],
    "grapheme_images": [{"a": 5}, [1], {1: "x"}, "x", {"\u2605": "data:,"}],
    "fetcher": ["x", 5], "load_additional_asset": [5, "google"],
}

TAGS = ["div", "div", "div", "span", "p", "img", "svg", "h1", "a", "br", "hr", "ul", "li", "pre", "input",
        "marquee", "x-unknown", "DIV", "script", "style", "#text", "foreignObject", "path", "rect"]
BAD_TYPES: list[Any] = ["", None, 5, 1.5, True, [], ["div"], {}, {"type": "div"}, b"div", "\x00", "\ud800"]


def _uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


_SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>"
# Every kind of broken data: URL (and some good ones among them).
IMAGE_URLS = [
    _uri(png_header(2, 2), "image/png"), _uri(png_header(2, 2)[:20], "image/png"), _uri(png_header(0, 0), "image/png"),
    _uri(png_header(60000, 60000), "image/png"), _uri(b"GIF89a", "image/gif"), _uri(b"\xff\xd8\xff", "image/jpeg"),
    _uri(b"RIFF\x00\x00\x00\x00WEBP", "image/webp"), _uri(b"", "image/png"), _uri(b"not an image", "image/png"),
    _uri(png_header(2, 2), "text/html"), _uri(png_header(2, 2), "image/svg+xml"), _uri(_SVG.encode(), "image/png"),
    _uri(_SVG.encode(), "image/svg+xml"), "data:image/svg+xml;utf8," + _SVG, "data:image/svg+xml," + _SVG[:30],
    "data:image/svg+xml;base64,<svg/>", "data:image/png;base64,", "data:image/png;base64,====",
    "data:image/png;base64,\x00\ud800", "data:", "data:,", "data:;base64,", "data:image/png", "data:image/png;base64",
    "data:image/png;charset=utf-8;base64,iVBORw0KGgo=", "DATA:IMAGE/PNG;BASE64," + "A" * 4001,
    "data:image/svg+xml," + "%" * 50, "data:image/svg+xml,%3Csvg%20xmlns%3D%27http://www.w3.org/2000/svg%27%3E",
    "data:image/avif;base64,AAAAHGZ0eXBhdmlm", "data:application/octet-stream;base64,AAAA", "data:text/plain,hello",
    "https://example.com/a.png", "http://127.0.0.1:1/x.png", "file:///etc/passwd", "/etc/passwd", "javascript:1",
    "//example.com/a.png", "ftp://x/y.png", "", " ", "\x00", "\ud800", "url(data:image/png;base64,AAAA)",
]


@dataclass
class StrangerCase:
    """One drawn case: the element tree and the options of the render."""

    seed: int
    element: Any
    options: dict[str, Any] = field(default_factory=dict)
    # The fonts entries as plain data (see fonts_of); None: the bundled font.
    fonts: list[Any] | None = None
    # Whether the element and options survive a JSON round trip (the command line's input).
    json_safe: bool = True
    # The Font objects made of ``fonts`` (set by the oracle when it builds them).
    built_fonts: Any = None


class _Draw(random.Random):
    """A seeded random source with the case's hostility: how often a structural part (a type,
    ``props``, ``style``, a child) is broken. Style values are hostile at every hostility (a
    lenient render reports and drops them), but one broken node fails the whole render, so most
    cases break few of them and some break many."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.hostility = self.choice([0.0, 0.2, 0.2, 1.0, 3.0])

    def pick(self, items: list[Any]) -> Any:
        return items[self.randrange(len(items))]

    def bad(self, p: float) -> bool:
        """True with probability ``p`` times the hostility."""
        return self.random() < p * self.hostility


def _value(rng: _Draw, name: str) -> Any:
    roll = rng.random() if rng.hostility else rng.random() * 0.3 + 0.7
    if roll < 0.55:
        return rng.pick(VALUES)
    if roll < 0.75:
        return f"{rng.pick(NUMBERS)}{rng.pick(['px', '%', 'em', 'deg', '', 'vw', 'x'])}"
    if roll < 0.85:  # a plausible value of another property
        return rng.pick(["flex", "column", "center", "bold", "absolute", "1px solid red", "0 0 4px red", "50%",
                         "rotate(45deg)", "url(" + rng.pick(IMAGE_URLS) + ")", "serif", "1.5", "ellipsis"])
    if roll < 0.95:
        return " ".join(str(rng.pick(VALUES)) for _ in range(rng.randint(2, 5)))
    return "x" * rng.choice([1000, 100_000])


def _style(rng: _Draw) -> Any:
    if rng.bad(0.05):
        return rng.pick([None, "color: red", 5, [], ["display", "flex"], True, "\x00"])
    style: dict[Any, Any] = {name: _value(rng, name) for name in rng.sample(NAMES, rng.randint(0, 6))}
    if rng.bad(0.05):
        style[rng.pick([1, None, 1.5, ("a",), "", "\x00", "\ud800", "--", "-webkit-", "__proto__"])] = "x"
    return style


def _text(rng: _Draw) -> str:
    return "".join(rng.pick(HOSTILE_TEXT) for _ in range(rng.randint(1, 3)))


def _children(rng: _Draw, depth: int) -> Any:
    if rng.bad(0.1):
        return rng.pick([None, True, False, 0, -0.0, 1e308, float("nan"), 2**64, 10**400, {}, {"a": 1},
                         {"props": {}}, [], [[["deep"]]], b"bytes", [None, False, ""]])
    if rng.bad(0.03):  # a list nested as deep as a stranger can send
        nested: Any = _text(rng)
        for _ in range(rng.choice([100, 1000, 10_000])):
            nested = [nested]
        return nested
    if depth > 4 or rng.random() < 0.3:
        return _text(rng)
    kids = [_node(rng, depth + 1) if rng.random() < 0.7 else _text(rng) for _ in range(rng.randint(0, 4))]
    return kids if rng.random() < 0.8 or len(kids) != 1 else kids[0]


def _props(rng: _Draw, tag: Any, depth: int) -> Any:
    if rng.bad(0.03):
        return rng.pick([None, [], "props", 5, [("style", {})]])
    props: dict[Any, Any] = {}
    if rng.random() < 0.8:
        props["style"] = _style(rng)
    if rng.random() < 0.85:
        props["children"] = _children(rng, depth)
    if tag in ("img", "image") or rng.random() < 0.05:
        props["src"] = rng.pick(IMAGE_URLS)
        for side in ("width", "height"):
            if rng.random() < 0.7:
                props[side] = rng.pick([8, 64, 0, -5, "10", "50%", 1e308, float("nan"), None, "auto", [1]])
    if rng.random() < 0.15:
        props["tw"] = rng.pick(["flex p-4", "w-[1e308px]", "text-[\ud800]", "bg-[url(data:,)]", 5, None, ["p-1"]])
    if rng.bad(0.04):
        props[rng.pick([1, None, 2.5, (1, 2), "", "\x00", "on:click", "dangerouslySetInnerHTML"])] = "x"
    if rng.random() < 0.05:
        props.update(dict.fromkeys(["lang", "dir", "key", "className"], rng.pick(VALUES)))
    return props


def _node(rng: _Draw, depth: int = 0) -> Any:
    if rng.bad(0.03):
        return {"type": rng.pick(BAD_TYPES), "props": _props(rng, "div", depth)}
    if rng.bad(0.02):
        return rng.pick([{"props": {}}, {"type": "div"}, {"type": "div", "props": {}, "extra": 1},
                         {"type": "div", "children": ["x"]}, {"$$typeof": "x", "type": "div", "props": {}}])
    tag = rng.pick(TAGS)
    return {"type": tag, "props": _props(rng, tag, depth)}


# --- fonts --------------------------------------------------------------------------------

def _font_entry(rng: _Draw) -> Any:
    """A fonts entry as plain data: a dict of Font's fields (one of them broken), or not a dict."""
    if rng.random() < 0.1:
        return rng.pick( [None, "Geist", 5, [], {"name": "x"}, b"\x00\x01\x00\x00"])
    entry: dict[str, Any] = {"name": "Stranger", "data": "geist", "weight": 400, "style": "normal"}
    broken = rng.pick(["name", "data", "weight", "style", "lang", "none", "none"])
    bad: dict[str, list[Any]] = {
        "name": ["", " ", None, 5, "\x00", "\ud800", "x" * 10_000, ["Geist"]],
        "data": ["cut", "garbage", "empty", "zeros", "missing-file", "directory", "woff2-header", None, 5,
                 "header-only", "flipped"],
        "weight": [0, 450, 1000, -400, "400", "bold", None, 400.0, True, float("nan"), 2**64],
        "style": ["oblique", "ITALIC", "", None, 1, "\ud800"],
        "lang": [5, "", "xx-\ud800", "ja-JP", "zz", None, ["ja"]],
    }
    if broken in bad:
        entry[broken] = rng.pick(bad[broken])
    return entry


def fonts_of(entries: Any, scratch: Path) -> Any:
    """The Font objects of ``entries``, built as a caller would (which may raise a FontError)."""
    from satori_py import Font

    if not isinstance(entries, list):
        return entries
    fonts: list[Any] = []
    for entry in entries:
        if not isinstance(entry, dict) or "data" not in entry:
            fonts.append(entry)
            continue
        data = entry["data"]
        if isinstance(data, str):
            data = _font_data(data, scratch)
        fonts.append(Font(entry["name"], data, weight=entry["weight"], style=entry["style"],
                          lang=entry.get("lang")))
    return fonts


def _font_data(kind: str, scratch: Path) -> Any:
    if kind == "geist":
        return GEIST
    if kind == "missing-file":
        return str(scratch / "no-such-font.ttf")
    if kind == "directory":
        return str(scratch)
    flipped = bytearray(GEIST)
    for at in range(12, len(flipped), 997):
        flipped[at] ^= 0x5A
    return {"cut": GEIST[: len(GEIST) // 3], "garbage": b"not a font at all" * 10, "empty": b"",
            "zeros": bytes(4096), "woff2-header": b"wOF2" + bytes(60), "header-only": GEIST[:12],
            "flipped": bytes(flipped)}[kind]


# --- a whole case -------------------------------------------------------------------------

def stranger_case(seed: int) -> StrangerCase:
    """The case of ``seed``: a tree with a valid root most of the time, and sometimes broken options."""
    rng = _Draw(seed)
    if rng.random() < 0.03:
        element: Any = rng.pick([None, 5, [], "", "{}", "[1,2]", b"\x00", "<div>" * 300, "not json {",
                                   '{"type": "div", "props": {"children": "' + "x" * 100 + '"}}', *HOSTILE_MARKUP])
    else:
        element = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column"},
                                            "children": [_node(rng) for _ in range(rng.randint(1, 4))]}}
    options: dict[str, Any] = {"width": 300, "height": 160}
    if rng.random() < 0.05:
        options[rng.pick(["width", "height"])] = rng.pick([0, -1, 1e308, float("nan"), "300", None, 20000])
    fonts: Any = [_font_entry(rng) for _ in range(rng.randint(1, 3))] if rng.random() < 0.12 else None
    if rng.random() < 0.02:  # not a list at all
        fonts = rng.pick( ["Geist", 5, {"name": "Geist"}, b"\x00\x01\x00\x00"])
    if rng.random() < 0.05:  # an option of the wrong kind (drawn last: the other draws stay as they were)
        name = rng.pick(sorted(BAD_OPTIONS))
        options[name] = rng.pick(BAD_OPTIONS[name])
    case = StrangerCase(seed, element, options, fonts)
    case.json_safe = _json_safe(element)
    return case


def _json_safe(value: Any) -> bool:
    """Whether ``value`` is JSON as Python's json writes and reads it back unchanged (and not
    so deep that json cannot write it)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > 400:
            return False
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if any(0xD800 <= ord(c) <= 0xDFFF for c in item):
                return False
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return False
        elif not (item is None or isinstance(item, (bool, int))):
            return False
    return True
