"""Small CFF (OpenType/CFF) fonts built from charstring programs, for tests of CFF outlines."""
from __future__ import annotations

import io
from typing import Any

from fontTools.cffLib import SubrsIndex
from fontTools.fontBuilder import FontBuilder
from fontTools.misc.psCharStrings import T2CharString

__all__ = ["cff_font"]


def cff_font(programs: dict[str, list[Any]], subrs: tuple[list[Any], ...] = (), family: str = "T") -> bytes:
    """A CFF font whose glyphs after an empty ``.notdef`` are ``programs`` (Type 2 charstrings,
    mapped from "a" on), with local subroutines ``subrs``. With fewer than 1,240 subroutines
    the bias is 107: operand -107 calls subroutine 0, -106 calls 1."""
    names = [".notdef", *programs]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x61 + i: name for i, name in enumerate(programs)})
    charstrings = {".notdef": T2CharString(program=[500, "endchar"])}
    charstrings.update({name: T2CharString(program=program) for name, program in programs.items()})
    builder.setupCFF(family, {"FullName": family}, charstrings, {})
    top = builder.font["CFF "].cff.topDictIndex[0]
    routines = [T2CharString(program=program) for program in subrs]
    if routines:
        top.Private.Subrs = SubrsIndex()
        for routine in routines:
            top.Private.Subrs.append(routine)
    for charstring in (*top.CharStrings.values(), *routines):
        charstring.private = top.Private
    builder.setupHorizontalMetrics(dict.fromkeys(names, (500, 0)))
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.font.recalcBBoxes = False
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
