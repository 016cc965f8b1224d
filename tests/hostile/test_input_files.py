"""Files given as input are read only when they are regular files, and only up to a size
(satori_py/files.py).

Before: an HTML file, a case file, a data file, a template or a font given as a path that
is a FIFO nobody writes to blocked the process for ever, past any timeout (a file read is
not bounded in time); ``/dev/zero`` read until the memory ran out. A JSON element file
(``render_svg(Path("card.json"))``) still did, until session 12; and a regular file of any
size was read whole (stdin was capped at 256 MiB).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from satori_py import Font, Limits, Template, h, render_svg
from satori_py.batch.rows import read_rows
from satori_py.case import load_case
from satori_py.errors import SatoriError
from satori_py import files
from satori_py.files import MAX_INPUT_BYTES

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _font(path: Path) -> Any:
    return render_svg(h("div", {"style": {"fontFamily": "X"}}, "x"), width=20, height=20, fonts=[Font("X", path)])


READERS: list[tuple[str, Callable[[Path], Any], str]] = [
    ("card.json", lambda p: render_svg(p, width=20, height=20), "Cannot read element file {}: not a regular file."),
    ("card.html", lambda p: render_svg(p, width=20, height=20), "Cannot read element file {}: not a regular file."),
    ("case.json", load_case, "Cannot read {}: not a regular file"),
    ("rows.csv", lambda p: list(read_rows(p)), "Cannot read the data file {}: not a regular file."),
    ("t.html", Template.from_file, "Cannot read template {}: not a regular file."),
    ("font.ttf", _font, "Cannot read font file {}: not a regular file"),
]


@pytest.mark.parametrize(("name", "read", "message"), READERS, ids=[r[0] for r in READERS])
def test_a_fifo_is_refused_before_it_is_read(tmp_path: Path, name: str, read: Callable[[Path], Any],
                                             message: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with pytest.raises(SatoriError) as info:
        read(fifo)
    assert str(info.value) == message.format(fifo)


def test_a_device_is_refused_before_it_is_read() -> None:
    with pytest.raises(SatoriError) as info:
        _font(Path("/dev/zero"))
    assert str(info.value) == "Cannot read font file /dev/zero: not a regular file"
    assert info.value.prop == "data"


TOO_BIG = f"it has {MAX_INPUT_BYTES + 1} bytes, over the {MAX_INPUT_BYTES} bytes an input file may have"


@pytest.mark.parametrize(("name", "read", "message"), READERS[:-1], ids=[r[0] for r in READERS[:-1]])
def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, name: str, read: Callable[[Path], Any],
                                                  message: str) -> None:
    big = tmp_path / name
    with open(big, "wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(SatoriError) as info:
        read(big)
    assert str(info.value) == message.format(big).replace("not a regular file", TOO_BIG)


def test_a_font_file_is_read_up_to_the_max_font_bytes_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its size is checked before it is opened (a LimitError naming the limit, test_limits); a file that
    # grew after that is refused when it is opened (100 bytes here, where the first look saw 10).
    font = tmp_path / "font.ttf"
    font.write_bytes(bytes(100))
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)
        return os.stat_result((*info[:6], 10, *info[7:])) if Path(path) == font else info

    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(SatoriError) as info:
        render_svg(h("div", {"style": {"fontFamily": "X"}}, "x"), width=20, height=20, fonts=[Font("X", font)],
                   limits=Limits(max_font_bytes=50))
    assert str(info.value) == f"Cannot read font file {font}: it has 100 bytes, over the 50 bytes an input file may have"


def test_a_file_growing_while_it_is_read_is_read_up_to_the_limit(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b\n" * 100)
    monkeypatch.setattr(files, "check_regular", lambda *args: None)  # as if it grew after the look
    with pytest.raises(OSError) as info:
        files.read_regular_file(path, 50)
    assert info.value.strerror == "it grew while it was read, over the 50 bytes an input file may have"
