"""``load_additional_asset``: fonts and images for text that no given font has.

Mirrors the two passes of the reference's ``satori.ts``: the first layout
reports the graphemes each text is missing (``segmentsMissingFont``, here
:meth:`Paragraph.missing_graphemes`), they become ``(language code, segment)``
requests (:func:`~.language.convert_to_language_codes`), each is asked of the
callback once per render, the answers are applied (fonts added to the
registry, data URIs to the grapheme images) and the text is laid out again.

The callback's answer, as in the reference: a ``str`` is the image of the
segment (an emoji, drawn one font size square); a font or a list of fonts is
registered (``satori_py.Font``, or a mapping with its fields); ``None``/``[]``
is no answer. Departures: the requests are made in a fixed order (the
reference's are concurrent, so its fonts register in completion order), the
callback may be ``async`` (awaited here), and loaders marked ``thread_safe``
(the emoji loaders) are called on a few threads at once, like the reference's
``Promise.all``, unless they are also marked ``in_memory`` (the bundled emoji: their
answers never wait, so threads would only add their start-up). Every other call runs on a
thread of its own until the render's deadline (:func:`~satori_py.fetch.bounded.call_bounded`):
a callback that never answers fails the render at its deadline instead of holding its thread.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from typing import Any, Protocol, TypeVar

from ..diagnostics import report
from ..errors import FontError, ImageError, SatoriError
from ..fetch.bounded import call_bounded
from ..limits import active
from ..options import Font
from ..patterns import lazy_compile
from .language import convert_to_language_codes

__all__ = [
    "AssetLoader",
    "compose_asset_loaders",
    "copy_call_hints",
    "layout_with_additional_assets",
    "missing_segments",
    "resolve_additional_assets",
]

AssetLoader = Callable[[str, str], Any]
T = TypeVar("T")
_THREADS = 8


class _MissingReporter(Protocol):
    """What a paragraph offers the first pass (``text.paragraph.Paragraph``)."""

    def missing_graphemes(self) -> list[tuple[str, str | None]]: ...


def _is_empty(answer: Any) -> bool:
    return answer is None or answer == "" or (isinstance(answer, (list, tuple)) and not answer)


def compose_asset_loaders(*loaders: AssetLoader | None) -> AssetLoader | None:
    """One loader asking ``loaders`` in order; the first answer that isn't empty wins.

    Put the user's own loader first and :func:`~.emoji.emoji_asset_loader` after
    it, so that the user's answers (a custom emoji, a font) take precedence.
    ``None`` entries are skipped; with a single loader it is returned as is.
    """
    chain = [loader for loader in loaders if loader is not None]
    if not chain:
        return None
    if len(chain) == 1:
        return chain[0]

    def composed(code: str, segment: str) -> Any:
        answer: Any = None
        for loader in chain:
            answer = _await(loader(code, segment))
            if not _is_empty(answer):
                return answer
        return answer

    copy_call_hints(composed, *chain)
    return composed


def copy_call_hints(wrapper: AssetLoader, *wrapped: AssetLoader) -> None:
    """Mark ``wrapper`` ``thread_safe``/``in_memory`` when every loader it calls is."""
    for hint in ("thread_safe", "in_memory"):
        setattr(wrapper, hint, all(getattr(loader, hint, False) for loader in wrapped))


def _run_coroutines(awaitables: list[Any]) -> list[Any]:
    import asyncio  # only async loaders need it, and it is slow to import

    async def gather() -> list[Any]:
        return list(await asyncio.gather(*awaitables))
    # On a loop and a thread of their own (the render may be called inside a running loop,
    # which can't be blocked on), until the render's deadline.
    answers: list[Any] = call_bounded(asyncio.run, gather(), doing="await load_additional_asset's answers",
                                      waiting="load_additional_asset's answers had not come")
    return answers


def _await(value: Any) -> Any:
    return _run_coroutines([value])[0] if inspect.isawaitable(value) else value


_INDEX = lazy_compile(r"\[(\d+)\]$")


def _document_order(path: str) -> tuple[int, ...]:
    """A sort key of a node path (``div/div[1]/#text[0]``) in document order."""
    return tuple(int(m.group(1)) if (m := _INDEX.search(part)) else 0 for part in path.split("/"))


def _first_text_path(paragraph: Any) -> tuple[int, ...]:
    for item in getattr(paragraph, "items", ()):
        path = getattr(item, "path", None)
        if isinstance(path, str) and hasattr(item, "text"):
            return _document_order(path)
    return ()


def missing_segments(paragraphs: Iterable[_MissingReporter]) -> list[tuple[str, str | None]]:
    """The ``(grapheme, locale)`` pairs the paragraphs lack fonts for, in document order.

    The reference collects them text by text in document order, which decides the
    order of the graphemes in each segment it asks for. Paragraphs are built in
    another order (an inline-block's before its parent's), so they are sorted by
    their first text; only text after an inline-block in the same paragraph still
    comes before the inline-block's own.
    """
    # Only paragraphs that lack something are sorted (a stable sort keeps their order).
    lacking = [(paragraph, missing) for paragraph in paragraphs if (missing := paragraph.missing_graphemes())]
    lacking.sort(key=lambda pair: _first_text_path(pair[0]))
    return [pair for _, missing in lacking for pair in missing]


def _as_font(value: Any, code: str, segment: str) -> Font:
    if isinstance(value, Font):
        return value
    if isinstance(value, Mapping):
        try:
            # An unset weight or style is the reference's `undefined`: 400, normal.
            return Font(value["name"], value["data"], value.get("weight") or 400,
                        value.get("style") or "normal", value.get("lang"))
        except KeyError as exc:
            raise FontError(f'load_additional_asset("{code}", "{segment}") returned a font '
                            f"without {exc.args[0]!r}.") from None
    raise FontError(f'load_additional_asset("{code}", "{segment}") returned '
                    f"{type(value).__name__}: expected a data URI string, a Font or a list of fonts.")


def _drawable(image: str, code: str, segment: str) -> bool:
    """Whether an image answer goes into the SVG: a ``data:`` URI, checked as any image an SVG
    embeds is (a PNG claiming 60000 x 60000 px aborted the process; an SVG's filter work counts).
    Anything else is reported and left out, as resvg draws no URL: it read a path as a file
    (``/dev/zero`` filled the memory, a FIFO hung the render)."""
    if image.lstrip()[:5].lower() != "data:":
        report(ImageError(f'load_additional_asset("{code}", "{segment}") returned "{image}", which is not a '
                          "data: URI: it is not drawn.", value=image))
        return False
    from ..images.checks import check_href  # (the image checks: with the first image)

    try:
        active().count_effect(check_href(image), what="The SVG image's filter primitives")
    except SatoriError as exc:
        exc.prop = exc.prop or "load_additional_asset"
        raise
    return True


def _call_all(load: AssetLoader, requests: list[tuple[str, str]]) -> list[Any]:
    in_memory = getattr(load, "in_memory", False)

    def call(request: tuple[str, str]) -> Any:
        code, segment = request
        asked = f'load_additional_asset("{code}", "{segment}")'
        try:
            if in_memory:  # answers at once: no thread
                return load(code, segment)
            return call_bounded(load, code, segment, doing=f"call {asked}", waiting=f"{asked} had not answered")
        except SatoriError:
            raise
        except Exception as exc:
            raise FontError(f'load_additional_asset("{code}", "{segment}") failed: {exc}') from exc

    if len(requests) > 1 and getattr(load, "thread_safe", False) and not in_memory:
        from concurrent.futures import ThreadPoolExecutor  # only here: a plain card asks for no asset

        with ThreadPoolExecutor(max_workers=min(_THREADS, len(requests)),
                                thread_name_prefix="satori-py-assets") as pool:
            answers = list(pool.map(call, requests))
    else:
        answers = [call(r) for r in requests]
    pending = [i for i, a in enumerate(answers) if inspect.isawaitable(a)]
    if pending:
        try:
            done = _run_coroutines([answers[i] for i in pending])
        except SatoriError:
            raise
        except Exception as exc:
            raise FontError(f"load_additional_asset failed: {exc}") from exc
        for i, value in zip(pending, done):
            answers[i] = value
    return answers


def resolve_additional_assets(paragraphs: Iterable[_MissingReporter], registry: Any,
                              grapheme_images: MutableMapping[str, str],
                              load_additional_asset: AssetLoader | None, *,
                              processed: set[str] | None = None) -> bool:
    """Ask ``load_additional_asset`` for what the first pass's paragraphs lack, and apply it.

    Fonts go to ``registry.add_fonts`` (in request order), images into
    ``grapheme_images`` (mutated: pass the same mapping the second pass gives
    its paragraphs). ``processed`` (``processedWordsMissingFonts``) holds the
    ``"code_segment"`` requests already made in this render; a request is made
    once. Returns whether anything was added, i.e. whether to lay out again.
    """
    if load_additional_asset is None:
        return False
    segments = missing_segments(paragraphs)
    if not segments:
        return False
    seen = processed if processed is not None else set()
    requests: list[tuple[str, str]] = []
    for code, parts in convert_to_language_codes(segments).items():
        for segment in parts:
            key = f"{code}_{segment}"
            if key not in seen:
                seen.add(key)
                requests.append((code, segment))
    if not requests:
        return False
    fonts: list[Font] = []
    images: dict[str, str] = {}
    # The bundled emoji are satori-py's own images: checking each again cost 1 ms a render.
    bundled = getattr(load_additional_asset, "in_memory", False)
    for (code, segment), answer in zip(requests, _call_all(load_additional_asset, requests)):
        if isinstance(answer, str):
            if answer and (bundled or _drawable(answer, code, segment)):
                images[segment] = answer
        elif isinstance(answer, (list, tuple)):
            fonts.extend(_as_font(f, code, segment) for f in answer)
        elif answer is not None and answer is not False:
            fonts.append(_as_font(answer, code, segment))
    if fonts:
        registry.add_fonts(fonts)
    grapheme_images.update(images)
    return bool(fonts or images)


def layout_with_additional_assets(layout_pass: Callable[[], tuple[T, Sequence[_MissingReporter]]],
                                  registry: Any, grapheme_images: MutableMapping[str, str],
                                  load_additional_asset: AssetLoader | None, *,
                                  processed: set[str] | None = None) -> T:
    """The reference's flow around a layout: lay out, resolve what's missing, lay out again.

    ``layout_pass()`` builds the tree with ``registry`` and ``grapheme_images``
    (read when it runs, so the second pass sees what was added) and returns
    ``(result, paragraphs)``, every paragraph it built; the result may be
    unfinished boxes (``TreeBuilder.build``), finished by the caller, since the
    first pass needs no geometry. The second pass runs only when the callback
    added something. ``processed``: see :func:`resolve_additional_assets`; share
    one set between the passes of a render (e.g. the container-query pass).
    """
    result, paragraphs = layout_pass()
    if resolve_additional_assets(paragraphs, registry, grapheme_images, load_additional_asset,
                                 processed=processed):
        result, _ = layout_pass()
    return result
