"""Values CSS does not allow that Satori 0.63.2 reads: read as it reads them, and said.

A browser drops a declaration of a negative size, padding, font size or line height, an angle
where a length goes (``width: 45deg``), or a transform argument with junk before its ``%``
(``translateX(10px%)``, ``scale: 5%%``). The reference lays them out (a negative size as none,
an angle's number as px, ``parseFloat``'s number as the percentage), and satori-py draws what
it draws; each such value is reported (a note with the node path: ``on_warning``, an error in
strict mode) so that nothing is read otherwise than written without a word.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..js_format import js_number
from ..length_range import MAX_LENGTH
from .convert import Context, Converter, loosely_read_percentage, shown
from .converter_reads import alone, converts_alone
from .types import LineHeight, Percent
from .values import LengthContext, dimension_unit, js_string, length_to_number

__all__ = ["ANGLE_UNITS", "note_angle_as_length", "noted_line_height", "not_negative", "transform_percentages"]

ANGLE_UNITS = frozenset({"deg", "rad", "grad", "turn"})
_AS_SATORI = "it is read as Satori 0.63.2 reads it"


def _amount(result: Any) -> Any:
    return result.value if isinstance(result, (Percent, LineHeight)) else result


def _noted(converter: Converter, reason: Callable[[Any], str | None]) -> Converter:
    """``converter``, reporting its value when ``reason`` gives one for what it read. (It reads
    nothing of the element for the values the converter reads nothing for: the fused steps,
    :mod:`.steps`, keep it for those, and take the long way for a reported one.)"""
    def convert(value: Any, ctx: Context) -> Any:
        result = converter(value, ctx)
        why = reason(_amount(result))
        if why is not None:  # (a line height's number is its multiplier)
            ctx.ignored(f'Invalid value "{shown(_amount(value))}" for CSS property "{ctx.prop}": {why}; '
                        f"{_AS_SATORI}.")
        return result
    return alone(lambda value: converts_alone(converter, value))(convert)


def _negative(amount: Any) -> str | None:
    if isinstance(amount, float) and amount < 0:
        return "CSS does not allow a negative value here (a browser drops the declaration)"
    return None


def not_negative(converter: Converter) -> Converter:
    """``converter`` of a size, padding or font size, reporting a negative value."""
    return _noted(converter, _negative)


def _line_height(amount: Any) -> str | None:
    if isinstance(amount, float) and amount >= MAX_LENGTH:
        return f"a line height is read as at most {js_number(MAX_LENGTH)} times the font size (Infinity too)"
    return _negative(amount)


def noted_line_height(converter: Converter) -> Converter:
    """``converter`` of ``lineHeight``, reporting a negative or an infinite multiplier."""
    return _noted(converter, _line_height)


def note_angle_as_length(prop: str, value: Any, note: Callable[[StyleError], None] | None) -> None:
    """Give ``note`` (when there is one) the report of an angle (``45deg``, ``1turn``) given
    where a length goes; nothing for any other value."""
    if note is None or type(value) is not str or dimension_unit(value) not in ANGLE_UNITS:
        return
    px = length_to_number(value, 0.0, LengthContext())
    note(StyleError(f'Invalid value "{shown(value)}" for CSS property "{prop}": an angle is not a length (a browser '
                    f"drops the declaration); it is read as {js_string(px)}px, as Satori 0.63.2 reads it.",
                    prop=prop, value=value))


def transform_percentages(prop: str, functions: list[tuple[str, tuple[str, ...]]],
                          warn: Callable[[str], None]) -> None:
    """Report the arguments of ``functions`` (of ``prop``: ``transform``, ``translate`` or
    ``scale``) that end in a ``%`` a browser does not read (``10px%``, ``5%%``): the reference's
    parseFloat reads their number as the percentage."""
    for name, args in functions:
        for arg in args:
            loose = loosely_read_percentage(arg.strip())
            if loose is not None:
                where = f"in transform function {name}() of" if prop == "transform" else "for"
                warn(f'Invalid value "{shown(arg)}" {where} CSS property "{prop}": it is read as '
                     f"{js_string(loose)}%, as Satori 0.63.2 reads it.")
