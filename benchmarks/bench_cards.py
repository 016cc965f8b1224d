"""satori-py against next/og's pipeline (Satori 0.63.2 + resvg-js 2.6.2) on realistic cards.

usage: python benchmarks/bench_cards.py [--rounds N] [--only warm,raster,threads,cold,front]
                                        [--ref DIR] [--filter SUBSTR] [--json OUT]
                                        [--backends resvg,svg2png] [--fresh-text] [--plain-malloc]

The cards are benchmarks/cards/*.json (1200x630 Open Graph cards: blog, product,
profile, pricing, stats, event, docs, ...; fonts from ../shared/conformance/fonts).
The reference runs in one long-lived node process (benchmarks/satori_server.mjs)
with its node_modules from ``--ref`` (default: ``$SATORI_REF_DIR``, else ../ref
beside the repository; shared/tools/satori-ref after ``npm install``). Every
measurement alternates the two sides, round after round, so that load from other
processes slows both alike; ratios are ours / theirs, paired per round, and each
figure is a median with its spread (min-max over rounds). The load average is
printed before and after.

Sections (all by default):
  warm     render_png (element -> PNG, warm caches, fonts as bytes) against
           satori() + new Resvg(svg).render().asPng(); per card and median. With
           ``--backends resvg,svg2png`` each backend is measured in the same
           rounds (which goes first rotates), and their paired ratio is printed:
           ``resvg`` is what ``pip install satori-py`` rasterises with.
  raster   our raster of our SVG against resvg-js on Satori's SVG of the same card
           (the cards with blurred shadows are marked).
  threads  throughput of render_png in 2 threads against 1 thread, same cards
           (benchmarks/bench_threads.py, which also runs alone).
  cold     `satori-py CARD -o out.png` in a new process against `node render.mjs
           CARD out` (shared/tools/satori-ref) on benchmarks/simple-card.json;
           wall and CPU time, paired per round. Alone:
           ``python benchmarks/bench_cards.py --only cold --rounds 15``.
  front    the front end alone: render_svg (element -> SVG string) against satori(),
           warm, and with every satori-py cache cleared before the call (fonts given
           as bytes are parsed again: THE cleared figure); per card and median. Not run
           by default. An extra line, "cleared, parsed fonts kept", clears every cache
           but the parsed fonts (faces.py's sfnt and face caches), as Satori's own
           benchmark keeps its parsed fonts (the FontLoader of a fonts array, each
           opentype.js glyph's parsed outline) from render to render: for information,
           never instead of the cleared figure. Another extra line, "first sight", renders
           each card once in a process whose caches were emptied and then warmed by the
           OTHER cards only (each rendered once): what a long-running service sees for a
           design it has not met (its fonts, presets and common values known, this card's
           styles, texts and layout not), and likely what an outside timing run sees.

The process keeps the memory its rasters free (:func:`resvg_bridge.heap.keep_freed_memory`,
as the render pools do in the processes they own: ImageResponse's workers or threads,
the batch CLI), so a warm render is measured as a server renders it; without it each
raster maps its canvas and layers afresh (about 2,100 page faults on a 1200x630 card,
a tenth of its raster's CPU time). ``--plain-malloc`` measures glibc's defaults instead.
(resvg-js in node takes about 3,900 page faults per raster of event-gala.)

``--fresh-text``: warm and front measure each round on a variant of each card whose
texts are new (the words of every text rotated by the round number: the same glyphs,
other lines), given to both sides, as a server sees a template with a new title on
every request; without it a round repeats the card the caches have just seen.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
sys.path.insert(0, str(REPO))

import resvg_bridge  # noqa: E402
import resvg_bridge.heap  # noqa: E402
from satori_py import render_png, render_svg  # noqa: E402
from satori_py.cache import BoundedCache  # noqa: E402
from satori_py.case import load_case  # noqa: E402
from satori_py.options import Font  # noqa: E402
from satori_py.text import faces  # noqa: E402

# A shadow with a blur: two offsets (px or a bare 0), then a blur radius that is not 0.
BLUR = re.compile(r'(?:box|text)Shadow"\s*:\s*"[^"]*?-?\d+(?:px)?\s+-?\d+(?:px)?\s+[1-9]\d*px')


@dataclass
class Card:
    name: str
    path: Path
    kwargs: dict[str, Any]
    blurred: bool
    our_svg: str = ""
    times: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.times.setdefault(key, []).append(value)

    def variant(self, round_no: int, tmp: Path | None) -> tuple[Path, dict[str, Any]]:
        """The case file and render_png/render_svg arguments for a round: the card itself,
        or (``tmp`` given: --fresh-text) a copy with its texts' words rotated by
        ``round_no + 1``, written to ``tmp`` under a new name (the node side keeps each
        case it has seen), with the fonts of the card (read once, like a server)."""
        if tmp is None:
            return self.path, self.kwargs
        raw = json.loads(self.path.read_text())
        raw["element"] = _rotate_words(raw["element"], round_no + 1)
        for font in raw.get("options", {}).get("fonts") or []:
            font["file"] = str((self.path.parent / font["file"]).resolve())
        path = tmp / f"{self.name}-r{round_no}.json"
        path.write_text(json.dumps(raw))
        kwargs = {"element": load_case(path).element, **{k: v for k, v in self.kwargs.items()
                                                        if k != "element"}}
        return path, kwargs


def _rotate_words(node: Any, by: int) -> Any:
    """``node`` with the words of every text child rotated by ``by`` (styles untouched)."""
    if isinstance(node, str):
        words = node.split(" ")
        k = by % len(words)
        return " ".join(words[k:] + words[:k])
    if isinstance(node, list):
        return [_rotate_words(n, by) for n in node]
    if isinstance(node, dict) and isinstance(node.get("props"), dict):
        props = dict(node["props"])
        if "children" in props:
            props["children"] = _rotate_words(props["children"], by)
        return {**node, "props": props}
    return node


class Reference:
    """The long-running node process that runs Satori and resvg-js (or, with ``script``
    takumi_server.mjs, another peer speaking the same protocol)."""

    def __init__(self, ref_dir: Path, script: str = "satori_server.mjs") -> None:
        self.proc = subprocess.Popen(["node", str(ROOT / script), str(ref_dir)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, op: str, case: Path) -> dict[str, Any]:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"op": op, "case": str(case)}) + "\n")
        self.proc.stdin.flush()
        reply = json.loads(self.proc.stdout.readline())
        if "error" in reply:
            raise RuntimeError(f"{case.name}: {reply['error']}")
        return reply

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def load_cards(pattern: str) -> list[Card]:
    cards = []
    for path in sorted((ROOT / "cards").glob("*.json")):
        if pattern not in path.stem:
            continue
        case = load_case(path)
        kwargs = {"element": case.element, **case.render_kwargs(offline=True)}
        # A server reads its fonts once; so does the node side.
        kwargs["fonts"] = [Font(f.name, f.load_bytes(), f.weight, f.style, f.lang)
                           for f in kwargs.get("fonts") or []] or None
        cards.append(Card(path.stem, path, kwargs, bool(BLUR.search(path.read_text()))))
    return cards


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1e3


def spread(xs: list[float]) -> str:
    return f"{statistics.median(xs):6.2f} ({min(xs):.2f}-{max(xs):.2f})"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextlib.contextmanager
def backend_env(backend: str) -> Iterator[None]:
    """Rasterise with ``backend`` (the bridge reads its environment variable per call)."""
    old = os.environ.get(resvg_bridge.ENV_BACKEND)
    os.environ[resvg_bridge.ENV_BACKEND] = backend
    try:
        yield
    finally:
        if old is None:
            del os.environ[resvg_bridge.ENV_BACKEND]
        else:
            os.environ[resvg_bridge.ENV_BACKEND] = old


def bench_warm(cards: list[Card], ref: Reference, rounds: int, raster: bool, backends: list[str],
               tmp: Path | None = None) -> None:
    for card in cards:  # warm-up: caches on both sides
        for backend in backends:
            ref.ask("render", card.path)
            with backend_env(backend):
                render_png(**card.kwargs)
        card.our_svg = render_svg(**card.kwargs)
    for r in range(rounds):
        # Each round starts with another backend, so none is always first after node.
        order = backends[r % len(backends):] + backends[:r % len(backends)]
        for card in cards:
            case_path, kwargs = card.variant(r, tmp)
            theirs = ref.ask("render", case_path)
            ref_total = theirs["satori_ms"] + theirs["resvg_ms"]
            card.add("ref_total", ref_total)
            for backend in order:
                with backend_env(backend):
                    t0 = time.perf_counter()
                    render_png(**kwargs)
                    ours = ms(t0)
                card.add(f"ours_total/{backend}", ours)
                card.add(f"ratio_total/{backend}", ours / ref_total)
            if raster:
                theirs = ref.ask("raster", card.path)
                card.add("ref_raster", theirs["resvg_ms"])
                for backend in order:
                    t0, c0 = time.perf_counter(), time.process_time()
                    resvg_bridge.svg_to_png(card.our_svg, backend=backend)
                    # (process CPU: the raster runs on a thread of its own; ours are idle else)
                    ours, cpu = ms(t0), 1e3 * (time.process_time() - c0)
                    card.add(f"ratio_raster/{backend}", ours / theirs["resvg_ms"])
                    card.add(f"ours_raster/{backend}", ours)
                    card.add(f"cpu_ratio_raster/{backend}", cpu / theirs["resvg_cpu_ms"])
            if len(backends) > 1:
                first = card.times[f"ours_total/{backends[0]}"][-1]
                for backend in backends[1:]:
                    card.add(f"vs_first/{backend}", card.times[f"ours_total/{backend}"][-1] / first)


def report_warm(cards: list[Card], raster: bool, backends: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for backend in backends:
        key = f"ratio_total/{backend}"
        print(f"\n== warm render_png vs Satori + resvg-js (ms; median (min-max) over rounds), "
              f"backend {backend}")
        print(f"{'card':22} {'satori+resvg-js':>22} {'render_png':>22} {'ratio':>22}")
        for c in cards:
            print(f"{c.name:22} {spread(c.times['ref_total']):>22} "
                  f"{spread(c.times[f'ours_total/{backend}']):>22} {spread(c.times[key]):>22}")
        medians = [statistics.median(c.times[key]) for c in cards]
        res = {"total_ratio_median": statistics.median(medians), "total_ratio_max": max(medians),
               "total_ratio_worst_card": cards[medians.index(max(medians))].name}
        print(f"median paired ratio over {len(cards)} cards: {res['total_ratio_median']:.3f}; "
              f"worst card {res['total_ratio_worst_card']} {res['total_ratio_max']:.3f}")
        if raster:
            print(f"\n== raster: ours (our SVG, {backend}) vs resvg-js (Satori's SVG), ms; * = blurred shadow; "
                  f"the ratio by wall-clock and by CPU time (which a loaded machine disturbs less)")
            print(f"{'card':22} {'resvg-js':>22} {'ours':>22} {'ratio':>22} {'CPU ratio':>22}")
            for c in cards:
                print(f"{c.name + (' *' if c.blurred else ''):22} {spread(c.times['ref_raster']):>22} "
                      f"{spread(c.times[f'ours_raster/{backend}']):>22} "
                      f"{spread(c.times[f'ratio_raster/{backend}']):>22} "
                      f"{spread(c.times[f'cpu_ratio_raster/{backend}']):>22}")
            for kind, prefix in (("", "blurred_raster"), ("CPU ", "blurred_raster_cpu")):
                key = f"{'cpu_' if kind else ''}ratio_raster/{backend}"
                blurred = [statistics.median(c.times[key]) for c in cards if c.blurred]
                if blurred:
                    res[f"{prefix}_ratio_median"] = statistics.median(blurred)
                    res[f"{prefix}_ratio_max"] = max(blurred)
                    res[f"{prefix}_over_third"] = sum(x > 1 / 3 for x in blurred)
                    print(f"blurred-shadow cards ({len(blurred)}): median raster {kind}ratio "
                          f"{res[f'{prefix}_ratio_median']:.3f}, worst {res[f'{prefix}_ratio_max']:.3f}, "
                          f"{res[f'{prefix}_over_third']} above 1/3")
        out[backend] = res
    for backend in backends[1:]:
        key = f"vs_first/{backend}"
        print(f"\n== warm render_png with {backend} / with {backends[0]}, paired per round")
        for c in cards:
            print(f"{c.name:22} {spread(c.times[key]):>22}")
        medians = [statistics.median(c.times[key]) for c in cards]
        out[f"{backend}_vs_{backends[0]}"] = {"median": statistics.median(medians),
                                              "min": min(medians), "max": max(medians)}
        print(f"median over {len(cards)} cards {statistics.median(medians):.3f} "
              f"(cards {min(medians):.2f}-{max(medians):.2f})")
    return out


# The caches of parsed fonts: a font file's tables, and its parsed face (outlines read from it).
PARSED_FONTS = (faces._SFNT_CACHE, faces._FACE_CACHE)


def clear_caches(keep: tuple[object, ...] = ()) -> None:
    """Empty every process-wide cache of satori_py: the BoundedCaches and lru_caches its
    modules hold (parsed fonts, shaped runs, glyph paths, styles, images, ...), but those
    in ``keep`` (e.g. :data:`PARSED_FONTS`)."""
    for name, module in list(sys.modules.items()):
        if not (name == "satori_py" or name.startswith("satori_py.")):
            continue
        for value in list(vars(module).values()):
            if any(value is kept for kept in keep):
                continue
            if isinstance(value, BoundedCache):
                value.clear()
            elif callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def bench_front(cards: list[Card], ref: Reference, rounds: int, tmp: Path | None = None) -> dict[str, Any]:
    """render_svg against satori(), warm and with satori-py's caches cleared."""
    for card in cards:  # warm-up: caches on both sides
        for _ in range(2):
            ref.ask("satori", card.path)
            render_svg(**card.kwargs)
    for r in range(rounds):
        for card in cards:
            case_path, kwargs = card.variant(r, tmp)
            theirs = ref.ask("satori", case_path)["satori_ms"]
            # Warm again, as the warm-up did: the last card's cold render cleared the caches, and
            # a layout is kept from a tree's second sighting (layout/reuse.py), taken from its third.
            for _ in range(2):
                render_svg(**card.kwargs)
            t0 = time.perf_counter()
            render_svg(**kwargs)
            warm = ms(t0)
            clear_caches()
            t0 = time.perf_counter()
            render_svg(**kwargs)
            cold = ms(t0)
            # Extra information (not the cleared figure): every cache cleared but the parsed fonts.
            clear_caches(keep=PARSED_FONTS)  # (the cleared render has just parsed the fonts again)
            t0 = time.perf_counter()
            render_svg(**kwargs)
            cold_fonts = ms(t0)
            # Extra information (not the cleared figure): first sight of this card, in a process
            # that has seen only the other cards.
            clear_caches()
            for other in cards:
                if other is not card:
                    render_svg(**other.kwargs)
            t0 = time.perf_counter()
            render_svg(**kwargs)
            first_sight = ms(t0)
            card.add("front_ref", theirs)
            card.add("front_warm", warm)
            card.add("front_cold", cold)
            card.add("front_cold_fonts", cold_fonts)
            card.add("front_first_sight", first_sight)
            card.add("ratio_front_warm", warm / theirs)
            card.add("ratio_front_cold", cold / theirs)
            card.add("ratio_front_cold_fonts", cold_fonts / theirs)
            card.add("ratio_front_first_sight", first_sight / theirs)
    print("\n== front end: render_svg vs satori() (ms; median (min-max) over rounds)")
    print(f"{'card':22} {'satori':>20} {'warm':>20} {'cleared':>20} {'warm ratio':>20} {'cleared ratio':>20} "
          f"{'first-sight ratio':>20}")
    for c in cards:
        print(f"{c.name:22} {spread(c.times['front_ref']):>20} {spread(c.times['front_warm']):>20} "
              f"{spread(c.times['front_cold']):>20} {spread(c.times['ratio_front_warm']):>20} "
              f"{spread(c.times['ratio_front_cold']):>20} {spread(c.times['ratio_front_first_sight']):>20}")
    out: dict[str, Any] = {}
    labels = {"warm": "warm", "cold": "cleared",
              "cold_fonts": "(extra, not the cleared figure) cleared, parsed fonts kept",
              "first_sight": "(extra, not the cleared figure) first sight, caches warmed by the other cards only"}
    for kind, label in labels.items():
        medians = [statistics.median(c.times[f"ratio_front_{kind}"]) for c in cards]
        out[f"front_{kind}_ratio_median"] = statistics.median(medians)
        out[f"front_{kind}_ratio_max"] = max(medians)
        worst = cards[medians.index(max(medians))].name
        print(f"{label}: median paired ratio over {len(cards)} cards "
              f"{statistics.median(medians):.3f}; worst card {worst} {max(medians):.3f}")
    return out


