"""The grid shorthands: ``grid``, ``grid-template``, ``grid-row``, ``grid-column``, ``grid-area``.

Mirrors ``expandGrid``, ``expandGridTemplate`` and ``expandGridPlacement`` of the
reference's ``parser/grid.ts``: shorthands expand into the longhands that
:mod:`.grid_parse` parses, in declaration order (a later declaration wins).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..errors import StyleError
from .values import js_string

__all__ = ["GRID_PROPERTIES", "LONGHANDS", "declares_grid", "expand_grid_shorthands"]

# .grid_parse is imported where a shorthand is expanded: the style stage asks every element
# whether it declares_grid(), and a card without grids never loads the grid parser.


def _expand_placement(prop: str, value: Any) -> dict[str, Any]:
    """``grid-row``, ``grid-column`` and ``grid-area``: an omitted end is the start if it's a name."""
    from .grid_parse import invalid, is_custom_ident

    parts: list[Any] = ([value] if isinstance(value, (int, float)) and not isinstance(value, bool)
                        else [p.strip() for p in js_string(value).split("/")])
    if len(parts) > (4 if prop == "gridArea" else 2) or any(p == "" for p in parts):
        raise invalid(prop, value)

    def fallback(part: Any) -> Any:
        return part if isinstance(part, str) and is_custom_ident(part) else "auto"

    if prop == "gridArea":
        row_start = parts[0]
        column_start = parts[1] if len(parts) > 1 else fallback(row_start)
        row_end = parts[2] if len(parts) > 2 else fallback(row_start)
        column_end = parts[3] if len(parts) > 3 else fallback(column_start)
        return {"gridRowStart": row_start, "gridColumnStart": column_start, "gridRowEnd": row_end,
                "gridColumnEnd": column_end}
    start = parts[0]
    end = parts[1] if len(parts) > 1 else fallback(start)
    return {f"{prop}Start": start, f"{prop}End": end}


def _shorthand_tokens(value: str, prop: str) -> list[tuple[str, str]]:
    """Strings, slashes and other values (with their line names and functions)."""
    from .grid_parse import invalid

    tokens: list[tuple[str, str]] = []
    i, n = 0, len(value)
    while i < n:
        char = value[i]
        if char.isspace():
            i += 1
        elif char in "\"'":
            end = value.find(char, i + 1)
            if end == -1:
                raise invalid(prop, value)
            tokens.append(("string", value[i + 1:end]))
            i = end + 1
        elif char == "/":
            tokens.append(("slash", "/"))
            i += 1
        else:
            j, depth = i, 0
            while j < n:
                if value[j] in "([":
                    depth += 1
                elif value[j] in ")]":
                    depth -= 1
                elif depth == 0 and (value[j].isspace() or value[j] in "/\"'"):
                    break
                j += 1
            tokens.append(("value", value[i:j]))
            i = j
    return tokens


def _join(tokens: list[tuple[str, str]]) -> str:
    return " ".join(t[1] for t in tokens)


def _is_line_names(token: tuple[str, str] | None) -> bool:
    return token is not None and token[0] == "value" and token[1].startswith("[")


def _expand_template(value: str, prop: str = "gridTemplate") -> dict[str, str]:
    """``grid-template``: ``none``, ``<rows> / <columns>``, or area strings with row sizes."""
    from .grid_parse import invalid

    tokens = _shorthand_tokens(value.strip(), prop)
    if len(tokens) == 1 and _join(tokens).lower() == "none":
        return {"gridTemplateRows": "none", "gridTemplateColumns": "none", "gridTemplateAreas": "none"}
    slashes = [i for i, t in enumerate(tokens) if t[0] == "slash"]
    if len(slashes) > 1:
        raise invalid(prop, value)
    slash = slashes[0] if slashes else -1
    before = tokens if slash == -1 else tokens[:slash]
    after = [] if slash == -1 else tokens[slash + 1:]
    if any(t[0] == "string" for t in after):
        raise invalid(prop, value)
    if not any(t[0] == "string" for t in before):
        if slash == -1 or not before or not after:
            raise invalid(prop, value)
        return {"gridTemplateRows": _join(before), "gridTemplateColumns": _join(after),
                "gridTemplateAreas": "none"}
    rows: list[str] = []
    areas: list[str] = []
    i = 0
    while i < len(before):
        if _is_line_names(before[i]):
            rows.append(before[i][1])
            i += 1
        area = before[i] if i < len(before) else None
        i += 1
        if area is None or area[0] != "string":
            raise invalid(prop, value)
        areas.append('"' + area[1] + '"')
        size = before[i] if i < len(before) else None
        if size is not None and size[0] == "value" and not _is_line_names(size):
            rows.append(size[1])
            i += 1
        else:
            rows.append("auto")
        if i < len(before) and _is_line_names(before[i]):
            rows.append(before[i][1])
            i += 1
    if slash != -1 and not after:
        raise invalid(prop, value)
    return {"gridTemplateRows": " ".join(rows), "gridTemplateColumns": _join(after) if after else "none",
            "gridTemplateAreas": " ".join(areas)}


