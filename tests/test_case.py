"""satori_py.case (the case format) and satori_py.options.Font."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from satori_py.assets import DEFAULT_FONT_FAMILY, DEFAULT_FONT_PATH
from satori_py.case import load_case, snake_case
from satori_py.errors import FontError, ImageError, InvalidElementError, SatoriError
from satori_py.options import Font
from tests.support import paths


def test_default_font_asset() -> None:
    import hashlib

    assert DEFAULT_FONT_FAMILY == "geist"
    digest = hashlib.sha256(DEFAULT_FONT_PATH.read_bytes()).hexdigest()
    # The exact build the conformance references were rendered with.
    assert digest == "85a1c6b18a6b0a06dfe9fd4f6d6a5d4979f74ec861eaef4bc7868b5492b8a117"
    assert (DEFAULT_FONT_PATH.parent / "Geist-OFL.txt").is_file()


@pytest.mark.parametrize("camel, snake", [
    ("width", "width"), ("embedFont", "embed_font"), ("pointScaleFactor", "point_scale_factor"),
    ("graphemeImages", "grapheme_images"), ("loadAdditionalAsset", "load_additional_asset"),
])
def test_snake_case(camel: str, snake: str) -> None:
    assert snake_case(camel) == snake


def test_font_load_bytes_and_errors(tmp_path: Path) -> None:
    data = DEFAULT_FONT_PATH.read_bytes()
    assert Font("a", data).load_bytes() == data
    assert Font("a", DEFAULT_FONT_PATH).load_bytes() == data
    assert Font("a", str(DEFAULT_FONT_PATH)).load_bytes() == data
    assert Font("a", bytearray(b"xy")).data == b"xy"
    missing = tmp_path / "missing.ttf"
    with pytest.raises(FontError, match=f"Cannot read font file {missing}: "):
        Font("a", missing).load_bytes()
    assert "bytes>" in repr(Font("a", data))


@pytest.mark.parametrize("kwargs, field", [
    ({"weight": 450}, "weight"), ({"weight": "bold"}, "weight"), ({"weight": True}, "weight"),
    ({"style": "oblique"}, "style"), ({"name": ""}, "name"), ({"lang": 5}, "lang"),
    ({"data": 12}, "data"),
])
def test_font_validation_names_the_field(kwargs: dict, field: str) -> None:
    args = {"name": "Geist", "data": b"x", **kwargs}
    with pytest.raises(FontError) as info:
        Font(**args)
    assert info.value.prop == field
    assert field in str(info.value)


def test_bare_element(tmp_path: Path) -> None:
    el = {"type": "div", "props": {"children": "x"}}
    p = tmp_path / "el.json"
    p.write_text(json.dumps(el))
    for case in (load_case(p), load_case(el)):
        assert case.element == el
        assert case.options == {} and case.expect_error is None
        assert case.render_kwargs() == {}


def test_case_paths_relative_to_case_file(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    p = tmp_path / "cases" / "c.json"
    p.write_text(json.dumps({
        "element": {"type": "div", "props": {}},
        "options": {"width": 10, "fonts": [{"name": "R", "file": "../fonts/R.ttf",
                                            "weight": 400, "style": "normal"}]},
        "reference": {"png": "../refs/c.png", "svg": "../refs/c.svg"},
    }))
    case = load_case(p)
    assert case.options["fonts"][0].path == tmp_path / "fonts" / "R.ttf"
    assert case.reference_png == tmp_path / "refs" / "c.png"
    assert case.reference_svg == tmp_path / "refs" / "c.svg"
    assert case.slug == "c"
    # A dict resolves against base_dir.
    other = load_case(json.loads(p.read_text()), base_dir=tmp_path / "x")
    assert other.options["fonts"][0].path == tmp_path / "fonts" / "R.ttf"


def test_empty_fonts_stay_empty() -> None:
    case = load_case({"element": {"type": "div"}, "options": {"fonts": []}})
    assert case.options["fonts"] == []


def test_expect_error_from_reference() -> None:
    case = load_case({"element": {"type": "div"}, "reference": {"error": "boom"}})
    assert case.expect_error == "boom"


def test_offline_fetcher_always_given() -> None:
    case = load_case({"element": {"type": "div"}})
    assert "fetcher" not in case.render_kwargs()
    fetch = case.render_kwargs(offline=True)["fetcher"]
    with pytest.raises(ImageError):
        fetch("https://example.com/x.png")


@pytest.mark.parametrize("data, error", [
    ({"props": {}}, InvalidElementError),
    ({"element": {}, "options": []}, InvalidElementError),
    ({"element": {}, "options": {"fonts": {}}}, FontError),
    ({"element": {}, "options": {"fonts": [{"name": "x"}]}}, FontError),
    ({"element": {}, "resources": {"u": {"base64": "!!"}}}, InvalidElementError),
])
def test_malformed_cases(data: dict, error: type) -> None:
    with pytest.raises(error):
        load_case(data)


def test_every_shared_case_loads() -> None:
    conf = paths.conformance_dir()
    if conf is None:
        pytest.skip("conformance suite not found")
    files = sorted(conf.glob("*/cases/*.json"))
    assert len(files) >= 500
    for f in files:
        try:
            case = load_case(f)
        except SatoriError as exc:  # pragma: no cover - reported with the file name
            pytest.fail(f"{f.name}: {exc}")
        for font in case.options.get("fonts", []):
            assert font.path is not None and font.path.is_file(), f.name
        if case.expect_error is None:
            assert case.reference_png is not None and case.reference_png.is_file(), f.name
