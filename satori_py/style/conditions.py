"""The conditions of ``@media``, ``@supports`` and ``@container`` rules.

Mirrors the condition half of the reference's ``handler/stylesheet.ts``: the
prelude text is split into parenthesised groups and ``not``/``and``/``or``,
media features are those of a static image (its width and height, a light
screen without hover), and container queries compare the content box of the
nearest query container. Everything here works on the prelude as text, as
the reference does.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..patterns import lazy_compile
from .values import split_top_level

__all__ = ["ContainerCondition", "container_features", "matches_condition", "matches_media",
           "matches_supports", "parse_container_prelude", "split_condition", "supports_declarations"]

# The value of a feature, None when it's unknown.
Features = Callable[[str], "str | float | None"]

_WORD = lazy_compile(r"[a-z-]+", re.IGNORECASE)
_TYPED_QUERY = lazy_compile(r"^(?:(not|only)\s+)?([a-z-]+)(?:\s+and\s+(.*))?$", re.DOTALL)
_RANGE = lazy_compile(r"\s*(<=|>=|<|>|=)\s*")
_RATIO = lazy_compile(r"^([\d.]+)\s*/\s*([\d.]+)$")
_LENGTH = lazy_compile(r"^(-?[\d.]+)(px|em|rem)?$")
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}
_NAMED_CONTAINER = lazy_compile(r"^(-?[a-z_][\w-]*)(?![\w(-])\s*(.*)$", re.IGNORECASE | re.DOTALL)
_BLOCK_QUERY = lazy_compile(r"\b(height|block-size|aspect-ratio|orientation)\b")


def split_condition(text: str) -> tuple[list[str], list[str]] | None:
    """The parenthesised groups (or functions) of a condition and the keywords between them."""
    groups: list[str] = []
    keywords: list[str] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        match = _WORD.match(text, i)
        word = match.group(0) if match else ""
        if text[i + len(word):i + len(word) + 1] == "(":
            depth = 0
            end = i + len(word)
            while end < len(text):
                if text[end] == "(":
                    depth += 1
                elif text[end] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            if depth:
                return None
            groups.append(text[i:end + 1])
            i = end + 1
        elif word:
            keywords.append(word.lower())
            i += len(word)
        else:
            return None
    return groups, keywords


def matches_condition(text: str, group: Callable[[str], bool]) -> bool:
    """A condition with ``not``, ``and`` and ``or``, where ``group`` evaluates each group."""
    split = split_condition(text.strip())
    if split is None or not split[0]:
        return False
    groups, keywords = split

    def value(g: str) -> bool:
        return group(g[1:-1].strip()) if g.startswith("(") else group(g)

    if keywords == ["not"] and len(groups) == 1:
        return not value(groups[0])
    if len(keywords) != len(groups) - 1:
        return False
    if all(k == "and" for k in keywords):
        return all(value(g) for g in groups)
    if all(k == "or" for k in keywords):
        return any(value(g) for g in groups)
    return False


# -- @media -------------------------------------------------------------------------------

def _media_feature(name: str, width: float | None, height: float | None) -> str | float | None:
    if name == "width":
        return width
    if name == "height":
        return height
    if name == "aspect-ratio":
        return width / height if width and height else None
    if name == "orientation":
        return ("portrait" if height >= width else "landscape") if width and height else None
    if name == "prefers-color-scheme":
        return "light"
    if name in ("prefers-reduced-motion", "prefers-reduced-transparency", "prefers-contrast"):
        return "no-preference"
    if name in ("hover", "any-hover", "pointer", "any-pointer", "scripting", "update"):
        return "none"
    if name == "color":
        return 8
    if name in ("monochrome", "grid"):
        return 0
    return None


def matches_media(text: str, viewport: tuple[float | None, float | None]) -> bool:
    """A media query list (``screen and (width >= 600px), print``) for the image's size."""
    if not text.strip():
        return True
    width, height = viewport

    def features(name: str) -> str | float | None:
        return _media_feature(name, width, height)

    def group(inner: str) -> bool:
        return _matches_media_group(inner, features)

    for query in split_top_level(text.lower()):
        typed = _TYPED_QUERY.match(query)
        if typed and typed.group(2) not in ("not", "only", "and", "or"):
            result = typed.group(2) in ("all", "screen") and (
                typed.group(3) is None or matches_condition(typed.group(3), group))
            if (not result) if typed.group(1) == "not" else result:
                return True
        elif matches_condition(query, group):
            return True
    return False


def _matches_media_group(inner: str, features: Features) -> bool:
    if inner.startswith("(") or re.match(r"^not\b", inner):
        return matches_condition(inner, lambda g: _matches_media_group(g, features))
    return _matches_feature(inner, features)


