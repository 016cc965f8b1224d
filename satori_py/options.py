"""User-facing option types: :class:`Font`, a font the caller registers for a render.

Mirrors the ``fonts`` entries of Satori's options (``{name, data, weight, style,
lang}``). Reading and validating what the caller gave lives here; parsing the
font itself belongs to satori_py.text.fonts.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import BoundedCache
from .errors import FontError, LimitError, OptionError
from .files import read_regular_file
from .limits import active

__all__ = ["CALLBACK_OPTIONS", "FONT_STYLES", "FONT_WEIGHTS", "RENDER_OPTIONS", "Font", "FontData", "check_options",
           "font_list"]

# The keyword options of render_svg (checked against its signature by a test);
# a case file's other options are ignored.
RENDER_OPTIONS = frozenset({
    "width", "height", "fonts", "embed_font", "debug", "point_scale_factor", "grapheme_images",
    "load_additional_asset", "fetcher", "on_style_error", "emoji", "strict", "on_warning",
    "tailwind_config", "limits", "tailwind_classes", "markup_dialect"})
# The options that are functions, which a case file (JSON) cannot give.
CALLBACK_OPTIONS = frozenset({"load_additional_asset", "fetcher", "on_style_error", "on_warning"})

FontData = bytes | str | os.PathLike[str]

# Font files given by path, by (device, inode, size, mtime): read once while unchanged.
_FONT_FILES: BoundedCache[bytes] = BoundedCache(64, weigh=len, max_weight=256 * 1024 * 1024)

# Satori's FontOptions: weight is one of 100..900 in hundreds, style normal|italic.
FONT_WEIGHTS = (100, 200, 300, 400, 500, 600, 700, 800, 900)
FONT_STYLES = ("normal", "italic")
_MAX_POINT_SCALE = 1000


@dataclass(frozen=True)
class Font:
    """A font for a render: ``data`` is the font file's bytes or a path to it.

    ``name`` is the family name style rules refer to (``fontFamily``), matched
    case-insensitively the way Satori does; ``lang`` restricts the font to text
    of that language (``ja-JP``, ``zh-CN``, ...), used by fallback.
    """

    name: str
    data: FontData
    weight: int = 400
    style: str = "normal"
    lang: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.data, (bytearray, memoryview)):
            # Keep the dataclass hashable and immutable.
            object.__setattr__(self, "data", bytes(self.data))
        self.validate()

    def validate(self) -> None:
        """Raise FontError naming the field when a field has an unusable value."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise FontError(f"Invalid font name: {self.name!r} (expected a non-empty "
                            "string)", prop="name", value=self.name)
        if isinstance(self.weight, bool) or self.weight not in FONT_WEIGHTS:
            raise FontError(f'Invalid font weight for "{self.name}": {self.weight!r} '
                            "(expected one of 100, 200, ..., 900)",
                            prop="weight", value=self.weight)
        if self.style not in FONT_STYLES:
            raise FontError(f'Invalid font style for "{self.name}": {self.style!r} '
                            '(expected "normal" or "italic")',
                            prop="style", value=self.style)
        if self.lang is not None and not isinstance(self.lang, str):
            raise FontError(f'Invalid font lang for "{self.name}": {self.lang!r} '
                            "(expected a string such as \"ja-JP\")",
                            prop="lang", value=self.lang)
        if not isinstance(self.data, (bytes, str, os.PathLike)):
            raise FontError(f'Invalid font data for "{self.name}": expected bytes or a '
                            f"path, got {type(self.data).__name__}",
                            prop="data", value=None)

    @property
    def path(self) -> Path | None:
        """The font file's path, or None when the data was given as bytes."""
        return None if isinstance(self.data, bytes) else Path(os.fspath(self.data))

    def digest(self) -> bytes:
        """SHA-256 of the font's fields and bytes, computed once per Font object (the
        output cache's key of the font); a path's file is read then."""
        digest = self.__dict__.get("_digest")
        if digest is None:
            h = hashlib.sha256(repr((self.name, self.weight, self.style, self.lang)).encode())
            h.update(self.load_bytes())
            digest = h.digest()
            object.__setattr__(self, "_digest", digest)
        return digest

    def load_bytes(self) -> bytes:
        """The font file's bytes, read from ``data`` when it is a path.

        A file is read once while it is unchanged (same file, size and
        modification time): every render gets the same bytes object, so the
        font caches recognise it without reading or hashing it again.
        """
        self.validate()
        if isinstance(self.data, bytes):
            return self.data
        path = os.fspath(self.data)
        try:
            stat = os.stat(path)
            key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
            data = _FONT_FILES.get(key)
            if data is None:
                limit = active().limits.max_font_bytes
                if stat.st_size > limit:
                    raise LimitError(f'The font file {path} is {stat.st_size} bytes, over the max_font_bytes '
                                     f"limit of {limit}.", limit="max_font_bytes", prop="fonts", value=path)
                data = read_regular_file(path, limit)
                _FONT_FILES.put(key, data)
            return data
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise FontError(f"Cannot read font file {path}: {reason}",
                            prop="data", value=path) from None

    def __repr__(self) -> str:
        data = (f"<{len(self.data)} bytes>" if isinstance(self.data, bytes)
                else repr(os.fspath(self.data)))
        extra = f", lang={self.lang!r}" if self.lang is not None else ""
        return (f"Font(name={self.name!r}, data={data}, weight={self.weight!r}, "
                f"style={self.style!r}{extra})")


