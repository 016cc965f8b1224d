"""Jinja2 templates of cards: HTML or JSON, one element per data row.

An HTML template (``.html``, ``.htm``, ``.jinja``, ``.j2``) is rendered by Jinja2
with HTML autoescaping on, so a row's ``<`` or ``"`` is text, never markup,
then read by :func:`satori_py.markup.from_html`. A JSON template (``.json``,
``.json.j2``) escapes every value for the inside of a JSON string
(``"title": "{{ title }}"`` is safe whatever the title holds); ``|tojson``
inserts a whole value (a number, a list) and is left alone. A name the template
uses that the row lacks is an error (``StrictUndefined``), not an empty string.
Templates run in a sandbox bounded in time and size (:mod:`.sandbox`); whatever
fails in one is a :class:`TemplateError` naming the template and its line, or a
:class:`~satori_py.errors.LimitError` for a bound.

A :class:`Template` is small and picklable: the batch renderer ships it to
its workers once, and each compiles it once (a cache bounded by count and by the
characters of the sources it holds).
"""
from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..cache import BoundedCache
from ..element import MAX_NODES
from ..errors import InvalidElementError, LimitError, SatoriError
from ..files import read_regular_text
from ..json_text import decode_json
from ..limits import Limits, enforcing
from ..markup.dialects import check_dialect

__all__ = ["Template", "TemplateError"]

Kind = Literal["html", "json"]
_HTML_SUFFIXES = (".html", ".htm", ".jinja", ".jinja2", ".j2")


class TemplateError(InvalidElementError):
    """A template that cannot be read or compiled, or that fails on a row."""


@dataclass(frozen=True)
class Template:
    """A card template: ``source`` text of ``kind`` ``"html"`` or ``"json"``.

    ``directory`` is where ``{% include %}`` and ``{% extends %}`` look (the
    template file's folder for :meth:`from_file`). ``components``,
    ``tailwind_classes`` and ``markup_dialect`` (as its ``dialect``) are passed
    to :func:`satori_py.markup.from_html`.
    """

    source: str
    kind: Kind = "html"
    name: str = "<template>"
    directory: str | None = None
    components: Mapping[str, Callable[..., Any]] = field(default_factory=dict, hash=False)
    tailwind_classes: bool = False
    markup_dialect: str = "jsx"

    def __post_init__(self) -> None:
        if self.kind not in ("html", "json"):
            raise ValueError(f'Unknown template kind {self.kind!r}: expected "html" or "json".')
        check_dialect(self.markup_dialect, "markup_dialect")

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, kind: Kind | None = None,
                  **options: Any) -> Template:
        """Read a template file; its kind follows its extension unless ``kind`` is given."""
        path = Path(path)
        try:
            source = read_regular_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"Cannot read template {path}: "
                                f"{getattr(exc, 'strerror', None) or exc}.") from None
        if kind is None:
            kind = "json" if path.name.lower().endswith((".json", ".json.j2", ".json.jinja")) else "html"
        return cls(source, kind, path.name, str(path.parent.resolve()), **options)

    def check(self) -> None:
        """Compile the template now: a syntax error is a :class:`TemplateError` naming its line."""
        _compiled(self.source, self.kind, self.name, self.directory)

    def render_text(self, row: Mapping[str, Any], *, limits: Limits | None = None) -> str:
        """The template's text for one row, within ``limits`` (their ``timeout`` and
        ``max_template_chars``; the render's when called inside one)."""
        import jinja2

        from .sandbox import render

        template = _compiled(self.source, self.kind, self.name, self.directory)
        with enforcing(limits):
            try:
                return render(template, row)
            except LimitError as exc:
                raise LimitError(f"{self._where(exc)}: {exc.message}", limit=exc.limit) from None
            except SatoriError:
                raise
            except jinja2.UndefinedError as exc:
                raise TemplateError(f"{self._where(exc)}: {exc.message} (the row has "
                                    f"{', '.join(sorted(map(str, row))) or 'no fields'}).") from None
            except jinja2.TemplateError as exc:
                raise TemplateError(f"{self._where(exc)}: {exc}") from None
            except RecursionError:  # a macro that calls itself, in Jinja's generated code
                raise TemplateError(f"{self.name}: the template recurses too deeply for this row.") from None
            except Exception as exc:  # the template's own expressions: 1/0, sort of mixed types, a range too big
                raise TemplateError(f"{self._where(exc)}: {type(exc).__name__}: {exc}") from None

    def _where(self, exc: BaseException) -> str:
        """The template's name and the line of it ``exc`` came from (Jinja rewrites its
        traceback to the template's lines), when there is one."""
        lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__)
                 if frame.filename in (self.name, "<template>")]
        return f"{self.name}, line {lines[-1]}" if lines else self.name

    def render(self, row: Mapping[str, Any], *, tailwind_config: Mapping[str, Any] | None = None,
               limits: Limits | None = None) -> Any:
        """The element (a dict) of one row; ``tailwind_config`` is the render's (see
        :mod:`satori_py.markup.classes`: it tells which sheet classes are utilities)."""
        text = self.render_text(row, limits=limits)
        if self.kind == "json":
            # A row's value may make the output large (a loop over it): counted before it is decoded.
            return decode_json(text, f"The output of {self.name} for this row", TemplateError, max_nodes=MAX_NODES)
        from ..markup import from_html

        return from_html(text, components=self.components, tailwind_classes=self.tailwind_classes,
                         tailwind_config=tailwind_config, dialect=self.markup_dialect)


def _json_finalize(value: Any) -> Any:
    """Escape a value for the inside of a JSON string; ``|tojson`` output is already JSON."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)[1:-1]


# Compiled, a template holds about nine times its source (a 1 MB one: 9 MB, after 16 s of
# CPU and 320 MB at the peak): 64 of them were kept whatever their size. Now 64 at most,
# of 8 Mi characters of source together; a larger template is compiled, used, not kept.
_COMPILED: BoundedCache[tuple[Any, int]] = BoundedCache(64, weigh=lambda entry: entry[1], max_weight=8 << 20)


def _compiled(source: str, kind: Kind, name: str, directory: str | None) -> Any:
    key = (source, kind, name, directory)
    entry = _COMPILED.get(key)
    if entry is None:
        entry = (_compile(source, kind, name, directory), len(source))
        _COMPILED.put(key, entry)
    return entry[0]


def _compile(source: str, kind: Kind, name: str, directory: str | None) -> Any:
    import jinja2

    from .sandbox import CardSandbox

    loader = jinja2.FileSystemLoader(directory) if directory else None
    if kind == "html":
        env = CardSandbox(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    else:
        env = CardSandbox(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                          finalize=_json_finalize)
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{name}, line {exc.lineno}: {exc.message}") from None
