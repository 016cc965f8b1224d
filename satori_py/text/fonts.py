"""Fonts: the registry of a render's fonts, and font matching.

Owns :class:`FontRegistry`: registration under ``name_lang`` keys, weight/style
matching and the per-engine font lists. Reading font files and the parsed faces
are :mod:`satori_py.text.faces`; the engine itself (resolution per character,
shaping, measuring, glyph paths) is :mod:`satori_py.text.engine`.

Mirrors the reference's ``font.ts`` (``FontLoader``: ``addFonts``, ``get``,
``compareFont``, ``getEngine``'s font lists, ``getChRatio``,
``getAverageCharRatio``) and the locale list of ``language.ts``.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from typing import Any, Protocol

from ..cache import BoundedCache
from ..errors import FontError
from ..patterns import lazy_compile
from .engine import FontEngine
from .faces import FontFace, face_data
from .variations import Location, instance_face, parse_font_variation_settings

__all__ = ["FontRegistry", "LOCALES", "compare_font", "lang_from_key"]

#: The values of a font's ``lang``, in the reference's order (language.ts).
LOCALES = ("ja-JP", "ko-KR", "zh-CN", "zh-TW", "zh-HK", "th-TH", "bn-IN", "ar-AR", "ta-IN",
           "ml-IN", "he-IL", "te-IN", "devanagari", "kannada", "emoji", "symbol", "math")
SUFFIX_WHEN_LANG_NOT_SET = "unknown"


class FontLike(Protocol):
    """What a registered font needs: ``options.Font`` or anything shaped like it (read-only
    attributes, so a frozen dataclass fits)."""

    @property
    def name(self) -> str: ...

    @property
    def weight(self) -> Any: ...

    @property
    def style(self) -> Any: ...

    @property
    def lang(self) -> str | None: ...

    def load_bytes(self) -> bytes: ...


# -- matching --------------------------------------------------------------------------

_INT_PREFIX = lazy_compile(r"\s*([+-]?\d+)")


def _weight_number(weight: Any) -> float:
    # The reference: 'normal' -> 400, 'bold' -> 700, other strings parseInt.
    if weight == "normal":
        return 400
    if weight == "bold":
        return 700
    if isinstance(weight, str):
        m = _INT_PREFIX.match(weight)
        return int(m.group(1)) if m else math.nan
    return weight  # type: ignore[no-any-return]


def compare_font(weight: Any, style: Any, matched: tuple[Any, Any], nxt: tuple[Any, Any]) -> float:
    """The reference's ``compareFont``: > 0 when ``nxt`` (weight, style) is the
    better match for the requested ``weight``/``style`` than ``matched``
    (CSS font-weight fallback: exact, 400<->500, lighter below 400, heavier
    above 500; a declared weight beats none; then exact style)."""
    mw, ms = matched
    nw, ns = nxt
    if mw != nw:
        if not mw:
            return 1
        if not nw:
            return -1
        if mw == weight:
            return -1
        if nw == weight:
            return 1
        if (weight == 400 and mw == 500) or (weight == 500 and mw == 400):
            return -1
        if (weight == 400 and nw == 500) or (weight == 500 and nw == 400):
            return 1
        if weight < 400:
            if mw < weight and nw < weight:
                return nw - mw  # type: ignore[no-any-return]
            if mw < weight:
                return -1
            if nw < weight:
                return 1
            return mw - nw  # type: ignore[no-any-return]
        if weight < mw and weight < nw:
            return mw - nw  # type: ignore[no-any-return]
        if weight < mw:
            return -1
        if weight < nw:
            return 1
        return nw - mw  # type: ignore[no-any-return]
    if ms != ns:
        if ms == style:
            return -1
        if ns == style:
            return 1
    return -1


def lang_from_key(key: str) -> str | None:
    """The lang of a registry key (``"noto_ja-JP"`` -> ``"ja-JP"``), None for ``_unknown``."""
    lang = key.split("_")[-1]
    return None if lang == SUFFIX_WHEN_LANG_NOT_SET else lang


# CSS generic families name no font: any font given stands for them, as in the reference.
GENERIC_FAMILIES = frozenset({
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
    "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong"})


# The ch ratios of every registry, by (token, families, weight, style): a render's registry is
# new, its fonts usually not (the style memo asks each element's ratio on every hit). Family
# lists longer than this are left to the registry's own dict.
_CH_RATIOS: BoundedCache[float] = BoundedCache(4096)
_MAX_SHARED_FAMILIES = 64


class FontRegistry:
    """The fonts of a render, registered like the reference's ``FontLoader``.

    Each font is filed under ``f"{name.lower()}_{lang or 'unknown'}"``, in
    registration order. Building a registry of already-seen font data costs a
    hash lookup per font: parsed faces are shared per process.
    """

    def __init__(self, fonts: Iterable[FontLike] = ()) -> None:
        self.fonts: dict[str, list[FontFace]] = {}
        self.default_font: FontFace | None = None
        self._signature: list[tuple[Any, ...]] = []
        self.token = ""
        self._lists: dict[tuple[Any, ...], tuple[tuple[FontFace, ...], ...]] = {}
        self._ch_ratios: dict[tuple[Any, ...], float] = {}
        self.add_fonts(fonts)

    def __len__(self) -> int:
        return len(self.fonts)

    def add_fonts(self, fonts: Iterable[FontLike]) -> None:
        """Register more fonts (e.g. ones loaded for missing characters).

        As in the reference, this invalidates the shaped runs and ch ratios,
        here by changing :attr:`token`, the key of the shared caches.
        """
        for font in fonts:
            name = font.name
            lang = getattr(font, "lang", None)
            if lang and lang not in LOCALES:
                raise FontError(f'Invalid value for props `lang`: "{lang}". The value must be '
                                f"one of the following: {', '.join(LOCALES)}.",
                                prop="lang", value=lang)
            loader = getattr(font, "load_bytes", None)
            data = loader() if loader is not None else font.data  # type: ignore[attr-defined]
            face = FontFace(name.lower(), getattr(font, "weight", None),
                            getattr(font, "style", None), lang or None,
                            face_data(data, name))
            if self.default_font is None:
                self.default_font = face
            key = f"{name.lower()}_{lang or SUFFIX_WHEN_LANG_NOT_SET}"
            self.fonts.setdefault(key, []).append(face)
            self._signature.append((key, face.weight, face.style, face.data.key))
        self.token = hashlib.blake2b(repr(self._signature).encode(), digest_size=12).hexdigest()
        self._lists.clear()
        self._ch_ratios.clear()

    def missing_families(self, families: Iterable[str]) -> FontError | None:
        """The report of a ``fontFamily`` (lowercased) none of whose families is a given font.

        The reference then draws the text with the other fonts, without a word.
        """
        families = tuple(families)
        names = {face.name for faces in self.fonts.values() for face in faces}
        if not families or any(f in names or f in GENERIC_FAMILIES for f in families):
            return None
        wanted = " or ".join(f'"{f}"' for f in families)
        given = ", ".join(f'"{n}"' for n in dict.fromkeys(
            face.name for faces in self.fonts.values() for face in faces))
        return FontError(f"No font is named {wanted} (the fonts given: {given}); the text falls back "
                         "to the other fonts.", prop="fontFamily", value=list(families))

    def get(self, name: str, weight: Any = 400, style: Any = "normal") -> FontFace | None:
        """The best font filed under ``name`` (a full key such as ``"geist_unknown"``)."""
        faces = self.fonts.get(name)
        if not faces:
            return None
        w = _weight_number(weight)
        matched = faces[0]
        for face in faces[1:]:
            if compare_font(w, style, (matched.weight, matched.style),
                            (face.weight, face.style)) > 0:
                matched = face
        return matched

    def font_lists(self, families: tuple[str, ...], weight: Any, style: Any,
                   locale: str | None, variations: Location = ()) -> tuple[tuple[FontFace, ...], ...]:
        """(family fonts, additional, lang-matching, other-lang) as ``getEngine`` builds them.

        ``families`` are lowercased. A family matches a key ``family`` or
        ``family_unknown``, so fonts registered with a lang are only reached by
        fallback. Every key not literally in ``families`` (so also the family's
        own ``x_unknown`` key) is a fallback; with a ``locale``, lang fonts go
        to the lang-matching or other-lang list. Variable fonts are instanced at
        ``weight`` and ``variations`` (:func:`.variations.instance_face`).
        """
        cache_key = (families, weight, style, locale, variations)
        hit = self._lists.get(cache_key)
        if hit is not None:
            return hit
        primary: list[FontFace] = []
        for family in families:
            face = self.get(family, weight, style) or self.get(family + "_unknown", weight, style)
            if face is not None:
                primary.append(face)
        additional: list[FontFace] = []
        specified: list[FontFace] = []
        others: list[FontFace] = []
        for key in self.fonts:
            if key in families:
                continue
            face = self.get(key, weight, style)
            assert face is not None
            lang = lang_from_key(key) if locale else None
            if lang is None:
                additional.append(face)
            elif lang == locale:
                specified.append(face)
            else:
                others.append(face)
        result = tuple(tuple(instance_face(f, weight, variations) for f in faces)
                       for faces in (primary, additional, specified, others))
        self._lists[cache_key] = result
        return result

    def engine(self, font_size: float = 16, line_height: float | str = "normal", *,
               font_family: str | Iterable[str] = "sans-serif", font_weight: Any = 400,
               font_style: Any = "normal", font_synthesis: str | None = None,
               font_synthesis_weight: str | None = None,
               font_synthesis_style: str | None = None,
               locale: str | None = None, font_variation_settings: Any = None) -> FontEngine:
        """A :class:`FontEngine` for one font configuration (``getEngine``).

        ``line_height`` is ``"normal"`` or a multiple of the font size. The
        synthesis arguments are the CSS values, ``None`` when not set (both
        bold and italic may be synthesized by default). ``font_variation_settings``
        is the CSS value (or ``{tag: value}``, or the location a computed style holds); it and
        ``font_weight`` select the instance of variable fonts.
        """
        if not self.fonts:
            raise FontError("No fonts are loaded. At least one font is required to "
                            "calculate the layout.", prop="fonts")
        names = [font_family] if isinstance(font_family, str) else list(font_family)
        families = tuple(n.lower() for n in names)
        # (a computed style's value is the location already: style/computed.py reads it)
        variations = font_variation_settings if isinstance(font_variation_settings, tuple) \
            else parse_font_variation_settings(font_variation_settings)
        lists = self.font_lists(families, font_weight, font_style, locale, variations)
        return FontEngine(self.token, font_size, line_height, families, font_weight,
                          font_style, locale, lists,
                          (font_synthesis, font_synthesis_weight, font_synthesis_style),
                          variations)

    def ch_ratio(self, font_family: str | Iterable[str] = "sans-serif", font_weight: Any = 400,
                 font_style: Any = "normal") -> float | None:
        """The width of ``0`` per px of font size (the ``ch`` unit); None without fonts."""
        if not self.fonts:
            return None
        fam = (font_family,) if isinstance(font_family, str) else tuple(font_family)
        key = (fam, font_weight, font_style)
        ratio = self._ch_ratios.get(key)
        if ratio is None:
            shared = (self.token, *key) if len(fam) <= _MAX_SHARED_FAMILIES else None
            ratio = _CH_RATIOS.get(shared) if shared is not None else None
            if ratio is None:
                engine = self.engine(1, "normal", font_family=fam, font_weight=font_weight,
                                     font_style=font_style)
                ratio = engine.measure("0")
                if shared is not None:
                    _CH_RATIOS.put(shared, ratio)
            self._ch_ratios[key] = ratio
        return ratio

    def average_char_ratio(self, font_family: str | Iterable[str] | None = None,
                           font_weight: Any = None, font_style: Any = None) -> float | None:
        """``xAvgCharWidth`` per em of the family's first font (text input widths),
        else :meth:`ch_ratio`; None without fonts."""
        if not self.fonts:
            return None
        weight = 400 if font_weight is None else font_weight
        style = "normal" if font_style is None else font_style
        fams = [] if font_family is None else (
            [font_family] if isinstance(font_family, str) else list(font_family))
        face = None
        for family in fams:
            name = family.lower()
            face = self.get(name, weight, style) or self.get(name + "_unknown", weight, style)
            if face:
                break
        if face is None:
            face = self.get(next(iter(self.fonts)), weight, style)
        avg = face.data.avg_char_width if face else None
        if avg is not None and avg > 0 and face is not None:
            return avg / face.upem
        return self.ch_ratio(fams if font_family is not None else "sans-serif", weight, style)
