"""Integers of thousands of digits in JSON text are read as JavaScript reads them (js_numbers.json_int).

Before: ``{"width": 1`` and 5,000 zeros ``}`` given to render_svg (or in a case file, a JSON or
JSONL rows file, a JSON template's output) raised ValueError from json.loads ("Exceeds the
limit (4300 digits) for integer string conversion"): a traceback from a stranger's body.
JSON.parse reads every number as a double: that one is Infinity, as here now.
"""
from __future__ import annotations

from pathlib import Path

from satori_py import h, render_svg
from satori_py.batch.rows import read_rows
from satori_py.case import load_case
from satori_py.templates import Template

HUGE = "1" + "0" * 5000


def test_an_element_with_a_huge_integer_is_read_as_infinity() -> None:
    told: list[str] = []
    text = '{"type": "div", "props": {"style": {"width": HUGE, "height": 10, "backgroundColor": "red"}}}'.replace(
        "HUGE", HUGE)
    svg = render_svg(text, width=50, height=50, on_style_error=lambda e: told.append(str(e)))
    assert told == ['div: Invalid value "Infinitypx" for "width". Expected a number, "auto", or a percentage value '
                    '(e.g., "50%").']
    assert svg == render_svg(h("div", {"style": {"width": float("inf"), "height": 10, "backgroundColor": "red"}}),
                             width=50, height=50, on_style_error=lambda e: None)


def test_case_files_rows_and_json_templates_read_it_too(tmp_path: Path) -> None:
    case = tmp_path / "card.json"
    case.write_text('{"element": {"type": "div", "props": {"style": {"opacity": HUGE}}}, "width": 10, "height": 10}'
                    .replace("HUGE", HUGE))
    assert load_case(case).element["props"]["style"]["opacity"] == float("inf")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(f'{{"n": {HUGE}}}\n{{"n": 2}}\n')
    assert [row.data["n"] for row in read_rows(rows)] == [float("inf"), 2]
    listed = tmp_path / "rows.json"
    listed.write_text(f'[{{"n": {HUGE}}}]')
    assert [row.data["n"] for row in read_rows(listed)] == [float("inf")]
    template = Template('{"type": "div", "props": {"style": {"width": {{ width }}}}}', kind="json")
    assert template.render({"width": "9" * 1001})["props"]["style"]["width"] == float("9" * 1001)
    # Integers of up to 1,000 digits stay integers.
    assert template.render({"width": "9" * 1000})["props"]["style"]["width"] == int("9" * 1000)
