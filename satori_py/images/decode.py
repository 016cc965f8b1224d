"""Decoding the image formats resvg cannot draw, so that they draw as in a browser.

The reference embeds images as they are and leaves decoding to the
rasteriser. resvg (0.48, through resvg-py) decodes PNG, JPEG, GIF and WebP,
but not AVIF, which the reference refuses with ``Unsupported image type:
image/avif``. Browsers draw AVIF, so satori-py transcodes it to a lossless
PNG with Pillow (which reads AVIF through libavif since 11.2) and embeds that;
the intrinsic size is the decoded picture's, with its rotation and crop
properties applied, as a browser sizes it.

Pillow is optional (the ``images`` extra): without it, or with a build that
has no AVIF codec, an AVIF stays refused, with a message that says how to
get support.
"""
from __future__ import annotations

import io
import warnings

from ..errors import ImageError

__all__ = ["avif_to_png", "can_decode_avif"]


def can_decode_avif() -> bool:
    """Whether an installed Pillow can read AVIF."""
    try:
        from PIL import features
    except ImportError:
        return False
    with warnings.catch_warnings():  # Pillow < 11.2 warns that it knows no "avif" feature
        warnings.simplefilter("ignore")
        return bool(features.check("avif"))


def avif_to_png(data: bytes) -> tuple[bytes, int, int]:
    """An AVIF image as (PNG bytes, width, height); raises :class:`ImageError`."""
    if not can_decode_avif():
        raise ImageError("Unsupported image type: image/avif (decoding AVIF needs Pillow >= 11.2 "
                         "built with AVIF support: pip install -U 'satori-py[images]')")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data), formats=["AVIF"]) as image:
            image.load()
            # PNG keeps every mode Pillow gives AVIF (RGB, RGBA); anything else is made RGBA.
            picture = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
            out = io.BytesIO()
            picture.save(out, format="PNG")
            return out.getvalue(), picture.width, picture.height
    except Image.DecompressionBombError as exc:  # Pillow's pixel limit, against decompression bombs
        raise ImageError(f"AVIF image too large to decode: {exc}") from exc
    except UnidentifiedImageError as exc:  # its text names the BytesIO object by its address
        raise ImageError("Invalid AVIF image: the decoder cannot read it") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageError(f"Invalid AVIF image: {exc}") from exc
