"""SVG -> PNG through resvg: the only place in the project that imports a resvg binding.

Three bindings of resvg can do the work (:mod:`resvg_bridge.backends` says
how each is driven); they give the same pixels. Without a choice, the fastest
installed one runs: ``svg2png`` (svg2png-py, which also renders without the
GIL, so threads rasterise in parallel), then ``resvg``, then ``resvg_py``
(resvg-py 0.5.0, the build the conformance references were made with). A
``backend=`` argument, or ``SATORI_PY_RESVG=resvg_py|resvg|svg2png`` in the
environment, picks one.

System fonts are never loaded: Satori's SVGs draw text as paths, and for SVGs that
keep ``<text>`` (embedFont: false) the caller's ``font_files`` are the only fonts,
with the first one standing for every generic family (serif, sans-serif, ...),
the way shared/tools/reraster.py made the references. Only resvg-py can remap
generic families, so such SVGs are always rasterised by resvg-py.

This package knows nothing of satori_py; errors are :class:`RasterizeError`. It
parses no CSS either: the ``background`` is given as ``(r, g, b, a)`` bytes, so the
project has one colour parser (``satori_py.style.colors``), and every backend is
fed the same bytes.
"""
from __future__ import annotations

import contextvars
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .backends import RGBA, FontSource, Job, render
from .errors import RasterizeError
from .png import COMPRESSIONS

__all__ = [
    "BACKENDS",
    "COMPRESSIONS",
    "ENV_BACKEND",
    "RasterizeError",
    "available_backends",
    "on_raster_stack",
    "raster_thread",
    "releases_gil",
    "resolve_backend",
    "svg_to_png",
]

# Fastest first; the first installed one is the default.
BACKENDS = ("svg2png", "resvg", "resvg_py")
_MODULES = {"svg2png": "svg2png_py", "resvg": "resvg", "resvg_py": "resvg_py"}
_RELEASES_GIL = {"svg2png"}
ENV_BACKEND = "SATORI_PY_RESVG"
_ALIASES = {"resvg_py": "resvg_py", "resvg-py": "resvg_py", "resvg": "resvg",
            "svg2png": "svg2png", "svg2png-py": "svg2png", "svg2png_py": "svg2png"}
_DEFAULT_WORDS = ("", "default", "auto")


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


_installed: dict[str, bool] = {}


def _is_installed(backend: str) -> bool:
    found = _installed.get(backend)
    if found is None:
        found = _installed[backend] = _has_module(_MODULES[backend])
    return found


def available_backends() -> list[str]:
    """The installed backends, fastest (the default) first."""
    return [b for b in BACKENDS if _is_installed(b)]


def _fastest() -> str:
    for backend in BACKENDS:
        if _is_installed(backend):
            return backend
    raise RasterizeError("no resvg binding is installed (pip install svg2png-py, resvg or resvg-py)")


def resolve_backend(backend: str | None = None) -> str:
    """Pick the backend: the argument, else $SATORI_PY_RESVG, else the fastest installed.

    An explicitly requested backend that is unknown or not installed is an
    error; one asked for through the environment falls back to the fastest,
    so a deployment setting cannot break rendering.
    """
    explicit = backend is not None
    name = (backend if explicit else os.environ.get(ENV_BACKEND, "")) or ""
    word = name.strip().lower()
    if word in _DEFAULT_WORDS:
        return _fastest()
    key = _ALIASES.get(word)
    if key is None:
        if explicit:
            raise RasterizeError(f"unknown resvg backend {backend!r}; "
                                 f"expected one of {', '.join(BACKENDS)}")
        return _fastest()
    if not _is_installed(key):
        if explicit:
            raise RasterizeError(f"resvg backend {key!r} is not installed "
                                 f"(pip install {_MODULES[key].replace('_', '-')})", backend=key)
        return _fastest()
    return key


def releases_gil(backend: str | None = None) -> bool:
    """Whether ``backend`` (default: the one :func:`resolve_backend` picks) rasterises
    without holding the GIL, so that threads render in parallel."""
    return resolve_backend(backend) in _RELEASES_GIL