def _expand_grid(value: str) -> dict[str, str]:
    """``grid``: a ``grid-template``, or ``auto-flow`` tracks on one side of the slash."""
    from .grid_parse import invalid

    tokens = _shorthand_tokens(value.strip(), "grid")

    def is_auto_flow(token: tuple[str, str]) -> bool:
        return token[0] == "value" and token[1].lower() == "auto-flow"

    flow_index = next((i for i, t in enumerate(tokens) if is_auto_flow(t)), -1)
    if flow_index == -1:
        return {**_expand_template(value, "grid"), "gridAutoRows": "auto", "gridAutoColumns": "auto",
                "gridAutoFlow": "row"}
    slashes = [i for i, t in enumerate(tokens) if t[0] == "slash"]
    if len(slashes) != 1:
        raise invalid("grid", value)
    slash = slashes[0]
    row_flow = flow_index < slash
    side = tokens[:slash] if row_flow else tokens[slash + 1:]
    other = tokens[slash + 1:] if row_flow else tokens[:slash]
    dense = False
    flows = start = 0
    while start < len(side) and start < 2:
        token = side[start]
        if is_auto_flow(token):
            flows += 1
        elif token[0] == "value" and token[1].lower() == "dense":
            dense = True
        else:
            break
        start += 1
    sizes = side[start:]
    if (flows != 1 or not other or any(t[0] == "string" for t in side) or any(map(is_auto_flow, sizes))
            or any(t[0] == "string" or is_auto_flow(t) for t in other)):
        raise invalid("grid", value)
    implicit = _join(sizes) if sizes else "auto"
    return {"gridTemplateRows": "none" if row_flow else _join(other),
            "gridTemplateColumns": _join(other) if row_flow else "none", "gridTemplateAreas": "none",
            "gridAutoFlow": ("row" if row_flow else "column") + (" dense" if dense else ""),
            "gridAutoRows": implicit if row_flow else "auto",
            "gridAutoColumns": "auto" if row_flow else implicit}


LONGHANDS = ("gridTemplateColumns", "gridTemplateRows", "gridTemplateAreas", "gridAutoColumns",
             "gridAutoRows", "gridAutoFlow", "gridRowStart", "gridRowEnd", "gridColumnStart",
             "gridColumnEnd")
_SHORTHANDS = ("grid", "gridTemplate", "gridRow", "gridColumn", "gridArea")


GRID_PROPERTIES = frozenset(LONGHANDS) | frozenset(_SHORTHANDS)


def declares_grid(declared: Iterable[str]) -> bool:
    """Whether the declared property names hold a grid property (most elements' do not,
    and then have no grid work to do)."""
    return not GRID_PROPERTIES.isdisjoint(declared)


def expand_grid_shorthands(style: Mapping[str, Any],
                           report: Callable[[StyleError], None] | None = None) -> dict[str, Any]:
    """The grid longhands of a style, its shorthands expanded in declaration order.

    An invalid shorthand raises, or with ``report`` is reported and ignored."""
    out: dict[str, Any] = {}
    for name, value in style.items():
        if name in LONGHANDS:
            out[name] = value
        elif name in _SHORTHANDS:
            try:
                out.update(_expand_shorthand(name, value))
            except StyleError as error:
                if report is None:
                    raise
                report(error)
    return out


def _expand_shorthand(name: str, value: Any) -> dict[str, Any]:
    if name in ("grid", "gridTemplate"):
        if not isinstance(value, str):
            raise StyleError(f"Invalid `{name}` value.", prop=name, value=value)
        return _expand_grid(value) if name == "grid" else _expand_template(value)
    return _expand_placement(name, value)
