"""``class`` attributes read as Tailwind utilities too (``tailwind_classes=True``).

On a page styled with Tailwind, ``class="flex p-4"`` is the styling; with the
opt-in, each class of a ``class`` attribute is also given to Tailwind:
``class="flex p-4"`` adds ``flex p-4`` to the element's ``tw``, before its own
``tw`` attribute (whose classes therefore win). An ``<svg>`` root's classes count
(``class="w-6 h-6 text-cyan-600"`` sizes and colours an icon); those of the shapes
inside it do not (Satori lays out no shape). ``className`` is kept either
way, so ``<style>`` selectors still match.

A class that a ``<style>`` sheet of the document names in a selector
(``.card``, ``.card > .title``, ``:not(.muted)``) belongs to the sheet. It is
given to Tailwind as well only when Tailwind knows it as a utility
(``.border``, ``.shadow``, ``.text-xl`` under the render's ``tailwind_config``):
then both apply, and where both set a property the sheet wins, because Satori
puts ``tw`` under the element's style and the sheet's declarations into it, as
a page's own stylesheet loaded after Tailwind's wins there. So
``<style>.border { border-color: red }</style>`` with ``class="border"`` draws a
1px red border. The sheet's other class names (``.card``) are not reported as
unknown utilities; every other class Tailwind does not know (a typo such as
``flx``) is reported as in a ``tw`` attribute.

Sheets are read with the style stage's own parser, so a selector counts exactly
when the stylesheet stage would read it.

Without the opt-in (in the JSX dialect), the first ``class`` attribute that names
utilities Tailwind knows and no sheet names is reported once (:func:`unread_report`):
Satori ignores ``className``, so markup written for a Tailwind page draws unstyled.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..patterns import lazy_compile
from ..style.sheet_parser import AtRule, Item, StyleRule, parse_stylesheet
from ..tailwind.resolver import resolve

__all__ = ["TailwindClasses", "satori_html_tailwind", "sheet_classes", "unread_report"]


class TailwindClasses:
    """Which classes of a ``class`` attribute go to Tailwind, for one document."""

    def __init__(self, sheets: Iterable[str], config: Mapping[str, Any] | None = None) -> None:
        self.sheet_classes = sheet_classes(sheets)
        self.config = config
        self._seen: dict[str, bool] = {}

    def utilities(self, class_name: str) -> list[str]:
        """The classes of ``class_name`` (a ``class`` attribute) to add to ``tw``."""
        return [name for name in class_name.split()
                if name not in self.sheet_classes or self._is_utility(name)]

    def unread(self, class_name: str) -> list[str]:
        """The classes of ``class_name`` that Tailwind would draw but no sheet names: what a
        ``class`` attribute loses when it is not read as Tailwind (see :func:`unread_report`)."""
        return [name for name in class_name.split() if name not in self.sheet_classes and self._known(name)]

    def _known(self, name: str) -> bool:
        known = self._seen.get(name)
        if known is None:  # (one resolve per distinct class of the document)
            known = self._seen[name] = self._is_utility(name)
        return known

    def _is_utility(self, name: str) -> bool:
        # Width and height don't decide whether twrnc knows a class, only whether it applies.
        problems = resolve(name, width=None, height=None, config=self.config).problems
        return not any(problem.kind == "unknown" for problem in problems)


def unread_report(class_name: str, names: list[str]) -> str:
    """What to say of the first ``class`` attribute naming Tailwind utilities (``names``) in
    markup not read with ``tailwind_classes``: Satori reads Tailwind from ``tw`` only."""
    classes = class_name.split()
    written = " ".join(classes[:6]) + (" ..." if len(classes) > 6 else "")
    which = "" if names == classes else " (" + " ".join(names[:4]) + (" ..." if len(names) > 4 else "") + ")"
    return (f'class="{written}" names Tailwind utilities{which} that are not drawn: Satori reads Tailwind '
            "classes from tw only. "
            "Read class attributes as Tailwind with tailwind_classes=True (--tailwind-classes), or write "
            "the classes in tw (this is told once, for the first such element)")


# satori-html 0.3.2's TW_NAMES: a class list with one class starting with one of these (or
# containing the spacing pattern anywhere, its unanchored regex) is given to Tailwind.
_SATORI_HTML_PREFIXES = ("color-", "flex", "h-", "w-", "min-w-", "min-h-", "max-w-", "max-h-", "leading-",
                         "text-", "opacity-", "font-", "aspect-", "tint-", "bg-", "shadow-", "rounded",
                         "top-", "right-", "bottom-", "left-", "inset-", "border", "elevation-", "tracking-",
                         "z-")
_SATORI_HTML_SPACING = lazy_compile(r"[mp](t|b|r|l|x|y)?-")


def satori_html_tailwind(class_name: str) -> bool:
    """Whether satori-html makes a ``class`` attribute the element's ``tw``.

    It does when one of the classes (split at white space) has a ``:`` or looks
    like a utility twrnc has (its ``TW_NAMES``); ``class="card"`` stays a class.
    """
    return any(":" in name or name.startswith(_SATORI_HTML_PREFIXES) or _SATORI_HTML_SPACING.search(name)
               for name in class_name.split())


def sheet_classes(sheets: Iterable[str]) -> frozenset[str]:
    """The class names the selectors of the style sheets ``sheets`` use."""
    found: set[str] = set()
    for text in sheets:
        _collect(parse_stylesheet(text), found)
    return frozenset(found)


def _collect(items: Iterable[Item], found: set[str]) -> None:
    for item in items:
        if isinstance(item, StyleRule):
            for selector in item.selectors:
                _selector_classes(selector, found)
            _collect(item.body, found)
        elif isinstance(item, AtRule) and item.body is not None:
            _collect(item.body, found)


def _selector_classes(parts: Iterable[Any], found: set[str]) -> None:
    """Classes of a raw complex selector (compounds of simple-selector tuples, and combinators)."""
    for compound in parts:
        if isinstance(compound, str):  # a combinator
            continue
        for simple in compound:
            if simple[0] == "." and len(simple) > 1:
                found.add(simple[1])
            elif simple[0] == ":":  # :is(), :where(), :not(), :has(), :nth-child(... of S)
                for argument in simple[2:]:
                    if isinstance(argument, list):
                        for inner in argument:
                            if isinstance(inner, list):
                                _selector_classes(inner, found)
