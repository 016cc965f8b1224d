"""The Jinja environment of card templates: sandboxed, and bounded in time and in what it builds.

A row may be a stranger's data and a template a user's text. Jinja's own sandbox keeps a
template inside its data (no ``__class__`` walks, no mutation of lists and dicts) and one
``range()`` within 100,000 items; it bounds neither the time of a render nor what it builds:
``{% for i in range(10**8) %}`` ran 59 s and ``{{ "x" * 10**9 }}`` took 54 s and 3.8 GB.
Here the environment also

- counts its steps: calls (macros, methods, globals), filters, operators that can multiply
  and the items of every ``for`` loop (each loop's iterable is paced: :class:`_Guards`),
  at most :data:`MAX_STEPS` for a row, looking at the render's deadline
  (:class:`~satori_py.limits.Limits` ``timeout``) every 256 of them and every 256 pieces of
  output (``f(n-1)`` twice in a macro ``f``, from ``f(40)``, ran until the timeout);
- refuses, before it is built, a string or list of more than ``max_template_chars`` items
  that one operation would make out of smaller ones: ``*``, ``+``, ``~``, ``%`` and format
  widths, ``center``/``ljust``/``zfill`` widths, ``replace``, ``join``, ``indent``,
  ``wordwrap``, ``lipsum``..., and checks every result of a filter or call after;
- refuses an integer of more than :data:`MAX_INT_BITS` bits (``10 ** 10 ** 8``).

Going over a bound is a :class:`~satori_py.errors.LimitError`; the caller
(:meth:`satori_py.templates.Template.render_text`) names the template and its line.
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from jinja2 import Template, nodes, pass_context, pass_eval_context
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from ..errors import LimitError
from ..limits import active, check_deadline

__all__ = ["MAX_INT_BITS", "MAX_STEPS", "CardSandbox", "render"]

# Steps (loop items, calls, filters) of one row's render: a card's lists are tens or
# thousands long; a million loop items take Jinja about a second, a million macro calls some more.
MAX_STEPS = 1_000_000
# Bits of an integer a template may make: 19,728 decimal digits, over the 4,300 Python prints.
MAX_INT_BITS = 1 << 16
_PACE = 256  # steps or output pieces between two looks at the clock
_PACED = "satori_paced"  # the filter every loop's iterable goes through
_JOINED = "satori_joined"  # the filter every `~` concatenation goes through

# Widths and precisions of printf-style ("%-20s", "%*d") and str.format ("{:>20}") fields.
_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\d+|\*)?(?:\.(\d+|\*))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*?:((?:[^{}]|\{[^{}]*\})*)\}")
_DIGITS = re.compile(r"\d+")

# The steps of the row being rendered so far, and the characters of template text its loops
# repeated (one count for its includes and macros too).
_STEPS: ContextVar[list[int] | None] = ContextVar("satori_py_template_steps", default=None)


def render(template: Template, row: Mapping[str, Any]) -> str:
    """The text of a template of a :class:`CardSandbox` for ``row``, counted as it is made."""
    environment = template.environment
    assert isinstance(environment, CardSandbox)
    token = _STEPS.set([0, 0])
    try:
        return environment.count_output(template.generate(**row))
    finally:
        _STEPS.reset(token)


def _step() -> None:
    """Count a step of the render in progress; every ``_PACE`` steps, look at the clock."""
    steps = _STEPS.get()
    if steps is None:  # (a filter folded into a constant while the template compiles)
        return
    steps[0] += 1
    if steps[0] % _PACE == 0:
        check_deadline()
        if steps[0] > MAX_STEPS:
            raise LimitError(f"The template takes more than {MAX_STEPS} steps (loop items, calls and "
                             "filters) for one row.")


def _size(value: Any) -> int:
    """Characters of a string, items of a container; 0 for what has no length."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


