"""CSS colour strings -> (r, g, b, a) bytes, for the background option of resvg_bridge.

Both backends are fed the same parsed colour (resvg-py as ``#rrggbbaa``, resvg as a
tuple), so the two give identical pixels and the same error for a bad colour.
Accepts what SVG/CSS authors write for a canvas fill: ``#rgb``, ``#rgba``,
``#rrggbb``, ``#rrggbbaa``, ``rgb()``/``rgba()`` (comma or space syntax, numbers or
percentages, optional ``/ alpha``), ``hsl()``/``hsla()``, ``transparent`` and the
148 CSS named colours.
"""
from __future__ import annotations

import re

RGBA = tuple[int, int, int, int]

# name=rrggbb pairs, CSS Color Module Level 4 named colours.
_NAMED_TABLE = """
    aliceblue=f0f8ff antiquewhite=faebd7 aqua=00ffff aquamarine=7fffd4 azure=f0ffff
    beige=f5f5dc bisque=ffe4c4 black=000000 blanchedalmond=ffebcd blue=0000ff
    blueviolet=8a2be2 brown=a52a2a burlywood=deb887 cadetblue=5f9ea0 chartreuse=7fff00
    chocolate=d2691e coral=ff7f50 cornflowerblue=6495ed cornsilk=fff8dc crimson=dc143c
    cyan=00ffff darkblue=00008b darkcyan=008b8b darkgoldenrod=b8860b darkgray=a9a9a9
    darkgreen=006400 darkgrey=a9a9a9 darkkhaki=bdb76b darkmagenta=8b008b
    darkolivegreen=556b2f darkorange=ff8c00 darkorchid=9932cc darkred=8b0000
    darksalmon=e9967a darkseagreen=8fbc8f darkslateblue=483d8b darkslategray=2f4f4f
    darkslategrey=2f4f4f darkturquoise=00ced1 darkviolet=9400d3 deeppink=ff1493
    deepskyblue=00bfff dimgray=696969 dimgrey=696969 dodgerblue=1e90ff firebrick=b22222
    floralwhite=fffaf0 forestgreen=228b22 fuchsia=ff00ff gainsboro=dcdcdc ghostwhite=f8f8ff
    gold=ffd700 goldenrod=daa520 gray=808080 green=008000 greenyellow=adff2f grey=808080
    honeydew=f0fff0 hotpink=ff69b4 indianred=cd5c5c indigo=4b0082 ivory=fffff0 khaki=f0e68c
    lavender=e6e6fa lavenderblush=fff0f5 lawngreen=7cfc00 lemonchiffon=fffacd
    lightblue=add8e6 lightcoral=f08080 lightcyan=e0ffff lightgoldenrodyellow=fafad2
    lightgray=d3d3d3 lightgreen=90ee90 lightgrey=d3d3d3 lightpink=ffb6c1 lightsalmon=ffa07a
    lightseagreen=20b2aa lightskyblue=87cefa lightslategray=778899 lightslategrey=778899
    lightsteelblue=b0c4de lightyellow=ffffe0 lime=00ff00 limegreen=32cd32 linen=faf0e6
    magenta=ff00ff maroon=800000 mediumaquamarine=66cdaa mediumblue=0000cd
    mediumorchid=ba55d3 mediumpurple=9370db mediumseagreen=3cb371 mediumslateblue=7b68ee
    mediumspringgreen=00fa9a mediumturquoise=48d1cc mediumvioletred=c71585
    midnightblue=191970 mintcream=f5fffa mistyrose=ffe4e1 moccasin=ffe4b5
    navajowhite=ffdead navy=000080 oldlace=fdf5e6 olive=808000 olivedrab=6b8e23
    orange=ffa500 orangered=ff4500 orchid=da70d6 palegoldenrod=eee8aa palegreen=98fb98
    paleturquoise=afeeee palevioletred=db7093 papayawhip=ffefd5 peachpuff=ffdab9
    peru=cd853f pink=ffc0cb plum=dda0dd powderblue=b0e0e6 purple=800080
    rebeccapurple=663399 red=ff0000 rosybrown=bc8f8f royalblue=4169e1 saddlebrown=8b4513
    salmon=fa8072 sandybrown=f4a460 seagreen=2e8b57 seashell=fff5ee sienna=a0522d
    silver=c0c0c0 skyblue=87ceeb slateblue=6a5acd slategray=708090 slategrey=708090
    snow=fffafa springgreen=00ff7f steelblue=4682b4 tan=d2b48c teal=008080 thistle=d8bfd8
    tomato=ff6347 turquoise=40e0d0 violet=ee82ee wheat=f5deb3 white=ffffff
    whitesmoke=f5f5f5 yellow=ffff00 yellowgreen=9acd32
"""
NAMED_COLOURS: dict[str, str] = dict(
    pair.split("=") for pair in _NAMED_TABLE.split()
)

