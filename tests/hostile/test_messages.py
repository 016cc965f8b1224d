"""Messages and node paths stay short whatever the input: a message quotes the start of a long
value and says how long it was; a node path cuts long tag names, and a message shows a long
node path by its ends.

Before: a 900,000-character colour made a 900,000-character warning (and log line); 100
levels of 100,000-character tag names made 10 MB node paths (1.5 GB, 10 s for one render); a
256-deep tree's max_depth error began with a 2 kB path.
"""
from __future__ import annotations

from typing import Any

from satori_py import SatoriError, StyleError, h, render_svg
from satori_py.errors import MAX_MESSAGE

N = 900_000


def _reports(style: dict[str, Any]) -> list[SatoriError]:
    reports: list[SatoriError] = []
    render_svg(h("div", {"style": style}, "a"), width=20, height=20, on_warning=reports.append,
               on_style_error=reports.append)
    return reports


def test_a_long_invalid_value_is_quoted_by_its_start_and_length() -> None:
    [report] = _reports({"color": "x" * N})
    assert str(report) == f'div: Invalid color "{"x" * 200}... ({N} characters)" for CSS property "color": ' \
        "it is drawn black."
    assert report.value == "x" * N  # the error keeps the whole value


def test_a_long_keyword_keeps_the_sentence_around_it() -> None:
    [report] = _reports({"display": "y" * N})
    assert report.message.startswith('Invalid value for CSS property "display". Allowed values: "block"')
    assert report.message.endswith(f'Received: "{"y" * 200}... ({N} characters)".')


def test_an_unquoted_value_is_shortened_too() -> None:
    try:
        render_svg(h("img", {"src": "u" * N, "width": 10, "height": 10}), width=20, height=20)
    except SatoriError as error:
        assert error.message == f"Image source must be an absolute URL: {'u' * 200}... ({N} characters)"
    else:
        raise AssertionError("the image was accepted")


def test_a_message_without_its_value_is_cut_in_the_middle() -> None:
    message = StyleError("a" * N + " ends here.").message
    assert len(message) <= MAX_MESSAGE + 30
    assert message.startswith("a" * 200) and message.endswith(f"... ({N + 11} characters) ...{'a' * 189} ends here.")


def test_a_short_message_is_unchanged() -> None:
    assert StyleError('Invalid color "x".').message == 'Invalid color "x".'


def test_long_tag_names_are_cut_in_node_paths() -> None:
    tag = "t" * 100_000
    element: Any = h("div", {"style": {"color": "nope"}}, "a")
    for _ in range(100):
        element = {"type": tag, "props": {"children": element}}
    reports: list[SatoriError] = []
    render_svg(element, width=20, height=20, on_style_error=reports.append)
    [report] = reports
    assert report.path is not None
    assert report.path.startswith("t" * 64 + ".../" + "t" * 64 + "...[0]/")
    assert report.path.endswith("/div[0]") and len(report.path) < 100 * 80
    assert str(report).startswith("t" * 64 + ".../" + "t" * 64 + "...[0]/" + "t" * 64 + "...[0]/" + "t" * 64
                                  + "...[0]/... 93 steps left out .../")


def test_a_message_shows_a_long_node_path_by_its_ends() -> None:
    element: Any = h("span", {"style": {"color": "nope"}}, "a")
    for _ in range(199):
        element = h("div", {}, element)
    reports: list[SatoriError] = []
    render_svg(element, width=20, height=20, on_style_error=reports.append)
    [report] = reports
    assert report.path == "div" + "/div[0]" * 198 + "/span[0]"  # the error keeps the whole path
    assert str(report) == 'div/div[0]/div[0]/div[0]/... 192 steps left out .../div[0]/div[0]/div[0]/span[0]: ' \
        'Invalid color "nope" for CSS property "color": it is drawn black.'


def test_a_short_node_path_is_shown_whole() -> None:
    path = "div" + "/div[0]" * 28  # 199 characters
    assert str(StyleError("m", path=path)) == f"{path}: m"
    assert str(StyleError("m", path=path + "/b")) == \
        "div/div[0]/div[0]/div[0]/... 22 steps left out .../div[0]/div[0]/div[0]/b: m"
