"""Hostile inputs by bulk: one construct repeated or nested thousands of times.

What a stranger's request can send to make a render slow or large rather than wrong:
deep ``calc()`` and ``var()`` chains, numbers of hundreds of thousands of digits, lists of
thousands of gradients, stops, shadows, transforms or font features, wide and deep trees,
thousands of unknown properties, images that are data bombs, boxes far outside the image.
Each kind is a template of a size ``n``; the fuzzer draws a kind and a size (up to the
kind's ``most``, small enough that a render within the limits stays well under a second
on an idle machine), and the contract is the fuzzer's: a SatoriError or a well-formed SVG,
within the example's CPU and memory limits.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from .strategies import SVG_IMAGE, _uri


def _div(style: dict[str, Any], *children: Any, **props: Any) -> dict[str, Any]:
    return {"type": "div", "props": {"style": style, "children": list(children), **props}}


def _nested(n: int, style: dict[str, Any], tag: str = "div") -> dict[str, Any]:
    tree: Any = "x"
    for _ in range(n):
        tree = {"type": tag, "props": {"style": style, "children": [tree, "t"] if tag == "span" else [tree]}}
    return tree  # type: ignore[no-any-return]


def _box(style: dict[str, Any]) -> dict[str, Any]:
    return _div({"width": 50, "height": 50, **style}, "x")


_ENTITIES = ("<!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
             "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>")

_NUMERIC = ("width", "height", "margin", "padding", "borderWidth", "borderRadius", "fontSize", "lineHeight",
            "letterSpacing", "gap", "top", "left", "flexGrow", "zIndex", "opacity", "outlineWidth", "outlineOffset")

# kind -> (template of n, the largest n drawn)
KINDS: dict[str, tuple[Callable[[int], Any], int]] = {
    "calc-deep": (lambda n: _box({"width": "calc(" * n + "1px" + ")" * n}), 3000),
    "calc-wide": (lambda n: _box({"width": "calc(" + "+".join(["1px"] * n) + ")"}), 20000),
    "var-chain": (lambda n: _box({**{f"--v{i}": f"var(--v{i + 1})" for i in range(n)}, f"--v{n}": "1px",
                                     "width": "var(--v0)"}), 5000),
    "var-cycle": (lambda n: _box({**{f"--v{i}": f"var(--v{(i + 1) % n})" for i in range(n)},
                                     "width": "var(--v0)"}), 5000),
    "digits": (lambda n: _box({"width": "1" + "0" * n + "px", "fontSize": "9" * n + "px",
                                  "rotate": f"1e{n}deg"}), 200000),
    "gradient-stops": (lambda n: _box({"backgroundImage": "linear-gradient(" + ",".join(["red", "blue"] * n)
                                          + ")"}), 5000),
    "gradient-layers": (lambda n: _box({"backgroundImage": ",".join(["linear-gradient(red,blue)"] * n)}), 30000),
    "mask-layers": (lambda n: _box({"maskImage": ",".join(["linear-gradient(red,blue)"] * n)}), 30000),
    "box-shadows": (lambda n: _box({"boxShadow": ",".join(["1px 1px 3px red"] * n)}), 30000),
    "transforms": (lambda n: _box({"transform": " ".join(["rotate(1deg)"] * n)}), 20000),
    "font-features": (lambda n: _box({"fontFeatureSettings": ",".join(f"'ss{i % 20:02d}' 1" for i in range(n))}),
                      20000),
    "grid-areas": (lambda n: _box({"display": "grid", "gridTemplateAreas": " ".join(
        ['"' + "a " * n + '"'] * 30)}), 300),
    "clip-polygon": (lambda n: _box({"background": "red", "clipPath": "polygon(" + ",".join(["1px 2px"] * n)
                                        + ")"}), 30000),
    "unknown-properties": (lambda n: _box({f"k{i}": 1 for i in range(n)}), 20000),
    "combining-marks": (lambda n: _div({}, "a" + "\u0301" * n), 20000),
    "bidi-controls": (lambda n: _div({}, "\u202e\u202d\u202b" * n), 10000),
    "zwj-chain": (lambda n: _div({}, "\U0001F468" + "\u200d\U0001F468" * n), 3000),
    "tabs": (lambda n: _div({"whiteSpace": "pre", "tabSize": 1e9}, "\t" * n), 20000),
    "wide-tree": (lambda n: _div({"display": "flex", "flexWrap": "wrap"},
                                 *({"type": "span", "props": {"children": "x"}} for _ in range(n))), 3000),
    "deep-tree": (lambda n: _nested(n, {"padding": 1}), 250),
    "deep-inline": (lambda n: _nested(n, {"padding": 1}, "span"), 250),
    "deep-transform": (lambda n: _nested(n, {"transform": "scale(2)"}), 250),
    "deep-opacity": (lambda n: _nested(n, {"opacity": 0.5}), 250),
    "offscreen-backgrounds": (lambda n: _div({"display": "flex"}, *(
        _div({"position": "absolute", "left": -100 - 20 * i, "width": 10, "height": 10,
              "backgroundImage": f"url(https://example.com/{i}.png)"}) for i in range(n))), 3000),
    "same-images": (lambda n: _div({"display": "flex"}, *(
        {"type": "img", "props": {"src": _uri(SVG_IMAGE.encode(), "image/svg+xml"), "width": 10, "height": 10}}
        for _ in range(n))), 3000),
    "svg-nesting": (lambda n: {"type": "img", "props": {"src": _uri(
        ("<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>" * n + "</g>" * n + "</svg>").encode(),
        "image/svg+xml"), "width": 10, "height": 10}}, 30000),
    "svg-entities": (lambda n: {"type": "img", "props": {"src": _uri(
        (_ENTITIES + "<svg xmlns='http://www.w3.org/2000/svg'><text>" + "&c;" * n + "</text></svg>").encode(),
        "image/svg+xml"), "width": 10, "height": 10}}, 3000),
    "bad-base64": (lambda n: {"type": "img", "props": {"src": "data:image/png;base64," + "A" * n, "width": 10,
                                                       "height": 10}}, 1_000_000),
    "numbers-everywhere": (lambda n: _box(dict.fromkeys(_NUMERIC, 10.0 ** n)
                                          | {"position": "relative", "borderStyle": "dashed", "outlineStyle": "solid"}),
                           308),
}


@st.composite
def bulk_trees(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(sorted(KINDS)))
    make, most = KINDS[kind]
    n = draw(st.one_of(st.sampled_from([1, 2, 10, 100]), st.integers(1, most), st.just(most)))
    return make(min(n, most))
