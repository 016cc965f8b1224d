// The real Satori's layout box of every element, to compare ours box by box.
// Copy this file into the satori-ref folder (../shared/tools/satori-ref, copied and
// `npm install`ed outside the repo), then:
// usage: node satori_boxes.mjs CASE.json OUT.json [SVG_OUT]
// Runs satori with onNodeDetected; writes [{p, type, left, top, width, height}] where p is props['data-p'].
import satori from 'satori'
import fs from 'node:fs'
import path from 'node:path'
const [casePath, outPath, svgOut] = process.argv.slice(2)
const c = JSON.parse(fs.readFileSync(casePath, 'utf8'))
const base = path.dirname(casePath)
const o = { ...c.options }
o.fonts = (o.fonts || []).map((f) => ({ ...f, data: fs.readFileSync(path.resolve(base, f.file)) }))
const boxes = []
o.onNodeDetected = (n) => boxes.push({ p: n.props?.['data-p'] ?? null, type: n.type, marker: !!n.props?.__marker,
  left: n.left, top: n.top, width: n.width, height: n.height })
try {
  const svg = await satori(c.element, o)
  if (svgOut) fs.writeFileSync(svgOut, svg)
  const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svg)
  fs.writeFileSync(outPath, JSON.stringify({ size: m ? [+m[1], +m[2]] : null, boxes }))
} catch (e) {
  fs.writeFileSync(outPath, JSON.stringify({ error: String(e && e.message) }))
}
