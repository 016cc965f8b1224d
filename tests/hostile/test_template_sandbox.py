"""Jinja templates run sandboxed, bounded in steps, time and what they build (satori_py/templates/sandbox.py).

Before (session 15, this machine, load ~8): ``{% for i in range(10**8) %}`` ran 59 s; ``{{ "x" * 10**9 }}``
took 61 s and 3.8 GB; ``"x"|center(10**9)`` 40 s and 3.8 GB; ``"%999999999d" % 1`` 47 s and 3.8 GB;
``"x".ljust(10**9)`` 9.5 s and 1.9 GB; ``{{ 1/0 }}`` was a ZeroDivisionError from Jinja's code. After:
each is the error below, in 0.1-0.3 s and 21 MB.
"""
from __future__ import annotations

import pytest

from satori_py.batch import render_many
from satori_py.errors import LimitError
from satori_py.limits import Limits
from satori_py.templates import Template, TemplateError
from satori_py.templates.sandbox import MAX_STEPS

BOUND = Limits().max_template_chars


def limit_error(source: str, limits: Limits | None = None) -> LimitError:
    with pytest.raises(LimitError) as info:
        Template(source).render_text({}, limits=limits)
    return info.value


@pytest.mark.parametrize(("source", "message"), [
    ('{{ "x" * 10**9 }}', "The operator * would make 1000000000 characters or items"),
    ('{{ ["x"] * 10**9 }}', "The operator * would make 1000000000 characters or items"),
    ('{{ "x"|center(1000000000) }}', "The filter center would make 1000000000 characters or items"),
    ('{{ "x".ljust(10**9) }}', "The method ljust would make 1000000000 characters or items"),
    ('{{ "x\\ty".expandtabs(10**9) }}', "The method expandtabs would make 1000000003 characters or items"),
    ('{{ "{:>999999999}".format(1) }}', "The method format would make 1000000012 characters or items"),
    ('{{ "%999999999d" % 1 }}', "The operator % would make 1000000010 characters or items"),
    ('{{ "%*d"|format(10**9, 1) }}', "The filter format would make 1000000003 characters or items"),
    ('{{ lipsum(10**6) }}', "lipsum would make 1600000000 characters or items"),
    ('{{ "a"|replace("a", "b" * 1000)|replace("b", "c" * 10000) }}',
     "The filter replace would make 10000000 characters or items"),
    ('{{ (["ab"] * 1000)|join("x" * 10000) }}', "The filter join would make 10002000 characters or items"),
    ('{{ ("a\\n" * 1000)|indent("x" * 10000) }}', "The filter indent would make 10012000 characters or items"),
])
def test_what_one_operation_would_build_is_refused_before_it_is_built(source: str, message: str) -> None:
    exc = limit_error(source)
    assert exc.limit == "max_template_chars"
    assert str(exc) == f"<template>, line 1: {message}, over the max_template_chars limit of {BOUND}."


def test_doubling_a_string_stops_at_the_bound() -> None:
    # Each `+` is checked before it is made: the string never grows past twice the bound.
    source = '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}'
    assert str(limit_error(source, Limits(max_template_chars=1000))) == (
        "<template>, line 1: The operator + would make 1024 characters or items, over the max_template_chars "
        "limit of 1000.")


def test_joins_with_tilde_are_counted_as_they_are_made() -> None:
    # Before: 100 copies of a string at the bound were joined (800 MB), then refused as output.
    source = '{% set a = "y" * 8000000 %}\n{{ ' + " ~ ".join(["a"] * 100) + " }}"
    assert str(limit_error(source)) == ("<template>, line 2: The operator ~ would make 16000000 characters or items, "
                                        "over the max_template_chars limit of 8388608.")
    # Joined as Jinja joins: what is not safe is escaped.
    assert Template('{{ "a" ~ 1 ~ "<b>" }}|{{ ("<i>"|safe) ~ "<b>" }}').render_text({}) == "a1&lt;b&gt;|<i>&lt;b&gt;"


def test_huge_integers_are_refused() -> None:
    assert str(limit_error("{{ 10 ** 100000000 }}")) == (
        "<template>, line 1: The operator ** would make an integer of about 400000000 bits, over the 65536 a "
        "template may make.")
    source = "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}"
    assert str(limit_error(source)) == (
        "<template>, line 1: The operator * would make an integer of about 103874 bits, over the 65536 a "
        "template may make.")


def test_the_output_is_counted_as_it_is_made() -> None:
    # Loops of a row's value, no call or filter: 15 characters per item.
    source = "{% for i in range(1000) %}{% for j in range(1000) %}{{ s }}{% endfor %}{% endfor %}"
    with pytest.raises(LimitError) as info:
        Template(source).render_text({"s": "x" * 15}, limits=Limits(max_template_chars=100_000))
    assert str(info.value) == ("<template>: The output of the template would make 100005 characters or items, "
                               "over the max_template_chars limit of 100000.")


