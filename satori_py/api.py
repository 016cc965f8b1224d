"""The public entry points: orchestration of the stages, nothing else.

``render_svg`` runs element -> style -> layout -> paint -> svg; ``render_png``
adds the raster stage through :mod:`resvg_bridge`. No CSS, geometry or SVG
knowledge lives here.
"""
from __future__ import annotations

import gc
import math
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import resvg_bridge

from .diagnostics import Diagnostics
from .element import Element, load_element
from .errors import LimitError, RenderError, StyleError
from .front_turn import front_turn
from .js_format import js_round
from .layout.build import LayoutResult, TreeBuilder
from .layout.containers import container_sizes
from .layout.layer_images import load_layer_images
from .layout.taffy_thread import hosting as hosting_taffy
from .layout.taffy_thread import session as taffy_session
from .limits import Limits, enforcing
from .markup.dialects import check_dialect
from .markup.source import read_markup
from .options import RENDER_OPTIONS, Font, check_options, font_list  # noqa: F401 - RENDER_OPTIONS is re-exported
from .paint.painter import Painter
from .patterns import lazy_compile
from .style.colors import parse_color
from .style.stylesheet import lay_out_with_stylesheets
from .svg import serialize
from .layout.boxes import RenderBox
from .text.assets import compose_asset_loaders, copy_call_hints, layout_with_additional_assets
from .text.missing_chars import report_missing_characters
from .text.emoji import DEFAULT_EMOJI, emoji_asset_loader
from .text.fonts import FontRegistry

if TYPE_CHECKING:
    from .output_cache import OutputCache

# What a plain card does not use is imported when first needed (inline SVG, the tw
# resolver, the output cache): the CLI's cold start pays only for what it draws.


