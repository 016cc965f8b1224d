"""The exception tree of satori-py, and the helper that attaches a node path.

Every error a user can see is a :class:`SatoriError`. Parsers raise without a
path; the stage that walks the tree wraps each node in :func:`node_context`,
which prefixes the node path (``div/div[1]/span[0]``) and records the CSS
property, so a message reads like::

    div/div[1]: Invalid value for CSS property "display". Allowed values: ...
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from .patterns import lazy_compile

# A message quotes at most this many characters of a value, and is at most MAX_MESSAGE
# characters long: input is untrusted, and a 1 MB style value made 1 MB log lines.
MAX_QUOTED = 200
MAX_MESSAGE = 1000
_LONG_QUOTE = lazy_compile(f'"([^"]{{{MAX_QUOTED + 1},}})"')


def shorten(text: str, keep: int = MAX_QUOTED) -> str:
    """``text``, or its first ``keep`` characters and how long it was."""
    return text if len(text) <= keep else f"{text[:keep]}... ({len(text)} characters)"


def _bounded(message: str, value: Any) -> str:
    """``message`` with the long values it quotes shortened (anything in double quotes, the
    value itself), and what is still too long cut in the middle (its end often names the
    property)."""
    if len(message) <= MAX_MESSAGE:
        return message
    message = _LONG_QUOTE.sub(lambda m: f'"{shorten(m.group(1))}"', message)
    if isinstance(value, str) and len(value) > MAX_QUOTED and value in message:  # not quoted
        message = message.replace(value, shorten(value))
    if len(message) > MAX_MESSAGE:
        tail = MAX_MESSAGE // 5
        message = f"{message[:MAX_MESSAGE - tail]}... ({len(message)} characters) ...{message[-tail:]}"
    return message


# A message shows a node path of more than MAX_PATH characters as its first and last
# PATH_ENDS steps and how many it leaves out: a 256-deep tree's path was 2 kB in every message
# (``path`` keeps the whole path).
MAX_PATH = 200
PATH_ENDS = 4


def shown_path(path: str) -> str:
    """``path`` as a message shows it (see :data:`MAX_PATH`). (Its steps are short already:
    a node path cuts long tag names, :func:`satori_py.element.path_tag`.)"""
    if len(path) <= MAX_PATH:
        return path
    steps = path.split("/")
    if len(steps) > 2 * PATH_ENDS + 1:
        left_out = len(steps) - 2 * PATH_ENDS
        steps = [*steps[:PATH_ENDS], f"... {left_out} steps left out ...", *steps[-PATH_ENDS:]]
    return "/".join(steps)


class SatoriError(Exception):
    """Base class of every error satori-py raises on bad input or a failed render.

    Its message is bounded (:data:`MAX_MESSAGE`): long values it quotes keep their start
    and say how long they were; ``value`` keeps the whole value."""

    def __init__(self, message: str, *, path: str | None = None,
                 prop: str | None = None, value: Any = None) -> None:
        self.message = _bounded(message, value)
        self.path = path
        self.prop = prop
        self.value = value
        super().__init__(self._render())

    def _render(self) -> str:
        return f"{shown_path(self.path)}: {self.message}" if self.path else self.message

    def with_path(self, path: str) -> SatoriError:
        """Attach ``path`` unless a deeper node already claimed the error."""
        if self.path is None:
            self.path = path
            self.args = (self._render(),)
        return self

    def __str__(self) -> str:
        return self._render()


class InvalidElementError(SatoriError, ValueError):
    """The element tree has a shape satori-py cannot read."""


class MarkupError(InvalidElementError):
    """HTML input with a construct satori-py cannot render; knows its ``line`` and ``column``."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None,
                 **kwargs: Any) -> None:
        self.line = line
        self.column = column
        if line is not None:
            message = f"line {line}, column {column}: {message}"
        super().__init__(message, **kwargs)


# What a value parser's catch-all lets through as it is: the library's own errors (already worded)
# and running out of memory, which is not the value's fault (taken for an invalid value, it would
# be reported and cached as one, and later renders of the same card would differ).
NOT_THE_VALUES_FAULT = (SatoriError, MemoryError)


class StyleError(SatoriError, ValueError):
    """A CSS value is invalid; the message is the reference's sentence."""


class UnsupportedPropertyError(StyleError):
    """A CSS property satori-py does not read: its declarations change nothing."""


class FontError(SatoriError):
    """No usable font, or font data that cannot be read."""


class FaceError(FontError):
    """An error of a parsed font face (a glyph, the variation tables).

    The face is shared by every font registered with the same bytes and knows none of
    their names: its message says "a font" where the name goes (``{font}`` in
    ``template``, before any text quoted from the font); the text engine, meeting it
    through a registered font, says which with :meth:`of_font` (``value`` is its name).
    """

    def __init__(self, template: str, font: str | None = None) -> None:
        self.template = template
        super().__init__(template.replace("{font}", "a font" if font is None else f"font {font}", 1), value=font)

    def of_font(self, font: str) -> FaceError:
        """This error, naming the registered font ``font``."""
        named = FaceError(self.template, font)
        named.__cause__ = self.__cause__
        return named


class ImageError(SatoriError):
    """An image that cannot be read, is unsupported, or whose source is blocked."""


class LimitError(SatoriError):
    """The input is over a configured limit (size, depth, bytes, time).

    ``limit`` names the field of :class:`satori_py.Limits` that was exceeded
    (None for fixed limits such as the canvas size).
    """

    def __init__(self, message: str, *, limit: str | None = None, path: str | None = None,
                 prop: str | None = None, value: Any = None) -> None:
        self.limit = limit
        super().__init__(message, path=path, prop=prop, value=value)


class RenderError(SatoriError):
    """Rasterising the SVG failed, or the render worker running it died."""


class RenderTimeoutError(RenderError):
    """A pooled render missed its deadline (its worker, if it had started, was killed)."""


class RenderBusyError(RenderError):
    """The render pool's queue is full: the render was refused without being tried."""


class OptionError(SatoriError, ValueError):
    """An option the renderer does not know (a case file's ``options``), or a bad one."""


# The node the running stage is working on, for reports made deep inside it.
_PATH: ContextVar[str | None] = ContextVar("satori_py_node_path", default=None)


def current_path() -> str | None:
    """The path of the innermost :func:`node_context`, or None outside one."""
    return _PATH.get()


class node_context:  # noqa: N801 - used as a function: `with node_context(path):`
    """Give SatoriErrors raised inside the block the node ``path`` (and ``prop``).

    Reports made inside it (:mod:`satori_py.diagnostics`) get the path too; a ``path`` of
    None clears it for the block (a stage starts outside any node). A class rather than a
    generator: every stage enters one per node, and this is cheaper.
    """

    __slots__ = ("path", "prop", "_token")

    def __init__(self, path: str | None, prop: str | None = None) -> None:
        self.path = path
        self.prop = prop

    def __enter__(self) -> None:
        self._token = _PATH.set(self.path)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        try:
            if isinstance(exc, SatoriError) and self.path is not None:
                if self.prop is not None and exc.prop is None:
                    exc.prop = self.prop
                exc.with_path(self.path)
        finally:
            _PATH.reset(self._token)  # and the error, if any, goes on
