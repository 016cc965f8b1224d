"""Nothing is dropped silently: each report, with its exact message, strict and not.

Without ``strict`` a report is a WARNING record on the ``satori_py`` logger
(``record.satori_path`` is the node) and a call of ``on_style_error`` (invalid
values) or ``on_warning`` (the rest); with ``strict=True`` it is raised.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from satori_py import h, render_png, render_svg
from satori_py.case import load_case
from satori_py.cli import cli
from satori_py.diagnostics import Diagnostics, did_you_mean
from satori_py.errors import (OptionError, SatoriError, StyleError, UnsupportedPropertyError,
                              node_context)
from satori_py.style.presets import PRESETS
from satori_py.style.supported import SUPPORTED


def card(child_style: dict[str, Any]) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "width": 100, "height": 50}},
             h("div", {"style": child_style}, "x"))


def reports(element: Any, **options: Any) -> list[tuple[str, str | None, str]]:
    """(class, path, message) of each report given to on_warning."""
    seen: list[Any] = []
    render_svg(element, width=100, height=50, on_warning=seen.append, **options)
    return [(type(e).__name__, e.path, e.message) for e in seen]


# -- style ----------------------------------------------------------------------------------

STYLE_REPORTS = [
    ({"backgroundColour": "red"}, "UnsupportedPropertyError",
     'CSS property "backgroundColour" is not supported. Did you mean "backgroundColor"?'),
    ({"background-colour": "red"}, "UnsupportedPropertyError",
     'CSS property "background-colour" is not supported. Did you mean "backgroundColor"?'),
    ({"cursor": "pointer"}, "UnsupportedPropertyError", 'CSS property "cursor" is not supported.'),
    ({"backgroundColor": "notacolor"}, "StyleError",
     'Invalid color "notacolor" for CSS property "backgroundColor": it is drawn black.'),
    ({"color": "notacolor"}, "StyleError", 'Invalid color "notacolor" for CSS property "color": it is drawn black.'),
    ({"borderStyle": "solid", "borderTopColor": "nope"}, "StyleError",
     'Invalid color "nope" for CSS property "borderTopColor".'),
    ({"paddingTop": "bogus"}, "StyleError", 'Invalid value "bogus" for CSS property "paddingTop".'),
    ({"objectFit": "squash"}, "StyleError", 'Invalid value "squash" for CSS property "objectFit".'),
    # The reference's own warning sentences.
    ({"width": "bogus"}, "StyleError",
     'Invalid value "bogus" for "width". Expected a number, "auto", or a percentage value (e.g., "50%").'),
    ({"flexGrow": "much"}, "StyleError", 'Expected style "flexGrow: much" to be unitless'),
    # Values the text stage and the painter read as written, checked at the style stage.
    ({"lineHeight": "junk"}, "StyleError", 'Invalid value "junk" for CSS property "lineHeight": "normal" is used.'),
    ({"lineHeight": "calc(1em + junk)"}, "StyleError",
     'Invalid value "calc(1em + junk)" for CSS property "lineHeight": "normal" is used.'),
    ({"verticalAlign": "centre"}, "StyleError", 'Invalid value "centre" for CSS property "verticalAlign".'),
    ({"verticalAlign": "calc(50% + 1px)"}, "StyleError",
     'Unsupported value "calc(50% + 1px)" for CSS property "verticalAlign": it is read as baseline.'),
    ({"tabSize": "bogus"}, "StyleError", 'Invalid value "bogus" for CSS property "tabSize": tabs are 0 px wide.'),
    ({"objectPosition": "middle"}, "StyleError", 'Invalid value "middle" for CSS property "objectPosition".'),
    ({"objectPosition": "10foo 5px"}, "StyleError", 'Invalid value "10foo 5px" for CSS property "objectPosition".'),
    ({"objectPosition": "right 10px bottom 20px"}, "StyleError",
     'Unsupported value "right 10px bottom 20px" for CSS property "objectPosition": only its first two values '
     'are read.'),
    ({"fontStyle": "slanted"}, "StyleError", 'Invalid value "slanted" for CSS property "fontStyle".'),
    ({"fontStyle": "oblique 0.2rad"}, "StyleError",
     'Unsupported value "oblique 0.2rad" for CSS property "fontStyle": only an angle in deg is read; the text '
     'is upright.'),
]


@pytest.mark.parametrize(("style", "kind", "message"), STYLE_REPORTS, ids=[m for _, _, m in STYLE_REPORTS])
def test_style_reports(style: dict[str, Any], kind: str, message: str) -> None:
    assert reports(card(style)) == [(kind, "div/div[0]", message)]
    with pytest.raises(StyleError) as info:
        render_svg(card(style), width=100, height=50, strict=True)
    assert str(info.value) == f"div/div[0]: {message}"
    assert info.value.path == "div/div[0]"


def test_reports_do_not_change_the_picture() -> None:
    quiet = render_svg(card({"backgroundColor": "blue"}), width=100, height=50)
    noisy = render_svg(card({"backgroundColor": "blue", "backgroundColour": "red", "cursor": "pointer"}),
                       width=100, height=50)
    assert noisy == quiet


def test_the_log_record_carries_the_node(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="satori_py")
    render_svg(card({"backgroundColour": "red"}), width=100, height=50)
    [record] = caplog.records
    assert record.name == "satori_py" and record.levelno == logging.WARNING
    assert record.getMessage() == ('div/div[0]: CSS property "backgroundColour" is not supported. '
                                   'Did you mean "backgroundColor"?')
    assert (record.satori_path, record.satori_prop, record.satori_value) == (  # type: ignore[attr-defined]
        "div/div[0]", "backgroundColour", "red")
    assert isinstance(record.satori_error, UnsupportedPropertyError)  # type: ignore[attr-defined]


def test_on_style_error_gets_invalid_values_and_on_warning_the_rest() -> None:
    style_errors: list[SatoriError] = []
    warnings: list[SatoriError] = []
    render_svg(card({"backgroundColor": "notacolor", "cursor": "pointer", "display": "bogus"}),
               width=100, height=50, on_style_error=style_errors.append, on_warning=warnings.append)
    assert [str(e) for e in style_errors] == [
        'div/div[0]: Invalid value for CSS property "display". Allowed values: "block" | "flow-root" | '
        '"list-item" | "flex" | "-webkit-flex" | "-webkit-box" | "grid" | "inline" | "inline-block" | '
        '"inline-flex" | "-webkit-inline-flex" | "inline-grid" | "contents" | "none". Received: "bogus".',
        'div/div[0]: Invalid color "notacolor" for CSS property "backgroundColor": it is drawn black.']
    assert [str(e) for e in warnings] == ['div/div[0]: CSS property "cursor" is not supported.']


def test_strict_raises_even_with_on_style_error() -> None:
    seen: list[Exception] = []
    with pytest.raises(StyleError, match=r'^div/div\[0\]: Invalid value for CSS property "display"\.'):
        render_svg(card({"display": "bogus"}), width=100, height=50, strict=True, on_style_error=seen.append)
    assert seen == []


def test_strict_png() -> None:
    with pytest.raises(UnsupportedPropertyError, match='"backgroundColour" is not supported'):
        render_png(card({"backgroundColour": "red"}), width=100, height=50, strict=True)


def test_invalid_stylesheet_declarations_are_reported_with_an_element() -> None:
    sheet = h("style", None, ".a { display: tabel; color: red }")
    el = h("div", {"style": {"display": "flex"}}, sheet, h("p", {"className": "a"}, "x"))
    assert reports(el) == [(
        "StyleError", "div/p[1]",
        'Invalid value for CSS property "display". Allowed values: "block" | "flow-root" | "list-item" | '
        '"flex" | "-webkit-flex" | "-webkit-box" | "grid" | "inline" | "inline-block" | "inline-flex" | '
        '"-webkit-inline-flex" | "inline-grid" | "contents" | "none". Received: "tabel".')]


def test_a_redone_layout_reports_once() -> None:
    # Container queries lay out twice; the first pass's reports are withdrawn.
    sheet = h("style", None, ".c { container-type: inline-size } @container (width > 50px) { p { cursor: x } }")
    el = h("div", {"style": {"display": "flex"}}, sheet,
           h("div", {"className": "c", "style": {"width": 80, "colour": "red"}}, h("p", None, "x")))
    assert reports(el) == [
        ("UnsupportedPropertyError", "div/div[1]", 'CSS property "colour" is not supported. Did you mean "color"?'),
        ("UnsupportedPropertyError", "div/div[1]/p[0]", 'CSS property "cursor" is not supported.')]


def test_presets_use_supported_properties_only() -> None:
    assert {name for style in PRESETS.values() for name in style} <= SUPPORTED


def test_did_you_mean() -> None:
    assert did_you_mean("backgroundColour", ["color", "backgroundColor"]) == ' Did you mean "backgroundColor"?'
    assert did_you_mean("zzz", ["color"]) == ""


def test_channel_outside_a_render_logs_at_once(caplog: pytest.LogCaptureFixture) -> None:
    from satori_py.diagnostics import report

    caplog.set_level(logging.WARNING, logger="satori_py")
    with node_context("div/img[0]"):
        report(StyleError("lonely"))
    assert [(r.getMessage(), r.satori_path) for r in caplog.records] == [  # type: ignore[attr-defined]
        ("div/img[0]: lonely", "div/img[0]")]


def test_bad_channel_options() -> None:
    with pytest.raises(OptionError, match="Invalid strict 'yes': expected True or False."):
        Diagnostics(strict="yes")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="Invalid on_warning: expected a function, got str."):
        render_svg(card({}), width=10, height=10, on_warning="print")  # type: ignore[arg-type]


# -- options of a case, and the CLI ------------------------------------------------------------

CASE = {"element": card({"display": "flex"}), "options": {"width": 100, "height": 50, "embedFonts": False}}
UNKNOWN_OPTION = 'Unknown option "embedFonts" in "options". Did you mean "embedFont"?'


def test_unknown_case_options() -> None:
    warnings: list[SatoriError] = []
    with Diagnostics(on_warning=warnings.append).active():
        case = load_case(CASE)
    assert case.options == {"width": 100, "height": 50}
    assert [(type(e), e.prop, e.message) for e in warnings] == [(OptionError, "options.embedFonts", UNKNOWN_OPTION)]
    with pytest.raises(OptionError) as info, Diagnostics(strict=True).active():
        load_case(CASE)
    assert str(info.value) == UNKNOWN_OPTION
    # A case file cannot give the callbacks.
    with Diagnostics(on_warning=warnings.append).active():
        assert load_case({**CASE, "options": {"fetcher": "x"}}).options == {}
    assert warnings[-1].message == 'Unknown option "fetcher" in "options".'


def test_cli_warns_and_strict_fails(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({**CASE, "element": card({"backgroundColour": "red"})}))
    runner = CliRunner()
    out = tmp_path / "out.svg"
    result = runner.invoke(cli, [str(case), "-o", str(out)])
    assert result.exit_code == 0 and out.is_file()
    assert result.stderr.splitlines() == [
        f"warning: {UNKNOWN_OPTION}",
        'warning: div/div[0]: CSS property "backgroundColour" is not supported. Did you mean "backgroundColor"?']
    strict_out = tmp_path / "strict.svg"
    result = runner.invoke(cli, [str(case), "-o", str(strict_out), "--strict"])
    assert result.exit_code == 1 and not strict_out.exists()
    assert result.stderr == f"error: {UNKNOWN_OPTION}\n"
    # The case's options are fine: the style fails.
    case.write_text(json.dumps({**CASE, "options": {"width": 100, "height": 50},
                                "element": card({"backgroundColour": "red"})}))
    result = runner.invoke(cli, [str(case), "-o", str(strict_out), "--strict"])
    assert result.exit_code == 1 and not strict_out.exists()
    assert result.stderr == ('error: div/div[0]: CSS property "backgroundColour" is not supported. '
                             'Did you mean "backgroundColor"?\n')


# -- values the painter parses (issue 13: reported with the node path, with on_style_error) -----

PAINT_VALUES = [
    ({"filter": "blur(bogus)"}, "Invalid length `bogus` in `blur()` for `filter`."),
    ({"backdropFilter": "blur(-1px)"}, "Invalid `blur()` radius in `backdropFilter`."),
    ({"filter": ""}, 'Invalid `filter` value: "".'),
    ({"filter": "drop-shadow(1px)"}, "Invalid `drop-shadow()` value in `filter`."),
    ({"backgroundImage": "linear-gradient()"}, "could not find syntax for this item: linear-gradient()"),
    ({"backgroundImage": "bogus"}, 'Invalid background image: "bogus"'),
    ({"maskImage": "bogus"}, 'Invalid background image: "bogus"'),
    ({"maskImage": "conic-gradient()"}, "could not find syntax for this item: conic-gradient()"),
    ({"backgroundImage": "radial-gradient(-20% 20% at top left, yellow, blue)"},
     "disallow setting negative values to the size of the shape. "
     "Check https://w3c.github.io/csswg-drafts/css-images/#valdef-rg-size-length-0"),
    ({"mask": "url(a.png) / 10px"}, 'Invalid `mask` value: "url(a.png) / 10px".'),
    ({"clipPath": "shape(from 0 0, bogus)"}, "Unsupported `bogus` command in `shape()`."),
    ({"transform": "rotate(bogus)"}, 'Invalid value "bogus" in transform function rotate().'),
    ({"display": "grid", "gridTemplateColumns": "repeat(bogus)"},
     'Invalid value for CSS property "gridTemplateColumns": "repeat(bogus)".'),
]


@pytest.mark.parametrize(("style", "message"), PAINT_VALUES, ids=[m for _, m in PAINT_VALUES])
def test_paint_values_reach_on_style_error(style: dict[str, Any], message: str) -> None:
    el = card({"width": 40, "height": 20, **style})
    with pytest.raises(StyleError) as info:  # without on_style_error: raised, as by the reference
        render_svg(el, width=100, height=50)
    assert str(info.value) == f"div/div[0]: {message}"
    errors: list[SatoriError] = []
    svg = render_svg(el, width=100, height=50, on_style_error=errors.append)
    assert [(e.path, e.message) for e in errors] == [("div/div[0]", message)]
    with pytest.raises(StyleError) as strict:  # strict mode raises, on_style_error or not
        render_svg(el, width=100, height=50, strict=True, on_style_error=lambda e: None)
    assert str(strict.value) == f"div/div[0]: {message}"
    # The value is ignored: the element is drawn as without it.
    without = {k: v for k, v in style.items() if k not in ("filter", "backdropFilter", "backgroundImage",
                                                          "maskImage", "mask", "clipPath", "transform")}
    assert svg == render_svg(card({"width": 40, "height": 20, **without}), width=100, height=50,
                             on_style_error=lambda e: None)


def test_paint_values_are_checked_whether_or_not_the_element_is_drawn() -> None:
    # Parsed with the element's style: an element of no size raises too (Satori throws a
    # TypeError there).
    el = card({"width": 0, "height": 0, "backgroundImage": "linear-gradient()"})
    with pytest.raises(StyleError) as info:
        render_svg(el, width=100, height=50)
    assert str(info.value) == "div/div[0]: could not find syntax for this item: linear-gradient()"


def test_values_the_painter_ignores() -> None:
    assert reports(card({"clipPath": "url(#nothing)"})) == [(
        "StyleError", "div/div[0]",
        'Unsupported value "url(#nothing)" for CSS property "clipPath": nothing is clipped.')]
    # A basic shape's length that does not parse is left out, as by the reference (a circle
    # without a radius clips everything away): noted, an error in strict mode.
    circle = 'Invalid length "bogus" in `circle()` for CSS property "clipPath": the shape is drawn without it.'
    assert reports(card({"clipPath": "circle(bogus)"})) == [("StyleError", "div/div[0]", circle)]
    with pytest.raises(StyleError) as info:
        render_svg(card({"clipPath": "circle(bogus)"}), width=100, height=50, strict=True)
    assert str(info.value) == f"div/div[0]: {circle}"
    assert reports(card({"boxShadow": "bogus 2px red, 1px 1px 10% blue"})) == [
        ("StyleError", "div/div[0]", 'Invalid length "bogus" for CSS property "boxShadow": 0 is used.'),
        ("StyleError", "div/div[0]", 'Invalid length "10%" for CSS property "boxShadow": 0 is used.')]
    assert reports(card({"overflow": "clip", "overflowClipMargin": "5px bogus"})) == [(
        "StyleError", "div/div[0]", 'Invalid value "bogus" in CSS property "overflowClipMargin": 0 is used.')]
    assert reports(card({"backgroundImage": "linear-gradient(red, bogus)", "width": 10, "height": 10})) == [
        ("StyleError", "div/div[0]", 'Invalid color "bogus" in a gradient.')]
    # Found by the style stage (the painter only places resolved stops): reported once.
    seen: list[SatoriError] = []
    render_svg(card({"backgroundImage": "linear-gradient(red, bogus)", "width": 10, "height": 10}),
               width=100, height=50, on_style_error=seen.append)
    assert [str(e) for e in seen] == ['div/div[0]: Invalid color "bogus" in a gradient.']
    # Stop positions the reference's gradient parser does not read (drawn as it draws them).
    stops = "linear-gradient(red 10foo, blue +5px, green calc(10px + bogus))"
    assert reports(card({"backgroundImage": stops, "width": 10, "height": 10})) == [
        ("StyleError", "div/div[0]", 'Unsupported position "10foo" in a gradient.'),
        ("StyleError", "div/div[0]", 'Unsupported position "+5px" in a gradient.'),
        ("StyleError", "div/div[0]", 'Invalid position "calc(10px + bogus)" in a gradient.')]
    seen.clear()
    render_svg(card({"maskImage": "radial-gradient(red 1e3px, transparent)", "width": 10, "height": 10}),
               width=100, height=50, on_style_error=seen.append)
    assert [str(e) for e in seen] == ['div/div[0]: Unsupported position "1e3px" in a gradient.']
    with pytest.raises(StyleError) as info:
        render_svg(card({"backgroundImage": "conic-gradient(red 1lh, blue)", "width": 10, "height": 10}),
                   width=100, height=50, strict=True)
    assert str(info.value) == 'div/div[0]: Unsupported position "1lh" in a gradient.'
    assert reports(card({"fontWeight": "heavy"})) == [
        ("StyleError", "div/div[0]", 'Unsupported value "heavy" for CSS property "fontWeight": 400 is used.')]
    assert reports(card({"fontWeight": "bolder"})) == []
    assert reports(card({"lineClamp": "two"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "two" for CSS property "lineClamp".')]


# Values of the transform properties drawn otherwise than written (as without them, or their centre):
# noted with the node path (on_warning; an error in strict mode), not dropped without a word.
UNREAD_TRANSFORM_VALUES = [
    ({"transformOrigin": "bogus"}, 'Invalid value "bogus" in CSS property "transformOrigin": 50% is used.'),
    ({"perspectiveOrigin": "left bogus"},
     'Invalid value "bogus" in CSS property "perspectiveOrigin": 50% is used.'),
    ({"transformOrigin": "1px 2px 3px 4px"},
     'Invalid value "1px 2px 3px 4px" in CSS property "transformOrigin": the centre is used.'),
    ({"transformOrigin": "10px 20px 30%"}, 'Invalid value "10px 20px 30%" in CSS property "transformOrigin": '
                                           "the centre is used (a depth cannot be a percentage)."),
    ({"transformOrigin": "10px 20px bogus"},
     'Invalid value "bogus" in CSS property "transformOrigin": the depth is 0.'),
    ({"perspectiveOrigin": "left calc(1px + 2%)"},
     'Invalid value "calc(1px + 2%)" in CSS property "perspectiveOrigin": it is not read.'),
    ({"perspective": "bogus"}, 'Invalid value "bogus" for CSS property "perspective": none is used.'),
    ({"perspective": "50%"}, 'Invalid value "50%" for CSS property "perspective": none is used.'),
    ({"transformStyle": "PRESERVE-3D"}, 'Invalid value "PRESERVE-3D" for CSS property "transformStyle": flat is used.'),
    ({"backfaceVisibility": "bogus"}, 'Invalid value "bogus" for CSS property "backfaceVisibility": visible is used.'),
]


@pytest.mark.parametrize(("style", "message"), UNREAD_TRANSFORM_VALUES, ids=[m for _, m in UNREAD_TRANSFORM_VALUES])
def test_unread_transform_values_are_noted(style: dict[str, Any], message: str) -> None:
    transformed = {"width": 40, "height": 20, "transform": "rotateY(30deg)", **style}
    assert reports(card(transformed)) == [("StyleError", "div/div[0]", message)]
    errors: list[SatoriError] = []
    svg = render_svg(card(transformed), width=100, height=50, on_style_error=errors.append)
    assert [(e.path, e.message) for e in errors] == [("div/div[0]", message)]
    with pytest.raises(StyleError) as strict:
        render_svg(card(transformed), width=100, height=50, strict=True)
    assert str(strict.value) == f"div/div[0]: {message}"
    # Drawn as the reference draws it: the centre, a depth of 0, no perspective, flat, visible.
    fallback = {"transformOrigin": "50% 50%", "perspectiveOrigin": "50% 50%", "perspective": "none",
                "transformStyle": "flat", "backfaceVisibility": "visible"}
    name = next(iter(style))
    if message.endswith("the depth is 0."):
        fallback[name] = "10px 20px"
    elif "calc" in message:
        fallback[name] = "left"
    assert svg == render_svg(card({**transformed, name: fallback[name]}), width=100, height=50)


def test_layer_words_the_painter_does_not_read_are_noted() -> None:
    gradient = "linear-gradient(red, blue)"
    assert reports(card({"backgroundImage": gradient, "backgroundPosition": "left bogus",
                         "backgroundSize": "10px 1foo", "backgroundRepeat": "repeat-z"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "bogus" in CSS property "backgroundPosition": 0 is used.'),
        ("StyleError", "div/div[0]", 'Invalid value "1foo" in CSS property "backgroundSize": 0 is used.'),
        ("StyleError", "div/div[0]",
         'Invalid value "repeat-z" for CSS property "backgroundRepeat": the image is repeated.')]
    assert reports(card({"maskImage": gradient, "maskPosition": "bogus", "maskRepeat": "no-repeat"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "bogus" in CSS property "maskPosition": 0 is used.')]
    # Boxes, composites and modes the painter does not know: what it draws instead.
    assert reports(card({"backgroundImage": gradient, "backgroundOrigin": "margin-box", "backgroundClip": "bogus"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "margin-box" for CSS property "backgroundOrigin": padding-box is used.'),
        ("StyleError", "div/div[0]", 'Invalid value "bogus" for CSS property "backgroundClip": border-box is used.')]
    assert reports(card({"maskImage": gradient, "maskOrigin": "bogus", "maskClip": "no-clip", "maskComposite": "xyz",
                         "maskMode": "bogus"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "xyz" for CSS property "maskComposite": add is used.'),
        ("StyleError", "div/div[0]", 'Invalid value "bogus" for CSS property "maskMode": match-source is used.'),
        ("StyleError", "div/div[0]", 'Invalid value "bogus" for CSS property "maskOrigin": border-box is used.'),
        ("StyleError", "div/div[0]", 'Invalid value "no-clip" for CSS property "maskClip": border-box is used.')]
    with pytest.raises(StyleError) as strict:
        render_svg(card({"backgroundImage": gradient, "backgroundRepeat": "bogus"}), width=100, height=50,
                   strict=True)
    assert str(strict.value) == 'div/div[0]: Invalid value "bogus" for CSS property "backgroundRepeat": the image is repeated.'
    assert reports(card({"backgroundImage": gradient, "backgroundPosition": "right 10% top", "backgroundSize": "cover",
                         "backgroundRepeat": "space round"})) == []


def test_valid_transform_values_are_not_noted() -> None:
    assert reports(card({"transform": "rotateY(30deg)", "transformOrigin": "right 3em 2px", "perspective": "10em",
                         "perspectiveOrigin": "top left", "transformStyle": "preserve-3d",
                         "backfaceVisibility": "hidden"})) == []
    assert reports(card({"perspective": "none", "transformOrigin": 5})) == []


# -- fonts and images ----------------------------------------------------------------------------

def test_unknown_font_families() -> None:
    message = ('No font is named "inter" or "roboto" (the fonts given: "geist"); the text falls back to the '
               "other fonts.")
    assert reports(card({"fontFamily": "Inter, Roboto"})) == [("FontError", "div/div[0]", message)]
    with pytest.raises(SatoriError) as info:
        render_svg(card({"fontFamily": "Inter, Roboto"}), width=100, height=50, strict=True)
    assert type(info.value).__name__ == "FontError" and str(info.value) == f"div/div[0]: {message}"
    # A generic family, or any family that is given, is fine; so is inheriting one.
    assert reports(card({"fontFamily": "Inter, sans-serif"})) == []
    assert reports(card({"fontFamily": "'Geist', Inter"})) == []
    assert reports(h("div", {"style": {"fontFamily": "Nope"}}, h("span", None, "x"))) == [
        ("FontError", "div", 'No font is named "nope" (the fonts given: "geist"); the text falls back to '
                             "the other fonts.")]


def test_a_font_loaded_for_missing_characters_is_known() -> None:
    from satori_py.assets import DEFAULT_FONT_PATH
    from satori_py.options import Font

    def load(code: str, segment: str) -> list[Font]:
        return [Font("Extra", DEFAULT_FONT_PATH)]

    # The first pass lacks "Extra"; the pass redone with it does not report the family (only
    # the character, which Extra, being Geist, lacks too).
    el = h("div", {"style": {"display": "flex", "fontFamily": "Extra"}}, "\u3042")
    assert reports(el, load_additional_asset=load) == [
        ("FontError", "div", 'No font has U+3042 "あ": it is drawn as the missing-glyph box. Give a font that has '
                             "it, or load_additional_asset.")]


def test_image_that_fails_to_load() -> None:
    def fetcher(url: str) -> bytes:
        raise OSError("connection refused")

    el = h("div", {"style": {"display": "flex"}}, h("img", {"src": "https://example.com/a.png", "width": 10,
                                                             "height": 10}))
    message = "Can't load image https://example.com/a.png: connection refused"
    assert reports(el, fetcher=fetcher) == [("ImageError", "div/img[0]", message)]
    with pytest.raises(SatoriError) as info:
        render_svg(el, width=100, height=50, fetcher=fetcher, strict=True)
    assert str(info.value) == f"div/img[0]: {message}"
    background = card({"width": 20, "height": 20, "backgroundImage": "url(https://example.com/b.png)"})
    assert reports(background, fetcher=fetcher) == [
        ("ImageError", "div/div[0]", "Can't load image https://example.com/b.png: connection refused")]


def test_keywords_the_text_stage_reads() -> None:
    # (full-width makes the text's X a character Geist lacks: that alone is reported)
    assert reports(card({"whiteSpace": "pre-wrap", "wordBreak": "keep-all", "textTransform": "uppercase full-width",
                         "textWrap": "balance", "fontStyle": "italic"})) == [
        ("FontError", "div/div[0]", 'No font has U+FF38 "Ｘ": it is drawn as the missing-glyph box. Give a font '
                                    "that has it, or load_additional_asset.")]
    for valid in ({"fontStyle": "oblique"}, {"fontStyle": "oblique 10deg"}, {"fontStyle": "oblique -5deg"},
                  {"verticalAlign": "middle"}, {"verticalAlign": "-2px"}, {"verticalAlign": "1em"},
                  {"verticalAlign": "50%"}, {"verticalAlign": -3}, {"objectPosition": "right 20%"},
                  {"objectPosition": "10px 5px"}, {"objectPosition": "1em"}, {"objectPosition": 5},
                  {"objectPosition": "bottom"}, {"lineHeight": "1.5"}, {"lineHeight": "120%"},
                  {"lineHeight": "calc(1em + 2px)"}, {"lineHeight": "Normal"}):
        assert reports(card(valid)) == [], valid
    assert reports(card({"whiteSpace": "prewrap"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "prewrap" for CSS property "whiteSpace".')]
    assert reports(card({"textTransform": "upper"})) == [
        ("StyleError", "div/div[0]", 'Invalid value "upper" for CSS property "textTransform".')]


def test_ignored_children() -> None:
    svg = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='2' height='2'/>"
    el = h("div", {"style": {"display": "flex"}}, h("img", {"src": svg}, "alt text"))
    assert reports(el) == [("InvalidElementError", "div/img[0]", "The children of an <img> are not drawn.")]


INLINE_BOX_IGNORES = [
    ({"width": 300}, "width", "a text box is as wide and as tall as its text"),
    ({"height": "2em"}, "height", "a text box is as wide and as tall as its text"),
    ({"maxWidth": "50%"}, "maxWidth", "a text box is as wide and as tall as its text"),
    ({"minHeight": 40}, "minHeight", "a text box is as wide and as tall as its text"),
    ({"overflow": "hidden"}, "overflow", "it applies to block, flex and grid containers"),
    ({"overflowY": "clip"}, "overflow", "it applies to block, flex and grid containers"),
    ({"transform": "rotate(10deg)"}, "transform", "it applies to block-level and atomic boxes"),
]


def _text_with_span(style: dict[str, Any], display: str | None = None) -> Any:
    span_style = dict(style, **({"display": display} if display else {}))
    return h("div", {"style": {"display": "block", "width": 100}}, "Hello ", h("span", {"style": span_style}, "you"))


@pytest.mark.parametrize("style,prop,why", INLINE_BOX_IGNORES)
def test_what_an_inline_box_ignores_is_reported(style: dict[str, Any], prop: str, why: str) -> None:
    message = (f'"{prop}" is ignored on an inline box (a span in text, display: inline): {why}. '
               "Give it display: inline-block or flex to apply it.")
    assert reports(_text_with_span(style)) == [("InvalidElementError", "div/span[1]", message)]
    with pytest.raises(SatoriError) as raised:
        render_svg(_text_with_span(style), width=100, height=50, strict=True)
    assert (raised.value.path, raised.value.prop, raised.value.message) == ("div/span[1]", prop, message)
    # The same box made atomic takes it: nothing to report.
    assert reports(_text_with_span(style, "inline-block")) == []


def test_values_that_change_nothing_on_an_inline_box_are_not_reported() -> None:
    quiet = {"width": "auto", "minWidth": 0, "maxHeight": "none", "overflow": "visible", "transform": "none",
             "clipPath": "none"}
    assert reports(_text_with_span(quiet)) == []
    # A clip path clips an inline box (tests/paint/test_inline_mask.py), as in a browser.
    assert reports(_text_with_span({"clipPath": "inset(4px)"})) == []
    # A transform inherited from a transformed parent is not the span's own.
    el = h("div", {"style": {"display": "block", "width": 100, "transform": "rotate(3deg)"}},
           "Hello ", h("span", {}, "you"))
    assert reports(el) == []