def font_list(fonts: Any) -> tuple[Font, ...]:
    """``fonts`` (the option) as a tuple of Font, or a FontError that says which entry is wrong.

    Any iterable of Font will do; a string, bytes, a mapping or a lone Font is refused rather than
    read item by item (a font name or a font file's bytes given where the list goes).
    """
    if isinstance(fonts, (str, bytes, bytearray, memoryview, Mapping, Font)):
        got = "one Font (put it in a list)" if isinstance(fonts, Font) else type(fonts).__name__
        raise FontError(f"Invalid fonts: expected a list of satori_py.Font, got {got}.", prop="fonts",
                        value=None)
    try:
        entries = tuple(fonts)
    except TypeError:
        raise FontError(f"Invalid fonts: expected a list of satori_py.Font, got {type(fonts).__name__}.",
                        prop="fonts", value=None) from None
    for index, font in enumerate(entries):
        if not isinstance(font, Font):
            raise FontError(f"Invalid fonts[{index}]: expected a satori_py.Font, got {type(font).__name__}.",
                            prop="fonts", value=None)
    return entries


def check_options(*, embed_font: Any, debug: Any, point_scale_factor: Any, grapheme_images: Any,
                  load_additional_asset: Any, fetcher: Any) -> None:
    """Refuse a render option of the wrong kind with an :class:`OptionError` naming it.

    Each would otherwise be misread without a word or fail deep in the render: a flag given
    as ``"no"`` is true, a ``point_scale_factor`` of NaN broke the border widths' snapping
    (a ValueError), ``grapheme_images`` of non-strings a layout key (a TypeError), and a
    callback that is not callable was only found when a text or an image needed it.
    """
    for name, flag in (("embed_font", embed_font), ("debug", debug)):
        if not isinstance(flag, bool):
            raise OptionError(f"Invalid {name} {flag!r}: expected True or False.", prop=name, value=flag)
    # (Device pixels per px: 1e308 made every width infinite.)
    scale = point_scale_factor
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 <= scale <= _MAX_POINT_SCALE:
        raise OptionError(f"Invalid point_scale_factor {scale!r}: expected a number from 0 to {_MAX_POINT_SCALE} "
                          "(0: no rounding to device pixels).", prop="point_scale_factor", value=scale)
    if grapheme_images is not None and not (isinstance(grapheme_images, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in grapheme_images.items())):
        raise OptionError("Invalid grapheme_images: expected a dict of graphemes to image URLs (strings), got "
                          f"{_shown_mapping(grapheme_images)}.", prop="grapheme_images", value=None)
    for name, callback in (("load_additional_asset", load_additional_asset), ("fetcher", fetcher)):
        if callback is not None and not callable(callback):
            raise OptionError(f"Invalid {name}: expected a function, got {type(callback).__name__}.", prop=name,
                              value=None)


def _shown_mapping(value: Any) -> str:
    if not isinstance(value, Mapping):
        return type(value).__name__
    key, item = next((k, v) for k, v in value.items() if not (isinstance(k, str) and isinstance(v, str)))
    return f"{type(key).__name__} {key!r}: {type(item).__name__}"[:200]
