"""White space processing of text before it is split into words: one pass for both layouts.

A text node of the text engine (the reference's ``text/processor.ts``) and the
runs of inline content (``text/inline.ts``) go through the same steps (CSS Text 3,
4.1.1): newlines become spaces unless ``white-space`` preserves them; collapsible
spaces and tabs become one space; a collapsible space goes after a collapsible
space, after a newline and at the start of the paragraph, and before a newline
and at the end. Inline content collapses across its runs (and inline box edges);
a text node is one run.

One difference is the reference's and is kept (it changes pixels): in a text node,
``pre-line`` keeps the spaces around a newline (``spaces_at_newlines``); inline
content removes them, like browsers.
"""
from __future__ import annotations

from typing import Any

from ..patterns import lazy_compile

__all__ = ["COLLAPSIBLE", "NO_SOFT_WRAP", "PRESERVED_LINE_BREAKS", "Collapser", "run_text"]

# Tuples, not sets: computed keywords are str enums, which compare equal to their text but
# don't hash like it.
COLLAPSIBLE = ("normal", "nowrap", "pre-line")
PRESERVED_LINE_BREAKS = ("pre", "pre-wrap", "pre-line")
NO_SOFT_WRAP = ("pre", "nowrap")

_SPACES = lazy_compile(r"[ \t]+")
_AT_NEWLINE = lazy_compile(r" ?\n ?")


def run_text(text: str, white_space: Any, *, spaces_at_newlines: bool = False) -> str:
    """One run's text after its own white space rules (newlines, spaces and tabs)."""
    if white_space not in PRESERVED_LINE_BREAKS:
        text = text.replace("\n", " ")
    if white_space in COLLAPSIBLE:
        text = _SPACES.sub(" ", text)
        if not spaces_at_newlines and "\n" in text:
            text = _AT_NEWLINE.sub("\n", text)
    return text


class Collapser:
    """The text of a paragraph, collapsed across its runs, and the owner of each character.

    Add the runs (their :func:`run_text`), atomic inlines and forced breaks in order,
    then :meth:`finish`. Owners are the caller's indices (e.g. of its items).
    """

    __slots__ = ("_after_space", "_collapsible", "_owners", "_parts", "length")

    def __init__(self) -> None:
        self._parts: list[str] = []  # never empty strings
        self._owners: list[int] = []  # of each part
        self._collapsible: set[int] = set()  # owners whose spaces collapse
        self._after_space = True  # at the start, spaces are removed
        self.length = 0  # characters so far

    def _remove_trailing_space(self) -> None:
        parts = self._parts
        if parts and parts[-1][-1] == " " and self._owners[-1] in self._collapsible:
            parts[-1] = parts[-1][:-1]
            self.length -= 1
            if not parts[-1]:
                parts.pop()
                self._owners.pop()

    def _append(self, text: str, owner: int) -> None:
        self._parts.append(text)
        self._owners.append(owner)
        self.length += len(text)

    def add_text(self, text: str, owner: int, collapse: bool) -> None:
        """A run's text after :func:`run_text`; ``collapse``: its white space collapses.

        Inside such a text no space follows a space or a newline, nor precedes a newline
        (``run_text`` saw to it, except for a text node's ``pre-line``, which keeps them):
        only its first character meets the runs before it."""
        if collapse:
            self._collapsible.add(owner)
            if self._after_space and text[:1] == " ":
                text = text[1:]
        if not text:
            return
        if text[0] == "\n":
            self._remove_trailing_space()
        self._append(text, owner)
        last = text[-1]
        self._after_space = last == "\n" or (collapse and last == " ")

    def add_atomic(self, char: str, owner: int) -> None:
        """An atomic inline, as ``char`` (e.g. U+FFFC): spaces after it stay."""
        self._append(char, owner)
        self._after_space = False

    def add_break(self, owner: int) -> None:
        """A forced line break (``<br>``): a newline."""
        self._remove_trailing_space()
        self._append("\n", owner)
        self._after_space = True

    def finish(self) -> str:
        """The collapsed text, without a collapsible space at the end."""
        self._remove_trailing_space()
        return "".join(self._parts)

    def owners(self) -> list[int]:
        """The owner of each character of the text (after :meth:`finish`)."""
        return [owner for part, owner in zip(self._parts, self._owners, strict=True) for _ in part]
