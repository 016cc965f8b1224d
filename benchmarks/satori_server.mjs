// The reference pipeline as a long-running process, for benchmarks/bench_cards.py.
//
// usage: node benchmarks/satori_server.mjs REF_DIR
//   REF_DIR holds node_modules with satori 0.63.2 and @resvg/resvg-js 2.6.2
//   (shared/tools/satori-ref after `npm install`).
//
// Reads one JSON request per line on stdin and answers one JSON line on stdout:
//   {"op": "render", "case": PATH}  -> {"satori_ms", "resvg_ms", "svg_bytes", "png_bytes"}
//       satori(element, options) then new Resvg(svg, {fitTo: original}).render().asPng(),
//       as next/og does (fonts read once per file and options built once per case, the way
//       a server keeps them).
//   {"op": "raster", "case": PATH}  -> {"resvg_ms", "resvg_cpu_ms"}: resvg-js alone on the case's
//       Satori SVG, wall-clock and the process's CPU time.
//   {"op": "svg", "case": PATH}     -> {"svg"}: the Satori SVG itself.
//   {"op": "satori", "case": PATH}  -> {"satori_ms", "satori_cpu_ms"}: satori() alone (the front
//       end), wall-clock and the process's CPU time (all its threads, the collector's too).
// Times are measured here with performance.now(), so the pipe costs nothing.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'

const refDir = path.resolve(process.argv[2] || '.')
const require = createRequire(path.join(refDir, 'package.json'))
const load = async (name) => {
  const mod = await import(pathToFileURL(require.resolve(name)).href)
  return mod.default ?? mod
}
const satoriModule = await load('satori')
const satori = satoriModule.default ?? satoriModule
const { Resvg } = await load('@resvg/resvg-js')

const fontData = new Map()
const cases = new Map()
const prepared = (casePath) => {
  let c = cases.get(casePath)
  if (c) return c
  const raw = JSON.parse(fs.readFileSync(casePath, 'utf8'))
  const base = path.dirname(casePath)
  const fonts = (raw.options.fonts || []).map((f) => {
    const p = path.resolve(base, f.file)
    if (!fontData.has(p)) fontData.set(p, fs.readFileSync(p))
    return { ...f, data: fontData.get(p) }
  })
  c = { element: raw.element, options: { ...raw.options, fonts }, svg: null }
  cases.set(casePath, c)
  return c
}

const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  let reply
  try {
    const req = JSON.parse(line)
    const c = prepared(req.case)
    if (req.op === 'render') {
      const t0 = performance.now()
      const svg = await satori(c.element, c.options)
      const t1 = performance.now()
      const png = new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng()
      const t2 = performance.now()
      c.svg = svg
      reply = { satori_ms: t1 - t0, resvg_ms: t2 - t1, svg_bytes: svg.length, png_bytes: png.length }
    } else if (req.op === 'satori') {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      c.svg = await satori(c.element, c.options)
      const t1 = performance.now()
      const cpu = process.cpuUsage(c0)
      reply = { satori_ms: t1 - t0, satori_cpu_ms: (cpu.user + cpu.system) / 1000 }
    } else if (req.op === 'raster' || req.op === 'svg') {
      if (!c.svg) c.svg = await satori(c.element, c.options)
      if (req.op === 'svg') {
        reply = { svg: c.svg }
      } else {
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        new Resvg(c.svg, { fitTo: { mode: 'original' } }).render().asPng()
        const t1 = performance.now()
        const cpu = process.cpuUsage(c0)
        reply = { resvg_ms: t1 - t0, resvg_cpu_ms: (cpu.user + cpu.system) / 1000 }
      }
    } else {
      reply = { error: 'unknown op ' + req.op }
    }
  } catch (e) {
    reply = { error: String((e && e.message) || e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
