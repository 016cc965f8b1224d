"""Fonts the face cache lets go are let go by every text cache too.

A web app rendering each request with a new user font (fonts given as bytes per request)
kept every font alive past the face cache's bound: the shared engines, shaped runs,
skip-ink spans and variable instances held their faces (300 fonts of 2 MiB grew RSS to
1.3 GB). These tests count the parsed faces still alive after a stream of renders.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from satori_py import Font, h, render_svg
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.text import engine, faces, paragraph, variations
from satori_py.text.faces import FaceData, load_sfnt

_MARK = b"glyph16-retire"
_KEPT = 3  # the face cache's bound in these tests
_MONTSERRAT = Path(__file__).resolve().parents[2] / "golden" / "text" / "fonts" / "Montserrat-VF-latin.woff2"


@pytest.fixture
def small_face_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(faces._FACE_CACHE, "max_entries", _KEPT)
    yield
    for hit in faces._FACE_CACHE.values():  # the faces made here leave with the test
        if _MARK in hit[1].sfnt[-32:]:
            faces._retire(hit)
    faces._FACE_CACHE.clear()


def _fonts(sfnt: bytes, count: int, tag: bytes) -> list[bytes]:
    # Distinct bytes (per test too), the same font: trailing bytes after the tables are not read.
    return [sfnt + _MARK + tag + i.to_bytes(4, "big") for i in range(count)]


def _alive(fonts: list[bytes]) -> list[FaceData]:
    """The parsed faces of ``fonts`` still alive."""
    gc.collect()
    given = set(fonts)
    return [o for o in gc.get_objects() if type(o) is FaceData and o.sfnt in given]


def _card(weight: int) -> object:
    return h("div", {"style": {"display": "flex", "flexDirection": "column", "fontFamily": "F"}}, [
        h("span", {"style": {"textDecoration": "underline", "fontWeight": weight}}, "Underlined jumps"),
        h("span", {"style": {"fontStyle": "italic"}}, "Slanted text"),
    ])


def test_a_stream_of_new_fonts_keeps_only_the_cached_faces(small_face_cache: None) -> None:
    fonts = _fonts(DEFAULT_FONT_PATH.read_bytes(), 12, b"stream")
    for data in fonts:
        render_svg(_card(700), width=200, height=80, fonts=[Font("F", data)], emoji=None)
    alive = _alive(fonts)
    assert len(alive) == _KEPT
    # The kept faces are the last ones given, and no cache holds a retired face.
    assert sorted(face.sfnt for face in alive) == sorted(fonts[-_KEPT:])
    assert not any(face.retired for face in alive)
    assert len(paragraph._ENGINES) > 0 and not any(e.retired for e in paragraph._ENGINES.values())
    assert not any(engine._runs_retired(runs) for runs in engine._RUNS.values())
    assert not any(key[0].retired for key in engine._SPANS.keys())


def test_variable_instances_leave_with_their_font(small_face_cache: None) -> None:
    fonts = _fonts(load_sfnt(_MONTSERRAT.read_bytes()), 8, b"variable")
    for data in fonts:
        render_svg(_card(650), width=200, height=80, fonts=[Font("F", data)], emoji=None)
    assert len(_alive(fonts)) == _KEPT
    assert not any(made.base.retired for made in variations._INSTANCES.values())


def test_a_render_of_more_fonts_than_the_cache_keeps_holds_none_after_it(small_face_cache: None) -> None:
    # The render's own faces are retired while it runs: it draws with them, and nothing it
    # leaves in the shared caches holds them.
    fonts = _fonts(DEFAULT_FONT_PATH.read_bytes(), 6, b"one render")
    svg = render_svg(_card(400), width=200, height=80, emoji=None,
                     fonts=[Font("F", data) for data in fonts])
    assert "<path" in svg
    assert len(_alive(fonts)) == _KEPT