def _timed_run(argv: list[str], **kwargs: Any) -> tuple[float, float]:
    """Run a process: (wall ms, its user + system CPU ms). CPU time is what a loaded
    machine disturbs least (node's counts its helper threads too)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, **kwargs)
    wall = ms(t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return wall, cpu


def bench_cold(ref_dir: Path, rounds: int, backends: list[str]) -> dict[str, Any]:
    """A new process per render: our CLI against the reference's render.mjs (in ``ref_dir``),
    alternating (which side goes first rotates); paired ratios of wall and CPU time."""
    card = ROOT / "simple-card.json"
    cli = shutil.which("satori-py", path=str(Path(sys.executable).parent)) or "satori-py"
    sides = ["node", *backends]
    wall: dict[str, list[float]] = {s: [] for s in sides}
    cpu: dict[str, list[float]] = {s: [] for s in sides}
    # As installed by pip: with bytecode (the first, discarded round writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(rounds + 1):
            for side in sides[i % len(sides):] + sides[:i % len(sides)]:
                if side == "node":
                    w, c = _timed_run(["node", str(ref_dir / "render.mjs"), str(card), f"{tmp}/ref"],
                                      cwd=ref_dir)
                else:
                    w, c = _timed_run([cli, str(card), "-o", f"{tmp}/ours.png"],
                                      env={**env, resvg_bridge.ENV_BACKEND: side})
                if i:  # the first round only warms the OS file cache and writes bytecode
                    wall[side].append(w)
                    cpu[side].append(c)
    out: dict[str, Any] = {}
    for backend in backends:
        ratio = [a / b for a, b in zip(wall[backend], wall["node"])]
        cpu_ratio = [a / b for a, b in zip(cpu[backend], cpu["node"])]
        print(f"\n== cold ({backend}): `satori-py simple-card.json -o out.png` {spread(wall[backend])} ms "
              f"(CPU {spread(cpu[backend])}), `node render.mjs` {spread(wall['node'])} ms "
              f"(CPU {spread(cpu['node'])}); ratio {spread(ratio)}, CPU ratio {spread(cpu_ratio)}")
        out[backend] = {"cold_ratio_median": statistics.median(ratio),
                        "cold_ratio_min": min(ratio), "cold_ratio_max": max(ratio),
                        "cold_cpu_ratio_median": statistics.median(cpu_ratio)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--only", default="warm,raster,threads,cold")
    ap.add_argument("--ref", type=Path, default=Path(os.environ.get("SATORI_REF_DIR", REPO.parent / "ref")))
    ap.add_argument("--filter", default="")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--backends", default="",
                    help="comma-separated resvg backends, measured in the same rounds "
                         "(default: the one the bridge picks)")
    ap.add_argument("--fresh-text", action="store_true",
                    help="new texts every round for both sides (see the docstring)")
    ap.add_argument("--plain-malloc", action="store_true",
                    help="glibc's default thresholds, not the render pools' (see the docstring)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    kept = not args.plain_malloc and resvg_bridge.heap.keep_freed_memory()
    if not (args.ref / "node_modules" / "satori").is_dir():
        print(f"no satori in {args.ref}/node_modules: pass --ref (see the docstring)", file=sys.stderr)
        return 2
    cards = load_cards(args.filter)
    backends = [resvg_bridge.resolve_backend(b) for b in args.backends.split(",") if b] \
        or [resvg_bridge.resolve_backend()]
    print(f"{len(cards)} cards, {args.rounds} rounds, {os.cpu_count()} cpus, "
          f"{'fresh texts, ' if args.fresh_text else ''}malloc {'keeps freed memory' if kept else 'defaults'}, "
          f"{load()}")
    results: dict[str, Any] = {"cards": len(cards), "rounds": args.rounds, "load_before": os.getloadavg(),
                               "fresh_text": args.fresh_text, "keeps_freed_memory": kept}
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir) if args.fresh_text else None
        if only & {"warm", "raster"}:
            ref = Reference(args.ref)
            try:
                bench_warm(cards, ref, args.rounds, "raster" in only, backends, tmp)
            finally:
                ref.close()
            results["warm"] = report_warm(cards, "raster" in only, backends)
        if "front" in only:
            ref = Reference(args.ref)
            try:
                results["front"] = bench_front(cards, ref, args.rounds, tmp)
            finally:
                ref.close()
    if "threads" in only:
        from bench_threads import bench_threads

        results["threads"] = bench_threads(cards, max(5, args.rounds), backends)
    if "cold" in only:
        results["cold"] = bench_cold(args.ref, args.rounds, backends)
    results["load_after"] = os.getloadavg()
    print(f"\n{load()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
