"""What a browser repairs while it reads markup, told to the user with the line and column.

The HTML parser (:mod:`.html` owns it) repairs markup as the HTML5 tokenizer does and
reports some of it (a stray end tag, the end of the markup inside a tag or a comment). The
rest it repairs silently, and is told here:

* a bogus comment: ``<!x>``, ``<![CDATA[`` outside ``<svg>``, ``<?xml ...?>`` or ``</ x>``
  is read as a comment up to the first ``>`` and not drawn (found in the tree: a comment whose
  source does not open with ``<!--``);
* ``</>`` (no tag name: JSX's fragment end) and a doctype past the start of the markup are
  dropped, and ``<>`` (JSX's fragment start) is drawn as text (found in the source, outside
  comments, tags and the raw text of ``<style>``, ``<textarea>``...).

Where the markup starts (:func:`markup_start`: a doctype there opens a document) is found here
for the parser's choice of document or fragment and for the reports alike. The satori-html
dialect's reading, which repairs nothing, is told by :func:`written_reports`.

Markup made by a program can repeat one repair thousands of times: the first
:data:`SHOWN` of a kind are told each, then one report says how many more there are.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import MarkupError
from ..patterns import lazy_compile

__all__ = ["SHOWN", "LineIndex", "markup_start", "parse_reports", "quoted", "written_reports"]

SHOWN = 10  # reports of one kind told each; the rest are counted in one report
_REPAIRED = "(repaired as a browser would)"
# What a browser drops without a trace (an end tag without a name, a doctype past the start) or
# draws as text without a word (JSX's fragment start).
_DROPPED = lazy_compile(r"</?>|<!doctype\b", re.IGNORECASE)
_FRAGMENT_START = ("<> is not a tag (JSX's fragments are not HTML; an element needs a name): it is drawn as the "
                   "text '<>'")


def parse_reports(source: str, errors: Iterable[Any], comments: Sequence[int],
                  covered: Sequence[tuple[int, int]], document: bool) -> list[MarkupError]:
    """The reports of the parser's ``errors`` and of the repairs it made silently, in source order.

    ``comments``: where each comment of the parsed tree starts, in source order; ``covered``: the
    (start, end) spans of the source that are not markup text (start tags, raw text), sorted.
    """
    lines = LineIndex(source)
    first_content = markup_start(source)
    # justhtml says a comment before the doctype is text where a doctype was expected: it is not.
    doctype_first = source[first_content:first_content + 9].lower() == "<!doctype"
    located = [_error(error, lines, comments) for error in errors  # (offset, kind, message)
               if not (doctype_first and getattr(error, "code", None) == "expected-doctype-but-got-chars")]
    spans = sorted([*covered, *((start, comment_end(source, start)) for start in comments)])
    starts = [start for start, _ in spans]
    for offset in comments:
        if not source.startswith("<!--", offset):
            located.append((offset, "bogus", _bogus(source, offset)))
    for match in _DROPPED.finditer(source):
        at = match.start()
        index = bisect_right(starts, at) - 1
        if index >= 0 and spans[index][0] <= at < spans[index][1]:
            continue  # in a comment, a tag or raw text
        if match[0] == "</>":
            located.append((at, "fragment", "</> is not a tag (an end tag needs a name; JSX's fragments are not "
                                            f"HTML): it is dropped {_REPAIRED}"))
        elif match[0] == "<>":
            located.append((at, "text", f"{_FRAGMENT_START} {_REPAIRED}"))
        elif not (document and at == first_content):
            located.append((at, "doctype", f"a doctype past the start of the markup is dropped {_REPAIRED}"))
    return _shown(lines, sorted(located, key=lambda item: item[0]))


def written_reports(source: str, texts: Sequence[tuple[int, int]],
                    swallowed: Sequence[tuple[int, int]]) -> list[MarkupError]:
    """The reports of the satori-html dialect's reading (satori-html's parser, ultrahtml, says
    nothing): ``<>`` in the text spans ``texts`` (start, end) and an unclosed ``<!--``, which
    ultrahtml reads as text when no ``>`` follows, else (``swallowed``: the spans of those)
    as a doctype up to the first ``>``. The dialect draws what satori-html draws."""
    located: list[tuple[int, str, str]] = []
    for start, end in texts:
        for match in _WRITTEN_TEXT.finditer(source, start, end):
            if match[0] == "<>":
                located.append((match.start(), "text", f"{_FRAGMENT_START}, as satori-html and a browser draw it"))
            else:
                located.append((match.start(), "comment", "<!-- is never closed by -->: satori-html draws it and "
                                                          "all that follows as text (a browser draws none of it)"))
    for start, end in swallowed:
        located.append((start, "comment", f"<!-- is never closed by -->: satori-html reads "
                                          f"{quoted(source[start:end])} as a doctype up to the "
                                          "first '>' and draws none of it (a browser draws nothing after the <!--)"))
    return _shown(LineIndex(source), sorted(located, key=lambda item: item[0]))


_WRITTEN_TEXT = lazy_compile(r"<>|<!--")


def comment_end(source: str, start: int) -> int:
    """Where the comment at ``start`` ends in the source (past its ``>``)."""
    if not source.startswith("<!--", start):  # a bogus comment runs to the first '>'
        end = source.find(">", start)
        return len(source) if end < 0 else end + 1
    for abrupt in ("<!-->", "<!--->"):
        if source.startswith(abrupt, start):
            return start + len(abrupt)
    close = _COMMENT_CLOSE.search(source, start + 4)  # the first of --> and --!>: it stops at its own
    return len(source) if close is None else close.end()


def quoted(text: str) -> str:
    """``text`` quoted for a message, its white space folded and cut at 40 characters."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def markup_start(source: str) -> int:
    """Where the markup starts, as a browser's tokenizer finds a document's doctype: past white
    space, comments, bogus comments (``<?xml ...?>``, ``<!x>``, ``</ x>``: a comment up to the
    first ``>``, which the initial insertion mode keeps before a doctype) and ``</>`` (no token).
    Read one token at a time (a pattern with a lazy comment repeated backtracked exponentially)."""
    at = _skip_blank(source, 0)
    while True:
        if source.startswith("</>", at):
            end = at + 3
        elif _COMMENT_START.match(source, at):
            end = comment_end(source, at)
        else:
            return at
        at = _skip_blank(source, end)


