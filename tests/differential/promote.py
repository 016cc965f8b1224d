"""Turn a (minimised) card into a golden case with the real Satori's reference.

    python -m tests.differential.promote CARD.json NAME --notes "what it checks" [--area cards]

writes golden/AREA/NAME.json (AREA: parity, the default; font files made relative to
it: fonts already in the repository are referenced where they are, others are copied
to golden/AREA/fonts/), then NAME.svg from the real Satori (the oracle) and NAME.png
from that SVG by ../shared/tools/reraster.py (resvg-py), as README says.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support import paths

from .oracle import Oracle

PARITY = paths.GOLDEN_DIR / "parity"


def _repo_font(src: Path, area: Path) -> Path:
    """A font file inside the repository with the same bytes as ``src`` (copied if none)."""
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    for candidate in [*paths.REPO_ROOT.glob("satori_py/assets/*.ttf"),
                      *paths.GOLDEN_DIR.glob("*/fonts/*")]:
        if candidate.name.endswith(src.suffix) and \
                hashlib.sha256(candidate.read_bytes()).hexdigest() == digest:
            return candidate
    target = area / "fonts" / src.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    return target


def promote(card: dict[str, Any], name: str, notes: str, area: Path = PARITY) -> Path:
    case = {"name": name, "notes": notes, "element": card["element"],
            "options": json.loads(json.dumps(card["options"]))}
    for font in case["options"].get("fonts", []):
        font["file"] = os.path.relpath(_repo_font(Path(font["file"]), area), area)
    if card.get("additionalAssets"):
        case["additionalAssets"] = card["additionalAssets"]
    case["reference"] = {"svg": f"{name}.svg", "png": f"{name}.png"}
    area.mkdir(parents=True, exist_ok=True)
    path = area / f"{name}.json"
    path.write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with Oracle() as oracle:
        kind, svg = oracle.render(case, base=area)
    if kind != "svg":
        raise SystemExit(f"Satori did not render {name}: {svg}")
    (area / f"{name}.svg").write_text(svg, encoding="utf-8")
    shared = paths.shared_dir()
    if shared is None:
        raise SystemExit("../shared/tools/reraster.py is needed for the reference PNG")
    subprocess.run([sys.executable, str(shared / "tools" / "reraster.py"), str(path)],
                   check=True)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.differential.promote",
                                 description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("card", type=Path)
    ap.add_argument("name")
    ap.add_argument("--notes", required=True)
    ap.add_argument("--area", default="parity",
                    help="the folder under golden/ (default parity; cards: hand-written cards)")
    args = ap.parse_args(argv)
    card = json.loads(args.card.read_text(encoding="utf-8"))
    for font in card.get("options", {}).get("fonts", []):
        font["file"] = str((args.card.parent / font["file"]).resolve())
    print(promote(card, args.name, args.notes, paths.GOLDEN_DIR / args.area))
    return 0


if __name__ == "__main__":
    sys.exit(main())