_gc_lock = threading.Lock()
_gc_renders = 0  # renders running with the collector paused
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while renders run (restored by the last one,
    also on error). A render allocates many short-lived objects and no cycles worth a
    collection: at a thousand nodes the collector took 13 % of the time."""
    global _gc_renders, _gc_was_enabled
    with _gc_lock:
        if _gc_renders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_renders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_renders -= 1
            if _gc_renders == 0 and _gc_was_enabled:
                _promote_survivors()
                gc.enable()


# What the renders may move past the young collections between two full collections (see
# _promote_survivors): a few hundred cold renders' cache entries.
_PROMOTE_BUDGET = 1_000_000
_promoted = [0, -1]  # objects promoted since the full collection counted, and that count


def _promote_survivors() -> None:
    """Move the objects allocated while the collector was paused to the oldest generation, when
    they are enough to start a collection. A render that fills the caches (a cold one: several
    thousand new cache entries) would otherwise have the first allocation after it run a young
    collection over them, and a middle one later: 3-4 % of such a render. Renders leave no
    cyclic garbage (tests/layout/test_reference_cycles.py), so what survives them is what the
    caches keep, which reference counting frees when they drop it.

    ``gc.freeze`` and ``gc.unfreeze`` move whole generations in constant time. Not done when
    the program has frozen objects of its own (unfreezing would thaw them), and only for
    :data:`_PROMOTE_BUDGET` objects between full collections: what else was young at the time
    (the program's own objects) is collected by the next full collection only, and promotions
    made here do not count towards starting one, which the collector's own do."""
    young = gc.get_count()[0]
    if young <= gc.get_threshold()[0] or gc.get_freeze_count():
        return
    full = gc.get_stats()[2]["collections"]
    if full != _promoted[1]:
        _promoted[:] = [0, full]
    if _promoted[0] + young > _PROMOTE_BUDGET:
        return
    _promoted[0] += young
    gc.freeze()
    gc.unfreeze()


def default_fonts() -> list[Font]:
    from .assets import DEFAULT_FONT_FAMILY, DEFAULT_FONT_PATH
    return [Font(DEFAULT_FONT_FAMILY, DEFAULT_FONT_PATH, 400, "normal")]


def _registry(fonts: Sequence[Font] | None) -> FontRegistry:
    return FontRegistry(default_fonts() if fonts is None else font_list(fonts))


# Larger images would take gigabytes to rasterise; they are almost surely a mistake.
MAX_CANVAS = 16384


def _check_canvas(width: float | None, height: float | None, scale: float = 1) -> None:
    for name, value in (("width", width), ("height", height)):
        if value is None:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value or value <= 0:
            raise LimitError(f"Invalid {name} {value!r}: expected a positive number of pixels.",
                             prop=name, value=value)
        if value * scale > MAX_CANVAS:
            raise LimitError(f"The image {name} of {value * scale:g}px is over the limit of {MAX_CANVAS}px.",
                             prop=name, value=value)


@dataclass
class Pipeline:
    """The stages of one render, callable one by one (the benchmarks time each)."""

    width: float | None = None
    height: float | None = None
    fonts: Sequence[Font] | None = None
    embed_font: bool = True
    debug: bool = False
    point_scale_factor: float = 1
    grapheme_images: dict[str, str] | None = None
    load_additional_asset: Callable[[str, str], Any] | None = None
    fetcher: Callable[[str], Any] | None = None
    on_style_error: Callable[[Exception], None] | None = None
    emoji: str | None = DEFAULT_EMOJI
    strict: bool = False
    on_warning: Callable[[Exception], None] | None = None
    tailwind_config: Mapping[str, Any] | None = None
    limits: Limits | None = None
    tailwind_classes: bool = False
    markup_dialect: str = "jsx"

    def __post_init__(self) -> None:
        # Checked for every input, not only markup: a misspelt dialect is not ignored.
        check_dialect(self.markup_dialect, "markup_dialect")
        check_options(embed_font=self.embed_font, debug=self.debug, point_scale_factor=self.point_scale_factor,
                      grapheme_images=self.grapheme_images, load_additional_asset=self.load_additional_asset,
                      fetcher=self.fetcher)
        self._new_channel()

    def _new_channel(self) -> None:
        # What each stage drops or ignores is reported here (delivered as the stage ends,
        # each report once per render).
        self.diagnostics = Diagnostics(strict=self.strict, on_style_error=self.on_style_error,
                                       on_warning=self.on_warning)

    # Each stage runs under the limits; called inside render_svg/render_png they share
    # one budget (deadline, text count), called one by one each starts its own.

    def parse(self, element: Any) -> Element:
        """The element tree; a render starts here (with a channel of its own)."""
        self._new_channel()
        with enforcing(self.limits):
            _check_canvas(self.width, self.height)
            with self.diagnostics.active():  # what HTML input repairs or ignores
                return load_element(read_markup(element, tailwind_classes=self.tailwind_classes,
                                                tailwind_config=self.tailwind_config,
                                                dialect=self.markup_dialect))

    def layout(self, tree: Element) -> LayoutResult:
        with enforcing(self.limits) as budget, self.diagnostics.active():
            budget.check_deadline()
            result = self._layout(tree)
            budget.check_deadline()
            return result

    def _layout(self, tree: Element) -> LayoutResult:
        channel = self.diagnostics
        registry = _registry(self.fonts)
        # Mutated by load_additional_asset's answers, read by every pass's paragraphs.
        images: dict[str, str] = dict(self.grapheme_images or {})
        load = compose_asset_loaders(
            self.load_additional_asset,
            _emoji_loader(self.emoji, self.grapheme_images) if self.emoji is not None else None)
        processed: set[str] = set()  # the reference's processedWordsMissingFonts
        # Checks the config now: a bad one fails the render before anything is laid out.
        tailwind = _tailwind_stage(self.width, self.height, self.tailwind_config)

        def lay_out(styled: Element) -> LayoutResult:
            # Like the reference's layOut(): build, ask for what the text lacks, build again.
            reported: list[int] = []  # where the reports of the last build start and end

            def build() -> tuple[tuple[TreeBuilder, RenderBox], list[Any]]:
                if reported:  # a build that is redone (with more fonts) reports again
                    channel.rollback(*reported)
                reported[:] = [channel.checkpoint()]
                builder = TreeBuilder(registry, (self.width, self.height), embed_font=self.embed_font,
                                      on_style_error=channel.report if channel.lenient else None,
                                      on_warning=channel.report, fetcher=self.fetcher,
                                      point_scale_factor=self.point_scale_factor, grapheme_images=images,
                                      tailwind=tailwind)
                root = builder.build(styled)
                reported.append(channel.checkpoint())
                return (builder, root), builder.paragraphs

            builder, root = layout_with_additional_assets(build, registry, images, load,
                                                          processed=processed)
            report_missing_characters(builder.paragraphs, images)  # drawn as boxes: said, not silent
            return builder.finish(root)

        # <style> sheets apply before layout; container queries lay out twice. Taffy runs on a
        # thread of the render's own, which ends with it.
        with taffy_session():
            result = lay_out_with_stylesheets(tree, lay_out, viewport=(self.width, self.height),
                                              diagnostics=channel, container_sizes=container_sizes)
        _check_canvas(result.width or None, result.height or None)
        load_layer_images(result.root, (result.width, result.height), self.fetcher)
        return result

    def paint(self, result: LayoutResult) -> str:
        with enforcing(self.limits) as budget, self.diagnostics.active():
            painter = Painter(debug=self.debug)
            document = painter.document(result)
            budget.check_deadline()
            return serialize(document)


def _tailwind_stage(width: float | None, height: float | None,
                    config: Mapping[str, Any] | None) -> Callable[[Any, dict[str, Any]], dict[str, Any]]:
    """The render's ``tw`` resolver. A config is checked now (a bad one fails the render
    before anything is laid out); without one there is nothing to check, and the
    resolver is made when the first ``tw`` prop is met."""
    from_tailwind: Any = None
    if config is not None:
        from .tailwind import TailwindStage

        return TailwindStage(width, height, config)

    def resolve(tw: Any, style: dict[str, Any]) -> dict[str, Any]:
        nonlocal from_tailwind
        if from_tailwind is None:
            from .tailwind import TailwindStage

            from_tailwind = TailwindStage(width, height, None)
        result: dict[str, Any] = from_tailwind(tw, style)
        return result

    return resolve


def _emoji_loader(emoji: str, given: Mapping[str, str] | None) -> Callable[[str, str], Any]:
    """The emoji set's loader, leaving alone the graphemes the caller gave images for."""
    loader = emoji_asset_loader(emoji)
    if not given:
        return loader

    def load(code: str, segment: str) -> Any:
        return None if segment in given else loader(code, segment)

    copy_call_hints(load, loader)
    return load


def render_svg(element: Any, *, width: float | None = None, height: float | None = None,
               fonts: Sequence[Font] | None = None, embed_font: bool = True, debug: bool = False,
               point_scale_factor: float = 1, grapheme_images: dict[str, str] | None = None,
               load_additional_asset: Callable[[str, str], Any] | None = None,
               fetcher: Callable[[str], Any] | None = None,
               on_style_error: Callable[[Exception], None] | None = None,
               emoji: str | None = DEFAULT_EMOJI, strict: bool = False,
               on_warning: Callable[[Exception], None] | None = None,
               tailwind_config: Mapping[str, Any] | None = None,
               limits: Limits | None = None, tailwind_classes: bool = False,
               markup_dialect: str = "jsx") -> str:
    """Render ``element`` (dict, JSON or HTML text, path or Element) to an SVG string.

    ``width``/``height`` fix the image size; a missing side comes from the
    content, as in Satori. ``fonts`` replaces the bundled default font (Geist).
    ``fetcher(url) -> bytes`` loads http(s) images (none by default: such images
    raise :class:`ImageError`). ``on_style_error`` receives invalid style
    declarations instead of raising them. What the render drops or ignores is
    logged on the ``satori_py`` logger and given to ``on_style_error`` (style)
    or ``on_warning`` (the rest); ``strict=True`` raises it instead
    (:mod:`satori_py.diagnostics`). ``emoji`` draws emoji from that set (the
    bundled Twemoji by default, offline; ``None`` leaves them to the fonts, as
    Satori itself does). The ``tw`` classes Satori ignores are reported too;
    ``tailwind_config`` is Satori's ``tailwindConfig`` (theme overrides and
    ``extend``), used by this render only. ``limits`` (a :class:`Limits`) bounds
    what the input may cost; over a limit raises :class:`LimitError`.
    ``tailwind_classes`` reads the ``class`` attributes of HTML input as
    Tailwind utilities too (:mod:`satori_py.markup.classes`); ``markup_dialect``
    is the tree HTML input makes: ``"jsx"`` or ``"satori-html"`` (markup ported
    from satori-html: :func:`satori_py.markup.from_html`).
    """
    pipeline = Pipeline(width, height, fonts, embed_font, debug, point_scale_factor, grapheme_images,
                        load_additional_asset, fetcher, on_style_error, emoji, strict, on_warning,
                        tailwind_config, limits, tailwind_classes, markup_dialect)
    with gc_paused(), enforcing(limits):  # the stages share one budget
        return pipeline.paint(pipeline.layout(pipeline.parse(element)))


_SVG_SIZE = lazy_compile(r'<svg width="([0-9.]+)" height="([0-9.]+)"')


def _svg_size(svg: str) -> tuple[float, float]:
    """The size of an SVG made by :func:`render_svg` (its root's first attributes)."""
    match = _SVG_SIZE.match(svg)
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _background(background: str | None) -> tuple[int, int, int, int] | None:
    """``render_png``'s CSS ``background`` as the (r, g, b, a) bytes resvg_bridge takes."""
    if background is None:
        return None
    color = parse_color(background)
    if color is None:
        raise StyleError(f"Invalid background {background!r}: expected a CSS colour.",
                         prop="background", value=background)
    r, g, b, a = (int(js_round(c)) for c in (color.r, color.g, color.b, color.a * 255))
    return (r, g, b, a)


def render_png(element: Any, *, scale: float = 1, background: str | None = None,
               fonts: Sequence[Font] | None = None, compression: str = "default",
               cache: OutputCache | bool | None = None, **options: Any) -> bytes:
    """Render ``element`` to PNG bytes: :func:`render_svg`, then resvg at ``scale``.

    Takes every option of :func:`render_svg`; ``background`` fills behind the image.
    ``compression`` trades the PNG's time for its size: ``"fast"``, ``"default"``
    or ``"smallest"`` (:mod:`resvg_bridge.png`). ``cache`` (an
    :class:`~satori_py.output_cache.OutputCache`, or True for the process-wide
    one) answers a card rendered before without rendering it.
    """
    if cache is not None and cache is not False:
        from .output_cache import default_cache

        store = default_cache() if cache is True else cache
        key = store.key(element, {**options, "fonts": fonts, "scale": scale, "background": background,
                                  "compression": compression, "format": "png"})
        if key is not None:
            cached = store.get(key)
            if cached is None:
                cached = render_png(element, scale=scale, background=background, fonts=fonts,
                                    compression=compression, **options)
                store.put(key, cached)
            return cached
    if compression not in resvg_bridge.COMPRESSIONS:
        raise LimitError(f"Invalid compression {compression!r}: expected one of "
                         f"{', '.join(resvg_bridge.COMPRESSIONS)}.", prop="compression", value=compression)
    if not isinstance(scale, (int, float)) or isinstance(scale, bool) or not scale > 0:
        raise LimitError(f"Invalid scale {scale!r}: expected a positive number.", prop="scale", value=scale)
    _check_canvas(options.get("width"), options.get("height"), scale)

    def render() -> bytes:
        # One thread for the whole render, ending with it, with the raster's stack: Taffy
        # and resvg run on it rather than each on a thread of its own (fewer hand-overs of
        # the GIL, which cost threads rendering side by side).
        with hosting_taffy():
            return _render_png(element, scale, background, fonts, compression, options)
    return resvg_bridge.on_raster_stack(render)


def _render_png(element: Any, scale: float, background: str | None, fonts: Sequence[Font] | None,
                compression: str, options: dict[str, Any]) -> bytes:
    with enforcing(options.get("limits")) as budget:
        budget.raster_scale = float(scale)
        # Front ends one at a time where threads rasterise in parallel (see front_turn).
        with front_turn() if resvg_bridge.releases_gil() else nullcontext():
            svg = render_svg(element, fonts=fonts, **options)
        # The raster's memory is its size: the output counts as an image too.
        width, height = _svg_size(svg)
        if width <= 0 or height <= 0:
            raise RenderError(f"The image is {width:g}x{height:g} px: a PNG needs a width and a height (give them, "
                              "or content that has a size).")
        budget.check_pixels(math.ceil(width * scale), math.ceil(height * scale), what="The PNG")
        budget.check_deadline()
        # Kept <text> (embed_font=False) is drawn by resvg with the same fonts.
        font_files = None
        if not options.get("embed_font", True):
            font_files = [f.load_bytes() for f in (fonts if fonts is not None else default_fonts())]
        try:
            return resvg_bridge.svg_to_png(svg, zoom=scale if scale != 1 else None,
                                           background=_background(background), font_files=font_files,
                                           compression=compression)
        except resvg_bridge.RasterizeError as exc:
            raise RenderError(f"Rasterising the SVG failed: {exc}") from None
