"""Make the browser-like reference of golden/text/variable-font-weights.json.

Not a test. Needs node and the reference install (/work/scratch/satori-ref)::

    PYTHONPATH=. python tests/text/make_variable_font_reference.py

Satori 0.63.2 draws variable fonts at their default instance, so its output for
the case is wrong (kept as ``variable-font-weights.satori.svg``). The reference
is instead the real Satori rendering the same element with static instances of
the font at each weight the case uses (fontTools' instancer), registered under
the same family with those weights: what a browser draws, by the reference's
own text engine. The PNG is then made by shared/tools/reraster.py.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "golden" / "text" / "variable-font-weights.json"
SATORI_REF = Path("/work/scratch/satori-ref")
RERASTER = ROOT.parent / "shared" / "tools" / "reraster.py"
WEIGHTS = (300, 500, 800)


def main() -> None:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    font = case["options"]["fonts"][0]
    source = CASE.parent / font["file"]
    with tempfile.TemporaryDirectory() as tmp:
        fonts = []
        for weight in WEIGHTS:
            static = instantiateVariableFont(TTFont(source), {"wght": weight})
            static["OS/2"].usWeightClass = weight
            static.flavor = None
            path = Path(tmp) / f"instance-{weight}.ttf"
            static.save(path)
            fonts.append({"name": font["name"], "file": str(path), "weight": weight, "style": "normal"})
        static_case = copy.deepcopy(case)
        static_case["options"]["fonts"] = fonts
        static_file = Path(tmp) / "case.json"
        static_file.write_text(json.dumps(static_case), encoding="utf-8")
        out = CASE.with_suffix("")
        subprocess.run(["node", "render.mjs", str(static_file), str(out)], cwd=SATORI_REF, check=True)
        # The reference's own (default-instance) output, for the record.
        satori_out = CASE.parent / (CASE.stem + ".satori")
        subprocess.run(["node", "render.mjs", str(CASE), str(satori_out)], cwd=SATORI_REF, check=True)
        Path(f"{satori_out}.png").unlink()
    subprocess.run([sys.executable, str(RERASTER), str(CASE)], check=True)


if __name__ == "__main__":
    main()
