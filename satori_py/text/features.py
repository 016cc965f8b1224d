"""The OpenType features of ``font-kerning`` and the ``font-variant`` longhands.

Mirrors the reference's ``text/font-features.ts``: validation of the
``font-variant-*`` longhands and of ``font-kerning``, expansion of the
``font-variant`` shorthand, and the ``font-feature-settings`` string that text
is shaped with (:func:`font_feature_settings`), which
:meth:`FontEngine.measure` / :meth:`FontEngine.glyph_path` take as
``features``. Style names are the reference's camelCase property names.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The features of each keyword of the ``font-variant`` longhands.
VARIANT_FEATURES: dict[str, dict[str, str]] = {
    "fontVariantLigatures": {
        "none": '"liga" 0, "clig" 0, "dlig" 0, "hlig" 0, "calt" 0',
        "common-ligatures": '"liga" 1, "clig" 1',
        "no-common-ligatures": '"liga" 0, "clig" 0',
        "discretionary-ligatures": '"dlig" 1',
        "no-discretionary-ligatures": '"dlig" 0',
        "historical-ligatures": '"hlig" 1',
        "no-historical-ligatures": '"hlig" 0',
        "contextual": '"calt" 1',
        "no-contextual": '"calt" 0',
    },
    "fontVariantCaps": {
        "small-caps": '"smcp"',
        "all-small-caps": '"c2sc", "smcp"',
        "petite-caps": '"pcap"',
        "all-petite-caps": '"c2pc", "pcap"',
        "unicase": '"unic"',
        "titling-caps": '"titl"',
    },
    "fontVariantNumeric": {
        "lining-nums": '"lnum"',
        "oldstyle-nums": '"onum"',
        "proportional-nums": '"pnum"',
        "tabular-nums": '"tnum"',
        "diagonal-fractions": '"frac"',
        "stacked-fractions": '"afrc"',
        "ordinal": '"ordn"',
        "slashed-zero": '"zero"',
    },
    "fontVariantEastAsian": {
        "jis78": '"jp78"',
        "jis83": '"jp83"',
        "jis90": '"jp90"',
        "jis04": '"jp04"',
        "simplified": '"smpl"',
        "traditional": '"trad"',
        "full-width": '"fwid"',
        "proportional-width": '"pwid"',
        "ruby": '"ruby"',
    },
    "fontVariantPosition": {"sub": '"subs"', "super": '"sups"'},
    "fontVariantAlternates": {"historical-forms": '"hist"'},
    # Valid, but without features: the presentation of emoji isn't chosen.
    "fontVariantEmoji": {"text": "", "emoji": "", "unicode": ""},
}

_EXCLUSIVE = frozenset({"normal", "none"})


def is_font_variant_property(name: str) -> bool:
    """Whether ``name`` is ``fontKerning`` or a ``fontVariant`` longhand."""
    return name == "fontKerning" or name in VARIANT_FEATURES


def parse_font_variant(name: str, value: Any) -> str:
    """Validate a ``fontVariant*`` longhand or ``fontKerning``; its keywords, lowercased.

    Raises ``ValueError("Invalid `NAME` value.")`` like the reference.
    """
    keywords = str(value).strip().lower().split()
    if name == "fontKerning":
        valid = len(keywords) == 1 and keywords[0] in ("auto", "normal", "none")
    else:
        table = VARIANT_FEATURES[name]
        valid = all(
            (k in _EXCLUSIVE and len(keywords) == 1
             and (k == "normal" or name == "fontVariantLigatures"))
            or k in table
            for k in keywords
        )
    if not valid:
        raise ValueError(f"Invalid `{name}` value.")
    return " ".join(keywords)


def expand_font_variant(value: Any) -> dict[str, str]:
    """Split the ``fontVariant`` shorthand into its longhands (all reset to ``normal``)."""
    keywords = str(value).strip().lower().split()
    longhands: dict[str, list[str]] = {name: [] for name in VARIANT_FEATURES}
    if len(keywords) == 1 and keywords[0] in _EXCLUSIVE:
        if keywords[0] == "none":
            longhands["fontVariantLigatures"].append("none")
    else:
        for keyword in keywords:
            owner = next((n for n, table in VARIANT_FEATURES.items() if keyword in table), None)
            if owner is None:
                raise ValueError("Invalid `fontVariant` value.")
            longhands[owner].append(keyword)
    return {name: " ".join(words) or "normal" for name, words in longhands.items()}


def font_feature_settings(style: Mapping[str, Any]) -> str | None:
    """The ``font-feature-settings`` to shape with (``getFontFeatureSettings``).

    From ``fontKerning: none`` (``"kern" 0``), the ``fontVariant*`` longhands,
    ``"liga" 0, "clig" 0`` when ``letterSpacing`` is a non-zero number (browsers
    drop optional ligatures then), and finally ``fontFeatureSettings``, which
    wins. None when there is nothing.
    """
    features: list[str] = []
    if style.get("fontKerning") == "none":
        features.append('"kern" 0')
    for name, table in VARIANT_FEATURES.items():
        value = style.get(name)
        if not value:
            continue
        for keyword in str(value).split(" "):
            feature = table.get(keyword)
            if feature:
                features.append(feature)
    spacing = style.get("letterSpacing")
    if isinstance(spacing, (int, float)) and not isinstance(spacing, bool) and spacing != 0:
        features.append('"liga" 0, "clig" 0')
    settings = style.get("fontFeatureSettings")
    if settings and settings != "normal":
        features.append(str(settings))
    return ", ".join(features) if features else None