def svg_to_png(svg: str, *, width: int | None = None, height: int | None = None,
               background: RGBA | None = None, backend: str | None = None,
               font_files: Sequence[FontSource] | None = None,
               zoom: float | None = None, compression: str = "default") -> bytes:
    """Rasterise ``svg`` to PNG bytes.

    ``width``/``height`` scale the image to that size keeping its aspect ratio
    (both given: fit inside the box); ``zoom`` multiplies the SVG's own size
    instead. ``background`` (``(r, g, b, a)``, each 0-255) fills under the image.
    ``font_files`` (paths or font bytes) are the only fonts available to ``<text>``.
    ``compression`` is ``"fast"``, ``"default"`` or ``"smallest"`` (see
    :mod:`resvg_bridge.png`); it applies where we encode the PNG ourselves
    (the ``svg2png`` backend at the SVG's own size), and the bindings' own
    encoder, which matches ``"default"`` in size, is used elsewhere.
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
    if compression not in COMPRESSIONS:
        raise RasterizeError(f"compression must be one of {', '.join(COMPRESSIONS)}, "
                             f"got {compression!r}")
    bg = _check_background(background)

    chosen = resolve_backend(backend)
    fonts = list(font_files or ())
    if fonts and chosen != "resvg_py" and "<text" in svg and _is_installed("resvg_py"):
        chosen = "resvg_py"  # only resvg-py can map generic families to our font
    return on_raster_stack(lambda: render(chosen, Job(svg, width, height, zoom, bg, fonts, compression)))


# resvg renders nested groups recursively, with about 32 KB of stack per level: on the
# main thread (8 MB) 250 nested groups overflow it, in a thread with a 1 MB stack 60
# do, and the process dies (SIGSEGV). usvg refuses trees deeper than 1024 levels, so
# every raster runs on a thread whose stack holds that (an SVG image inside the SVG
# adds its own levels).
RASTER_STACK_BYTES = 96 * 1024 * 1024
_STACK_SIZE_LOCK = threading.Lock()
_local = threading.local()  # .raster_stack: set on the threads on_raster_stack and raster_thread start
T = TypeVar("T")


def on_raster_stack(fn: Callable[[], T]) -> T:
    """``fn()`` on a fresh thread with a stack of ``RASTER_STACK_BYTES`` (which ends with
    the call), in the caller's :mod:`contextvars` context, while the caller waits; its
    result or exception. Called on such a thread, ``fn`` runs right there: so a caller
    that wraps a whole render in it (satori_py's ``render_png``) rasterises without
    handing work to yet another thread, each hand-over of the GIL between threads
    being a wait of up to a switch interval when other threads run Python."""
    if getattr(_local, "raster_stack", False):
        return fn()
    outcome: list[Any] = []
    context = contextvars.copy_context()

    def run() -> None:
        _local.raster_stack = True
        try:
            outcome.append((True, context.run(fn)))
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            # Without the locals of its frames: the resvg binding's objects may only be
            # dropped on the thread that made them.
            seen: BaseException | None = exc
            while seen is not None:
                traceback.clear_frames(seen.__traceback__)
                seen = seen.__cause__ or seen.__context__
            outcome.append((False, exc))

    thread = _start_on_raster_stack(run, "resvg-bridge-raster")
    thread.join()
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def raster_thread(target: Callable[[], object], name: str) -> threading.Thread:
    """A started daemon thread running ``target`` with the raster's stack, on which
    :func:`on_raster_stack` runs its function right there. A pool whose threads render
    one card after another starts them so: each render then runs on its worker thread,
    with no thread started per render, and no hand-over of the GIL between the worker
    and a render thread at the start and at the end of each (a hand-over waits up to a
    switch interval, 5 ms, while another thread runs Python)."""
    def run() -> None:
        _local.raster_stack = True
        target()

    return _start_on_raster_stack(run, name)


def _start_on_raster_stack(run: Callable[[], None], name: str) -> threading.Thread:
    with _STACK_SIZE_LOCK:  # threading.stack_size is process-wide: set it only around our start
        previous = threading.stack_size(RASTER_STACK_BYTES)
        try:
            thread = threading.Thread(target=run, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def _check_background(background: Any) -> RGBA | None:
    if background is None:
        return None
    if (not isinstance(background, tuple) or len(background) != 4
            or not all(type(c) is int and 0 <= c <= 255 for c in background)):
        raise RasterizeError(f"background must be (r, g, b, a) with each 0-255, "
                             f"got {background!r}")
    return background
