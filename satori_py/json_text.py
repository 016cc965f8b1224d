"""JSON text of untrusted input, decoded as the reference's JSON.parse reads it: the one
decoder of element JSON, case files, stdin, the output of JSON templates and rows files.

It owns the bounds taken before anything is decoded (the arrays and objects the text may
hold, counted from its brackets; how deeply they nest, for the callers that bound it), the
reading of numbers (integers past 1,000 digits are floats: :func:`~.js_numbers.json_int`),
and the errors of text that is not JSON or that nests deeper than the decoder recurses,
worded alike everywhere and raised as the caller's error class.
"""
from __future__ import annotations

import itertools
import json
import re
from typing import Any

from .errors import InvalidElementError, LimitError
from .js_numbers import json_int
from .patterns import lazy_compile

__all__ = ["JSON_CONTAINERS_PER_NODE", "check_json_containers", "decode_json", "json_depth"]

# Arrays and objects an element may bring (itself, its props, children, style, a few values).
# Each decodes to a list or dict of 56 bytes or more from as little as two characters of text:
# 9 MB of "[{},{},...]" took 192 MB to decode (a 256 MiB file: 5.5 GB), and json_depth's
# regular expressions 207 MB more. Counted before either, from the brackets alone.
JSON_CONTAINERS_PER_NODE = 8
_JSON_CONTAINER_SLACK = 1000  # a case's options, fonts, resources
_JSON_STRING = lazy_compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_NOT_BRACKET = lazy_compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of JSON ``text`` nest, without decoding it
    (the decoder recurses, and fails with RecursionError long before a limit could be
    checked on its result). Linear in the text; invalid JSON is left to the decoder."""
    brackets = _JSON_NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    return max(itertools.accumulate(_BRACKET_STEP[c] for c in brackets))


def check_json_containers(text: str, what: str, max_nodes: int) -> None:
    """LimitError (``max_nodes``) for JSON ``text`` (``what``, e.g. "The JSON element in X")
    holding more arrays and objects than an element tree within ``max_nodes`` can: counted
    as its opening brackets (those inside its strings too), without allocating anything."""
    count = text.count("{") + text.count("[")
    if count > JSON_CONTAINERS_PER_NODE * max_nodes + _JSON_CONTAINER_SLACK:
        raise LimitError(f"{what} has {count} opening brackets, more arrays and objects than an element tree "
                         f"within the max_nodes limit of {max_nodes} can hold.", limit="max_nodes")


def decode_json(text: str, what: str, error: type[InvalidElementError] = InvalidElementError, *,
                max_nodes: int | None = None) -> Any:
    """The value of JSON ``text``; ``what`` names it in the errors (``"stdin"``, ``"The case
    file x.json"``), raised as ``error``: ``<what> is not valid JSON: <reason> at line L column C.``
    (only the column in a text of one line) and ``<what> nests its JSON too deeply to be read.``
    (Python's decoder recurses per array or object). With ``max_nodes``, the text's arrays and
    objects are bounded first (:func:`check_json_containers`)."""
    if max_nodes is not None:
        check_json_containers(text, what, max_nodes)
    try:
        return json.loads(text, parse_int=json_int)
    except json.JSONDecodeError as exc:
        one_line = exc.lineno == 1 and "\n" not in text.strip()
        at = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        raise error(f"{what} is not valid JSON: {exc.msg} at {at}.") from None
    except RecursionError:
        raise error(f"{what} nests its JSON too deeply to be read.") from None
