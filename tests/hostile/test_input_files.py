"""Files given as input are read only when they are regular files (satori_py/files.py).

Before: an HTML file, a case file, a data file, a template or a font given as a path that
is a FIFO nobody writes to blocked the process for ever, past any timeout (a file read is
not bounded in time); ``/dev/zero`` read until the memory ran out.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from satori_py import Font, Template, h, render_svg
from satori_py.batch.rows import read_rows
from satori_py.case import load_case
from satori_py.errors import SatoriError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _font(path: Path) -> Any:
    return render_svg(h("div", {"style": {"fontFamily": "X"}}, "x"), width=20, height=20, fonts=[Font("X", path)])


READERS: list[tuple[str, Callable[[Path], Any], str]] = [
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
