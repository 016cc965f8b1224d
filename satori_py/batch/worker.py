"""The worker side of a batch: one context per worker, then one item at a time.

A :class:`BatchContext` (the render options, fonts included, and the template)
reaches each worker once: as the argument of a local worker process
(:func:`serve`), as a scattered Dask future, or, for any other executor, with
each chunk, where the worker still prepares it only once (:data:`_PREPARED`,
keyed by the context's token). Preparing reads every font file into memory and
compiles the template, so rendering an item does neither.

An item is an element (dict, JSON or HTML text, :class:`~satori_py.element.Element`),
a path to a case, JSON or HTML file (its options under the batch's), or with a
template a data row. A PNG whose element and options come again (a repeated row)
is answered from the process's bounded :data:`_CACHE` instead of rendered again.
Whatever goes wrong with an item is its result's error; a :class:`SatoriError`
stays itself, anything else becomes a :class:`RenderError` carrying the traceback
text, so the batch goes on and the bug is visible.
"""
from __future__ import annotations

import os
import pickle
import signal
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Literal

from resvg_bridge import on_raster_stack
from resvg_bridge.heap import keep_freed_memory

from ..errors import RenderError, SatoriError
from ..limits import out_of_memory
from .. import pickling
from ..output_cache import OutputCache
from ..pickling import Flat
from ..layout import taffy_thread
from ..markup.source import is_markup_file
from ..templates import Template
from .rows import Row

__all__ = ["BatchContext", "Job", "Outcome", "flat_items", "packed", "render_jobs", "run_with", "serve", "setups",
           "warm"]

Format = Literal["png", "svg"]
Job = tuple[int, Any, Format]
"""(index in the batch, the item, the output format)."""
Outcome = tuple[int, bytes | None, Exception | None]


@dataclass(frozen=True)
class BatchContext:
    """What every item of a batch shares; ``token`` names it in the workers' caches."""

    options: Mapping[str, Any] = field(default_factory=dict)
    template: Template | None = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class _Prepared:
    options: dict[str, Any]
    png_options: dict[str, Any]
    template: Template | None


_PREPARED: OrderedDict[str, _Prepared] = OrderedDict()
_MAX_PREPARED = 4
_SETUPS = 0
# The tokens of the contexts warmed in this process, of those in _PREPARED only: a process
# calling render_many for every request kept one more token each time.
_WARM: set[str] = set()
_PNG_ONLY = ("scale", "background", "compression")
# The images of batches, for their repeated items: 16 MB, 100-300 cards, in each process
# (a key costs ~0.1 ms and keeping an image ~0.04 ms, against ~50 ms for a render).
_CACHE = OutputCache(16 << 20)


def setups() -> int:
    """How many contexts this process has prepared (the tests check it is one per worker)."""
    return _SETUPS


def prepare(context: BatchContext) -> _Prepared:
    """Load the fonts and compile the template of ``context``, once per process."""
    global _SETUPS
    prepared = _PREPARED.get(context.token)
    if prepared is not None:
        _PREPARED.move_to_end(context.token)
        return prepared
    from ..options import Font

    options = dict(context.options)
    fonts = options.get("fonts")
    if fonts is not None:
        options["fonts"] = [Font(f.name, f.load_bytes(), f.weight, f.style, f.lang)
                            if isinstance(f, Font) else f for f in fonts]
    if context.template is not None:
        context.template.check()
    png_options = {k: options.pop(k) for k in _PNG_ONLY if k in options}
    prepared = _Prepared(options, png_options, context.template)
    _PREPARED[context.token] = prepared
    while len(_PREPARED) > _MAX_PREPARED:
        _PREPARED.popitem(last=False)
    _SETUPS += 1
    return prepared


def warm(context: BatchContext) -> _Prepared:
    """Prepare ``context`` in this process and render a tiny card with its fonts (once), so
    that no item pays for the imports and the font parsing, and worker processes forked
    from this one inherit them too. Raises what preparing raises; the card's own failure
    is ignored (each item reports its errors)."""
    prepared = prepare(context)
    if context.token in _WARM:
        return prepared
    _WARM.add(context.token)
    _WARM.intersection_update(_PREPARED)
    from .. import api

    try:
        api.render_png('<div style="display: flex">Aa</div>', width=8, height=8, emoji=None,
                       fonts=prepared.options.get("fonts"), on_warning=_ignore)
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    return prepared


