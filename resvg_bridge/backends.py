"""The three resvg bindings behind one call: ``render(backend, job) -> PNG bytes``.

* ``svg2png`` (package svg2png-py, resvg 0.47): renders without the GIL and
  hands back the raw canvas, which :mod:`resvg_bridge.png` encodes. Its font
  database is thread-safe; an empty one is shared by every call.
* ``resvg`` (package resvg, resvg 0.47): holds the GIL; it panics on a bad SVG
  with a pyo3 ``PanicException`` (a BaseException), which we wrap, and its
  Options/Tree may not cross threads, so each call builds its own.
* ``resvg_py`` (package resvg-py 0.5.0, resvg 0.48.1): holds the GIL, about 3.5x
  slower (a size-optimised build); the conformance references were
  rasterised by exactly this build, and it alone can map generic font
  families to a given font (for SVGs that keep ``<text>``).

All three give the same pixels (tests/test_resvg_bridge.py). Errors are
:class:`RasterizeError` with resvg-py's wording whichever backend ran.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import struct
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import RasterizeError
from .native import load_extension
from .png import encode_png

__all__ = ["RGBA", "FontSource", "Job", "render"]

FontSource = str | os.PathLike[str] | bytes
RGBA = tuple[int, int, int, int]

_GENERIC_FAMILY_OPTIONS = ("font_family", "serif_family", "sans_serif_family",
                           "monospace_family", "cursive_family", "fantasy_family")


class Job:
    """One rasterisation, its arguments already checked. (A plain class, not a dataclass:
    making one at import is a cost of every cold start.)"""

    __slots__ = ("svg", "width", "height", "zoom", "background", "fonts", "compression")

    def __init__(self, svg: str, width: int | None, height: int | None, zoom: float | None,
                 background: RGBA | None, fonts: Sequence[FontSource], compression: str) -> None:
        self.svg, self.width, self.height, self.zoom = svg, width, height, zoom
        self.background, self.fonts, self.compression = background, fonts, compression

    @property
    def scaled(self) -> bool:
        return self.width is not None or self.height is not None or self.zoom is not None


def render(backend: str, job: Job) -> bytes:
    try:
        if backend == "svg2png":
            return _render_svg2png(job)
        if backend == "resvg":
            return _render_resvg(job)
        return _render_resvg_py(job)
    except BaseException as exc:
        # A Rust panic arrives as pyo3's PanicException, which derives from
        # BaseException; anything else (KeyboardInterrupt, SystemExit) must pass.
        if _is_panic(exc):
            raise RasterizeError(_panic_message(exc), backend=backend) from None
        raise


# --- fonts ----------------------------------------------------------------------------

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


def _font_path(source: FontSource, index: int, stack: contextlib.ExitStack) -> str:
    """resvg-py and svg2png-py load fonts from files only: spill bytes to a temporary file."""
    if not isinstance(source, (bytes, bytearray, memoryview)):
        return os.fspath(source)
    import tempfile  # rarely needed, slow to import (shutil, random)

    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="resvg-bridge-"))
    path = Path(tmp) / f"font{index}.ttf"
    path.write_bytes(bytes(source))
    return str(path)


# --- output size ----------------------------------------------------------------------

def _f32(x: float) -> float:
    return float(struct.unpack("f", struct.pack("f", x))[0])


def _ceil_f32(x: float) -> int:
    return int(math.ceil(_f32(x)))


def _target_size(w: int, h: int, job: Job) -> tuple[int, int]:
    """The output size resvg-py picks, in its f32 arithmetic, so all backends agree."""
    width, height, zoom = job.width, job.height, job.zoom
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


# --- resvg-py -------------------------------------------------------------------------

def _render_resvg_py(job: Job) -> bytes:
    import resvg_py

    kwargs: dict[str, Any] = {"svg_string": job.svg, "skip_system_fonts": True}
    if job.width is not None:
        kwargs["width"] = job.width
    if job.height is not None:
        kwargs["height"] = job.height
    if job.zoom is not None:
        kwargs["zoom"] = float(job.zoom)
    if job.background is not None:
        kwargs["background"] = "#" + "".join(f"{c:02x}" for c in job.background)
    with contextlib.ExitStack() as stack:
        if job.fonts:
            kwargs["font_files"] = [_font_path(f, i, stack) for i, f in enumerate(job.fonts)]
            family = _family_name(job.fonts[0])
            for opt in _GENERIC_FAMILY_OPTIONS:
                kwargs[opt] = family
        try:
            return bytes(resvg_py.svg_to_bytes(**kwargs))
        except ValueError as exc:
            raise RasterizeError(str(exc), backend="resvg_py") from None


# --- svg2png-py -----------------------------------------------------------------------

_EMPTY_DB: Any = None  # svg2png_py.FontDatabase(), thread-safe, made on first use
_SVG2PNG_PREFIXES = ("SVG parse error: SVG data parsing failed cause ", "SVG parse error: ")


def _render_svg2png(job: Job) -> bytes:
    import svg2png_py

    global _EMPTY_DB
    try:
        with contextlib.ExitStack() as stack:
            if job.fonts:
                db = svg2png_py.FontDatabase()
                for i, f in enumerate(job.fonts):
                    db.load_font_file(_font_path(f, i, stack))
            else:
                if _EMPTY_DB is None:
                    _EMPTY_DB = svg2png_py.FontDatabase()
                db = _EMPTY_DB
            if not job.scaled:
                rgba, w, h = svg2png_py.svg_to_rgba(job.svg, db, bg_color=job.background)
                return encode_png(bytes(rgba), w, h, job.compression)
            # The raw canvas is always the SVG's own size: scaled output uses the
            # binding's encoder.
            w, h = svg2png_py.svg_intrinsic_size(job.svg, db)
            tw, th = _target_size(w, h, job)
            return bytes(svg2png_py.svg_to_png(job.svg, db, (tw / w, 0.0, 0.0, 0.0, th / h, 0.0),
                                               bg_size=(tw, th), bg_color=job.background))
    except (RuntimeError, ValueError, FileNotFoundError) as exc:
        message = str(exc)
        for prefix in _SVG2PNG_PREFIXES:
            message = message.removeprefix(prefix)
        raise RasterizeError(message, backend="svg2png") from None


# --- resvg ----------------------------------------------------------------------------

def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


_RESVG_EXT: Any = None  # resvg's compiled module, loaded on first use
_RESVG_LOCK = threading.Lock()


def _resvg_ext() -> Any:
    """The compiled module of the resvg package (``render``, ``usvg``).

    The package's ``__init__`` only re-exports it, after asking importlib.metadata for
    its own version: that import (email, zipfile, csv, ...) took longer than loading
    the binding itself, and a cold CLI run paid it. So the extension is loaded by
    itself when it is where resvg 0.2 keeps it (registered under its own name, so a
    later ``import resvg`` finds it), else the package is imported.
    """
    global _RESVG_EXT
    with _RESVG_LOCK:  # a pyo3 module can be initialised once per process
        if _RESVG_EXT is None:
            module = sys.modules.get("resvg._resvg")
            if module is None and "resvg" not in sys.modules:
                try:
                    module = load_extension("resvg", "_resvg")
                except ImportError:
                    module = None
            if module is None:
                import resvg as module
            _RESVG_EXT = module
    return _RESVG_EXT


def _render_resvg(job: Job) -> bytes:
    _resvg = _resvg_ext()
    usvg = _resvg.usvg

    # Options and Tree are pyo3 "unsendable": built here, per call, on this thread.
    try:
        opts = usvg.Options.default()
        for f in job.fonts:
            if isinstance(f, (bytes, bytearray, memoryview)):
                opts.load_font_data(bytes(f))
            else:
                opts.load_font_file(os.fspath(f))
        if not job.svg.strip():
            raise RasterizeError("the SVG is empty", backend="resvg")
        tree = usvg.Tree.from_str(job.svg, opts)
        w, h = tree.int_size()
        tw, th = _target_size(w, h, job)
        transform = (tw / w, 0.0, 0.0, 0.0, th / h, 0.0)
        return bytes(_resvg.render(tree, transform, bg_size=(tw, th), bg_color=job.background))
    except RasterizeError:
        raise
    except Exception as exc:
        raise RasterizeError(str(exc), backend="resvg") from None


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
