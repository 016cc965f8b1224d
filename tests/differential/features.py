"""What a card uses, read from the case itself: feature groups and triage tokens.

``groups(case)`` is the coarse set the runner reports a match rate for (a card
counts in every group it touches). ``tokens(case)`` is the finer set the triage
report clusters minimal failing cards by: element types, style properties (with
the value's kind where it matters: ``display=grid``, ``transform=rotate``) and
the scripts of the text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# Properties whose value, not just presence, says what is exercised.
VALUE_KEYS = {"display", "position", "direction", "flexDirection", "flexWrap", "overflow",
              "textOverflow", "whiteSpace", "textAlign", "backgroundClip", "objectFit",
              "listStyleType", "listStylePosition", "alignItems", "justifyContent"}
FUNCTION_KEYS = {"transform", "backgroundImage", "filter", "clipPath", "maskImage",
                 "color", "backgroundColor", "background"}
BORING = {"display=flex", "display=block", "fontSize", "width", "height", "color", "gap",
          "padding", "flexDirection=column", "alignItems=center", "el:div", "text:latin",
          "style"}


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every element dict of a tree, depth first."""
    if isinstance(node, dict) and "type" in node:
        yield node
        yield from walk((node.get("props") or {}).get("children"))
    elif isinstance(node, list):
        for child in node:
            yield from walk(child)


def texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        yield from texts((node.get("props") or {}).get("children"))
    elif isinstance(node, list):
        for child in node:
            yield from texts(child)


def scripts(text: str) -> set[str]:
    found = set()
    for ch in text:
        cp = ord(ch)
        if 0x600 <= cp <= 0x6FF:
            found.add("arabic")
        elif 0x590 <= cp <= 0x5FF:
            found.add("hebrew")
        elif 0xAC00 <= cp <= 0xD7AF:
            found.add("korean")
        elif 0x3040 <= cp <= 0x30FF:
            found.add("japanese")
        elif 0x4E00 <= cp <= 0x9FFF:
            found.add("chinese")
        elif 0xE00 <= cp <= 0xE7F:
            found.add("thai")
        elif cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF:
            found.add("emoji")
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            found.add("latin")
    return found


def _value_kind(key: str, value: Any) -> str:
    text = str(value)
    m = re.match(r"\s*([a-zA-Z-]+)\(", text)
    if key in VALUE_KEYS:
        return f"{key}={text}"
    if key in FUNCTION_KEYS and m:
        return f"{key}={m.group(1)}"
    return key


def tokens(case: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for node in walk(case["element"]):
        out.add(f"el:{node['type']}")
        style = (node.get("props") or {}).get("style") or {}
        for key, value in style.items():
            out.add(_value_kind(key, value))
    for text in texts(case["element"]):
        out.update(f"text:{s}" for s in scripts(text))
    return out


def groups(case: dict[str, Any]) -> set[str]:
    """The feature groups of a card, for the per-group match rate."""
    t = tokens(case)
    keys = {x.split("=")[0] for x in t}
    g = set()
    if "display=grid" in t:
        g.add("grid")
    if any(x.startswith("flexDirection=") and "column" not in x for x in t) or any(
            x == "display=flex" for x in t):
        g.add("flex")
    if "position=absolute" in t:
        g.add("absolute")
    if "flexWrap=wrap" in t:
        g.add("wrap")
    if {"el:ul", "el:ol", "el:li"} & t:
        g.add("list")
    if "direction=rtl" in t:
        g.add("rtl")
    for script in ("arabic", "hebrew", "korean", "japanese", "chinese", "thai", "emoji"):
        if f"text:{script}" in t:
            g.add(f"text-{script}" if script != "emoji" else "emoji")
    if "textOverflow" in keys or "lineClamp" in keys:
        g.add("ellipsis/clamp")
    if {"textDecoration", "el:a"} & (keys | t):
        g.add("text-decoration")
    if any(x.startswith("backgroundImage=") for x in t):
        g.add("gradient")
    if {"boxShadow", "textShadow"} & keys:
        g.add("shadow")
    if "transform" in keys:
        g.add("transform")
    if {"clipPath", "maskImage"} & keys or "overflow=hidden" in t:
        g.add("clip/mask")
    if "el:img" in t:
        g.add("img")
    if "el:svg" in t:
        g.add("svg-icon")
    if {"filter", "opacity"} & keys:
        g.add("filter/opacity")
    if {"border", "borderBottom"} & keys:
        g.add("border")
    if any(x.startswith(("color=hsl", "color=rgba", "backgroundColor=hsl")) for x in t):
        g.add("colour-functions")
    g.add("all")
    return g


def signature(case: dict[str, Any]) -> tuple[str, ...]:
    """The tokens of a (minimal) case that are worth clustering on."""
    return tuple(sorted(tokens(case) - BORING))