def test_the_text_loops_repeat_is_counted_before_a_block_buffers_it() -> None:
    # A {% filter %} (or {% set %} block, or macro) buffers its loops' text before it is output:
    # before, 810,000 items of 1,000 characters took 10.7 s and 2.3 GB, then were refused.
    body = "x" * 1000
    source = ("{% filter upper %}\n{% for i in range(90000) %}{% for j in range(9) %}" + body +
              "{% endfor %}{% endfor %}{% endfilter %}")
    assert str(limit_error(source)) == (
        "<template>, line 2: The text the loops of the template repeat would make 8389000 characters or items, "
        "over the max_template_chars limit of 8388608.")
    # The text of an inner loop counts once per its own items, not again in the outer loop's.
    source = "{% for i in range(3) %}ab{% for j in range(4) %}cde{% endfor %}{% endfor %}"
    assert str(limit_error(source, Limits(max_template_chars=41))) == (
        "<template>, line 1: The text the loops of the template repeat would make 42 characters or items, "
        "over the max_template_chars limit of 41.")
    assert len(Template(source).render_text({}, limits=Limits(max_template_chars=42))) == 42


def test_loops_and_calls_are_bounded_in_steps() -> None:
    # Empty loops one inside the other: 10^10 iterations, no output, no call in the inner one.
    steps = (f"<template>, line {{}}: The template takes more than {MAX_STEPS} steps (loop items, calls and "
             "filters) for one row.")
    assert str(limit_error("{% for i in range(10**5) %}\n{% for j in range(10**5) %}{% endfor %}{% endfor %}")) \
        == steps.format(2)


def test_a_macro_that_fans_out_stops_at_the_deadline(ticking_clock: None) -> None:
    # 2^40 calls, no loop: the clock is read every 256 calls (before: until the timeout only
    # because the caller had one; Template.render_text had none at all).
    source = "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}"
    exc = limit_error(source, Limits(timeout=5))
    assert exc.limit == "timeout"
    assert str(exc) == "<template>, line 1: The render took longer than the timeout limit of 5s."


def test_a_template_without_limits_has_the_default_deadline(ticking_clock: None) -> None:
    exc = limit_error("{% for i in range(10**5) %}{% for j in range(10) %}{% endfor %}{% endfor %}")
    assert exc.limit == "timeout" and exc.message.endswith("the timeout limit of 60s.")


@pytest.mark.parametrize(("source", "message"), [
    ("{% for i in range(10**8) %}{% endfor %}", "OverflowError: Range too big. The sandbox blocks ranges larger "
                                                  "than MAX_RANGE (100000)."),
    ("<div>\n{{ 1 / 0 }}</div>", "ZeroDivisionError: division by zero"),
    ("<div>\n{{ [1, 'a']|sort }}</div>", "TypeError: '<' not supported between instances of 'str' and 'int'"),
    ("{% set items = [1] %}\n{{ items.append(2) }}", "access to attribute 'append' of 'list' object is unsafe."),
    ("\n{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
])
def test_errors_of_the_template_name_it_and_its_line(source: str, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        Template(source).render_text({})
    line = source.count("\n", 0, source.index("{{" if "{{" in source else "{%")) + 1
    assert str(info.value) == f"<template>, line {line}: {message}"


def test_what_a_card_does_still_renders() -> None:
    source = ('{% for tag in tags %}{{ loop.index }}/{{ loop.length }} {{ tag|upper }}{% else %}none{% endfor %}|'
              '{% for x in [] %}x{% else %}empty{% endfor %}|{{ "%05.1f"|format(3.14159) }}|{{ "{:>5}".format("ab") }}|'
              '{{ "ab" * 3 }}|{{ title|truncate(9) }}|{{ [1, 2]|sum }}|{{ 2 ** 10 }}|{{ "a-b"|replace("-", " ") }}')
    text = Template(source).render_text({"tags": ["a", "b"], "title": "A long title here"})
    assert text == "1/2 A2/2 B|empty|003.1|   ab|ababab|A...|3|1024|a b"


def test_a_batch_passes_its_limits_to_the_template_and_goes_on() -> None:
    template = Template('<div style="display: flex">{{ title * n }}</div>')
    results = list(render_many([{"title": "ab", "n": 100}, {"title": "ab", "n": 2}], template=template,
                               format="svg", jobs=1, width=100, height=50, limits=Limits(max_template_chars=50)))
    assert str(results[0].error) == ("<template>, line 1: The operator * would make 200 characters or items, over "
                                     "the max_template_chars limit of 50.")
    assert results[1].error is None and results[1].data is not None and results[1].data.startswith(b"<svg")
