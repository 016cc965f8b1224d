"""Jinja2 templates (HTML and JSON, autoescaped) and data rows (CSV, JSON, JSONL, iterables)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from satori_py.batch import rows as rows_module
from satori_py.batch.rows import Row, read_rows
from satori_py.errors import InvalidElementError, LimitError
from satori_py.templates import Template, TemplateError

HOSTILE = '</div><script>x</script>"quoted" & {{ braces }}'


def test_html_template_escapes_row_values() -> None:
    template = Template('<div title="{{ title }}">{{ title }}</div>')
    element = template.render({"title": HOSTILE})
    assert element == {"type": "div", "props": {"title": HOSTILE, "children": HOSTILE}}


def test_json_template_escapes_values_inside_strings_and_tojson_inserts_values() -> None:
    template = Template('{"type": "div", "props": {"style": {"fontSize": {{ size }}, "opacity": {{ o|tojson }}},'
                        ' "children": ["{{ title }}", {{ tags|tojson }}]}}', kind="json")
    element = template.render({"title": HOSTILE + '\\ \n \u2028', "size": 40, "o": 0.5, "tags": ["a", "<b>"]})
    assert element["props"]["children"] == [HOSTILE + '\\ \n \u2028', ["a", "<b>"]]
    assert element["props"]["style"] == {"fontSize": 40, "opacity": 0.5}


def test_a_missing_field_is_an_error_naming_it() -> None:
    with pytest.raises(TemplateError) as info:
        Template("<p>{{ title }} {{ author }}</p>", name="card.html").render({"title": "x"})
    assert str(info.value) == "card.html, line 1: 'author' is undefined (the row has title)."


def test_a_syntax_error_names_the_line() -> None:
    with pytest.raises(TemplateError) as info:
        Template("<p>\n{% if x %}\n</p>", name="card.html").check()
    assert str(info.value).startswith("card.html, line 2: Unexpected end of template.")


def test_invalid_json_output_is_an_error() -> None:
    with pytest.raises(TemplateError, match=r"The output of t.json for this row is not valid JSON: Expecting value at column 10"):
        Template('{"type": {{ t }}}', kind="json", name="t.json").render({"t": "div"})


def test_json_nested_past_what_json_reads_is_a_template_error() -> None:
    # Before: json's RecursionError, which the batch reported as "RecursionError: ...".
    template = Template("[" * 100_000 + "{{ a }}" + "]" * 100_000, kind="json", name="t.json")
    with pytest.raises(TemplateError) as info:
        template.render({"a": 1})
    assert str(info.value) == "The output of t.json for this row nests its JSON too deeply to be read."


def test_json_output_is_counted_before_it_is_decoded() -> None:
    # A row can make the output large: each array or object decodes to 56 bytes or more.
    template = Template('{"type": "div", "props": {"children": [{{ "{}, " * n }}{}]}}', kind="json", name="t.json")
    with pytest.raises(LimitError) as info:
        template.render({"n": 900_000})
    assert str(info.value) == ("The output of t.json for this row has 900004 opening brackets, more arrays and objects "
                               "than an element tree within the max_nodes limit of 100000 can hold.")
    assert template.render({"n": 2})["props"]["children"] == [{}, {}, {}]


def test_from_file_picks_the_kind_and_includes_work(tmp_path: Path) -> None:
    (tmp_path / "title.html").write_text("<b>{{ title }}</b>")
    (tmp_path / "card.html").write_text('<div>{% include "title.html" %}</div>')
    (tmp_path / "card.json").write_text('{"type": "p", "props": {"children": "{{ title }}"}}')
    assert Template.from_file(tmp_path / "card.html").render({"title": "<i>"}) == {
        "type": "div", "props": {"children": {"type": "b", "props": {"children": "<i>"}}}}
    assert Template.from_file(tmp_path / "card.json").kind == "json"
    with pytest.raises(TemplateError, match="Cannot read template"):
        Template.from_file(tmp_path / "missing.html")


def test_csv_rows_name_their_lines_and_bad_records_are_row_errors(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('slug,title\na,"multi\nline"\nb,x,extra\n\nc,y\n', encoding="utf-8")
    rows = list(read_rows(path))
    assert rows == [Row(1, {"slug": "a", "title": "multi\nline"}, 2),
                    Row(2, {}, 4, "3 fields where the header has 2"),
                    Row(3, {"slug": "c", "title": "y"}, 6)]
    assert rows[1].describe() == "row 2 (line 4)"


def test_a_field_holding_a_line_separator_stays_in_its_row(tmp_path: Path) -> None:
    # Before: rows were split with str.splitlines, which also ends lines at U+2028, U+0085, form
    # feeds...: a stranger's title holding one split its row in two (two row errors, or wrong fields).
    odd = "A\u2028B\x85C\x0cD\x1cE"
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(f"title,slug\n{odd},a\r\nx,b\n", encoding="utf-8", newline="")
    assert list(read_rows(csv_path)) == [Row(1, {"title": odd, "slug": "a"}, 2), Row(2, {"title": "x", "slug": "b"}, 3)]
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(json.dumps({"title": odd}, ensure_ascii=False) + '\r\n{"title": "x"}\n', encoding="utf-8",
                     newline="")
    assert list(read_rows(jsonl)) == [Row(1, {"title": odd}, 1), Row(2, {"title": "x"}, 2)]


@pytest.mark.parametrize("name", ["rows.csv", "rows.jsonl", "rows.json"])
def test_a_data_file_holds_a_bounded_number_of_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     name: str) -> None:
    # Every row is planned before the first render: a million empty rows took 20 s and 750 MB, and
    # a 256 MiB file of "{}" lines holds 85 million.
    monkeypatch.setattr(rows_module, "MAX_ROWS", 3)
    monkeypatch.setattr(rows_module, "MAX_LINES", 8)
    path = tmp_path / name
    texts = {".csv": "a\n" + "1\n" * 3, ".jsonl": "{}\n" * 3, ".json": json.dumps([{}] * 3)}
    path.write_text(texts[path.suffix])
    assert len(list(read_rows(path))) == 3
    path.write_text(texts[path.suffix].replace("1\n", "1\n\n").replace("{}\n", "{}\n\n"))  # 7 lines at most
    assert len(list(read_rows(path))) == 3
    path.write_text({".csv": "a\n" + "1\n" * 4, ".jsonl": "{}\n" * 4, ".json": json.dumps([{}] * 4)}[path.suffix])
    with pytest.raises(InvalidElementError) as info:
        list(read_rows(path))
    assert str(info.value) == f"The data file {path} has more than 3 rows, the most a batch reads from one file: split it."
    path.write_text("\n" * 8 + texts[path.suffix])
    with pytest.raises(InvalidElementError, match=r"has more than 8 lines, the most a batch reads from one file"):
        list(read_rows(path))


def test_jsonl_and_json_rows(tmp_path: Path) -> None:
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"a": 1}\n\nnot json\n[1]\n')
    assert list(read_rows(jsonl)) == [Row(1, {"a": 1}, 1), Row(2, {}, 3, "the line is not valid JSON: Expecting value at column 1"),
                                      Row(3, {}, 4, "expected an object of fields, got list")]
    data = tmp_path / "rows.json"
    data.write_text(json.dumps({"rows": [{"a": 1}, 2]}))
    assert list(read_rows(data)) == [Row(1, {"a": 1}), Row(2, {}, None, "expected an object of fields, got int")]
    assert list(read_rows(iter([{"x": 1}]))) == [Row(1, {"x": 1})]
    (tmp_path / "rows.txt").write_text("a\n")
    with pytest.raises(InvalidElementError, match="use a .csv, .json or .jsonl file"):
        list(read_rows(tmp_path / "rows.txt"))


def test_rows_past_what_json_and_csv_read_are_row_errors(tmp_path: Path) -> None:
    # Before: a RecursionError (JSON nested past Python's recursion limit) and a csv.Error
    # (a field over 131,072 characters) ended the whole batch with a traceback.
    deep = "[" * 100_000 + "]" * 100_000
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"a": 1}\n' + deep + '\n{"a": 2}\n')
    assert list(read_rows(jsonl)) == [Row(1, {"a": 1}, 1), Row(2, {}, 2, "the line nests its JSON too deeply to be read"),
                                      Row(3, {"a": 2}, 3)]
    data = tmp_path / "rows.json"
    data.write_text(deep)
    with pytest.raises(InvalidElementError) as info:
        list(read_rows(data))
    assert str(info.value) == f"{data} nests its JSON too deeply to be read."
    table = tmp_path / "rows.csv"
    table.write_text("slug,body\na," + "x" * 200_000 + "\nb,y\n")
    assert list(read_rows(table)) == [Row(1, {}, 2, "unreadable CSV: field larger than field limit (131072)"),
                                      Row(2, {"slug": "b", "body": "y"}, 3)]
    table.write_text("x" * 200_000 + "\na\n")
    with pytest.raises(InvalidElementError) as info:
        list(read_rows(table))
    assert str(info.value) == "Cannot read the header of the CSV data: field larger than field limit (131072)."


def test_a_json_data_file_is_refused_by_its_brackets_before_it_is_decoded(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A list or dict decodes to 56 bytes or more from two characters: a 256 MiB file of "{}" is 5.5 GB.
    monkeypatch.setattr(rows_module, "MAX_JSON_CONTAINERS", 5)
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{}] * 4))
    assert len(list(read_rows(path))) == 4
    path.write_text(json.dumps([{}] * 5))
    with pytest.raises(InvalidElementError) as info:
        list(read_rows(path))
    assert str(info.value) == (f"The data file {path} has more than 5 opening brackets (arrays and objects), the "
                               "most a batch reads from one file: split it.")
