"""Record what the real Satori 0.63.2 makes of the stylesheet cases: ``data/stylesheets.json``.

    python tests/style/make_stylesheet_references.py [SATORI_REF_DIR]

SATORI_REF_DIR holds tools/satori-ref set up with ``npm install`` (default:
$SATORI_REF or ../scratch/satori-ref beside the repository). Satori doesn't
expose the tree its stylesheet pass returns, so a copy of its bundle is made
in a temporary folder with a hook around ``applyStyleSheets()`` that records
it (the last pass's, for container queries), with the messages passed to
``onStyleError``. The cases are in ``stylesheet_cases.py``. Tests never run
this: they read the JSON. The parser's own output is recorded the same way
into ``data/sheet_parser_reference.json`` (CSS text -> the JSON of its rules).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.style.stylesheet_cases import CASES, PARSER_PROBES

OUT = HERE / "data" / "stylesheets.json"
PARSER_OUT = HERE / "data" / "sheet_parser_reference.json"
FONT = HERE.parents[1] / "satori_py" / "assets" / "Geist-Regular.ttf"
# The stylesheet pass is the only function that calls `engine.parseCSS` on a list of sheets.
HOOK_AFTER = "async function Ic(A,g,I,C,B){"

RECORDER = r"""
import satori from './satori-hooked.js'
import fs from 'node:fs'
const font = fs.readFileSync(process.env.FONT)
const { cases, probes } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const norm = (children) => {
  const res = []
  for (let v of children === undefined ? [] : [children].flat(Infinity)) {
    if (v === undefined || v === null || typeof v === 'boolean') continue
    if (typeof v === 'number') v = String(v)
    if (typeof v === 'string' && res.length && typeof res[res.length - 1] === 'string') res[res.length - 1] += v
    else res.push(typeof v === 'string' ? v : tree(v))
  }
  return res
}
const tree = (el) => { const { children, ...props } = el.props || {}; return { type: el.type, props, children: norm(children) } }
const fonts = [{ name: 'geist', data: font, weight: 400, style: 'normal' }]
const out = { cases: [], probes: [] }
for (const c of cases) {
  globalThis.__sheetTrees = []
  const errors = []
  let thrown = null
  try {
    await satori(c.element, { ...c.options, fonts, onStyleError: (e) => errors.push(e.message) })
  } catch (e) { thrown = e.message }
  const t = globalThis.__sheetTrees.at(-1)
  out.cases.push({ ...c, tree: t ? tree(t) : null, passes: globalThis.__sheetTrees.length, errors, thrown })
}
for (const css of probes) out.probes.push({ css, reference: JSON.parse(globalThis.__engine.parseCSS(css)) })
fs.writeFileSync(process.argv[3], JSON.stringify(out))
"""


def main(argv: list[str]) -> int:
    default = os.environ.get("SATORI_REF") or str(HERE.parents[2] / "scratch" / "satori-ref")
    ref_dir = Path(argv[1] if len(argv) > 1 else default).resolve()
    bundle = (ref_dir / "node_modules" / "satori" / "dist" / "index.js").read_text()
    if bundle.count(HOOK_AFTER) != 1:
        print("the satori bundle has changed; update HOOK_AFTER", file=sys.stderr)
        return 1
    hooked = bundle.replace(HOOK_AFTER, HOOK_AFTER + "globalThis.__engine=g;") + (
        "\n{const o=Ic;Ic=async function(...a){const r=await o(...a);"
        "(globalThis.__sheetTrees||=[]).push(r);return r}}\n")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "node_modules").symlink_to(ref_dir / "node_modules")
        (tmp / "satori-hooked.js").write_text(hooked)
        (tmp / "record.mjs").write_text(RECORDER)
        (tmp / "in.json").write_text(json.dumps({"cases": CASES, "probes": PARSER_PROBES}))
        subprocess.run(["node", "record.mjs", "in.json", "out.json"], cwd=tmp, check=True,
                       env={**os.environ, "FONT": str(FONT)})
        result = json.loads((tmp / "out.json").read_text())
    OUT.write_text(json.dumps(result["cases"], indent=1, ensure_ascii=False) + "\n")
    PARSER_OUT.write_text(json.dumps(result["probes"], indent=1, ensure_ascii=False) + "\n")
    print(f"{len(result['cases'])} cases -> {OUT}\n{len(result['probes'])} probes -> {PARSER_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
