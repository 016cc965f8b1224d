"""The second "nothing dropped without a word" oracle: junk read leniently.

The first oracle (:mod:`.silent_drops`) sees an invalid value that changes nothing. This one
sees an invalid value that is read as something (the way ``10px%`` was read as 10%): for each
property, values of :data:`POOL` that render unlike the card without them and are not reported
are taken as valid; each is then spoiled (:func:`spoiled`: junk glued after it or before it, a
space inside its unit), which no CSS grammar reads, and the spoiled value must be reported.
:data:`KNOWN_LENIENT` lists the properties that still read some spoiled values without a word
(may only shrink).
"""
from __future__ import annotations

import re

from .silent_drops import ALL_NAMES, ANY_IDENT, render

__all__ = ["KNOWN_LENIENT", "POOL", "lenient_names", "read_without_a_word", "spoiled"]

# Values valid for some property, the common first: a property takes the first MAX_VALID of
# them that render (unreported) unlike its card without them.
POOL = ["10px", "5%", "red", "auto", "2px 3px", "rotate(10deg)", "blur(2px)", "1px solid red", "center", "bold",
        "linear-gradient(red, blue)", "2px 2px 2px green", "circle(40%)", "hidden", "column", "0.5", "45deg",
        "20px 1fr", "span 2", "'a'", "\"liga\" 0", "nowrap", "uppercase", "underline", "no-repeat", "contain"]
MAX_VALID = 2

# Properties where any identifier (glued junk included) is a valid value (custom properties,
# names of counters, grid lines and areas, containers, fonts and counter styles).
ANY_WORD = ANY_IDENT | {"listStyleType", "listStyle", "animationName"}

# Spoiled values these read without a report today (session 19: found by this oracle with
# clipPath, textIndent, listStyle and listStyleType; session 20: scale and translate, whose
# `10px%` and `5%%` parseFloat reads, as the transform functions do; all reported now). May only
# stay empty.
KNOWN_LENIENT: frozenset[str] = frozenset()

_DIMENSION = re.compile(r"(\d)([a-z]+|%)(?![a-z%])")


def spoiled(value: str, name: str) -> list[str]:
    """Invalid values made from the valid ``value`` of ``name``: letters or a ``)`` glued after
    it, letters glued before it, a ``%`` after a unit or another ``%``, a space inside a unit."""
    out = [value + ")", value + "%" if value[-1].isalpha() or value[-1] == "%" else ""]
    if name not in ANY_WORD:
        out += [value + "zz", "x" + value]
    unit = _DIMENSION.search(value)
    if unit is not None:
        out.append(f"{value[:unit.end(1)]} {value[unit.end(1):]}")
    return [v for v in out if v]


def read_without_a_word(name: str) -> list[tuple[str, str]]:
    """The (valid value, spoiled value) pairs of ``name`` whose spoiled value renders without a
    report (and without an error)."""
    base, told = render(name, {})
    assert told == [], (name, told)
    valid: list[str] = []
    for value in POOL:
        svg, told = render(name, {name: value})
        if not told and svg is not None and svg != base:
            valid.append(value)
            if len(valid) == MAX_VALID:
                break
    return [(value, junk) for value in valid for junk in spoiled(value, name) if render(name, {name: junk})[1] == []]


def lenient_names() -> list[str]:
    """The properties the oracle asks about: all but those of :data:`ANY_IDENT`."""
    return [name for name in ALL_NAMES if name not in ANY_IDENT]



def _main(names: list[str]) -> None:  # python -m tests.fuzz.lenient_reads [NAME ...]: what is found
    for name in names or lenient_names():
        if found := read_without_a_word(name):
            print(name, found, flush=True)


if __name__ == "__main__":
    import sys

    _main(sys.argv[1:])
