"""The SVG serialiser: number format, escaping and determinism."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, strategies as st

from satori_py.svg import SvgNode, fmt, serialize


def test_fmt_is_compact_and_never_negative_zero() -> None:
    assert [fmt(v) for v in (1.0, 1.5, -0.0001, 2.345678, 1e-9, 100, -3.25)] == \
        ["1", "1.5", "0", "2.346", "0", "100", "-3.25"]


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_fmt_round_trips_within_precision(value: float) -> None:
    text = fmt(value)
    assert "e" not in text and text != "-0"
    assert abs(float(text) - value) <= 0.0005 + 1e-9 * abs(value)


def test_serialize_escapes_and_keeps_attribute_order() -> None:
    node = SvgNode("svg", {"b": 1, "a": 'x"<y>&', "skip": None}, [SvgNode("text", {}, text="a<b&c")])
    out = serialize(node)
    assert out == '<svg b="1" a="x&quot;&lt;y&gt;&amp;"><text>a&lt;b&amp;c</text></svg>'
    ET.fromstring(out)


@given(st.text(alphabet=st.characters(max_codepoint=0x7f)), st.text())
def test_serialize_replaces_what_xml_cannot_hold_in_ascii_and_other_text(ascii_text: str, text: str) -> None:
    # ASCII documents are checked without the pattern; both ways must give the same text.
    for value in (ascii_text, text):
        svg = serialize(SvgNode("svg", {"a": value}, [SvgNode("text", text=value)]))
        assert not any(c in svg for c in "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff")
        ET.fromstring(svg)
        kept = "".join(c if c in "\t\n\r" or " " <= c < "\ud800" or "\ue000" <= c < "\ufffe" or c > "\uffff"
                       else "\ufffd" for c in value)
        escaped = kept.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert svg == f'<svg a="{escaped.replace(chr(34), "&quot;")}"><text>{escaped}</text></svg>'
