"""The font engine: per-character font resolution, shaped runs, metrics,
measuring and glyph paths for one font configuration.

Mirrors the engine object the reference's ``FontLoader.getEngine`` returns
(``font.ts``: ``resolveFont``, ``splitByFont``, ``getShapedRuns``, ``has``,
``baseline``, ``height``, ``ascent``, ``descent``, ``measure``, ``getSVG``,
the synthesis rules and ``getSyntheticBoldWidth``). Engines are cheap: make
one per text node like the reference does, since the per-character font
cache (keyed, like the reference's, by the first UTF-16 code unit) lives in
the engine. Shaped runs are cached per process, keyed like the reference's
loader cache plus the registry's token; they are in font units, so sizes
share them.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from itertools import islice
from operator import attrgetter, eq, itemgetter
from typing import Any, NamedTuple

from ..frozen import Frozen
from ..cache import MAX_CACHED_TEXT, BoundedCache
from ..errors import FaceError
from ..js_numbers import JS_SPACE
from ..limits import count_glyph_points
from .breaking import graphemes as _icu_graphemes
from .faces import FaceData, FontFace, on_retire
from .outlines import place
from .skip_ink import GlyphBox, Spans, band_boxes, band_spans, px_commands
from ..style.font_features import FeatureValue, FontFeatures, parse_font_feature_settings
from .shaping import ShapedGlyph, shape

__all__ = ["FontEngine", "GlyphPath", "ShapedRun", "Visible", "graphemes", "synthetic_bold_width"]

# The part of the page that can be seen, (left, top, right, bottom) in absolute px: text
# outside it is not drawn (None: draw everything, e.g. under a transform).
Visible = tuple[float, float, float, float]

# A computed style's (its font_features), or as CSS writes them, or a mapping.
Features = FontFeatures | str | Mapping[str, FeatureValue] | None

SYNTHETIC_SKEW = 0.25  # Chrome slants synthetic italics by a quarter
_RUN_CACHE_SIZE = 4096  # the reference keeps 256; more is only faster
_PATH_CACHE_SIZE = 512
_HAS_CACHE_SIZE = 4096  # graphemes per engine whose presence in its fonts is remembered
_HAS_MAX_TEXT = 64  # ... when no longer than this (a cluster of thousands of marks is not kept)

# JavaScript's \s, which decides what `splitByFont` keeps in the current run.
_JS_SPACE = frozenset(JS_SPACE)
# CSS word separators, which `word-spacing` is added to.
_WORD_SEPARATORS = ("\u0020", "\u00a0", "\u1361", "\U00010100", "\U00010101", "\U0001039f",
                    "\U0001091f")
_WORD_SEPARATOR_SET = frozenset(_WORD_SEPARATORS)


def synthetic_bold_width(font_size: float) -> float:
    """The stroke width that emboldens synthetic bold glyphs (Skia's fake bold):
    1/24 of the font size at 9 px and below, 1/32 from 36 px, linear between."""
    t = min(1.0, max(0.0, (font_size - 9) / (36 - 9)))
    return font_size * (1 / 24 + (1 / 32 - 1 / 24) * t)


def graphemes(text: str) -> tuple[str, ...]:
    """Extended grapheme clusters (ICU, like ``Intl.Segmenter``; cached by breaking)."""
    if text.isascii() and "\r" not in text:
        return tuple(text)  # every ASCII character but CR LF is a cluster
    return tuple(_icu_graphemes(text, "en"))


def _first_unit(word: str) -> int:
    # The reference caches fonts by `word.charCodeAt(0)`: for astral
    # characters that is the high surrogate, shared by 1024 code points.
    if not word:
        return -1
    cp = ord(word[0])
    return 0xD800 + ((cp - 0x10000) >> 10) if cp > 0xFFFF else cp


def _js_round(x: float) -> float:
    r = math.floor(x) if math.isfinite(x) else x
    return r + 1 if x - r >= 0.5 else r


def _is_slanted(style: str) -> bool:
    if style == "italic":
        return True
    m = re.fullmatch(r"oblique(?:\s+(-?[\d.]+)deg)?", style.strip())
    if not m:
        return False
    try:
        return float(m.group(1) or 14) >= 11
    except ValueError:
        return False


def _weight_request(weight: Any) -> float:
    if weight == "bold":
        return 700
    if weight == "normal":
        return 400
    try:
        return float(weight) or 400
    except (TypeError, ValueError):
        return 400


class ShapedRun(NamedTuple):
    """Text shaped with one font: glyphs in font units, their advance sum and
    the number of clusters (for letter spacing)."""

    text: str
    face: FontFace
    glyphs: tuple[ShapedGlyph, ...]
    advance: int
    clusters: int


class GlyphPath(Frozen):
    """The reference's ``GlyphPaths``. ``path`` is filled; ``bold_path`` holds the
    glyphs of synthetic bold runs, to be filled *and* stroked with the fill
    colour at ``bold_stroke_width`` (None when ``bold_path`` is empty);
    ``boxes`` are skip-ink boxes, only when a band was given; ``points`` is how
    many outline points the paths draw (counted against ``max_glyph_points``)."""

    path: str
    bold_path: str
    bold_stroke_width: float | None
    boxes: tuple[GlyphBox, ...]
    points: int = 0


_EMPTY_PATH = GlyphPath("", "", None, ())
_CLUSTER_OF = itemgetter(1)  # ShapedGlyph.cluster
# Bounded by what they hold too, whatever texts the renders bring: glyphs and path text.
# A shaped glyph held costs ~150 B (a tuple of six ints): the 24 benchmark cards keep 4,300,
# and a million (the bound before) let a process rendering tests/fuzz/bulk.py's kinds over
# and over hold 5 MB more each round, towards 150 MB. A text longer than MAX_CACHED_TEXT
# (a cluster of 20,000 marks) is shaped and not kept.
_RUN_GLYPHS = 100_000
_RUNS: BoundedCache[tuple[ShapedRun, ...]] = BoundedCache(
    _RUN_CACHE_SIZE, weigh=lambda runs: sum(len(run.glyphs) for run in runs), max_weight=_RUN_GLYPHS)
_PATHS: BoundedCache[GlyphPath] = BoundedCache(
    _PATH_CACHE_SIZE, weigh=lambda glyphs: len(glyphs.path) + len(glyphs.bold_path), max_weight=64 * 1024 * 1024)
# Skip-ink rows of a glyph, relative to its origin: an underlined word's glyphs
# repeat, and the band search is the costly part of an underline.
_SPANS: BoundedCache[Spans] = BoundedCache(_PATH_CACHE_SIZE)


_RUN_RETIRED = attrgetter("face.data.retired")
_FACE_RETIRED = attrgetter("data.retired")


def _runs_retired(runs: tuple[ShapedRun, ...]) -> bool:
    return any(map(_RUN_RETIRED, runs))


def _spans_retired(key: Any, _spans: Spans) -> bool:
    return bool(key[0].retired)  # the face (see _glyph_band_spans)


# Runs and spans hold their faces: those the face cache let go are dropped with it.
on_retire(lambda: _RUNS.drop_where(lambda _key, runs: _runs_retired(runs)))
on_retire(lambda: _SPANS.drop_where(_spans_retired))


def _glyph_band_spans(data: Any, gid: int, size: float, skew: float, band_dy: float,
                      stroke_width: float) -> Spans:
    key = (data, gid, size, skew, band_dy, stroke_width)  # the face itself: ids are reused
    spans = _SPANS.get(key)
    if spans is None:
        spans = band_spans(px_commands(data.outline(gid), 0.0, 0.0, size, data.upem, skew),
                           band_dy, stroke_width)
        if not data.retired:
            _SPANS.put(key, spans)
    return spans


def _features_key(features: Features) -> Any:
    if isinstance(features, tuple):
        return features
    if features is None or isinstance(features, str):
        return features or ""
    return tuple(features.items())


# Longer family lists are keyed by a digest: every cache keyed by an engine's fonts held its
# list (300,000 families: ~40 MB for each render with a new one, until the entries aged out).
_MAX_KEYED_FAMILIES = 64


def _families_key(families: tuple[str, ...]) -> tuple[str, ...] | str:
    """``families`` as the caches keyed by an engine's fonts take them: the list, or a
    digest of a long one."""
    if len(families) <= _MAX_KEYED_FAMILIES:
        return families
    return hashlib.blake2b("\0".join(families).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class FontEngine:
    """Fonts, metrics and glyphs for one (size, line height, family, weight,
    style, synthesis, locale); see :meth:`FontRegistry.engine`."""

    def __init__(self, token: str, font_size: float, line_height: float | str,
                 families: tuple[str, ...], font_weight: Any, font_style: Any,
                 locale: str | None, lists: tuple[tuple[FontFace, ...], ...],
                 synthesis: tuple[str | None, str | None, str | None],
                 variations: tuple[tuple[str, float], ...] = ()) -> None:
        self.font_size = font_size
        self.line_height = line_height
        primary, additional, specified, others = lists
        #: The fonts of the family list that exist, in order (``fonts`` in the reference).
        self.fonts = primary
        self._all = primary + additional + specified + others
        self._restricted = primary + additional + specified
        self._resolved: dict[int, FontFace] = {}
        # Per font (the engine's size and line height are fixed): asked for every word drawn.
        self._baselines: dict[FaceData, float] = {}
        # Per grapheme: engines are shared across renders, and new texts reuse graphemes.
        self._has: dict[str, bool] = {}
        # The variations pick other instances of variable fonts: other runs and paths.
        self._key = (token, _families_key(families), font_weight, font_style, locale or "", variations)
        keywords = str(synthesis[0] if synthesis[0] is not None else "weight style").split()
        allow_weight = ("weight" in keywords) if synthesis[1] is None else synthesis[1] != "none"
        allow_style = ("style" in keywords) if synthesis[2] is None else synthesis[2] != "none"
        self._want_bold = allow_weight and _weight_request(font_weight) >= 600
        self._want_italic = allow_style and _is_slanted(str(font_style))

    @property
    def retired(self) -> bool:
        """Whether one of the engine's fonts has left the face cache (see faces.on_retire)."""
        return any(map(_FACE_RETIRED, self._all))

    @property
    def fonts_key(self) -> tuple[Any, ...]:
        """What the engine's fonts depend on (registered fonts, family, weight, style,
        locale, variations; not the size): the key of caches of what a text's fonts do."""
        return self._key

    # -- fonts --
    def resolve(self, word: str | None, fallback: bool = True) -> FontFace | None:
        """The first font that has ``word``'s first character (``resolveFont``).

        With ``fallback`` the last font of the whole list is used when none
        has it; without, fonts of other langs are not searched and None may
        be returned. ``None`` as ``word`` gives the last font.
        """
        fonts = self._all if fallback else self._restricted
        if word is None:
            return fonts[-1] if fallback and fonts else None
        code = _first_unit(word)
        hit = self._resolved.get(code)
        if hit is not None:
            return hit
        last = len(fonts) - 1
        for i, face in enumerate(fonts):
            if face.data.has_glyph(word) or (fallback and i == last):
                self._resolved[code] = face
                return face
        return None

    def synthesis(self, face: FontFace) -> tuple[bool, bool]:
        """(bold, italic) synthesized for ``face``: bold when >= 600 is asked of a
        font whose usWeightClass is below 600; italic when italic/oblique >= 11deg
        is asked of a font without the italic bits (OS/2 fsSelection, head macStyle)."""
        d = face.data
        bold = self._want_bold and (d.weight_class or 400) < 600
        italic = (self._want_italic and not ((d.fs_selection or 0) & 1)
                  and not (d.mac_style & 2))
        return bold, italic

    def has(self, s: str) -> bool:
        """Whether the fonts (not those of other langs) have all of ``s``'s graphemes.
        Text followed by U+FE0F or a keycap is an emoji, never in a font."""
        known = self._has.get(s)
        if known is not None:
            return known
        if s == "\n":
            return True
        if "\ufe0f" in s or "\u20e3" in s:
            return False
        face = self.resolve(s, False)
        result = face is not None and all(face.data.has_glyph(g) for g in graphemes(s))
        if len(s) <= _HAS_MAX_TEXT:
            if len(self._has) >= _HAS_CACHE_SIZE:
                self._has.clear()
            self._has[s] = result
        return result

    def _face(self, s: str | None) -> FontFace:
        face = (self.fonts[0] if self.fonts else None) if s is None else self.resolve(s)
        # The reference throws when no family font exists and s is undefined;
        # we take the fallback font instead.
        face = face or self.resolve(None)
        assert face is not None
        return face

    # -- metrics (px) --
    def ascent(self, s: str | None = None) -> float:
        """The font's hhea ascender in px (of ``s``'s font, or the first family font)."""
        d = self._face(s).data
        return (d.ascender / d.upem) * self.font_size

    def descent(self, s: str | None = None) -> float:
        """Minus the hhea descender in px (positive below the baseline)."""
        d = self._face(s).data
        return -((d.descender / d.upem) * self.font_size)

    def height(self, s: str | None = None) -> float:
        """The line height: ``ascent + descent`` for ``normal`` (no line gap, as in
        the reference), else ``font_size * line_height``; NaN for other values."""
        lh = self.line_height
        if isinstance(lh, str):
            if lh != "normal":
                return math.nan
            d = self._face(s).data
            size = self.font_size
            return (d.ascender / d.upem) * size - (d.descender / d.upem) * size + (0 / d.upem) * size
        return self.font_size * lh

    def baseline(self, s: str | None = None) -> float:
        """Distance from the top of the line box to the baseline, in px: the
        ascent and descent rounded to pixels, plus half the leading, floored."""
        face = self._face(s)
        hit = self._baselines.get(face.data)
        if hit is not None:
            return hit
        d = face.data
        asc = _js_round((d.ascender / d.upem) * self.font_size)
        desc = _js_round(-((d.descender / d.upem) * self.font_size))
        half = (self.height(s) - asc - desc) / 2
        result = self._baselines[d] = asc + (math.floor(half) if math.isfinite(half) else half)
        return result

    # -- shaping --
    def _split(self, content: str) -> list[tuple[str, FontFace]]:
        resolve = self.resolve
        if content and content.isascii() and "\r" not in content:
            # Each ASCII character is a grapheme (CR LF is the only ASCII cluster): when
            # every character's font has the first one's data, the text is one run.
            first = self._face(content[0])
            data, known = first.data, self._resolved.get  # resolve()'s memo, by code unit
            if all((known(ord(c)) or self._face(c)).data is data for c in set(content)):
                return [(content, first)]
        runs: list[tuple[str, FontFace]] = []
        text = ""
        current: FontFace | None = None
        for g in graphemes(content):
            face: FontFace | None
            if current is not None and g in _JS_SPACE and current.data.has_glyph(g):
                face = current  # keep spaces in the run when its font has them
            else:
                face = resolve(g)
            assert face is not None
            if current is None:
                current, text = face, g
            elif face.data is current.data:
                text += g
            else:
                runs.append((text, current))
                current, text = face, g
        if text and current is not None:
            runs.append((text, current))
        return runs

    def shaped_runs(self, content: str, features: Features = None,
                    direction: str | None = None) -> tuple[ShapedRun, ...]:
        """``content`` split by font and shaped (``getShapedRuns``), cached."""
        key = (self._key, _features_key(features), direction or "", content)
        hit = _RUNS.get(key)
        if hit is not None:
            return hit
        feats = parse_font_feature_settings(features) if isinstance(features, str) \
            else dict(features or {})
        runs = []
        for text, face in self._split(content):
            glyphs = shape(face.data.hb, text, features=feats, direction=direction)
            # The clusters: the glyphs less those continuing the cluster before them.
            marks = list(map(_CLUSTER_OF, glyphs))
            clusters = len(marks) - sum(map(eq, marks, islice(marks, 1, None)))
            runs.append(ShapedRun(text, face, glyphs, sum(g.x_advance for g in glyphs),
                                  clusters))
        result = tuple(runs)
        if len(content) <= MAX_CACHED_TEXT and not _runs_retired(result):
            _RUNS.put(key, result)
        return result

    def measure(self, s: str, *, letter_spacing: float = 0, word_spacing: float | str | None = 0,
                features: Features = None) -> float:
        """The advance width of ``s`` in px (``FontLoader.measure``): shaped
        advances, plus ``letter_spacing`` after every cluster (the last one
        too) and ``word_spacing`` per word separator. Synthetic bold does not
        change advances."""
        total = 0.0
        clusters = 0
        size = self.font_size
        for run in self.shaped_runs(s, features):
            total += (run.advance / run.face.data.upem) * size
            clusters += run.clusters
        separators = sum(s.count(c) for c in _WORD_SEPARATORS) if word_spacing else 0
        ws = word_spacing if isinstance(word_spacing, (int, float)) else 0
        return total + letter_spacing * clusters + separators * ws

    def glyph_path(self, s: str, *, left: float, top: float, letter_spacing: float = 0,
                   word_spacing: float | str | None = 0, features: Features = None,
                   direction: str | None = None,
                   band: tuple[float, float] | None = None, visible: Visible | None = None) -> GlyphPath:
        """The SVG path data of ``s`` (``getSVG``).

        ``left`` is the x of the pen at the start of the text (its left end,
        also for ``direction="rtl"``: glyphs are laid out in visual order from
        there) and ``top`` is the y of the **baseline** (the caller adds
        :meth:`baseline` to the line's top), both absolute px. Newlines are
        dropped. Synthetic italics are slanted by 0.25 around the baseline.
        ``band`` = ``(underline_y, stroke_width)`` asks for skip-ink boxes.
        Glyphs entirely outside ``visible`` are left out (they would cost as much
        as the others and draw nothing).
        """
        size = self.font_size
        if size == 0:
            return _EMPTY_PATH
        key = (self._key, self._want_bold, self._want_italic, size, s, left, top,
               letter_spacing, word_spacing, _features_key(features), direction, band, visible)
        hit = _PATHS.get(key)
        if hit is not None:
            count_glyph_points(hit.points)
            return hit
        runs = self.shaped_runs(s.replace("\n", ""), features, direction)
        if direction == "rtl":
            runs = runs[::-1]
        cursor = left
        extra = word_spacing if isinstance(word_spacing, (int, float)) else 0
        # A glyph's ink stays within two ems of its pen position (overhangs, slants, bold).
        reach = 2 * size
        if visible is not None and (top + reach < visible[1] or top - reach > visible[3]):
            runs = ()
        path: list[str] = []
        bold_path: list[str] = []
        boxes: list[GlyphBox] = []
        points = 0
        for run in runs:
            data = run.face.data
            scale = size / data.upem
            bold, italic = self.synthesis(run.face)
            skew = SYNTHETIC_SKEW if italic else 0
            items = []
            glyphs = run.glyphs
            n = len(glyphs)
            try:
                for i, g in enumerate(glyphs):
                    gx = cursor + g.x_offset * scale
                    gy = top + g.y_offset * scale  # y_offset added as in the reference
                    if visible is None or visible[0] - reach <= gx <= visible[2] + reach:
                        items.append((data.scaled(g.gid, scale, skew), gx, gy))
                        if band is not None:
                            spans = _glyph_band_spans(data, g.gid, size, skew, band[0] - gy, band[1])
                            boxes += band_boxes(spans, gx, band[0], band[1])
                    cursor += g.x_advance * scale
                    if i + 1 == n or glyphs[i + 1].cluster != g.cluster:
                        cursor += letter_spacing
                        if extra and g.cluster < len(run.text) \
                                and run.text[g.cluster] in _WORD_SEPARATOR_SET:
                            cursor += extra
            except FaceError as exc:  # the face is shared by names: say which font the run is set in
                raise exc.of_font(run.face.name) from exc.__cause__
            # Counted before they are formatted: a glyph may have 65,535 points.
            count = sum(len(item[0].dx) for item in items)
            count_glyph_points(count)
            points += count
            (bold_path if bold else path).append(place(items))
        bold_d = "".join(bold_path)
        result = GlyphPath("".join(path), bold_d,
                           synthetic_bold_width(size) if bold_d else None, tuple(boxes), points)
        _PATHS.put(key, result)
        return result
