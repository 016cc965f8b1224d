"""A plain card's CLI run imports nothing it does not use (the cold start's cost is mostly
imports: see benchmarks/bench_cards.py --only cold). The modules below are each imported
by the first card that needs them; a plain card needs none of them. Nor does it make
dataclasses or compile regular expressions it does not use."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NOT_FOR_A_PLAIN_CARD = [
    "asyncio", "http.client", "fontTools", "ssl", "urllib.request", "tempfile", "importlib.metadata",
    "satori_py.fetch.http", "satori_py.tailwind", "satori_py.images.inline_svg",
    "satori_py.output_cache", "satori_py.layout.grid", "satori_py.style.grid_parse", "satori_py.style.grid_values", "socket", "decimal",
    # floats, <style> sheets (and their selectors, cascade and media queries), form controls, list markers
    "satori_py.layout.floats", "satori_py.layout.float_context", "satori_py.style.sheet_apply",
    "satori_py.style.selectors", "satori_py.style.sheet_cascade", "satori_py.style.sheet_parser",
    "satori_py.style.conditions", "satori_py.layout.form_controls", "satori_py.layout.counter_styles",
    # gradients, their stops and masks
    "satori_py.paint.gradient", "satori_py.paint.gradient_stops", "satori_py.paint.conic", "satori_py.paint.mask",
    # stretchable's Python API and attrs (only its compiled taffylib is used: resvg_bridge.native)
    "stretchable", "stretchable.node", "stretchable.style", "attr", "attrs",
    # image loading and checking (imported by the first image), and what only it uses
    "satori_py.images.source", "satori_py.images.checks", "satori_py.images.replaced", "satori_py.fetch.guard",
    "xml.etree.ElementTree", "html", "concurrent.futures",
]
# Making a dataclass runs dataclasses' code generation at import (~0.4-1 ms each); value classes
# are plain (satori_py/frozen.py), and the three left are public types (Limits, Font, Pipeline).
# The dataclasses a plain card's run makes may only become fewer.
MAX_DATACLASSES = 3
# Module-level regular expressions are compiled on first use (satori_py/patterns.py): a plain
# card's run used 30 of 99, then 34 of 122: the style stage's value parser and the segmentation of
# plain ASCII text now read by patterns (issue 13, session 14; a compile is 35-115 us, the per-character
# loops and ICU break iterators they replace cost more on the first card). May only become fewer.
MAX_PATTERNS_COMPILED = 34

SCRIPT = """
import json, sys
from satori_py.cli import main
sys.argv = ["satori-py", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
import dataclasses
from satori_py.patterns import LazyPattern
made = {f"{v.__module__}.{v.__qualname__}" for m in list(sys.modules.values()) for v in vars(m).values()
        if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == m.__name__}
patterns = [v for name, m in list(sys.modules.items()) if name.startswith("satori_py") for v in vars(m).values()
            if isinstance(v, LazyPattern)]
compiled = sum("match" in vars(p) for p in patterns)
print(json.dumps({"modules": sorted(sys.modules), "dataclasses": sorted(made), "patterns": [compiled, len(patterns)]}))
"""


CARD = {"type": "div", "props": {
    "style": {"display": "flex", "width": "100%", "height": "100%", "alignItems": "center",
              "justifyContent": "center", "backgroundColor": "#fff", "fontSize": 96},
    "children": "Hello, world!"}}


def test_plain_card_imports_only_what_it_draws(tmp_path: Path) -> None:
    card = tmp_path / "card.json"
    card.write_text(json.dumps({"element": CARD, "options": {"width": 1200, "height": 630}}))
    for backend in ("resvg", "resvg_py"):
        out = tmp_path / f"{backend}.png"
        run = subprocess.run([sys.executable, "-c", SCRIPT, str(card), str(out)], capture_output=True, text=True, check=True,
                             env={"SATORI_PY_RESVG": backend, "PATH": "", "PYTHONPATH": str(ROOT)})
        report = json.loads(run.stdout)
        loaded = set(report["modules"])
        assert out.read_bytes().startswith(b"\x89PNG")
        assert [m for m in NOT_FOR_A_PLAIN_CARD if m in loaded] == [], backend
        assert "satori_py.style.types" in loaded and "stretchable.taffylib" in loaded
        ours = [name for name in report["dataclasses"] if name.startswith(("satori_py.", "resvg_bridge."))]
        assert len(ours) <= MAX_DATACLASSES, ours
        assert not [name for name in ours if name.startswith(("satori_py.style.types.", "satori_py.style.paint_types."))]
        compiled, lazy = report["patterns"]
        assert lazy > 90 and compiled <= MAX_PATTERNS_COMPILED, (compiled, lazy)
        if backend == "resvg":  # its extension, without the package's version lookup
            assert "resvg._resvg" in loaded and "resvg" not in loaded
