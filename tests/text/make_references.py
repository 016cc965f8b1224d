"""Regenerate tests/text/data/reference.json from the real Satori 0.63.2.

Not a test. Needs node and the reference install (/work/scratch/satori-ref):

    PYTHONPATH=. python tests/text/make_references.py

Each case renders one text in a flex container at the top-left, so getSVG is
called with left = 0 and top = the baseline of the text's font. Facts are
derived from the reference SVGs:
* matching / fallback: which registered font drew the text, found by exact
  comparison with each candidate font's own path (our outline code is checked
  byte for byte against the reference separately, in ``paths``);
* paths: the reference path data itself, compared exactly by the tests.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from satori_py.text.fonts import FontRegistry

FONT_DIR = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "fonts"
BATCH = r"""
import satori from '/work/scratch/satori-ref/node_modules/satori/dist/index.js'
import fs from 'node:fs'
const [inPath, outPath, fontDir] = process.argv.slice(2)
const cases = JSON.parse(fs.readFileSync(inPath, 'utf8'))
const cache = {}
const load = (f) => (cache[f] ??= fs.readFileSync(fontDir + '/' + f))
const out = {}
for (const c of cases) {
  const fonts = c.fonts.map(({ file, ...rest }) => ({ ...rest, data: load(file) }))
  try { out[c.id] = await satori(c.element, { width: 1000, height: 200, fonts }) }
  catch (e) { out[c.id] = { error: String(e && e.message) } }
}
fs.writeFileSync(outPath, JSON.stringify(out))
"""


@dataclass
class _Font:
    name: str
    file: str
    weight: object = None
    style: object = None
    lang: object = None

    def load_bytes(self) -> bytes:
        return (FONT_DIR / self.file).read_bytes()

    def js(self) -> dict:
        d = {"name": self.name, "file": self.file}
        for k in ("weight", "style", "lang"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        return d


def element(text: str, style: dict, lang: str | None = None) -> dict:
    props = {"style": {"display": "flex", "fontSize": 40, **style}, "children": text}
    if lang:
        props["lang"] = lang
    return {"type": "div", "props": props}


def paths_of(svg: str) -> tuple[str, str]:
    """(filled path, synthetic bold path) of a reference SVG."""
    path, bold = "", ""
    for m in re.finditer(r"<path ([^>]*)/>", svg):
        attrs = m.group(1)
        d = re.search(r' ?d="([^"]*)"', attrs).group(1)
        if "stroke-width" in attrs:
            bold += d
        else:
            path += d
    strip = lambda s: re.sub(r" (?=M)|\s+$", "", s)  # the layout's word separators
    return strip(path), strip(bold)


def ours(font: _Font, text: str, weight, style, size=40, **kw) -> tuple[str, str]:
    e = FontRegistry([_Font("x", font.file, font.weight, font.style)]).engine(
        size, font_family="x", font_weight=weight, font_style=style)
    g = e.glyph_path(text, left=0, top=e.baseline(text), **kw)
    return g.path, g.bold_path


R, G, M, B, P = ("Roboto-Regular.ttf", "Geist-Regular.ttf", "GeistMono-Regular.ttf",
                 "Geist-Bold.ttf", "playfair-display.ttf")
MATCH_SETS = {
    "A": [(R, 300, None), (G, 400, None), (B, 700, None)],
    "B": [(R, 100, None), (M, 500, None), (P, 900, None)],
    "C": [(R, 200, None), (B, 600, None), (P, 800, None)],
    "D": [(R, None, None), (G, 400, None)],
    "E": [(G, 400, None), (R, None, None)],
    "F": [(R, 400, "normal"), (G, 400, "italic"), (B, 700, "italic")],
    "G": [(P, 700, "italic"), (M, 700, "normal"), (G, 300, "normal")],
    "H": [(M, 500, None), (G, 400, None)],
    "I": [(G, 400, None), (M, 500, None)],
    "J": [(R, 600, None), (P, 300, None)],
}
WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900, "normal", "bold"]

JP, KR, HE = ("NotoSansJP-subset-konnichiwa.ttf", "NotoSansKR-subset-annyeong.otf",
              "NotoSansHebrew-Regular.ttf")
FALLBACK_SETS = {
    "L1": [("G", G, None), ("J", JP, "ja-JP"), ("K", KR, "ko-KR"), ("P", P, None)],
    "L2": [("K", KR, "ko-KR"), ("P", P, None), ("J", JP, "ja-JP"), ("G", G, None)],
    "L3": [("G", G, None), ("H", HE, None), ("K", KR, "ko-KR")],
}
PROBES = ["A", "こ", "안", "\u0b85", "א"]  # U+0B85 (Tamil) is in none of them
FAMILIES = ["G", "P", "K", "nope"]
LOCALES = [None, "ja-JP", "ko-KR", "zh-CN"]

PATH_CASES = {
    # id: (font file, text, style, size)
    "geist-plain": (G, "Hamburgefonstiv", {}, 40),
    "geist-italic": (G, "Hamburgefonstiv", {"fontStyle": "italic"}, 40),
    "geist-oblique-5": (G, "Hamburg", {"fontStyle": "oblique 5deg"}, 40),
    "geist-bold-20": (G, "Bold", {"fontWeight": 700}, 20),
    "geist-bold-italic-60": (G, "Bo", {"fontWeight": 800, "fontStyle": "italic"}, 60),
    "geistbold-no-synth": (B, "Bold", {"fontWeight": 700}, 40),
    "letter-spacing": (G, "Tofu", {"letterSpacing": 3}, 40),
    "letter-spacing-neg": (R, "office", {"letterSpacing": -1.5}, 33),
    "roboto-liga": (R, "office", {}, 40),
    "roboto-liga-off": (R, "office", {"fontFeatureSettings": '"liga" 0'}, 40),
    "geist-kern": (G, "AVATAR", {}, 40),
    "geist-kern-off": (G, "AVATAR", {"fontKerning": "none"}, 40),
    "geist-tnum": (G, "1111", {"fontVariantNumeric": "tabular-nums"}, 40),
    "geist-composite": (G, "café", {}, 40),
    "playfair": (P, "Quizzing", {}, 37),
    "cff": (KR, "안녕", {}, 40),
    "hebrew": (HE, "שלום", {}, 40),
    "small-ties": (G, "Hamburgefonstiv", {}, 30),
    "odd-size": (G, "Hamburgefonstiv", {}, 13.7),
    "geist-16": (G, "Hxg", {}, 16),
    "roboto-16": (R, "Hxg", {}, 16),
    "geist-line-height": (G, "Hxg", {"lineHeight": 2.5}, 20),
    "fallback-run": (G, "Aこ", {}, 40),
}
MEASURE_CASES = {
    "words": (G, "Generated with Next.js ImageResponse", {}, 30),
    "spacing": (G, "ab cd ef", {"letterSpacing": 2, "wordSpacing": 7}, 24),
}


def main() -> None:
    cases: list[dict] = []
    meta: dict[str, dict] = {}
    for set_id, regs in MATCH_SETS.items():
        fonts = [_Font("F", f, w, s) for f, w, s in regs]
        styles = ["normal", "italic"] if any(s for _, _, s in regs) else ["normal"]
        for w in WEIGHTS:
            for st in styles:
                cid = f"match-{set_id}-{w}-{st}"
                cases.append({"id": cid, "fonts": [f.js() for f in fonts], "element": element(
                    "Hxg", {"fontFamily": "F", "fontWeight": w, "fontStyle": st})})
                meta[cid] = {"kind": "match", "set": set_id, "weight": w, "style": st}
    for set_id, regs in FALLBACK_SETS.items():
        fonts = [_Font(n, f, None, None, lang) for n, f, lang in regs]
        for fam in FAMILIES:
            for loc in LOCALES:
                for ch in PROBES:
                    cid = f"fb-{set_id}-{fam}-{loc}-{ord(ch):x}"
                    cases.append({"id": cid, "fonts": [f.js() for f in fonts],
                                  "element": element(ch, {"fontFamily": fam}, loc)})
                    meta[cid] = {"kind": "fallback", "set": set_id, "family": fam,
                                 "locale": loc, "char": ch}
    for cid, (f, text, style, size) in {**PATH_CASES, **MEASURE_CASES}.items():
        extra = [_Font("J", JP, 400, "normal").js()] if cid == "fallback-run" else []
        cases.append({"id": cid, "fonts": [_Font("F", f, 400, "normal").js(), *extra],
                      "element": element(text, {"fontFamily": "F", **style, "fontSize": size})})
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "batch.mjs").write_text(BATCH)
        (Path(tmp) / "in.json").write_text(json.dumps(cases))
        subprocess.run(["node", "batch.mjs", "in.json", "out.json", str(FONT_DIR)], cwd=tmp,
                       check=True)
        svgs = json.loads((Path(tmp) / "out.json").read_text())

    facts: dict[str, list | dict] = {"matching": [], "fallback": [], "paths": {}, "measure": {}}
    for cid, m in meta.items():
        svg = svgs[cid]
        ref = paths_of(svg)
        if m["kind"] == "match":
            regs = MATCH_SETS[m["set"]]
            hits = [f for f, w, s in regs
                    if ours(_Font("x", f), "Hxg", m["weight"], m["style"]) == ref]
            assert len(hits) == 1, (cid, hits)
            facts["matching"].append({**m, "chosen": hits[0]})
        else:
            regs = FALLBACK_SETS[m["set"]]
            hits = sorted({n for n, f, _ in regs
                           if ours(_Font("x", f), m["char"], 400, "normal") == ref})
            assert hits, cid
            facts["fallback"].append({**m, "chosen": hits})
    for cid, (f, text, style, size) in PATH_CASES.items():
        path, bold = paths_of(svgs[cid])
        width = re.search(r'stroke-width="([^"]*)"', svgs[cid])
        facts["paths"][cid] = {"file": f, "text": text, "style": style, "size": size,
                               "path": path, "bold_path": bold,
                               "stroke_width": float(width.group(1)) if width else None}
    for cid, (f, text, style, size) in MEASURE_CASES.items():
        path, _ = paths_of(svgs[cid])
        facts["measure"][cid] = {"file": f, "text": text, "style": style, "size": size,
                                 "path": svgs[cid] and re.findall(r' d="([^"]*)"', svgs[cid])[0]}
    out = Path(__file__).parent / "data" / "reference.json"
    out.write_text(json.dumps(facts, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(facts['matching'])} matching, {len(facts['fallback'])} fallback, "
          f"{len(facts['paths'])} paths", file=sys.stderr)


if __name__ == "__main__":
    main()
