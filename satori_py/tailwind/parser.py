"""One class -> its intermediate result, as twrnc 3.4.0's ``ClassParser`` reads it.

A class is ``prefix:prefix:utility``. Prefixes are breakpoints (``md:``, matched
against the canvas width Satori gives twrnc: ``min < width <= max``),
orientations, platforms (Satori's twrnc is the ``web`` one), ``dark:`` and
``retina:`` (never true here) and arbitrary ``min-w-[600px]:``/``max-h-[…]:``
queries. A matching prefix makes the class ``Ordered``: it applies after the
classes without one. The utility (with an optional leading ``-``) is tried
against twrnc's families in twrnc's order, each consuming the part of the name
it recognises, so a failed family leaves the rest to the next ones.

``known`` is twrnc's cache of utilities it has already read, seeded with the
fixed classes: a prefixed class whose utility is known takes the known result as
it is (``md:flex`` applies in place, not after the others), as in twrnc.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..frozen import Record, field
from ..patterns import lazy_compile
from ..style.values import JS_SPACE
from .config import Theme
from .units import IR, Complete, Context, Dependent, Device, Ordered, direction, parse_numeric, unconfigged_style
from .utilities import box, color, effects, flex, text

__all__ = ["NULL", "PLATFORMS", "ParsedClass", "Utilities", "parse_class"]

PLATFORMS = ("ios", "android", "windows", "macos", "web")
_ORIENTATIONS = ("portrait", "landscape")
_SPACING_SIDE = lazy_compile(r"^(t|b|r|l|x|y)?-")
_QUERY = lazy_compile(r"^(min|max)-(w|h)-\[([^\]]+)\]\Z")


class _Null:
    """A class twrnc read and found nothing in (its ``{kind: 'null'}``), as cached."""

    def __repr__(self) -> str:
        return "NULL"


NULL: Any = _Null()


class ParsedClass(Record):
    """What a class came to, and what to tell the user about it."""

    ir: IR
    # "unknown": no utility matched; "variant": a prefix twrnc does not know;
    # other messages come from the families (e.g. an invalid hex colour).
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Whether a prefix left the class out (a breakpoint that does not match is not a problem).
    filtered: bool = False


# What a utility (a class without its prefixes) came to, with its problems, by its text: the
# utilities one render has read. A utility's result depends only on its text, the theme and
# the canvas size, which are the render's; so one render reads each utility once, however
# many class lists repeat it (twrnc's per-list cache of known classes is kept apart).
Utilities = dict[str, tuple["IR", tuple[tuple[str, str], ...]]]


class _Cursor(Record):
    """The class name being read and how much of it the families consumed."""

    string: str
    position: int = 0

    @property
    def rest(self) -> str:
        return self.string[self.position:]

    def peek(self, begin: int, end: int) -> str:
        return self.string[self.position + begin:self.position + end]

    def consume(self, prefix: str) -> bool:
        if self.string.startswith(prefix, self.position):
            self.position += len(prefix)
            return True
        return False


def _prefixes(prefixes: list[str], theme: Theme, device: Device,
              problems: list[tuple[str, str]]) -> tuple[bool, int | None]:
    """(whether the prefixes leave the class out, its order), as the ClassParser constructor.
    The first prefix that does not apply is the class's problem: one a prefix made each of
    50,000 reports quoting the whole 340 KB class (minutes of formatting)."""
    null = False
    order: int | None = None
    for index, prefix in enumerate(prefixes):
        screen = theme.screens.get(prefix)
        if screen is not None:
            low, high, rank = screen
            order = (order or 0) + rank
            width = device.width
            if not (width == width and width != 0) or width <= low or width > high:
                null = True
        elif prefix in PLATFORMS:
            null = prefix != "web"  # an assignment in twrnc: a later platform prefix decides
        elif prefix in _ORIENTATIONS:
            orientation = "landscape" if device.width > device.height else "portrait"
            if orientation != prefix:
                null = True
            else:
                order = (order or 0) + 1
        elif prefix in ("retina", "dark"):
            null = True
        else:
            query = _QUERY.match(prefix) if prefix[:1] == "m" else None
            if query is None:
                if not problems:
                    problems.append(("variant", f'the variant "{_as_written(prefixes, index)}" does not apply '
                                                "to images"))
                null = True
                continue
            kind, axis, amount = query.groups()
            parsed = parse_numeric(amount)
            if parsed is None or parsed[1] != "px":
                if not problems:
                    problems.append(("variant", f'the query "{prefix}:" needs a px length'))
                null = True
                if parsed is None:
                    continue
            side = device.width if axis == "w" else device.height
            if side >= parsed[0] if kind == "min" else side <= parsed[0]:
                order = (order or 0) + 1
            else:
                null = True
    return null, order


def _bracket_split(parts: list[str]) -> str | None:
    """The part that opens the brackets a class's colon-split parts end in (``[mask-type`` of
    ``md:[mask-type:alpha]``, ``bg-[url(https`` of ``bg-[url(https://x)]``), else None: a
    bracket opened in an earlier part and closed by the last."""
    if "[" in parts[-1]:
        return None
    for part in reversed(parts[:-1]):
        if "]" in part:
            return None
        if "[" in part:
            return part
    return None


def _as_written(prefixes: list[str], index: int) -> str:
    """The variant at ``index`` as the user wrote it: twrnc splits the class at every colon, so
    ``supports-[display:grid]:`` comes as two prefixes, joined here for the message."""
    end = index
    if "[" in prefixes[index] and "]" not in prefixes[index]:
        while end + 1 < len(prefixes) and "]" not in prefixes[end]:
            end += 1
    return ":".join(prefixes[index:end + 1]) + ":"


def parse_class(utility: str, theme: Theme, device: Device, known: Mapping[str, Any],
                utilities: Utilities | None = None) -> ParsedClass:
    """The intermediate result of ``utility`` (one class, with its prefixes).

    ``utilities`` (the render's, for ``theme`` and ``device``) holds the utilities already read."""
    parts = utility.strip(JS_SPACE).split(":")
    string, prefixes = (utility, []) if len(parts) == 1 else (parts[-1], parts[:-1])
    result = ParsedClass(None)
    opened = _bracket_split(parts) if prefixes and string.endswith("]") else None
    if opened is not None:
        # twrnc splits [color:red] or bg-[url(https://x)] at their colons and reads "[color" or
        # "bg-[url(https" as a variant it does not know.
        result.filtered = True
        result.problems.append(("unsupported", "an arbitrary property ([property:value]), which twrnc does not "
                                               "have (as in Satori)" if opened.startswith("[") else
                                "an arbitrary value with a colon in its brackets, where twrnc splits the class "
                                f'and reads "{opened}:" as a variant (as in Satori)'))
        return result
    null, order = _prefixes(prefixes, theme, device, result.problems)
    cached = known.get(string)
    if null:
        result.filtered = True
        if cached is None and not result.problems:
            # Say now when the utility itself is unknown, whatever the canvas size.
            _read(string, theme, device, result.problems, utilities)
        return result
    if cached is not None:
        result.ir = None if cached is NULL else cached
        if cached is NULL:
            result.problems.append(("unknown", "unknown or invalid utility"))
        return result
    ir = _read(string, theme, device, result.problems, utilities)
    result.ir = Ordered(order, ir) if isinstance(ir, (Complete, Dependent)) and order is not None else ir
    return result


def _read(string: str, theme: Theme, device: Device, problems: list[tuple[str, str]],
          utilities: Utilities | None) -> IR:
    """The utility's result, its problems added to ``problems``: read once per render."""
    if utilities is None:
        return _Utility(string, theme, device, problems).parse()
    entry = utilities.get(string)
    if entry is None:
        found: list[tuple[str, str]] = []
        entry = utilities[string] = (_Utility(string, theme, device, found).parse(), tuple(found))
    problems += entry[1]
    return entry[0]


class _Utility:
    """ClassParser.parseUtility: the families in twrnc's order."""

    def __init__(self, string: str, theme: Theme, device: Device, problems: list[tuple[str, str]]) -> None:
        self.cursor = _Cursor(string)
        self.theme = theme
        self.device = device
        self.problems = problems
        self.negative = False

    def warn(self, message: str) -> None:
        self.problems.append(("value", message))

    def parse(self) -> IR:
        cursor = self.cursor
        if cursor.string.startswith("-"):
            cursor.position = 1
            self.negative = True
        # twrnc tries every family in order; only those that can start at the cursor's
        # first character are called (the others would do nothing). A family that
        # consumed a prefix and failed leaves the rest to the families after it, which
        # are picked again by the rest's first character.
        after = 0
        while True:
            start = cursor.position
            for index, family in _FAMILIES_BY_FIRST.get(cursor.string[start:start + 1], ()):
                if index < after:
                    continue
                found = family(self)
                if found is not None:
                    return found
                if cursor.position != start:
                    after = index + 1
                    break
            else:
                self.problems.append(("unknown", "unknown or invalid utility"))
                return None

    @property
    def ctx(self) -> Context:
        return Context(self.device, self.negative)

    def _theme(self, key: str) -> Any:
        return self.theme.get(key)

    # Each family returns a result or None; a None after consuming a prefix leaves the
    # cursor moved, so the later families read what is left (as twrnc's do).

    def _spacing(self) -> IR:
        cursor = self.cursor
        char = cursor.peek(0, 1)
        if char not in ("m", "p"):
            return None
        match = _SPACING_SIDE.match(cursor.peek(1, 3))
        if not match:
            return None
        prop = "margin" if char == "m" else "padding"
        cursor.position += len(match.group(0)) + 1
        return box.spacing(prop, direction(match.group(1)), self.negative, cursor.rest, self._theme(prop))

    def _sizes(self) -> IR:
        cursor = self.cursor
        for prefix, prop in (("h-", "height"), ("w-", "width")):
            if cursor.consume(prefix):
                found = box.size(prop, cursor.rest, self.ctx, self._theme(prop))
                if found is not None:
                    return found
        for prefix, prop in (("min-w-", "minWidth"), ("min-h-", "minHeight"), ("max-w-", "maxWidth"),
                             ("max-h-", "maxHeight")):
            if cursor.consume(prefix):
                found = box.min_max_size(prop, cursor.rest, self.ctx, self._theme(prop))
                if found is not None:
                    return found
        return None

    def _leading(self) -> IR:
        if self.cursor.consume("leading-"):
            return text.line_height(self.cursor.rest, self._theme("lineHeight"))
        return None

    def _text(self) -> IR:
        if not self.cursor.consume("text-"):
            return None
        found = text.font_size(self.cursor.rest, self._theme("fontSize"), self.ctx)
        return found if found is not None else self._color_or_opacity("text", "textColor", "opacity-")

    def _font(self) -> IR:
        if self.cursor.consume("font-"):
            return text.font_family(self.cursor.rest, self._theme("fontFamily"))
        return None

    def _aspect(self) -> IR:
        if self.cursor.consume("aspect-"):
            if self.cursor.consume("ratio-"):
                self.warn("`aspect-ratio-{ratio}` is deprecated, use `aspect-{ratio}` instead")
            return effects.aspect_ratio(self.cursor.rest)
        return None

    def _tint(self) -> IR:
        if self.cursor.consume("tint-"):
            return color.color("tint", self.cursor.rest, self._theme("colors"), self.warn)
        return None

    def _bg(self) -> IR:
        if not self.cursor.consume("bg-"):
            return None
        return self._color_or_opacity("bg", "backgroundColor", "opacity-")

    def _border(self) -> IR:
        if not self.cursor.consume("border"):
            return None
        found = box.border(self.cursor.rest, self.theme.values, self.warn)
        return found if found is not None else self._color_or_opacity("border", None, "-opacity-")

    def _color_or_opacity(self, kind: str, theme_key: str | None, opacity: str) -> IR:
        """A colour (unless the family read it already), else ``<opacity>NN``: the opacity helper."""
        cursor = self.cursor
        found = None if theme_key is None else color.color(kind, cursor.rest, self._theme(theme_key), self.warn)
        if found is None and cursor.consume(opacity):
            found = color.color_opacity(kind, cursor.rest)
        return found

    def _rounded(self) -> IR:
        if self.cursor.consume("rounded"):
            return box.border_radius(self.cursor.rest, self._theme("borderRadius"))
        return None

    def _insets(self) -> IR:
        for side in ("bottom", "top", "left", "right", "inset"):
            if self.cursor.consume(f"{side}-"):
                found = box.inset(side, self.cursor.rest, self.negative, self._theme("inset"))
                if found is not None:
                    return found
        return None

    def _flex(self) -> IR:
        cursor = self.cursor
        found: IR = None
        if cursor.consume("flex-"):
            if cursor.consume("grow"):
                found = flex.grow_shrink("Grow", cursor.rest, self._theme("flexGrow"))
            elif cursor.consume("shrink"):
                found = flex.grow_shrink("Shrink", cursor.rest, self._theme("flexShrink"))
            else:
                found = flex.flex(cursor.rest, self._theme("flex"))
            if found is not None:
                return found
        for prefix, kind in (("grow", "Grow"), ("shrink", "Shrink")):
            if cursor.consume(prefix):
                found = flex.grow_shrink(kind, cursor.rest, self._theme(f"flex{kind}"))
                if found is not None:
                    return found
        return None

    def _shadows(self) -> IR:
        cursor = self.cursor
        found: IR = None
        if cursor.consume("shadow-color-opacity-"):
            found = color.color_opacity("shadow", cursor.rest)
            if found is not None:
                return found
        if cursor.consume("shadow-opacity-"):
            found = effects.shadow_opacity(cursor.rest)
            if found is not None:
                return found
        if cursor.consume("shadow-offset-"):
            found = effects.shadow_offset(cursor.rest)
            if found is not None:
                return found
        if cursor.consume("shadow-radius-"):
            found = unconfigged_style("shadowRadius", cursor.rest)
            if found is not None:
                return found
        if cursor.consume("shadow-"):
            return color.color("shadow", cursor.rest, self._theme("colors"), self.warn)
        return None

    def _elevation(self) -> IR:
        if self.cursor.consume("elevation-"):
            return effects.elevation(self.cursor.rest)
        return None

    def _opacity(self) -> IR:
        if self.cursor.consume("opacity-"):
            return effects.opacity(self.cursor.rest, self._theme("opacity"))
        return None

    def _tracking(self) -> IR:
        if self.cursor.consume("tracking-"):
            return text.letter_spacing(self.cursor.rest, self.negative, self._theme("letterSpacing"))
        return None

    def _z(self) -> IR:
        if self.cursor.consume("z-"):
            return effects.z_index(self.cursor.rest, self._theme("zIndex"))
        return None


# twrnc's families in its order, each with the first characters it can consume.
FAMILIES: tuple[tuple[Callable[[_Utility], IR], str], ...] = (
    (_Utility._spacing, "mp"), (_Utility._sizes, "hwm"), (_Utility._leading, "l"), (_Utility._text, "t"),
    (_Utility._font, "f"), (_Utility._aspect, "a"), (_Utility._tint, "t"), (_Utility._bg, "b"),
    (_Utility._border, "b"), (_Utility._rounded, "r"), (_Utility._insets, "btlri"), (_Utility._flex, "fgs"),
    (_Utility._shadows, "s"), (_Utility._elevation, "e"), (_Utility._opacity, "o"), (_Utility._tracking, "t"),
    (_Utility._z, "z"),
)
_FAMILIES_BY_FIRST: dict[str, tuple[tuple[int, Callable[[_Utility], IR]], ...]] = {
    char: tuple((index, family) for index, (family, firsts) in enumerate(FAMILIES) if char in firsts)
    for char in {char for _, firsts in FAMILIES for char in firsts}
}
