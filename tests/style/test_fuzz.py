"""Property tests: any declaration computes or raises StyleError, nothing else."""
from __future__ import annotations

import logging
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satori_py.errors import StyleError
from satori_py.style import ComputedStyle
from satori_py.style.longhands import LONGHANDS
from satori_py.style.properties import PROPERTIES

from .conftest import style_of

NAMES = sorted({*PROPERTIES, *LONGHANDS, "translate", "rotate", "scale", "transformOrigin", "listStyle",
                "counterReset", "WebkitTextStroke", "marginInline", "borderInlineStart", "fontVariant",
                "lineClamp", "aspectRatio", "zIndex", "order", "_private", "--custom", "all"})
PIECES = st.sampled_from(["0", "1", "12", "-3", ".5", "px", "em", "%", "vw", " ", "/", ",", "(", ")", "calc(",
                          "var(--a", "var(--b, ", "rgb(", "none", "auto", "solid", "red", "inherit", "url(",
                          "linear-gradient(", "1e3", "min(", "#fff", "'", '"', "deg", "inset", "bold", "+", "*"])
VALUES = st.one_of(st.lists(PIECES, max_size=8).map("".join), st.text(max_size=12),
                   st.floats(allow_nan=False, width=32), st.integers(-1000, 1000), st.booleans())


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=4), st.booleans())
def test_any_style_computes_or_raises_style_error(style: dict[str, Any], lenient: bool) -> None:
    logging.disable(logging.WARNING)
    errors: list[StyleError] = []
    try:
        result = style_of({**style, "--a": "1px"}, on_style_error=errors.append if lenient else None)
    except StyleError:
        assert not lenient or "textAlign" in style  # textAlign throws even with onStyleError
        return
    finally:
        logging.disable(logging.NOTSET)
    assert isinstance(result, ComputedStyle)
    assert all(isinstance(e, StyleError) for e in errors)
    child = style_of({}, parent=result)  # and it inherits cleanly
    assert child["fontSize"] == result["fontSize"]
