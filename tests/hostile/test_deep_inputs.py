"""Deep nesting in the input forms read outside a render: markup and Jinja templates.

Inside a render a RecursionError becomes a LimitError (limits.enforcing); ``from_html`` and
``Template.render`` are also called on their own (the batch renderer, a web route that
keeps the element): there 400 unclosed ``<div>`` and a macro that calls itself were a
RecursionError.
"""
from __future__ import annotations

import pytest

from satori_py import LimitError, Limits, render_svg
from satori_py.markup import from_html
from satori_py.templates import Template, TemplateError


def test_markup_nested_past_max_depth_is_a_limit_error() -> None:
    assert from_html("<div>" * 256 + "x")["type"] == "div"  # the render counts it (256: drawn)
    for depth in (259, 3000):
        with pytest.raises(LimitError) as info:
            from_html("<div>" * depth + "x")
        # (the 259th <div> is the first past the limit: 5 characters each)
        assert str(info.value) == ("The markup nests its elements more than 256 levels deep (the max_depth limit): "
                                   "the element at line 1, column 1291 is deeper.")
        assert info.value.limit == "max_depth"
    # With max_depth raised past what the interpreter's stack follows.
    with pytest.raises(LimitError) as info:
        render_svg("<div>" * 3000 + "x", width=10, height=10, limits=Limits(max_depth=5000))
    assert str(info.value) == "The markup nests its elements too deeply to be read (max_depth is 5000)."


def test_a_template_that_recurses_is_a_template_error() -> None:
    template = Template("{% macro m(n) %}<div>{{ m(n + 1) }}</div>{% endmacro %}{{ m(0) }}")
    with pytest.raises(TemplateError) as info:
        template.render({})
    assert str(info.value) == "<template>: the template recurses too deeply for this row."
    with pytest.raises(LimitError, match="more than 256 levels deep"):
        Template("{% for i in range(n) %}<div>{% endfor %}x").render({"n": 3000})
