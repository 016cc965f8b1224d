"""Line-break opportunities against the reference's own breaker, string by string.

tests/text/data/line-breaks-reference.json holds where npm ``linebreak`` (the breaker of
Satori's ``splitByBreakOpportunities``) breaks 1,500 random strings of mixed kinds (made by
make_line_break_references.py). ``split_by_break_opportunities`` takes ICU's breaks and
corrects them where the reference's older UAX #14 differs (breaking.py): every string
must come out the same (main 9a498ce differed on 143 of them). The differences left are
in breaking.py's docstring.
"""
from __future__ import annotations

import json
from pathlib import Path

from satori_py.text import breaking
from satori_py.text.breaking import line_break_class, split_by_break_opportunities

DATA = Path(__file__).parent / "data" / "line-breaks-reference.json"

def _breaks(text: str) -> list[list[object]]:
    pieces, required = split_by_break_opportunities(text, "normal")
    ends, end = [], 0
    for k, piece in enumerate(pieces):
        end += len(piece)
        ends.append([end, k + 1 < len(required) and required[k + 1]])
    return ends


def test_breaks_are_the_reference_breakers() -> None:
    cases = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
    assert len(cases) == 1500
    assert [case["text"] for case in cases if _breaks(case["text"]) != case["breaks"]] == []


def test_infix_and_slash_characters_are_the_class_tables() -> None:
    # The candidates where the reference may break and ICU not (after IS and SY characters).
    starts, ends, classes, _ = breaking._class_table()
    table = {chr(c) for first, last, cls in zip(starts, ends, classes) if cls in ("IS", "SY")
             for c in range(first, last + 1)}
    assert set(breaking._INFIX_OR_SLASH) == table


def test_classes_as_the_reference_maps_them() -> None:
    assert [line_break_class(c) for c in "☺(✨「a1%$.-\u2010\u3000\u05d0\u0e01\u3041\u00b7"] == [
        "ID", "OP", "AL", "OP", "AL", "NU", "PO", "PR", "IS", "HY", "BA", "BA", "HL",
        "AL",  # SA as AL
        "NS",  # CJ as NS
        "AL",  # AI as AL
    ]


def test_latin_classes_are_the_ranges() -> None:
    # U+0000-U+00FF are looked up in a list made from the ranges: the same classes.
    starts, ends, classes, latin = breaking._class_table()
    for code in range(256):
        k = max(i for i, start in enumerate(starts) if start <= code)
        assert latin[code] == (classes[k] if code <= ends[k] else "AL")
