"""The element tree: input parsing, children normalisation and node paths.

An element is React-element-like: ``{"type": "div", "props": {"style": {...},
"children": ...}}``. Children are strings, numbers, elements, ``None``/booleans
(ignored, as React ignores them) or nested lists of those. This module reads
JSON text, files and Python dicts into :class:`Element` trees, gives every node
its :data:`path` (``div/div[1]/span[0]``, the index counting every kept child of
the parent) and offers :func:`h`, a small builder. It reads no style value.
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from .errors import InvalidElementError

TEXT = "#text"


@dataclass(frozen=True, slots=True)
class TextNode:
    """A run of text among an element's children."""

    text: str
    path: str


@dataclass(frozen=True, slots=True)
class Element:
    """A host element: its tag, its props (without ``children``) and its children."""

    type: str
    props: Mapping[str, Any]
    children: tuple[Union[Element, TextNode], ...]
    path: str
    style: Mapping[str, Any] = field(default_factory=dict)


Node = Union[Element, TextNode]


def h(type: str, props: Mapping[str, Any] | None = None, *children: Any) -> dict[str, Any]:
    """Build an element dict: ``h("div", {"style": {...}}, "text", h("span", None, "x"))``."""
    merged = dict(props or {})
    if children:
        merged["children"] = list(children) if len(children) > 1 else children[0]
    return {"type": type, "props": merged}


def load_element(source: Any) -> Element:
    """Read an element from a dict, JSON text, a path to a JSON file, or an Element."""
    if isinstance(source, Element):
        return source
    if isinstance(source, (os.PathLike,)):
        source = _read_json(Path(source))
    elif isinstance(source, (str, bytes)):
        try:
            source = json.loads(source)
        except json.JSONDecodeError as exc:
            raise InvalidElementError(f"Invalid JSON element: {exc.msg} at line {exc.lineno} column {exc.colno}.") from None
    return parse_element(source)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidElementError(f"Cannot read element file {path}: {exc.strerror}.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidElementError(f"Invalid JSON in {path}: {exc}.") from None


def parse_element(data: Any, path: str | None = None) -> Element:
    """Turn a React-element-like dict into an :class:`Element` tree."""
    if not isinstance(data, Mapping):
        raise InvalidElementError(
            f"Expected an element object with \"type\" and \"props\", got {_describe(data)}.",
            path=path)
    type_ = data.get("type")
    if not isinstance(type_, str) or not type_:
        raise InvalidElementError(
            f"Invalid element type {_describe(type_)}: expected a tag name such as \"div\".",
            path=path)
    node_path = path or type_
    props = data.get("props", {})
    if props is None:
        props = {}
    if not isinstance(props, Mapping):
        raise InvalidElementError(f"Invalid props {_describe(props)}: expected an object.", path=node_path)
    if "dangerouslySetInnerHTML" in props:
        raise InvalidElementError(
            "dangerouslySetInnerHTML property is not supported. See documentation for more "
            "information https://github.com/vercel/satori#jsx.", path=node_path, prop="dangerouslySetInnerHTML")
    style = props.get("style") or {}
    if not isinstance(style, Mapping):
        raise InvalidElementError(f"Invalid style {_describe(style)}: expected an object.",
                                  path=node_path, prop="style")
    children: list[Node] = []
    for child in _flatten(props.get("children"), node_path):
        index = len(children)
        if isinstance(child, str):
            children.append(TextNode(child, f"{node_path}/{TEXT}[{index}]"))
        else:
            tag = child.get("type") if isinstance(child, Mapping) else None
            children.append(parse_element(child, f"{node_path}/{tag if isinstance(tag, str) and tag else '?'}[{index}]"))
    own = {k: v for k, v in props.items() if k != "children"}
    return Element(type_, own, tuple(children), node_path, style)


def _flatten(children: Any, path: str) -> Iterable[Any]:
    """Yield children in order: lists flattened, None/bools dropped, numbers as text."""
    if children is None or isinstance(children, bool):
        return
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from _flatten(child, path)
        return
    if isinstance(children, str):
        yield children
    elif isinstance(children, (int, float)):
        if isinstance(children, float) and not math.isfinite(children):
            raise InvalidElementError(f"Invalid child {children!r}: numbers must be finite.", path=path)
        yield _number_text(children)
    elif isinstance(children, Mapping):
        yield children
    else:
        raise InvalidElementError(
            f"Invalid child {_describe(children)}: expected a string, number, element or list.", path=path)


def _number_text(value: float) -> str:
    """Numbers print as JavaScript prints them (``1.0`` -> ``1``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def _describe(value: Any) -> str:
    text = json.dumps(value, default=repr) if not isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."
