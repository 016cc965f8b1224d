"""Local image files: only through a fetcher the caller gives, only inside its directory."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from satori_py import ImageError, files_fetcher, h, render_svg

Image = pytest.importorskip("PIL.Image")


def png(path: Path, size: tuple[int, int]) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return path


def test_img_and_background_read_allowed_files(tmp_path: Path) -> None:
    logo = png(tmp_path / "logo.png", (30, 20))
    card = h("div", {"style": {"display": "flex", "width": 100, "height": 50,
                                "backgroundImage": f"url({logo.as_uri()})"}},
             h("img", {"src": logo.as_uri()}))
    svg = render_svg(card, width=100, height=50, fetcher=files_fetcher(tmp_path))
    assert svg.count("data:image/png;base64,") == 2
    assert 'width="30" height="20"' in svg  # the <img> takes the file's natural size


def test_files_outside_the_directory_and_relative_paths_are_refused(tmp_path: Path) -> None:
    allowed = tmp_path / "assets"
    allowed.mkdir()
    secret = png(tmp_path / "secret.png", (5, 5))
    sneaky = (allowed / ".." / "secret.png").as_posix()
    with pytest.raises(ImageError) as info:
        render_svg(h("img", {"src": f"file://{sneaky}"}), width=10, height=10,
                   fetcher=files_fetcher(allowed))
    assert str(info.value) == (f"img: The image file {secret.resolve()} is outside the allowed "
                               f"directory {allowed.resolve()}.")
    with pytest.raises(ImageError, match="^img: Image source must be an absolute URL: secret.png$"):
        render_svg(h("img", {"src": "secret.png"}), width=10, height=10, fetcher=files_fetcher(tmp_path))
    with pytest.raises(ImageError, match="^img: Image source must be an absolute URL: file://"):
        render_svg(h("img", {"src": secret.as_uri()}), width=10, height=10)  # no fetcher: no files


def test_other_urls_go_to_the_fallback(tmp_path: Path) -> None:
    body = png(tmp_path / "x.png", (4, 3)).read_bytes()
    fetch = files_fetcher(tmp_path, fallback=lambda url: body)
    assert fetch("https://example.com/x.png") == body
    with pytest.raises(ImageError, match="^No fetcher for https://example.com/x.png: only files under "):
        files_fetcher(tmp_path)("https://example.com/x.png")
