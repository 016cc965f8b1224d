"""SVG -> PNG through resvg: the only place in the project that imports a resvg binding.

Two backends give identical pixels (checked by tests/test_resvg_bridge.py):

* ``resvg_py`` (package resvg-py 0.5.0, resvg 0.48.1): the default. The
  conformance references were rasterised by exactly this build.
* ``resvg`` (package resvg, resvg 0.47): about 2.5x faster, used when installed
  and asked for (``backend="resvg"`` or ``SATORI_PY_RESVG=resvg``). It panics on a
  bad SVG with a pyo3 ``PanicException`` (a BaseException), which we wrap, and its
  Options/Tree may not cross threads, so each call builds its own.

System fonts are never loaded: Satori's SVGs draw text as paths, and for SVGs that
keep ``<text>`` (embedFont: false) the caller's ``font_files`` are the only fonts,
with the first one standing for every generic family (serif, sans-serif, ...),
the way shared/tools/reraster.py made the references. The ``resvg`` binding cannot
remap generic families, so such SVGs are always rasterised by resvg-py.

This package knows nothing of satori_py; errors are :class:`RasterizeError`. It
parses no CSS either: the ``background`` is given as ``(r, g, b, a)`` bytes, so the
project has one colour parser (``satori_py.style.colors``), and both backends are
fed the same bytes (resvg-py as ``#rrggbbaa``, resvg as the tuple).
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import struct
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "ENV_BACKEND",
    "RasterizeError",
    "available_backends",
    "resolve_backend",
    "svg_to_png",
]

FontSource = str | os.PathLike[str] | bytes
RGBA = tuple[int, int, int, int]

DEFAULT_BACKEND = "resvg_py"
BACKENDS = ("resvg_py", "resvg")
ENV_BACKEND = "SATORI_PY_RESVG"
_ALIASES = {"resvg_py": "resvg_py", "resvg-py": "resvg_py", "resvg": "resvg",
            "default": "resvg_py", "": "resvg_py"}
_GENERIC_FAMILY_OPTIONS = ("font_family", "serif_family", "sans_serif_family",
                           "monospace_family", "cursive_family", "fantasy_family")


class RasterizeError(Exception):
    """The SVG could not be rasterised (invalid SVG, bad option, missing backend)."""

    def __init__(self, message: str, *, backend: str | None = None) -> None:
        super().__init__(message)
        self.backend = backend


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def available_backends() -> list[str]:
    """The installed backends, default first."""
    return [b for b in BACKENDS if _has_module(b)]


def resolve_backend(backend: str | None = None) -> str:
    """Pick the backend: the argument, else $SATORI_PY_RESVG, else resvg-py.

    An explicitly requested backend that is not installed is an error; one asked
    for through the environment falls back to the default, so a deployment
    setting cannot break rendering.
    """
    explicit = backend is not None
    name = backend if explicit else os.environ.get(ENV_BACKEND, "")
    key = _ALIASES.get(name.strip().lower())  # type: ignore[union-attr]
    if key is None:
        if explicit:
            raise RasterizeError(f"unknown resvg backend {backend!r}; "
                                 f"expected one of {', '.join(BACKENDS)}")
        return DEFAULT_BACKEND
    if key != DEFAULT_BACKEND and not _has_module(key):
        if explicit:
            raise RasterizeError(f"resvg backend {key!r} is not installed "
                                 "(pip install 'satori-py[fast]')", backend=key)
        return DEFAULT_BACKEND
    return key


def svg_to_png(svg: str, *, width: int | None = None, height: int | None = None,
               background: RGBA | None = None, backend: str | None = None,
               font_files: Sequence[FontSource] | None = None,
               zoom: float | None = None) -> bytes:
    """Rasterise ``svg`` to PNG bytes.

    ``width``/``height`` scale the image to that size keeping its aspect ratio
    (both given: fit inside the box); ``zoom`` multiplies the SVG's own size
    instead. ``background`` (``(r, g, b, a)``, each 0-255) fills under the image.
    ``font_files`` (paths or font bytes) are the only fonts available to ``<text>``.
    """
    if not isinstance(svg, str):
        raise RasterizeError(f"svg must be a str, not {type(svg).__name__}")
    for label, value in (("width", width), ("height", height)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value <= 0):
            raise RasterizeError(f"{label} must be a positive integer, got {value!r}")
    if zoom is not None:
        if width is not None or height is not None:
            raise RasterizeError("zoom cannot be combined with width or height")
        if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not zoom > 0:
            raise RasterizeError(f"zoom must be a positive number, got {zoom!r}")
    bg = _check_background(background)

    chosen = resolve_backend(backend)
    fonts = list(font_files or ())
    if fonts and chosen == "resvg" and "<text" in svg:
        chosen = "resvg_py"  # only resvg-py can map generic families to our font
    if chosen == "resvg":
        return _on_raster_thread(lambda: _render_resvg(svg, width, height, zoom, bg, fonts))
    return _on_raster_thread(lambda: _render_resvg_py(svg, width, height, zoom, bg, fonts))


# resvg renders nested groups recursively, with about 32 KB of stack per level: on the
# main thread (8 MB) 250 nested groups overflow it, in a thread with a 1 MB stack 60
# do, and the process dies (SIGSEGV). usvg refuses trees deeper than 1024 levels, so
# every raster runs on a thread of its own whose stack holds that (an SVG image
# inside the SVG adds its own levels; they may not contain images themselves).
RASTER_STACK_BYTES = 96 * 1024 * 1024
_STACK_SIZE_LOCK = threading.Lock()


def _on_raster_thread(render: Callable[[], bytes]) -> bytes:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, render()))
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            # Without the locals of its frames: the resvg binding's objects may only be
            # dropped on the thread that made them.
            seen: BaseException | None = exc
            while seen is not None:
                traceback.clear_frames(seen.__traceback__)
                seen = seen.__cause__ or seen.__context__
            outcome.append((False, exc))

    with _STACK_SIZE_LOCK:  # threading.stack_size is process-wide: set it only around our start
        previous = threading.stack_size(RASTER_STACK_BYTES)
        try:
            thread = threading.Thread(target=run, name="resvg-bridge-raster", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def _check_background(background: Any) -> RGBA | None:
    if background is None:
        return None
    if (not isinstance(background, tuple) or len(background) != 4
            or not all(type(c) is int and 0 <= c <= 255 for c in background)):
        raise RasterizeError(f"background must be (r, g, b, a) with each 0-255, "
                             f"got {background!r}")
    return background


# --- resvg-py -------------------------------------------------------------------------

def _family_name(source: FontSource) -> str:
    from fontTools.ttLib import TTFont

    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            font = TTFont(io.BytesIO(bytes(source)), lazy=True, fontNumber=0)
        else:
            font = TTFont(os.fspath(source), lazy=True, fontNumber=0)
        name = font["name"].getBestFamilyName()
    except Exception as exc:  # fontTools raises many kinds on bad data
        raise RasterizeError(f"cannot read font {_describe(source)}: {exc}") from None
    if not name:
        raise RasterizeError(f"font {_describe(source)} has no family name")
    return str(name)


def _describe(source: FontSource) -> str:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return f"<{len(source)} bytes>"
    return os.fspath(source)


def _render_resvg_py(svg: str, width: int | None, height: int | None,
                     zoom: float | None, bg: RGBA | None,
                     fonts: list[FontSource]) -> bytes:
    import resvg_py

    kwargs: dict[str, Any] = {"svg_string": svg, "skip_system_fonts": True}
    if width is not None:
        kwargs["width"] = width
    if height is not None:
        kwargs["height"] = height
    if zoom is not None:
        kwargs["zoom"] = float(zoom)
    if bg is not None:
        kwargs["background"] = "#" + "".join(f"{c:02x}" for c in bg)
    with contextlib.ExitStack() as stack:
        if fonts:
            kwargs["font_files"] = [_font_path(f, i, stack) for i, f in enumerate(fonts)]
            family = _family_name(fonts[0])
            for opt in _GENERIC_FAMILY_OPTIONS:
                kwargs[opt] = family
        try:
            return bytes(resvg_py.svg_to_bytes(**kwargs))
        except ValueError as exc:
            raise RasterizeError(str(exc), backend="resvg_py") from None


def _font_path(source: FontSource, index: int, stack: contextlib.ExitStack) -> str:
    """resvg-py loads fonts from files only: spill font bytes to a temporary file."""
    if not isinstance(source, (bytes, bytearray, memoryview)):
        return os.fspath(source)
    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="resvg-bridge-"))
    path = Path(tmp) / f"font{index}.ttf"
    path.write_bytes(bytes(source))
    return str(path)


# --- resvg ----------------------------------------------------------------------------

def _f32(x: float) -> float:
    return float(struct.unpack("f", struct.pack("f", x))[0])


def _ceil_f32(x: float) -> int:
    return int(math.ceil(_f32(x)))


def _target_size(w: int, h: int, width: int | None, height: int | None,
                 zoom: float | None) -> tuple[int, int]:
    """The output size resvg-py picks, in its f32 arithmetic, so both backends agree."""
    fw, fh = _f32(w), _f32(h)
    if zoom is not None:
        z = _f32(zoom)
        return max(1, _ceil_f32(fw * z)), max(1, _ceil_f32(fh * z))
    if width is not None and height is not None:
        new_h = _ceil_f32(_f32(_f32(width) * fh) / fw)
        if new_h <= height:
            return width, max(1, new_h)
        return max(1, _ceil_f32(_f32(_f32(height) * fw) / fh)), height
    if width is not None:
        return width, max(1, _ceil_f32(_f32(_f32(width) * fh) / fw))
    if height is not None:
        return max(1, _ceil_f32(_f32(_f32(height) * fw) / fh)), height
    return w, h


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _render_resvg(svg: str, width: int | None, height: int | None, zoom: float | None,
                  bg: RGBA | None, fonts: list[FontSource]) -> bytes:
    import resvg as _resvg
    from resvg import usvg

    # Options and Tree are pyo3 "unsendable": built here, per call, on this thread.
    try:
        opts = usvg.Options.default()
        for f in fonts:
            if isinstance(f, (bytes, bytearray, memoryview)):
                opts.load_font_data(bytes(f))
            else:
                opts.load_font_file(os.fspath(f))
        if not svg.strip():
            raise RasterizeError("the SVG is empty", backend="resvg")
        tree = usvg.Tree.from_str(svg, opts)
        w, h = tree.int_size()
        tw, th = _target_size(w, h, width, height, zoom)
        transform = (tw / w, 0.0, 0.0, 0.0, th / h, 0.0)
        data = _resvg.render(tree, transform, bg_size=(tw, th),
                             bg_color=bg)
        return bytes(data)
    except RasterizeError:
        raise
    except Exception as exc:
        raise RasterizeError(str(exc), backend="resvg") from None
    except BaseException as exc:
        # A Rust panic arrives as pyo3's PanicException, which derives from
        # BaseException; anything else (KeyboardInterrupt, SystemExit) must pass.
        if _is_panic(exc):
            raise RasterizeError(_panic_message(exc), backend="resvg") from None
        raise


# usvg error variants, worded the way resvg-py reports them, so that a bad SVG
# gives the same message whichever backend ran.
_USVG_ERRORS = {
    "NotAnUtf8Str": "provided data has not an UTF-8 encoding",
    "MalformedGZip": "provided data has a malformed GZip content",
    "ElementsLimitReached": "the SVG has more than 1000000 elements",
    "InvalidSize": "SVG has an invalid size",
    "ParsingFailed(NoRootNode)": "the document does not have a root node",
}


def _panic_message(exc: BaseException) -> str:
    text = str(exc)
    # e.g. "called `Result::unwrap()` on an `Err` value: ParsingFailed(NoRootNode)"
    marker = "value: "
    detail = text.split(marker, 1)[1].strip() if marker in text else text
    return _USVG_ERRORS.get(detail, f"invalid SVG: {detail}")