_FUNC = re.compile(r"^(rgba?|hsla?)\((.*)\)$")


def _alpha(token: str) -> float:
    if token.endswith("%"):
        return float(token[:-1]) / 100.0
    return float(token)


def _byte(value: float) -> int:
    # Round half up and clamp, as CSS serialisation does for 8-bit channels.
    return max(0, min(255, int(value + 0.5)))


def _split_args(body: str) -> tuple[list[str], str | None]:
    alpha: str | None = None
    if "/" in body:
        body, alpha = body.split("/", 1)
        alpha = alpha.strip()
    parts = [p for p in re.split(r"[\s,]+", body.strip()) if p]
    return parts, alpha


def _rgb_channel(token: str) -> float:
    if token.endswith("%"):
        return float(token[:-1]) * 255.0 / 100.0
    return float(token)


def _hsl_to_rgb(h: float, s: float, lum: float) -> tuple[float, float, float]:
    h = (h % 360.0) / 360.0
    s = max(0.0, min(1.0, s))
    lum = max(0.0, min(1.0, lum))
    if s == 0:
        return lum * 255, lum * 255, lum * 255
    q = lum * (1 + s) if lum < 0.5 else lum + s - lum * s
    p = 2 * lum - q

    def hue(t: float) -> float:
        t %= 1.0
        if t < 1 / 6:
            return p + (q - p) * 6 * t
        if t < 1 / 2:
            return q
        if t < 2 / 3:
            return p + (q - p) * (2 / 3 - t) * 6
        return p

    return hue(h + 1 / 3) * 255, hue(h) * 255, hue(h - 1 / 3) * 255


def parse_colour(text: str) -> RGBA:
    """Parse a CSS colour string; raise ValueError naming it when it is not one."""
    s = text.strip().lower()
    if s == "transparent":
        return (0, 0, 0, 0)
    if s in NAMED_COLOURS:
        s = "#" + NAMED_COLOURS[s]
    try:
        if s.startswith("#"):
            digits = s[1:]
            if len(digits) in (3, 4):
                digits = "".join(c * 2 for c in digits)
            if len(digits) == 6:
                digits += "ff"
            if len(digits) != 8 or not re.fullmatch(r"[0-9a-f]{8}", digits):
                raise ValueError
            r, g, b, a = (int(digits[i:i + 2], 16) for i in range(0, 8, 2))
            return (r, g, b, a)
        m = _FUNC.match(s)
        if m:
            parts, alpha = _split_args(m.group(2))
            if alpha is None and len(parts) == 4:
                alpha = parts.pop()
            if len(parts) != 3:
                raise ValueError
            if m.group(1).startswith("rgb"):
                rgb = tuple(_rgb_channel(p) for p in parts)
            else:
                hue = float(parts[0].removesuffix("deg"))
                if not (parts[1].endswith("%") and parts[2].endswith("%")):
                    raise ValueError
                rgb = _hsl_to_rgb(hue, float(parts[1][:-1]) / 100, float(parts[2][:-1]) / 100)
            a_val = 1.0 if alpha is None else max(0.0, min(1.0, _alpha(alpha)))
            return (_byte(rgb[0]), _byte(rgb[1]), _byte(rgb[2]), _byte(a_val * 255))
    except ValueError:
        pass
    raise ValueError(f"invalid background colour: {text!r}")


def to_hex(rgba: RGBA) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgba)