class CardSandbox(ImmutableSandboxedEnvironment):
    """A sandboxed Jinja environment of card templates, its work bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: self._guarded(name, fn) for name, fn in self.filters.items()}
        self.filters[_PACED] = self._paced
        self.filters[_JOINED] = self._joined
        self.globals["lipsum"] = self._guarded("lipsum", generate_lorem_ipsum)

    # -- the bounds ------------------------------------------------------------------

    def _too_big(self, size: int, what: str) -> LimitError:
        bound = active().limits.max_template_chars
        return LimitError(f"{what} would make {size} characters or items, over the max_template_chars "
                          f"limit of {bound}.", limit="max_template_chars")

    def check_size(self, size: int, what: str) -> None:
        """Raise LimitError when ``what`` would make more than ``max_template_chars`` items."""
        if size > active().limits.max_template_chars:
            raise self._too_big(size, what)

    def _check_bits(self, bits: int, what: str) -> None:
        if bits > MAX_INT_BITS:
            raise LimitError(f"{what} would make an integer of about {bits} bits, over the {MAX_INT_BITS} "
                             "a template may make.")

    # -- the hooks Jinja calls ---------------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Jinja's tree of ``source``, guarded (:class:`_Guards`)."""
        tree = _Guards().visit(super()._parse(source, name, filename))
        assert isinstance(tree, nodes.Template)
        return tree

    @pass_context  # (never folded at compile time)
    def _paced(self, context: Any, iterable: Iterable[Any], text: int = 0) -> Iterator[Any]:
        """The items of a loop whose body holds ``text`` characters of template text, each a
        step, the text counted: a loop's text is buffered by a ``{% filter %}``, ``{% set %}``
        block or macro before it is output (900,000 items of 1,000 characters took 2.3 GB and
        10.7 s before the filter's result was refused)."""
        steps = _STEPS.get()
        for item in iterable:
            _step()
            if text and steps is not None:
                steps[1] += text
                if steps[1] > active().limits.max_template_chars:
                    raise self._too_big(steps[1], "The text the loops of the template repeat")
            yield item

    @pass_eval_context  # (never folded at compile time)
    def _joined(self, eval_ctx: Any, parts: list[Any]) -> str:
        """``a ~ b ~ ...`` as Jinja joins it, its length counted as its parts are made text
        (before: 100 of a string at the bound were joined, 800 MB, then refused as output)."""
        _step()
        texts: list[str] = []
        total = 0
        for part in parts:
            texts.append(part if isinstance(part, str) else str(part))
            total += len(texts[-1])
            self.check_size(total, "The operator ~")
        return markup_join(texts) if eval_ctx.autoescape else str_join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _step()
        what = f"The operator {operator}"
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                self._check_bits(left.bit_length() + right.bit_length(), what)
            elif isinstance(right, int):
                self.check_size(_size(left) * right, what)
            elif isinstance(left, int):
                self.check_size(_size(right) * left, what)
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                self._check_bits(right * left.bit_length(), what)
        elif operator == "+":
            self.check_size(_size(left) + _size(right), what)
        elif operator == "%" and isinstance(left, str):
            self.check_size(len(left) + _format_widths(left, right), what)
        return self._checked(super().call_binop(context, operator, left, right), what)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's)
        _step()
        target = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner = getattr(target, "__self__", None)
        name = getattr(target, "__name__", "the call")
        if isinstance(owner, str) and name in _STR_METHODS:
            __self.check_size(_STR_METHODS[name](owner, args, kwargs), f"The method {name}")
        return __self._checked(super().call(__context, __obj, *args, **kwargs), f"The call of {name}")

    def _guarded(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` (the filter or global ``name``) with the deadline, its predicted size
        (:data:`_FILTER_SIZES`) and the size of its result checked."""
        predict = _FILTER_SIZES.get(name)
        signature = inspect.signature(fn) if predict is not None else None
        what = f"The filter {name}" if name != "lipsum" else "lipsum"

        def guarded(*args: Any, **kwargs: Any) -> Any:
            _step()
            if predict is not None and signature is not None:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                self.check_size(predict(bound.arguments), what)
            return self._checked(fn(*args, **kwargs), what)

        guarded.__dict__.update(getattr(fn, "__dict__", {}))  # (Jinja's pass-context marks)
        guarded.__name__ = getattr(fn, "__name__", name)
        return guarded

    def _checked(self, value: Any, what: str) -> Any:
        size = _size(value)
        if size > active().limits.max_template_chars:
            raise self._too_big(size, what)
        if isinstance(value, int):
            self._check_bits(value.bit_length(), what)
        return value

    def count_output(self, pieces: Iterable[str]) -> str:
        """The template's output, its characters counted as they come."""
        out: list[str] = []
        total = 0
        for count, piece in enumerate(pieces):
            total += len(piece)
            if count % _PACE == 0 or total > active().limits.max_template_chars:
                check_deadline()
                self.check_size(total, "The output of the template")
            out.append(piece)
        return "".join(out)


class _Guards(NodeTransformer):
    """Every ``for`` loop's iterable through the pacing filter and every ``~`` through the
    counting join (Jinja has no other hook inside a loop without calls, nor in a join)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        text = nodes.Const(_text_of(node.body), lineno=node.iter.lineno)
        node.iter = nodes.Filter(node.iter, _PACED, [text], [], None, None, lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _JOINED, [], [], None, None,
                            lineno=node.lineno)


def _format_widths(fmt: str, args: Any) -> int:
    """Characters the widths and precisions of the fields of ``fmt`` ask for, at most
    (``*`` and nested fields take the largest integer among ``args``)."""
    values = args if isinstance(args, (tuple, list)) else args.values() if isinstance(args, dict) else (args,)
    widest = max((abs(v) for v in values if isinstance(v, int)), default=0)
    total = 0
    for match in _PRINTF_FIELD.finditer(fmt):
        total += sum(widest if part == "*" else int(part) for part in match.groups() if part)
    for match in _FORMAT_SPEC.finditer(fmt):
        spec = match.group(1)
        total += sum(map(int, _DIGITS.findall(spec))) + (widest if "{" in spec else 0)
    return total


def _text_of(body: list[nodes.Node]) -> int:
    """Characters of template text in ``body``, but in the loops and macros inside it (a loop
    counts its own; a macro's text is made where it is called)."""
    total = 0
    todo: list[nodes.Node] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif not isinstance(node, (nodes.For, nodes.Macro, nodes.CallBlock)):
            todo.extend(node.iter_child_nodes())
    return total


def _lines(text: Any) -> int:
    return str(text).count("\n") + 1


def _replaced(s: Any, old: Any, new: Any, count: Any) -> int:
    s, old, new = str(s), str(old), str(new)
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(0, len(new) - len(old))


def _joined(items: Any, separator: Any) -> int:
    if isinstance(items, dict) or not hasattr(items, "__len__"):
        return 0
    return len(items) * len(str(separator)) + sum(map(_size, items))


def _width(value: Any) -> int:
    return value if isinstance(value, int) else 0


# Items a filter (or lipsum) would build, from its bound arguments, at most.
_FILTER_SIZES: dict[str, Callable[[dict[str, Any]], int]] = {
    "center": lambda a: _width(a["width"]),
    "indent": lambda a: len(str(a["s"])) + _lines(a["s"]) * (
        _width(a["width"]) if isinstance(a["width"], int) else len(str(a["width"]))),
    "wordwrap": lambda a: len(str(a["s"])) + (len(str(a["s"])) // max(1, _width(a["width"])) + _lines(a["s"]))
    * len(str(a["wrapstring"] or "\n")),
    "replace": lambda a: _replaced(a["s"], a["old"], a["new"], a["count"]),
    "join": lambda a: _joined(a["value"], a["d"]),
    "format": lambda a: len(str(a["value"])) + _format_widths(str(a["value"]), (*a["args"], *a["kwargs"].values())),
    "batch": lambda a: _width(a["linecount"]),
    "slice": lambda a: _width(a["slices"]),
    "tojson": lambda a: _width(a["indent"]) * 1024,
    "sum": lambda a: 0 if isinstance(a["start"], (int, float)) else _joined(a["iterable"], "") * _size(a["iterable"]),
    "lipsum": lambda a: _width(a["n"]) * _width(a["max"]) * 16,
}

def _padded(s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return max(len(s), _width(args[0] if args else kwargs.get("width", 0)))


def _expanded(s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return len(s) + s.count("\t") * _width(args[0] if args else kwargs.get("tabsize", 8))


def _method_replaced(s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    if len(args) < 2:
        return len(s)
    return _replaced(s, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))


def _translated(s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    table = args[0] if args else None
    if not isinstance(table, dict):
        return len(s)
    return len(s) * max([len(v) for v in table.values() if isinstance(v, str)] + [1])


# Characters a str method would return, at most, from its string and arguments.
_STR_METHODS: dict[str, Callable[[str, tuple[Any, ...], dict[str, Any]], int]] = {
    "center": _padded, "ljust": _padded, "rjust": _padded, "zfill": _padded,
    "expandtabs": _expanded,
    "replace": _method_replaced,
    "translate": _translated,
    "join": lambda s, args, kwargs: _joined(args[0], s) if args else 0,
    "format": lambda s, args, kwargs: len(s) + _format_widths(s, (*args, *kwargs.values())),
    "format_map": lambda s, args, kwargs: len(s) + _format_widths(s, args[0] if args else ()),
}