def _ignore(_: Exception) -> None:
    pass


def serve(conn: Connection, context: BatchContext) -> None:
    """A local worker process (:mod:`.pool`): prepare and warm ``context`` (already done when
    forked from a parent that did), say so, then answer each list of jobs from ``conn`` with
    its outcomes, until ``None`` or the end of the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers
    keep_freed_memory()  # this process renders item after item: keep the raster's memory
    # On a thread with the raster's stack: each render runs right there. A thread worn out
    # by what Taffy leaves with it hands over to a fresh one (taffy_thread.worn_out).
    prepared = on_raster_stack(lambda: _ready(conn, context))
    while prepared is not None and on_raster_stack(lambda: _serve(conn, prepared)):
        pass


def _ready(conn: Connection, context: BatchContext) -> _Prepared | None:
    """``context`` prepared and warm, said so on ``conn`` (None: it failed, and said that)."""
    try:
        prepared = warm(context)
    except Exception as exc:
        conn.send(("failed", _sendable(exc)))
        return None
    conn.send(("ready", None))
    return prepared


def _serve(conn: Connection, prepared: _Prepared) -> bool:
    """Answer lists of jobs until the end (False) or this thread is worn out (True)."""
    while not taffy_thread.worn_out():
        try:
            jobs = conn.recv()
        except EOFError:
            return False
        if jobs is None:
            return False
        outcomes = render_jobs(prepared, jobs)
        try:
            conn.send(outcomes)
        except Exception:  # an error that cannot be pickled: send its text
            conn.send([(index, data, error if error is None else _sendable(error))
                       for index, data, error in outcomes])
    return True


def _sendable(error: Exception) -> Exception:
    try:
        pickle.dumps(error)
        return error
    except Exception:
        return RenderError(f"{type(error).__name__}: {error}")


def run_with(context: BatchContext, jobs: bytes | Sequence[Job]) -> list[Outcome]:
    """Render ``jobs`` (or their pickle, :func:`packed`) with ``context`` (prepared on its
    first use in this process)."""
    return render_jobs(prepare(context), pickle.loads(jobs) if isinstance(jobs, bytes) else jobs)


def packed(jobs: Sequence[Job]) -> bytes | list[Job]:
    """``jobs`` pickled, for an executor that pickles what it sends (pickling bytes is a
    copy): pickled once here, flat (:func:`flat_items`) only when an item nests deeper than
    pickle can follow. The jobs themselves when they cannot be pickled at all (a lambda
    component): the executor says why, or needs not pickle them."""
    try:
        return pickling.dumps(list(jobs), flat_items, pickle.dumps)
    except Exception:
        return list(jobs)


def flat_items(jobs: Sequence[Job]) -> list[Job]:
    """``jobs`` with their items as flat trees: an element nested deeper than pickle can follow
    (satori_py.pickling) still goes to a worker process, whose pickle.loads rebuilds it."""
    return [(index, Flat(item), fmt) for index, item, fmt in jobs]


def render_jobs(prepared: _Prepared, jobs: Sequence[Job]) -> list[Outcome]:
    out: list[Outcome] = []
    for index, item, fmt in jobs:
        try:
            out.append((index, _render(prepared, item, fmt), None))
        except SatoriError as exc:
            out.append((index, None, exc))
        except MemoryError:
            out.append((index, None, out_of_memory()))
        except Exception as exc:  # a bug, or user code (a component) failing: report, go on
            error = RenderError(f"{type(exc).__name__}: {exc}")
            error.traceback = traceback.format_exc()  # type: ignore[attr-defined]
            out.append((index, None, error))
    return out


def _render(prepared: _Prepared, item: Any, fmt: Format) -> bytes:
    from .. import api

    options = prepared.options
    if prepared.template is not None:
        element = prepared.template.render(item.data if isinstance(item, Row) else item,
                                           tailwind_config=options.get("tailwind_config"), limits=options.get("limits"))
    elif isinstance(item, os.PathLike) and not is_markup_file(item):
        from ..case import load_case

        case = load_case(item)
        element = case.element
        options = {**case.render_kwargs(), **options}
    else:  # render_svg reads HTML text and files itself, with the batch's options
        element = item
    if fmt == "svg":
        return api.render_svg(element, **options).encode("utf-8")
    return bytes(api.render_png(element, **options, **prepared.png_options, cache=_CACHE))