def _skip_blank(source: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not white space."""
    blank = _BLANK.match(source, at)
    return at if blank is None else blank.end()


_BLANK = lazy_compile(r"\s*")
# What opens a comment, bogus or not: '<?', '<!' but not a doctype, '</' and not a letter (or '>').
_COMMENT_START = lazy_compile(r"<(?:\?|!(?!doctype)|/[^A-Za-z>])", re.IGNORECASE)
_COMMENT_CLOSE = lazy_compile(r"--!?>")


def _error(error: Any, lines: LineIndex, comments: Sequence[int]) -> tuple[int, str, str]:
    """One of the parser's errors: its offset, kind and message."""
    code = getattr(error, "code", None)
    offset = lines.offset(getattr(error, "line", None) or 1, getattr(error, "column", None) or 1)
    if code == "eof-in-comment" and comments:
        return (comments[-1], "parser", "<!-- is never closed by -->: the comment runs to the end of the markup and "
                                        f"nothing after it is drawn {_REPAIRED}")
    if code == "eof-in-tag":
        return (offset, "parser", "The markup ends inside a tag (a quote left open?): the tag is dropped with all "
                                  f"that follows it {_REPAIRED}")
    message = getattr(error, "message", None) or code or str(error)
    return (offset, "parser", f"{message} {_REPAIRED}")


def _bogus(source: str, offset: int) -> str:
    end = source.find(">", offset)
    written = source[offset:] if end < 0 else source[offset:end + 1]
    if written[:9].upper() == "<![CDATA[":
        why = "CDATA sections are read only inside <svg>"
    elif written.startswith("<?"):
        why = "HTML has no processing instructions"
    elif written.startswith("</"):
        why = "an end tag's name starts with a letter"
    else:
        why = "only <!-- opens a comment"
    return (f"{quoted(written)} is not markup a browser draws ({why}): it is read as a comment up to the first "
            f"'>' and not drawn {_REPAIRED}")


def _shown(lines: LineIndex, located: list[tuple[int, str, str]]) -> list[MarkupError]:
    """The reports, the first :data:`SHOWN` of each kind each, then one count of the rest per kind."""
    out: list[MarkupError] = []
    counts: dict[str, int] = {}
    for offset, kind, message in located:
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= SHOWN:
            line, column = lines.at(offset)
            out.append(MarkupError(message, line=line, column=column))
    for kind, count in counts.items():
        if count > SHOWN:
            out.append(MarkupError(f"... and {count - SHOWN} more repairs like the {_KINDS[kind]} above, not told "
                                   f"one by one {_REPAIRED}"))
    return out


_KINDS = {"parser": "parse errors", "bogus": "bogus comments", "fragment": "</>", "doctype": "doctypes",
          "text": "<>", "comment": "unclosed comments"}


class LineIndex:
    """Line and column of an offset (1-based), by a binary search over the line starts: one
    table per source, for every report (counting the lines before each was quadratic)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0] + [match.end() for match in re.finditer("\n", source)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        start = self.starts[min(max(line, 1), len(self.starts)) - 1]
        return min(start + max(column, 1) - 1, len(self.source))
