"""Make the text golden cases of golden/text/ and their references.

Not a test. Needs node with the reference install (/work/scratch/satori-ref),
headless Chromium, and for the Japanese font the npm package
@fontsource/noto-sans-jp unpacked at $NOTO_SANS_JP (only if the subset is missing)::

    PYTHONPATH=. python tests/text/make_text_goldens.py [NAME ...]

For each case it writes ``NAME.json``, renders it with the real Satori 0.63.2
(``NAME.satori.svg``), screenshots the same element as HTML in Chromium with the
same fonts (``NAME.chromium.png``), and writes the reference:

* where Satori is right, ``NAME.svg`` is Satori's and ``NAME.png`` is made from
  it by shared/tools/reraster.py (``NAME.satori.svg`` is then dropped);
* where a case is marked ``browser`` (none since issue 12, which made satori-py
  follow Satori's plain bugs by default: bidi, Thai and Japanese line breaking,
  line clamps in inline content), ``NAME.svg``/``.png`` are satori-py's own
  render, compared by eye with ``NAME.chromium.png`` (same lines, same order of
  words) before it was kept; the case's notes say what differs from Satori.
  ``NAME.chromium.png`` stays as the record of what browsers (and satori-py's
  browser-like flags) draw.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from resvg_bridge import svg_to_png
from satori_py import api
from satori_py.case import load_case
from tests.text.text_golden_cases import (
    CASES,
    JAPANESE_TEXT,
    GoldenCase,
    subset_noto_sans_jp,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "golden" / "text"
SATORI_REF = Path("/work/scratch/satori-ref")
RERASTER = ROOT.parent / "shared" / "tools" / "reraster.py"
_UNITLESS = frozenset({"fontWeight", "lineHeight", "flexGrow", "flexShrink", "WebkitLineClamp",
                       "lineClamp", "opacity"})


def _css(style: dict[str, Any]) -> str:
    out = []
    for key, value in style.items():
        prop = "".join("-" + c.lower() if c.isupper() else c for c in key)
        if prop.startswith("webkit-"):
            prop = "-" + prop
        if isinstance(value, (int, float)) and key not in _UNITLESS:
            value = f"{value}px"
        out.append(f"{prop}: {value}")
    return "; ".join(out)


def _html(node: Any) -> str:
    if isinstance(node, str):
        return html.escape(node)
    if isinstance(node, list):
        return "".join(_html(n) for n in node)
    props = node.get("props", {})
    attrs = "".join(f' {name}="{html.escape(str(props[name]))}"' for name in ("dir", "lang")
                    if name in props)
    if "style" in props:
        attrs += f' style="{html.escape(_css(props["style"]))}"'
    return f"<{node['type']}{attrs}>{_html(props.get('children', ''))}</{node['type']}>"


def page(case: GoldenCase) -> str:
    """The element as an HTML page with the case's fonts, at the case's size."""
    options = case.options
    faces = "".join(
        f"@font-face {{ font-family: '{f['name']}'; src: url('{(GOLDEN / f['file']).resolve().as_uri()}');"
        f" font-weight: {f['weight']}; font-style: {f['style']}; }}\n" for f in options["fonts"])
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{faces}"
            f"html, body {{ margin: 0; padding: 0; }}\n"
            f"body {{ font-family: '{options['fonts'][0]['name']}'; width: {options['width']}px;"
            f" height: {options['height']}px; overflow: hidden; }}\n"
            f"</style></head><body>{_html(case.element)}</body></html>")


def make(case: GoldenCase) -> None:
    base = GOLDEN / case.name
    data = {"name": case.title, "notes": case.notes, "element": case.element,
            "options": case.options,
            "reference": {"svg": f"{case.name}.svg", "png": f"{case.name}.png"}}
    json_path = base.with_suffix(".json")
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    satori = Path(f"{base}.satori")
    subprocess.run(["node", str(SATORI_REF / "render.mjs"), str(json_path), str(satori)], check=True)
    Path(f"{satori}.png").unlink()

    html_path = Path(f"{base}.html")
    html_path.write_text(page(case), encoding="utf-8")
    chromium = shutil.which("chromium") or "chromium"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--allow-file-access-from-files",
                    f"--screenshot={base}.chromium.png",
                    f"--window-size={case.options['width']},{case.options['height']}",
                    html_path.as_uri()], check=True, capture_output=True)
    html_path.unlink()

    if case.browser:
        loaded = load_case(json_path)
        svg = api.render_svg(loaded.element, **loaded.render_kwargs(offline=True))
        Path(f"{base}.svg").write_text(svg, encoding="utf-8")
        Path(f"{base}.png").write_bytes(svg_to_png(svg))
    else:
        Path(f"{satori}.svg").replace(f"{base}.svg")
        subprocess.run([sys.executable, str(RERASTER), str(json_path)], check=True)


def main(names: list[str]) -> None:
    jp_font = GOLDEN / "fonts" / "NotoSansJP-subset.ttf"
    if not jp_font.exists():
        subset_noto_sans_jp(Path(os.environ["NOTO_SANS_JP"]), JAPANESE_TEXT, jp_font)
    for case in CASES:
        if not names or case.name in names:
            make(case)
            print("made", case.name)


if __name__ == "__main__":
    main(sys.argv[1:])
