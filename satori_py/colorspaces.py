"""Colour spaces of CSS Color 4 and their conversions to sRGB.

Mirrors the conversion half of the reference's ``parser/color.ts``, which
follows the sample code of CSS Color 4: every space goes through XYZ (D65),
missing components (``none``) are carried to analogous components, and the
result is clipped to the sRGB gamut.

Colour math only (no parsing), so a base module: the style stage's colour parser
(:mod:`satori_py.style.colors`) makes :class:`SpaceColor` values and the painter
interpolates gradient stops between them.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .frozen import Frozen

__all__ = ["POLAR", "PREDEFINED_SPACES", "SpaceColor", "convert", "interpolate", "to_rgba_tuple"]

Coord = float | None
Matrix = tuple[tuple[float, float, float], ...]


class SpaceColor(Frozen):
    """A parsed colour in its own space, possibly out of the sRGB gamut."""

    space: str
    coords: tuple[Coord, Coord, Coord]
    alpha: Coord


def _multiply(m: Matrix, v: Sequence[float]) -> list[float]:
    return [row[0] * v[0] + row[1] * v[1] + row[2] * v[2] for row in m]


def _invert(m: Matrix) -> Matrix:
    (a, b, c), (d, e, f), (g, h, i) = m
    big_a, big_b, big_c = e * i - f * h, f * g - d * i, d * h - e * g
    det = a * big_a + b * big_b + c * big_c
    return ((big_a / det, (c * h - b * i) / det, (b * f - c * e) / det),
            (big_b / det, (a * i - c * g) / det, (c * d - a * f) / det),
            (big_c / det, (b * g - a * h) / det, (a * e - b * d) / det))


_D50 = (0.3457 / 0.3585, 1.0, (1 - 0.3457 - 0.3585) / 0.3585)
_D65_TO_D50: Matrix = (
    (1.0479297925449969, 0.022946870601609652, -0.05019226628920524),
    (0.02962780877005599, 0.9904344267538799, -0.017073799063418826),
    (-0.009243040646204504, 0.015055191490298152, 0.7518742814281371),
)
_D50_TO_D65 = _invert(_D65_TO_D50)


def _signed(f: Callable[[float], float]) -> Callable[[float], float]:
    return lambda c: -f(-c) if c < 0 else f(c)


_srgb_to_linear = _signed(lambda c: c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
_srgb_from_linear = _signed(lambda c: 1.055 * c ** (1 / 2.4) - 0.055 if c > 0.0031308 else 12.92 * c)
_REC_A, _REC_B = 1.09929682680944, 0.018053968510807


class _RGBSpace(Frozen):
    to_xyz: Matrix
    from_xyz: Matrix
    to_linear: Callable[[float], float]
    from_linear: Callable[[float], float]
    d50: bool = False


def _rgb_space(m: Matrix, to_lin: Callable[[float], float], from_lin: Callable[[float], float],
               d50: bool = False) -> _RGBSpace:
    return _RGBSpace(m, _invert(m), to_lin, from_lin, d50)


_SRGB_MATRIX: Matrix = (
    (506752 / 1228815, 87881 / 245763, 12673 / 70218),
    (87098 / 409605, 175762 / 245763, 12673 / 175545),
    (7918 / 409605, 87881 / 737289, 1001167 / 1053270),
)
_RGB_SPACES: dict[str, _RGBSpace] = {
    "srgb": _rgb_space(_SRGB_MATRIX, _srgb_to_linear, _srgb_from_linear),
    "srgb-linear": _rgb_space(_SRGB_MATRIX, lambda c: c, lambda c: c),
    "display-p3": _rgb_space((
        (608311 / 1250200, 189793 / 714400, 198249 / 1000160),
        (35783 / 156275, 247089 / 357200, 198249 / 2500400),
        (0.0, 32229 / 714400, 5220557 / 5000800),
    ), _srgb_to_linear, _srgb_from_linear),
    "a98-rgb": _rgb_space((
        (573536 / 994567, 263643 / 1420810, 187206 / 994567),
        (591459 / 1989134, 6239551 / 9945670, 374412 / 4972835),
        (53769 / 1989134, 351524 / 4972835, 4929758 / 4972835),
    ), _signed(lambda c: c ** (563 / 256)), _signed(lambda c: c ** (256 / 563))),
    "prophoto-rgb": _rgb_space((
        (0.7977666449006423, 0.13518129740053308, 0.0313477341283922),
        (0.2880748288194013, 0.711835234241873, 0.00008993693872564),
        (0.0, 0.0, 0.8251046025104602),
    ), _signed(lambda c: c / 16 if c <= 16 / 512 else c ** 1.8),
        _signed(lambda c: c ** (1 / 1.8) if c >= 1 / 512 else 16 * c), d50=True),
    "rec2020": _rgb_space((
        (63426534 / 99577255, 20160776 / 139408157, 47086771 / 278816314),
        (26158966 / 99577255, 472592308 / 697040785, 8267143 / 139408157),
        (0.0, 19567812 / 697040785, 295819943 / 278816314),
    ), _signed(lambda c: c / 4.5 if c < _REC_B * 4.5 else ((c + _REC_A - 1) / _REC_A) ** (1 / 0.45)),
        _signed(lambda c: _REC_A * c ** 0.45 - (_REC_A - 1) if c > _REC_B else 4.5 * c)),
}

_XYZ_TO_LMS: Matrix = (
    (0.819022437996703, 0.3619062600528904, -0.1288737815209879),
    (0.0329836539323885, 0.9292868615863434, 0.0361446663506424),
    (0.0481771893596242, 0.2642395317527308, 0.6335478284694309),
)
_LMS_TO_OKLAB: Matrix = (
    (0.210454268309314, 0.7936177747023054, -0.0040720430116193),
    (1.9779985324311684, -2.42859224204858, 0.450593709617411),
    (0.0259040424655478, 0.7827717124575296, -0.8086757548780773),
)
_LMS_TO_XYZ = _invert(_XYZ_TO_LMS)
_OKLAB_TO_LMS = _invert(_LMS_TO_OKLAB)
_EPSILON = 216 / 24389
_KAPPA = 24389 / 27

PREDEFINED_SPACES = {
    "srgb": "srgb", "srgb-linear": "srgb-linear", "display-p3": "display-p3",
    "a98-rgb": "a98-rgb", "prophoto-rgb": "prophoto-rgb", "rec2020": "rec2020",
    "xyz": "xyz-d65", "xyz-d65": "xyz-d65", "xyz-d50": "xyz-d50",
}
POLAR = {"lch", "oklch", "hsl", "hwb"}


def normalize_hue(h: float) -> float:
    return math.fmod(math.fmod(h, 360) + 360, 360)


def _lab_to_xyz_d50(lab: Sequence[float]) -> list[float]:
    l, a, b = lab
    f1 = (l + 16) / 116
    f0, f2 = a / 500 + f1, f1 - b / 200

    def cube(f: float) -> float:
        return f ** 3 if f ** 3 > _EPSILON else (116 * f - 16) / _KAPPA

    y = f1 ** 3 if l > _KAPPA * _EPSILON else l / _KAPPA
    return [cube(f0) * _D50[0], y * _D50[1], cube(f2) * _D50[2]]


def _xyz_d50_to_lab(xyz: Sequence[float]) -> list[float]:
    f = [math.copysign(abs(v / w) ** (1 / 3), v / w) if v / w > _EPSILON
         else (_KAPPA * v / w + 16) / 116 for v, w in zip(xyz, _D50)]
    return [116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])]


def _to_polar(lab: Sequence[float]) -> list[float]:
    l, a, b = lab
    return [l, math.hypot(a, b), normalize_hue(math.degrees(math.atan2(b, a)))]


def _from_polar(lch: Sequence[float]) -> list[float]:
    l, c, h = lch
    return [l, c * math.cos(math.radians(h)), c * math.sin(math.radians(h))]


def _hsl_to_srgb(hsl: Sequence[float]) -> list[float]:
    h, s, l = hsl[0], hsl[1] / 100, hsl[2] / 100

    def f(n: float) -> float:
        k = math.fmod(n + h / 30, 12)
        a = s * min(l, 1 - l)
        return l - a * max(-1, min(k - 3, 9 - k, 1))

    return [f(0), f(8), f(4)]


def _srgb_to_hsl(rgb: Sequence[float]) -> list[float]:
    r, g, b = rgb
    hi, lo = max(rgb), min(rgb)
    l = (lo + hi) / 2
    d = hi - lo
    h, s = math.nan, 0.0
    if d != 0:
        s = 0.0 if l in (0, 1) else (hi - l) / min(l, 1 - l)
        if hi == r:
            h = (g - b) / d + (6 if g < b else 0)
        elif hi == g:
            h = (b - r) / d + 2
        else:
            h = (r - g) / d + 4
        h *= 60
    if s < 0:  # a negative saturation means the hue is opposite
        h, s = h + 180, -s
    return [normalize_hue(h), s * 100, l * 100]


def _hwb_to_srgb(hwb: Sequence[float]) -> list[float]:
    w, b = hwb[1] / 100, hwb[2] / 100
    if w + b >= 1:
        gray = w / (w + b)
        return [gray, gray, gray]
    return [c * (1 - w - b) + w for c in _hsl_to_srgb([hwb[0], 100, 50])]


def _srgb_to_hwb(rgb: Sequence[float]) -> list[float]:
    h = _srgb_to_hsl(rgb)[0]
    w, b = min(rgb), 1 - max(rgb)
    return [math.nan if w + b >= 1 else h, w * 100, b * 100]


# The polar spaces: their rectangular space, and the chroma below which the
# hue is powerless (the epsilons of css-color-4's sample conversion code).
_POLAR_OF = {"lch": ("lab", 0.0015), "oklch": ("oklab", 0.000004)}


def _to_xyz(space: str, coords: Sequence[float]) -> list[float]:
    rgb = _RGB_SPACES.get(space)
    if rgb is not None:
        xyz = _multiply(rgb.to_xyz, [rgb.to_linear(c) for c in coords])
        return _multiply(_D50_TO_D65, xyz) if rgb.d50 else xyz
    if space == "xyz-d65":
        return list(coords)
    if space == "xyz-d50":
        return _multiply(_D50_TO_D65, coords)
    if space == "lab":
        return _multiply(_D50_TO_D65, _lab_to_xyz_d50(coords))
    if space in _POLAR_OF:
        return _to_xyz(_POLAR_OF[space][0], _from_polar(coords))
    if space == "oklab":
        return _multiply(_LMS_TO_XYZ, [c ** 3 for c in _multiply(_OKLAB_TO_LMS, coords)])
    if space == "hsl":
        return _to_xyz("srgb", _hsl_to_srgb(coords))
    if space == "hwb":
        return _to_xyz("srgb", _hwb_to_srgb(coords))
    raise ValueError(space)


def _cbrt(x: float) -> float:
    return math.copysign(abs(x) ** (1 / 3), x)


def _from_xyz(space: str, xyz: Sequence[float]) -> list[float]:
    rgb = _RGB_SPACES.get(space)
    if rgb is not None:
        source = _multiply(_D65_TO_D50, xyz) if rgb.d50 else xyz
        return [rgb.from_linear(c) for c in _multiply(rgb.from_xyz, source)]
    if space == "xyz-d65":
        return list(xyz)
    if space == "xyz-d50":
        return _multiply(_D65_TO_D50, xyz)
    if space == "lab":
        return _xyz_d50_to_lab(_multiply(_D65_TO_D50, xyz))
    if space in _POLAR_OF:
        rectangular, achromatic_below = _POLAR_OF[space]
        polar = _to_polar(_from_xyz(rectangular, xyz))
        if polar[1] < achromatic_below:
            polar[2] = math.nan  # no hue: it is powerless, as css-color-4 says
        return polar
    if space == "oklab":
        return _multiply(_LMS_TO_OKLAB, [_cbrt(c) for c in _multiply(_XYZ_TO_LMS, xyz)])
    if space == "hsl":
        return _srgb_to_hsl(_from_xyz("srgb", xyz))
    if space == "hwb":
        return _srgb_to_hwb(_from_xyz("srgb", xyz))
    raise ValueError(space)


def _analogous(space: str) -> tuple[str | None, str | None, str | None]:
    if space in _RGB_SPACES or space.startswith("xyz"):
        return ("red", "green", "blue")
    if space in ("lab", "oklab"):
        return ("lightness", "a", "b")
    if space in ("lch", "oklch"):
        return ("lightness", "colorfulness", "hue")
    if space == "hsl":
        return ("hue", "colorfulness", "lightness")
    return ("hue", None, None)  # hwb


def convert(color: SpaceColor, space: str) -> SpaceColor:
    """``color`` in ``space``; missing components stay missing where analogous."""
    if color.space == space:
        return color
    values = _from_xyz(space, _to_xyz(color.space, [_bounded(c) for c in color.coords]))
    coords: list[Coord] = [None if math.isnan(c) else c for c in values]
    source, target = _analogous(color.space), _analogous(space)
    for i, c in enumerate(color.coords):
        if c is None and source[i] and source[i] in target:
            coords[target.index(source[i])] = None
    return SpaceColor(space, (coords[0], coords[1], coords[2]), color.alpha)


# No colour space has coordinates anywhere near this; past it powers and cubes overflow.
_COORD_LIMIT = 1e6


def _bounded(c: Coord) -> float:
    """A coordinate for the conversions: missing or NaN is 0, huge values are clamped."""
    if c is None or c != c:
        return 0.0
    return max(-_COORD_LIMIT, min(_COORD_LIMIT, c))


def to_rgba_tuple(color: SpaceColor) -> tuple[float, float, float, float]:
    """sRGB 0-255 channels clipped to the gamut, and alpha 0-1."""
    srgb = convert(color, "srgb")

    def clip(c: Coord) -> float:
        return min(max(c or 0.0, 0.0), 1.0) * 255

    alpha = min(max(srgb.alpha or 0.0, 0.0), 1.0)
    return (clip(srgb.coords[0]), clip(srgb.coords[1]), clip(srgb.coords[2]), alpha)


def _fix_hues(h1: float, h2: float, method: str) -> tuple[float, float]:
    diff = h2 - h1
    if method == "shorter":
        if diff > 180:
            h1 += 360
        elif diff < -180:
            h2 += 360
    elif method == "longer":
        if 0 < diff < 180:
            h1 += 360
        elif -180 < diff <= 0:
            h2 += 360
    elif method == "increasing":
        if diff < 0:
            h2 += 360
    elif diff > 0:  # decreasing
        h1 += 360
    return h1, h2


def interpolate(a_color: SpaceColor, b_color: SpaceColor, t: float, space: str,
                hue_method: str = "shorter") -> SpaceColor:
    """Premultiplied interpolation in ``space``, ``t`` from 0 to 1 (CSS Color 4)."""
    a, b = convert(a_color, space), convert(b_color, space)
    hue_index = (0 if space in ("hsl", "hwb") else 2) if space in POLAR else -1
    alpha_a = a.alpha if a.alpha is not None else b.alpha
    alpha_b = b.alpha if b.alpha is not None else a.alpha
    coords_a = [x if x is not None else y for x, y in zip(a.coords, b.coords)]
    coords_b = [y if y is not None else x for x, y in zip(a.coords, b.coords)]
    if hue_index != -1 and coords_a[hue_index] is not None:
        h1, h2 = _fix_hues(coords_a[hue_index], coords_b[hue_index], hue_method)  # type: ignore[arg-type]
        coords_a[hue_index], coords_b[hue_index] = h1, h2
    alpha = None if alpha_a is None else alpha_a + ((alpha_b or 0.0) - alpha_a) * t
    mixed: list[Coord] = []
    for i, c in enumerate(coords_a):
        other = coords_b[i]
        if c is None or other is None:
            mixed.append(None)
        elif i == hue_index or alpha is None or alpha_a is None or alpha_b is None:
            mixed.append(c + (other - c) * t)
        else:
            value = c * alpha_a + (other * alpha_b - c * alpha_a) * t
            mixed.append(value if alpha == 0 else value / alpha)
    if hue_index != -1 and mixed[hue_index] is not None:
        mixed[hue_index] = normalize_hue(mixed[hue_index])  # type: ignore[arg-type]
    return SpaceColor(space, (mixed[0], mixed[1], mixed[2]), alpha)
