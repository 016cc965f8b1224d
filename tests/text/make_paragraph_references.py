"""Record what the real Satori 0.63.2 draws for the paragraph tests: ``data/paragraphs.json``.

    python tests/text/make_paragraph_references.py [SATORI_REF_DIR]

SATORI_REF_DIR holds tools/satori-ref set up with ``npm install`` (default:
$SATORI_REF or ../scratch/satori-ref beside the repository). Each case is a root
``div`` of the given width (and no height, so the SVG is as tall as the text) with
the case's children; it is rendered twice. With ``embedFont: false`` every text
piece is a ``<text>`` whose x and y are the piece's left and baseline; with fonts
embedded, the glyph paths are recorded. Tests never run this: they read the JSON.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OUT = HERE / "data" / "paragraphs.json"
sys.path.insert(0, str(HERE.parents[1]))

from tests.support.paths import conformance_dir

ROBOTO = [("Roboto", "Roboto-Regular.ttf")]
HEBREW = ROBOTO + [("Hebrew", "NotoSansHebrew-Regular.ttf")]
QUICK = "The quick brown fox jumps over the lazy dog again and again"

# name -> (root style, children, width, fonts)
CASES: dict[str, tuple[dict[str, Any], list[Any], int, list[tuple[str, str]]]] = {
    "wrap": ({}, [QUICK], 120, ROBOTO),
    "center": ({"textAlign": "center"}, [QUICK], 120, ROBOTO),
    "right": ({"textAlign": "right"}, [QUICK], 120, ROBOTO),
    "justify": ({"textAlign": "justify"}, [QUICK], 120, ROBOTO),
    "indent": ({"textIndent": 20}, [QUICK], 120, ROBOTO),
    "letter_spacing": ({"letterSpacing": 2, "fontSize": 20}, [QUICK], 150, ROBOTO),
    "line_height": ({"lineHeight": 2}, [QUICK], 120, ROBOTO),
    "pre_tabs": ({"whiteSpace": "pre", "tabSize": 4}, ["a\tbb\tccc\td\n  two  spaces"], 200, ROBOTO),
    "break_word": ({"overflowWrap": "break-word"}, ["Supercalifragilisticexpialidocious is long"],
                   100, ROBOTO),
    "line_clamp": ({"lineClamp": 2}, [QUICK], 120, ROBOTO),
    "ellipsis": ({"whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis"},
                 [QUICK], 120, ROBOTO),
    "rtl": ({"direction": "rtl"}, ["שלום עולם hello 123"], 200, HEBREW),
    "spans": ({}, ["Hello ", {"type": "span", "props": {"style": {"fontSize": 24},
                                                       "children": "big"}}, " world"], 200, ROBOTO),
    "span_wrap": ({}, ["The quick ", {"type": "span", "props": {
        "style": {"padding": "0 4px", "backgroundColor": "yellow"},
        "children": "brown fox jumps over"}}, " the lazy dog"], 120, ROBOTO),
    "br": ({}, ["line one", {"type": "br", "props": {}}, "line two"], 120, ROBOTO),
    "sup": ({}, ["E = mc", {"type": "span", "props": {
        "style": {"verticalAlign": "super", "fontSize": 10}, "children": "2"}}], 200, ROBOTO),
}


def render(ref_dir: Path, element: dict[str, Any], width: int, fonts: list[tuple[str, str]],
           embed: bool) -> str:
    font_dir = conformance_dir()
    assert font_dir is not None, "the shared conformance folder is needed"
    case = {"element": element, "options": {"width": width, "embedFont": embed, "fonts": [
        {"name": n, "file": str(font_dir / "fonts" / f), "weight": 400, "style": "normal"}
        for n, f in fonts]}}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.json"
        path.write_text(json.dumps(case))
        subprocess.run(["node", "render.mjs", str(path), str(Path(tmp) / "out")], cwd=ref_dir,
                       check=True, capture_output=True)
        return (Path(tmp) / "out.svg").read_text()


def main() -> None:
    default = os.environ.get("SATORI_REF") or str(HERE.parents[2].parent / "scratch" / "satori-ref")
    ref_dir = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    out: dict[str, Any] = {}
    for name, (style, children, width, fonts) in CASES.items():
        element = {"type": "div", "props": {"style": {**style, "width": width}, "children": children}}
        plain = render(ref_dir, element, width, fonts, embed=False)
        embedded = render(ref_dir, element, width, fonts, embed=True)
        texts = [[html_unescape(t), float(x), float(y)] for x, y, t in re.findall(
            r'<text x="([^"]+)" y="([^"]+)"[^>]*>([^<]*)</text>', plain)]
        paths = re.findall(r'<path fill="[^"]+" d="([^"]+)"', embedded)
        height = float(re.match(r'<svg width="[^"]+" height="([^"]+)"', embedded).group(1))
        out[name] = {"style": style, "children": children, "width": width,
                     "fonts": [f for _, f in fonts], "font_names": [n for n, _ in fonts],
                     "height": height, "texts": texts, "paths": paths}
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(out)} cases)")


def html_unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#39;", "'").replace("&amp;", "&"))


if __name__ == "__main__":
    main()
