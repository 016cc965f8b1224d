"""The render job: what one image needs, how it is rendered and encoded.

A :class:`RenderJob` is plain picklable data, so the same job renders in the
caller's thread, a worker thread or a worker process of :mod:`.pool`;
:func:`render_job` is the one function all of them call. Imports no web
framework and nothing else of the web layer.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import io
import pickle
from dataclasses import dataclass
from typing import Any

from .. import pickling
from ..limits import Limits
from ..options import Font

__all__ = ["FORMATS", "RenderJob", "encode", "normalize_format", "pickled", "render_job"]

# format -> (content type, Pillow format name or None for the renderer's own PNG).
FORMATS: dict[str, tuple[str, str | None]] = {
    "png": ("image/png", None),
    "jpeg": ("image/jpeg", "JPEG"),
    "webp": ("image/webp", "WEBP"),
}
_FORMAT_ALIASES = {"png": "png", "jpeg": "jpeg", "jpg": "jpeg", "webp": "webp"}
# Lossy encoders: 90 keeps text edges clean at a fraction of the PNG's size.
JPEG_QUALITY = 90
WEBP_QUALITY = 90
# JPEG has no alpha; transparent parts of a card are shown on white, as a browser would.
JPEG_MATTE = (255, 255, 255)


def normalize_format(format: str) -> str:
    """``png``, ``jpeg`` (or ``jpg``) or ``webp``; raise ValueError otherwise.

    JPEG and WebP need Pillow (the ``images`` extra); asking for them without it is an
    ImportError here, when the response is made, rather than a failed render later.
    """
    key = _FORMAT_ALIASES.get(format.lower()) if isinstance(format, str) else None
    if key is None:
        raise ValueError(f"Unsupported image format {format!r}: expected \"png\", \"jpeg\" "
                         "or \"webp\".")
    if FORMATS[key][1] is not None and importlib.util.find_spec("PIL") is None:
        raise ImportError(f"format={format!r} needs Pillow, which is not installed: "
                          "pip install 'satori-py[images]'")
    return key


@dataclass(frozen=True)
class RenderJob:
    """Everything one render needs; picklable, so it can go to a worker process."""

    element: Any
    width: float = 1200
    height: float = 630
    fonts: tuple[Font, ...] | None = None
    emoji: str = "twemoji"
    debug: bool = False
    format: str = "png"
    # render_svg's options: a picklable fetcher (http_fetcher, files_fetcher, a
    # module-level function) and strict mode.
    fetcher: Any = None
    strict: bool = False
    # e.g. satori_py.text.google_fonts.google_fonts(); picklable too
    load_additional_asset: Any = None
    # Checked and copied to plain data by the response (see satori_py.tailwind.config).
    tailwind_config: dict[str, Any] | None = None
    # HTML input's class attributes read as Tailwind utilities too (satori_py.markup.classes).
    tailwind_classes: bool = False
    # The tree HTML input makes: "jsx" or "satori-html" (satori_py.markup.html).
    markup_dialect: str = "jsx"
    # render_svg's resource limits (None: the defaults); a frozen dataclass, picklable.
    limits: Limits | None = None

    @property
    def content_type(self) -> str:
        return FORMATS[self.format][0]


def pickled(job: RenderJob) -> bytes:
    """``job`` pickled for a worker process; an element nested deeper than pickle can follow
    (``max_depth`` allows 256 levels, pickle about 200) goes as a :class:`~satori_py.pickling.Flat`
    tree, which the worker unpickles as the element itself."""
    return pickling.dumps(job, lambda deep: dataclasses.replace(deep, element=pickling.Flat(deep.element)),
                          lambda obj: pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def render_job(job: RenderJob) -> bytes:
    """Render ``job`` to image bytes in its format (module level, so a pool can call it).

    Safe to call from several threads (the renderer's caches are thread-safe),
    though the pipeline holds the GIL, so threads do not render in parallel.
    """
    from ..api import render_png

    png = render_png(job.element, width=job.width, height=job.height,
                     fonts=list(job.fonts) if job.fonts is not None else None,
                     debug=job.debug, emoji=job.emoji, fetcher=job.fetcher, strict=job.strict,
                     load_additional_asset=job.load_additional_asset,
                     tailwind_config=job.tailwind_config, tailwind_classes=job.tailwind_classes,
                     markup_dialect=job.markup_dialect, limits=job.limits)
    return encode(png, job.format)


def encode(png: bytes, format: str) -> bytes:
    """Re-encode the renderer's PNG as ``format`` (Pillow for JPEG and WebP)."""
    pillow_name = FORMATS[format][1]
    if pillow_name is None:
        return png
    from PIL import Image

    with Image.open(io.BytesIO(png)) as src:
        image = src.convert("RGBA")
    out = io.BytesIO()
    if pillow_name == "JPEG":
        flat = Image.new("RGB", image.size, JPEG_MATTE)
        flat.paste(image, mask=image.getchannel("A"))
        flat.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY)
    return out.getvalue()
