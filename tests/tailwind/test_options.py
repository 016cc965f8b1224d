"""tailwind_config reaches the renderer from every entry point: ImageResponse, case files, the CLI."""
from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest
from PIL import Image

from satori_py import render_png
from satori_py.case import load_case
from satori_py.cli import main as cli_main
from satori_py.web.response import ImageResponse

CARD = {"type": "div", "props": {"tw": "flex w-full h-full bg-brand"}}
CONFIG = {"theme": {"extend": {"colors": {"brand": "#ff5a1f"}}}}


def pixel(png: bytes) -> tuple[int, ...]:
    with Image.open(io.BytesIO(png)) as image:
        return tuple(image.convert("RGBA").getpixel((2, 2)))


def test_render_png() -> None:
    assert pixel(render_png(CARD, width=8, height=8, tailwind_config=CONFIG)) == (255, 90, 31, 255)
    assert pixel(render_png(CARD, width=8, height=8)) == (0, 0, 0, 0)


def test_image_response_takes_a_copy_and_pickles() -> None:
    config = json.loads(json.dumps(CONFIG))
    response = ImageResponse(CARD, width=8, height=8, tailwind_config=config)
    config["theme"]["extend"]["colors"]["brand"] = "#000000"  # later changes do not leak in
    job = pickle.loads(pickle.dumps(response.job))
    assert job.tailwind_config == CONFIG
    assert pixel(response.render()) == (255, 90, 31, 255)


def test_image_response_refuses_a_bad_config_when_made() -> None:
    with pytest.raises(ValueError, match="Invalid tailwind_config.theme.colors.brand: a function"):
        ImageResponse(CARD, tailwind_config={"theme": {"colors": {"brand": print}}})


def test_case_files_and_the_cli(tmp_path: Path) -> None:
    case = tmp_path / "card.json"
    case.write_text(json.dumps({"element": CARD, "options": {"width": 8, "height": 8,
                                                             "tailwindConfig": CONFIG}}))
    assert load_case(case).render_kwargs()["tailwind_config"] == CONFIG
    out = tmp_path / "card.png"
    with pytest.raises(SystemExit) as exit_:
        cli_main([str(case), "-o", str(out)])
    assert exit_.value.code == 0
    assert pixel(out.read_bytes()) == (255, 90, 31, 255)


def test_the_output_cache_tells_configs_apart() -> None:
    from satori_py.output_cache import OutputCache
    cache = OutputCache()
    other = {"theme": {"extend": {"colors": {"brand": "#0000ff"}}}}
    first = render_png(CARD, width=8, height=8, tailwind_config=CONFIG, cache=cache)
    second = render_png(CARD, width=8, height=8, tailwind_config=other, cache=cache)
    assert (pixel(first), pixel(second)) == ((255, 90, 31, 255), (0, 0, 255, 255))
    assert pixel(ImageResponse(CARD, width=8, height=8, tailwind_config=other, cache=cache).render()) == \
        (0, 0, 255, 255)
