"""Every reader of JSON text decodes it with satori_py.json_text.decode_json: the same bounds,
numbers and wording of its errors, each naming the text and raised as the reader's error class.

Before, six places called ``json.loads(text, parse_int=json_int)`` each with its own
handling: the element said "Invalid JSON element: ... at line 1 column 4.", stdin and case
files quoted Python's exception ("Expecting value: line 1 column 1 (char 0)"), a JSON
template "gave invalid JSON for this row", a rows line "invalid JSON: ... at column 1".
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from satori_py import InvalidElementError, LimitError, render_svg
from satori_py.batch.rows import read_rows
from satori_py.case import load_case
from satori_py.cli import _load
from satori_py.json_text import decode_json
from satori_py.templates import Template, TemplateError

DEEP = "[" * 100_000 + "]" * 100_000


def test_the_wording_is_the_same_in_every_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidElementError) as info:
        render_svg('{"type": "div",}', width=10, height=10)
    assert str(info.value) == 'The JSON element is not valid JSON: Expecting property name enclosed in double ' \
                              'quotes at column 16.'
    case = tmp_path / "card.json"
    case.write_text('{"element":\n  {"type": "div"\n}')
    with pytest.raises(InvalidElementError) as info:
        load_case(case)
    assert str(info.value) == f"The case file {case} is not valid JSON: Expecting ',' delimiter at line 3 column 2."
    monkeypatch.setattr(sys, "stdin", io.StringIO("{not json"))
    with pytest.raises(InvalidElementError) as info:
        _load("-")
    assert str(info.value) == "stdin is not valid JSON: Expecting property name enclosed in double quotes at column 2."
    with pytest.raises(TemplateError) as info:
        Template('{"type": {{ kind }}}', kind="json", name="t.json").render({"kind": "div"})
    assert str(info.value) == "The output of t.json for this row is not valid JSON: Expecting value at column 10."
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"n": 1}\n{"n": }\n')
    assert [row.error for row in read_rows(rows)] == [None, "the line is not valid JSON: Expecting value at column 7"]
    listed = tmp_path / "rows.json"
    listed.write_text('[{"n": 1},\n]')
    with pytest.raises(InvalidElementError) as info:
        list(read_rows(listed))
    assert str(info.value) == f"{listed} is not valid JSON: Expecting value at line 2 column 1."


def test_text_past_the_decoders_recursion_is_an_error_of_the_reader() -> None:
    # (Python's decoder recurses per array or object: RecursionError, a traceback, before.)
    with pytest.raises(InvalidElementError) as info:
        decode_json(DEEP, "stdin")
    assert str(info.value) == "stdin nests its JSON too deeply to be read."
    with pytest.raises(TemplateError) as template_info:
        decode_json(DEEP, "The output of t.json for this row", TemplateError)
    assert str(template_info.value) == "The output of t.json for this row nests its JSON too deeply to be read."


def test_the_arrays_and_objects_are_bounded_before_decoding() -> None:
    with pytest.raises(LimitError) as info:
        decode_json("[" + "{}," * 9_000 + "{}]", "stdin", max_nodes=1_000)
    assert str(info.value) == ("stdin has 9002 opening brackets, more arrays and objects than an element tree within "
                               "the max_nodes limit of 1000 can hold.")
    assert info.value.limit == "max_nodes"
