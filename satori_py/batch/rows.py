"""Data rows for templates: CSV, JSON, JSON Lines files, or any Python iterable.

Every row is a :class:`Row` with its 1-based number and, for files, the line
it starts on, so a failure can name it. A row that cannot be read (a JSON
Lines line that is not JSON or nests too deeply, a CSV record with more fields than
the header or a field over csv's size limit, an entry that is not an object) is a row
carrying its ``error``: the batch reports it and goes on, as it does for a row that
fails to render.

* CSV: the first record is the header; values are strings.
* JSON: a list of objects (or an object whose ``"rows"`` is that list).
* JSON Lines (``.jsonl``, ``.ndjson``): one object per line; blank lines are skipped.

A file holds at most :data:`MAX_ROWS` rows in :data:`MAX_LINES` lines: a batch plans
every row before it renders one (its output's name), and an empty row costs some
750 bytes in that plan: the 85 million rows of a 256 MiB file of ``{}`` lines would
have filled the memory (a million took 20 s and 750 MB before the first render).
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidElementError
from ..files import read_regular_text
from ..json_text import decode_json

__all__ = ["MAX_JSON_CONTAINERS", "MAX_LINES", "MAX_ROWS", "Row", "read_rows"]

#: Rows of one data file at most, and lines (blank ones, a field's own lines) at most.
MAX_ROWS = 1_000_000
MAX_LINES = 10_000_000
#: Arrays and objects of a .json data file at most, counted as its opening brackets.
MAX_JSON_CONTAINERS = 4 * MAX_ROWS



@dataclass(frozen=True)
class Row:
    """One data row: ``number`` counts from 1; ``line`` is where it starts in its file.

    ``label`` names an item that is not a data row (an input file of a batch).
    """

    number: int
    data: Mapping[str, Any]
    line: int | None = None
    error: str | None = None
    label: str | None = None

    def describe(self) -> str:
        """``row 57 (line 58)`` (or the label): how the summary names it."""
        if self.label is not None:
            return self.label
        return f"row {self.number}" + (f" (line {self.line})" if self.line is not None else "")


def read_rows(source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """The rows of a CSV/JSON/JSONL file (by extension) or of an iterable of mappings."""
    if not isinstance(source, (str, os.PathLike)):
        for number, data in enumerate(source, 1):
            yield _row(number, data, None)
        return
    path = Path(source)
    suffix = path.suffix.lower()
    try:
        text = read_regular_text(path, "utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidElementError(f"Cannot read the data file {path}: "
                                  f"{getattr(exc, 'strerror', None) or exc}.") from None
    if suffix == ".csv":
        rows = _csv_rows(text)
    elif suffix in (".jsonl", ".ndjson"):
        rows = _jsonl_rows(text)
    elif suffix == ".json":
        rows = _json_rows(text, path)
    else:
        raise InvalidElementError(f"Cannot tell the format of the data file {path}: "
                                  "use a .csv, .json or .jsonl file.")
    if text.count("\n") >= MAX_LINES:
        raise _too_many(path, f"{MAX_LINES} lines")
    for row in rows:
        if row.number > MAX_ROWS:
            raise _too_many(path, f"{MAX_ROWS} rows")
        yield row


def _too_many(path: Path, what: str) -> InvalidElementError:
    return InvalidElementError(f"The data file {path} has more than {what}, the most a batch reads from one "
                               "file: split it.")


def _row(number: int, data: Any, line: int | None) -> Row:
    if isinstance(data, Mapping):
        return Row(number, data, line)
    return Row(number, {}, line, f"expected an object of fields, got {type(data).__name__}")


def _csv_rows(text: str) -> Iterator[Row]:
    # Lines end at \n, \r or \r\n only, as csv reads a file (str.splitlines also ends them at
    # U+2028, U+0085, form feeds...: a title holding one split its row in two).
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    number = 0
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over csv's field_size_limit (131,072 characters)
            start, line = line, reader.line_num + 1
            if header is None:
                raise InvalidElementError(f"Cannot read the header of the CSV data: {exc}.") from None
            number += 1
            yield Row(number, {}, start, f"unreadable CSV: {exc}")
            continue
        start, line = line, reader.line_num + 1
        if header is None:
            header = record
            continue
        if not record:
            continue
        number += 1
        if len(record) != len(header):
            yield Row(number, {}, start, f"{len(record)} fields where the header has {len(header)}")
        else:
            yield Row(number, dict(zip(header, record)), start)


def _jsonl_rows(text: str) -> Iterator[Row]:
    number = 0
    # Lines end at \n (and \r\n): JSON text may hold U+2028, U+0085... raw in its strings,
    # where str.splitlines ends a line.
    for line_no, line in enumerate(io.StringIO(text, newline=""), 1):
        if not line.strip():
            continue
        number += 1
        try:
            data = decode_json(line, "the line")
        except InvalidElementError as exc:  # (a row that cannot be read is an error of that row alone)
            yield Row(number, {}, line_no, str(exc).removesuffix("."))
            continue
        yield _row(number, data, line_no)


def _json_rows(text: str, path: Path) -> Iterator[Row]:
    if text.count("{") + text.count("[") > MAX_JSON_CONTAINERS:  # each decodes to 56 bytes or more
        raise _too_many(path, f"{MAX_JSON_CONTAINERS} opening brackets (arrays and objects)")
    data = decode_json(text, str(path))
    if isinstance(data, Mapping) and isinstance(data.get("rows"), list):
        data = data["rows"]
    if not isinstance(data, list):
        raise InvalidElementError(f"{path} must hold a list of objects (or {{\"rows\": [...]}}).")
    for number, item in enumerate(data, 1):
        yield _row(number, item, None)