def _media_value(text: str) -> float | None:
    ratio = _RATIO.match(text)
    try:
        if ratio:
            numerator, denominator = float(ratio.group(1)), float(ratio.group(2))
            if denominator == 0:
                # As in JavaScript: n/0 is Infinity, 0/0 NaN (which compares false).
                return math.inf if numerator else math.nan
            return numerator / denominator
        length = _LENGTH.match(text)
        if not length:
            return None
        return float(length.group(1)) * (16 if length.group(2) in ("em", "rem") else 1)
    except ValueError:
        return math.nan  # Number("1.2.3") is NaN, which compares false


def _compare(name: str, operator: str, text: str, features: Features) -> bool:
    actual = features(name)
    if actual is None:
        return False
    if isinstance(actual, str):
        return operator == "=" and actual == text
    expected = _media_value(text)
    if expected is None:
        return False
    return {"=": actual == expected, "<": actual < expected, "<=": actual <= expected,
            ">": actual > expected, ">=": actual >= expected}.get(operator, False)


def _matches_feature(text: str, features: Features) -> bool:
    parts = _RANGE.split(text)
    if len(parts) == 3:
        left, operator, right = parts
        if re.fullmatch(r"[a-z-]+", left):
            return _compare(left, operator, right, features)
        return _compare(right, _FLIPPED[operator], left, features)
    if len(parts) == 5:
        low, low_operator, name, high_operator, high = parts
        return _compare(name, _FLIPPED[low_operator], low, features) and \
            _compare(name, high_operator, high, features)
    if len(parts) != 1:
        return False
    if ":" not in text:
        # In a boolean context, features match unless they're 0 or none.
        value = features(text)
        return value is not None and value != 0 and value not in ("none", "no-preference")
    name, value = (part.strip() for part in text.split(":", 1))
    prefix = name[:4] if name[:4] in ("min-", "max-") else ""
    operator = ">=" if prefix == "min-" else "<=" if prefix == "max-" else "="
    return _compare(name[len(prefix):], operator, value, features)


# -- @supports ----------------------------------------------------------------------------

def matches_supports(text: str, supported: Mapping[str, bool] | None) -> bool:
    """Declarations are supported if ``supported`` says so (or isn't given); ``selector()`` is."""
    def group(inner: str) -> bool:
        if re.match(r"^selector\(", inner, re.IGNORECASE):
            return True
        if re.match(r"^[a-z-]+\(", inner, re.IGNORECASE):
            return False
        if inner.startswith("(") or re.match(r"^not\b", inner, re.IGNORECASE):
            return matches_condition(inner, group)
        if not re.match(r"^--|^[a-z-]+\s*:", inner, re.IGNORECASE):
            return False
        return True if supported is None else supported.get(inner, True)

    return matches_condition(text, group)


def supports_declarations(text: str, out: list[str]) -> None:
    """Collect the declarations of a ``@supports`` condition into ``out``, in order."""
    split = split_condition(text.strip())
    for group in split[0] if split else []:
        if not group.startswith("("):
            continue
        inner = group[1:-1].strip()
        if inner.startswith("(") or re.match(r"^not\b", inner, re.IGNORECASE):
            supports_declarations(inner, out)
        elif re.match(r"^[a-z-]+\s*:", inner, re.IGNORECASE) and inner not in out:
            out.append(inner)


# -- @container ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ContainerCondition:
    """The condition of a ``@container`` rule, for the nearest container named ``name``."""

    name: str | None
    query: str

    @property
    def queries_block_axis(self) -> bool:
        """Heights and ratios are only known for ``size`` containers."""
        return bool(_BLOCK_QUERY.search(self.query))

    def matches(self, width: float, height: float) -> bool:
        if not self.query:
            return True
        features = container_features(width, height)
        return matches_condition(self.query, lambda inner: _matches_media_group(inner, features))


def parse_container_prelude(prelude: str) -> ContainerCondition:
    """A name (optional) and a condition (optional when there's a name)."""
    text = prelude.strip()
    named = _NAMED_CONTAINER.match(text)
    if named and not re.fullmatch(r"not|and|or|none", named.group(1), re.IGNORECASE):
        return ContainerCondition(named.group(1), named.group(2).lower())
    return ContainerCondition(None, text.lower())


def container_features(width: float, height: float) -> Features:
    def feature(name: str) -> str | float | None:
        if name in ("width", "inline-size"):
            return width
        if name in ("height", "block-size"):
            return height
        if name == "aspect-ratio":
            return width / height if height else None
        if name == "orientation":
            return "portrait" if height >= width else "landscape"
        return None
    return feature
