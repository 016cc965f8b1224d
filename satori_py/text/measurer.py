"""Widths of text pieces through a font engine, and the engine protocol text layout uses.

Mirrors the reference's ``text/measurer.ts`` (``genMeasurer``): graphemes that
are drawn as images (``graphemeImages``) are one font size wide, the other
graphemes are measured together as one shaped run, so kerning inside a run
counts. Results are cached per measurer (one per text style), bounded.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from ..style.font_features import FontFeatures
from .breaking import graphemes

__all__ = ["FontEngine", "Measurer", "image_predicate", "measurer_for"]

_CACHE_LIMIT = 4096


class FontEngine(Protocol):
    """What text layout needs of ``FontRegistry.engine(...)`` (the reference's FontEngine)."""

    @property
    def fonts_key(self) -> tuple[Any, ...]: ...
    @property
    def retired(self) -> bool: ...
    def has(self, s: str) -> bool: ...
    def baseline(self, s: str | None = None) -> float: ...
    def height(self, s: str | None = None) -> float: ...
    def ascent(self, s: str | None = None) -> float: ...
    def descent(self, s: str | None = None) -> float: ...
    def measure(self, s: str, *, letter_spacing: float = 0.0, word_spacing: float = 0.0,
                features: FontFeatures = ()) -> float: ...
    def glyph_path(self, s: str, *, left: float, top: float, letter_spacing: float = 0.0,
                   word_spacing: float = 0.0, features: FontFeatures = (),
                   direction: str | None = None, band: Any = None, visible: Any = None) -> Any: ...


class Measurer:
    """Measures text of one style: ``measure_grapheme``, ``measure_graphemes``, ``measure_text``."""

    __slots__ = (
        "_cache",
        "engine",
        "features",
        "font_size",
        "has_images",
        "is_image",
        "letter_spacing",
        "word_spacing",
    )

    def __init__(self, engine: FontEngine, *, font_size: float, letter_spacing: float,
                 word_spacing: float, features: FontFeatures,
                 is_image: Callable[[str], bool], has_images: bool = True) -> None:
        self.engine = engine
        self.font_size = font_size
        self.letter_spacing = letter_spacing
        self.word_spacing = word_spacing
        self.features = features
        self.is_image = is_image
        self.has_images = has_images
        self._cache: dict[str, float] = {}

    def measure_grapheme(self, text: str) -> float:
        """The width of ``text`` shaped as one run (the reference's ``measureGrapheme``)."""
        width = self._cache.get(text)
        if width is None:
            width = float(self.engine.measure(text, letter_spacing=self.letter_spacing,
                                              word_spacing=self.word_spacing,
                                              features=self.features))
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.pop(next(iter(self._cache)))
            self._cache[text] = width
        return width

    def measure_graphemes(self, parts: Sequence[str]) -> float:
        """Runs of text graphemes shaped together; image graphemes are a font size wide."""
        width = 0.0
        run = ""
        for g in parts:
            if self.is_image(g):
                if run:
                    width += self.measure_grapheme(run)
                    run = ""
                width += self.font_size
            else:
                run += g
        if run:
            width += self.measure_grapheme(run)
        return width

    def measure_text(self, text: str) -> float:
        # Without images all graphemes form one run: no need to segment.
        if not self.has_images:
            return self.measure_grapheme(text) if text else 0.0
        return self.measure_graphemes(graphemes(text))


def image_predicate(images: Mapping[str, str] | None) -> Callable[[str], bool]:
    """Whether a grapheme is drawn as an image of ``graphemeImages``."""
    if not images:
        return lambda s: False
    return lambda s: bool(images.get(s))


def measurer_for(engine: FontEngine, style: Any, is_image: Callable[[str], bool],
                 has_images: bool) -> Measurer:
    """The measurer of text in a computed ``style`` (both text layouts measure through one)."""
    text = style.text
    return Measurer(engine, font_size=float(style.font.font_size), letter_spacing=float(text.letter_spacing or 0.0),
                    word_spacing=float(text.word_spacing or 0.0),
                    features=style.font_features, is_image=is_image, has_images=has_images)
