"""The public entry points: orchestration of the stages, nothing else.

``render_svg`` runs element -> style -> layout -> paint -> svg; ``render_png``
adds the raster stage through :mod:`resvg_bridge`. No CSS, geometry or SVG
knowledge lives here.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import resvg_bridge

from .element import Element, load_element
from .errors import FontError, ImageError, RenderError, SatoriError
from .layout.build import TreeBuilder
from .options import Font
from .paint.image import image_nodes, load_image
from .paint.painter import Painter
from .svg import serialize
from .text.fonts import FontRegistry


def default_fonts() -> list[Font]:
    from .assets import DEFAULT_FONT_FAMILY, DEFAULT_FONT_PATH
    return [Font(DEFAULT_FONT_FAMILY, DEFAULT_FONT_PATH, 400, "normal")]


def _registry(fonts: Sequence[Font] | None) -> FontRegistry:
    if fonts is None:
        fonts = default_fonts()
    for font in fonts:
        if not isinstance(font, Font):
            raise FontError(f"Expected a satori_py.Font, got {type(font).__name__}.")
    return FontRegistry(list(fonts))


def render_svg(element: Any, *, width: float | None = None, height: float | None = None,
               fonts: Sequence[Font] | None = None, embed_font: bool = True, debug: bool = False,
               point_scale_factor: float = 1, grapheme_images: dict[str, str] | None = None,
               load_additional_asset: Callable[[str, str], Any] | None = None,
               fetcher: Callable[[str], Any] | None = None,
               on_style_error: Callable[[Exception], None] | None = None,
               **unsupported: Any) -> str:
    """Render ``element`` (dict, JSON text, path or Element) to an SVG string."""
    tree: Element = load_element(element)
    registry = _registry(fonts)

    def image_loader(el: Element, style: Any) -> Any:
        src = el.props.get("src") if el.type == "img" else None
        if el.type != "img":
            return None
        if src is None or src == "":
            raise ImageError("Image source is not provided.", prop="src")
        return load_image(src, fetcher=fetcher)

    builder = TreeBuilder(registry, (width, height), embed_font=embed_font,
                          on_style_error=on_style_error, image_loader=image_loader,
                          point_scale_factor=point_scale_factor)
    result = builder.layout(tree)
    painter = Painter(debug=debug, image_drawer=image_nodes)
    return serialize(painter.document(result))


def render_png(element: Any, *, scale: float = 1, background: str | None = None,
               fonts: Sequence[Font] | None = None, **options: Any) -> bytes:
    """Render ``element`` to PNG bytes: :func:`render_svg`, then resvg at ``scale``."""
    svg = render_svg(element, fonts=fonts, **options)
    # Kept <text> (embed_font=False) is drawn by resvg with the same fonts.
    font_files = None
    if not options.get("embed_font", True):
        font_files = [f.load_bytes() for f in (fonts if fonts is not None else default_fonts())]
    try:
        return resvg_bridge.svg_to_png(svg, zoom=scale if scale != 1 else None,
                                       background=background, font_files=font_files)
    except resvg_bridge.RasterizeError as exc:
        raise RenderError(f"Rasterising the SVG failed: {exc}") from None
