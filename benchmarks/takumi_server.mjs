// Takumi (the Rust OG-image renderer, npm @takumi-rs/core) as a long-running process, for
// benchmarks/bench_peers.py: the same protocol as satori_server.mjs.
//
// usage: node benchmarks/takumi_server.mjs TAKUMI_DIR
//   TAKUMI_DIR holds node_modules with @takumi-rs/core and @takumi-rs/helpers (installed outside
//   the repository: `npm install @takumi-rs/core @takumi-rs/helpers` in, e.g., /work/ref-takumi).
//
// Reads one JSON request per line on stdin and answers one JSON line on stdout:
//   {"op": "render", "case": PATH} -> {"convert_ms", "render_ms", "png_bytes"}
//       the card's element (our React-element-like JSON) made a React element tree, turned into
//       Takumi's node tree by @takumi-rs/helpers' fromJsx (what takumi-js does with JSX), then
//       renderer.render(node, {width, height, format: "png"}): element -> PNG, both timed.
//   {"op": "png", "case": PATH} -> {"png": base64}: the PNG itself (to look at).
// One Renderer for the process, with each card's fonts registered once (as a server does).
// Satori lays out every element as flex unless told otherwise; fromJsx gives HTML's defaults
// (a div is a block), so an element without a display gets `display: flex`, as in Satori.
// A card Takumi cannot render answers {"error": ...}, which the benchmark prints.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'

const dir = path.resolve(process.argv[2] || '.')
const require = createRequire(path.join(dir, 'package.json'))
const load = async (name) => import(pathToFileURL(require.resolve(name)).href)
const { Renderer } = await load('@takumi-rs/core')
const { fromJsx } = await load('@takumi-rs/helpers/jsx')

const ELEMENT = Symbol.for('react.transitional.element')
const asReact = (n) => {
  if (n === null || typeof n !== 'object') return n
  if (Array.isArray(n)) return n.map(asReact)
  const props = { ...(n.props || {}) }
  const style = props.style || {}
  if (style.display === undefined) props.style = { ...style, display: 'flex' }
  if ('children' in props) props.children = asReact(props.children)
  return { $$typeof: ELEMENT, type: n.type, key: null, ref: null, props }
}

const renderer = new Renderer()
const registered = new Set()
const cases = new Map()
const prepared = async (casePath) => {
  let c = cases.get(casePath)
  if (c) return c
  const raw = JSON.parse(fs.readFileSync(casePath, 'utf8'))
  const base = path.dirname(casePath)
  for (const f of raw.options.fonts || []) {
    const p = path.resolve(base, f.file)
    const key = `${p}|${f.name}|${f.weight}|${f.style}`
    if (registered.has(key)) continue
    await renderer.registerFont({ name: f.name, data: fs.readFileSync(p), weight: f.weight, style: f.style })
    registered.add(key)
  }
  c = { element: raw.element, width: raw.options.width, height: raw.options.height }
  cases.set(casePath, c)
  return c
}

const rl = readline.createInterface({ input: process.stdin })
for await (const line of rl) {
  let reply
  try {
    const req = JSON.parse(line)
    const c = await prepared(req.case)
    const t0 = performance.now()
    const { node, css } = await fromJsx(asReact(c.element))
    const t1 = performance.now()
    const png = await renderer.render(node, { width: c.width, height: c.height, css, format: 'png' })
    const t2 = performance.now()
    if (req.op === 'render') {
      reply = { convert_ms: t1 - t0, render_ms: t2 - t1, png_bytes: png.length }
    } else if (req.op === 'png') {
      reply = { png: png.toString('base64') }
    } else {
      reply = { error: 'unknown op ' + req.op }
    }
  } catch (e) {
    reply = { error: String((e && e.message) || e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
