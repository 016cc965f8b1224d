"""The fuzzer: hostile element trees through render_svg and render_png.

usage: python -m tests.fuzz.run [--profile ci|long] [--strategy NAME] [--examples N] [--seed N]
                                [--record PATH] [--max-cpu S] [--max-memory MB]

Each example is rendered to SVG, which must be well-formed XML, and some to
PNG; a render may raise :class:`~satori_py.errors.SatoriError` and nothing
else. Before each example its input is written to ``--record`` (``repr`` of
the tree and options), so that when a binding kills the process the parent
(tests/fuzz/test_fuzz.py) can say which input did it.

Strategies (:data:`~.strategies.STRATEGIES`): ``trees`` (element trees over the
style properties, the default), ``tw`` (elements styled by Tailwind ``tw``
strings with absurd arbitrary values), ``markup`` (hostile HTML text, read
with ``class`` as Tailwind utilities), ``effects`` (transforms with shadows,
filters, borders, clips and masks), ``new`` (the last three mixed),
``fonts`` (short text in a hostile font file: :mod:`.fonts`) and ``bulk`` (one
construct repeated or nested thousands of times: :mod:`.bulk`). With ``--placed``
every SatoriError must also name the node or the property it is about.

Every example runs within ``--max-cpu`` seconds of CPU (default 20; past it the
kernel kills the process with SIGXCPU, even inside native code, and the parent
reports the recorded input) and the process within ``--max-memory`` MB of
address space (default 4096: a Python ``MemoryError`` is a failure like any
other non-SatoriError, a native allocation failure an abort).

Profiles: ``ci`` is a fixed set of examples (derandomized, so CI is
reproducible) small enough for every test run; ``long`` draws 100,000 random
examples and shrinks what it finds. Prints the examples run, the time taken
and the errors raised, by kind. Exit status 0: nothing but SatoriError and
well-formed SVG; 1: a falsifying example (printed).
"""
from __future__ import annotations

import argparse
import collections
import logging
import resource
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from satori_py import Font, Limits, render_png, render_svg
from satori_py.errors import SatoriError

from ..hostile.support import png_header
from .bulk import bulk_trees
from .fonts import FontCase, font_cases
from .strategies import STRATEGIES

STRATEGIES = {**STRATEGIES, "fonts": font_cases(), "bulk": bulk_trees()}

PROFILES: dict[str, dict[str, Any]] = {
    "ci": {"max_examples": 150, "derandomize": True},
    "long": {"max_examples": 100_000},
}
# Tight limits keep each example quick; the limits themselves are tested elsewhere.
LIMITS = Limits(timeout=30.0, max_text_length=20_000, max_total_text=50_000)
sizes = st.one_of(st.none(), st.integers(1, 320), st.sampled_from([0, -1, 1.5, 20000, float("nan"), 1e308]))


def fetcher(url: str) -> bytes:
    if "fail" in url or url.endswith("passwd"):
        raise OSError("refused")
    return png_header(2, 2) if "png" in url else b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"


class Outcomes:
    def __init__(self, record: Path | None, progress: int = 0, placed: bool = False) -> None:
        self.record = record
        self.placed = placed  # every error must name its node or property
        self.progress = progress  # print a line every this many examples (0: never)
        self.start = time.monotonic()
        self.count = 0
        self.errors: collections.Counter[str] = collections.Counter()

    def check(self, tree: Any, width: Any, height: Any, png: bool) -> None:
        self.count += 1
        if self.progress and not self.count % self.progress:
            print(f"{self.count} examples, {time.monotonic() - self.start:.0f} s", file=sys.stderr, flush=True)
        if self.record is not None:
            self.record.write_text(repr({"tree": tree, "width": width, "height": height, "png": png}),
                                   encoding="utf-8", errors="backslashreplace")
        options: dict[str, Any] = {"width": width, "height": height, "limits": LIMITS, "fetcher": fetcher,
                                   "tailwind_classes": isinstance(tree, str)}
        if isinstance(tree, FontCase):  # the font is the input: a card of a size that renders
            options.update(fonts=[Font("Fuzzed", tree.data())], width=320, height=120)
            tree = tree.tree()
        try:
            svg = render_svg(tree, **options)
        except SatoriError as exc:
            self.errors[type(exc).__name__] += 1
            assert not self.placed or exc.path or exc.prop, f"the error names no node nor property: {exc!r}"
            return
        ET.fromstring(svg)  # well-formed XML, whatever the input
        if png:
            try:
                data = render_png(tree, **options)
            except SatoriError as exc:
                self.errors["png:" + type(exc).__name__] += 1
                return
            assert data[:8] == b"\x89PNG\r\n\x1a\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--profile", choices=sorted(PROFILES), default="ci")
    ap.add_argument("--strategy", choices=sorted(STRATEGIES), default="trees", help="what to draw inputs from")
    ap.add_argument("--examples", type=int, help="override the profile's number of examples")
    ap.add_argument("--seed", type=int, help="seed of the random examples")
    ap.add_argument("--record", type=Path, help="file that holds the input being rendered")
    ap.add_argument("--progress", type=int, default=0, help="print progress every N examples")
    ap.add_argument("--max-cpu", type=float, default=20, help="CPU seconds one example may take")
    ap.add_argument("--max-memory", type=int, default=4096, help="MB of address space of the process")
    ap.add_argument("--placed", action="store_true", help="every error must name its node or property")
    args = ap.parse_args(argv)
    memory = args.max_memory << 20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    profile = dict(PROFILES[args.profile])
    if args.examples:
        profile["max_examples"] = args.examples
    logging.disable(logging.WARNING)  # the warnings of invalid values are expected by the thousand
    outcomes = Outcomes(args.record, args.progress, args.placed)

    @settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True,
              phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink), **profile)
    @given(STRATEGIES[args.strategy], sizes, sizes, st.integers(0, 3).map(lambda n: n == 0))
    def fuzz(tree: Any, width: Any, height: Any, png: bool) -> None:
        # SIGXCPU (the default action ends the process) once this example has had --max-cpu seconds.
        used = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(used.ru_utime + used.ru_stime + args.max_cpu) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))
        outcomes.check(tree, width, height, png)

    if args.seed is not None:
        fuzz = __import__("hypothesis").seed(args.seed)(fuzz)
    start = time.monotonic()
    status = 0
    try:
        fuzz()
    except Exception as exc:  # hypothesis re-raises the falsifying example's failure, with it in its notes
        print("FAILED:", "".join(traceback.format_exception(exc)), file=sys.stderr)
        status = 1
    elapsed = time.monotonic() - start
    print(f"{outcomes.count} examples in {elapsed:.0f} s ({args.profile} profile, {args.strategy}); errors raised: "
          + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.errors.items())))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
