// The real Satori as a long-running oracle for the differential tester.
//
// usage: node oracle.mjs [SATORI_REF_DIR]
//   SATORI_REF_DIR holds node_modules/satori (a copy of ../shared/tools/satori-ref
//   after `npm install`); default $SATORI_REF, else ../shared/tools/satori-ref.
//
// Reads one JSON request per line on stdin:
//   {"id": ..., "case": {element, options, additionalAssets?}, "base": DIR}
// and answers one JSON line per request on stdout, in order:
//   {"id": ..., "svg": "<svg ..."}  or  {"id": ..., "error": "satori's message"}
// Font files are resolved against "base" and read once per process. Cards carry
// their images as data: URIs, so nothing here fetches. additionalAssets answers
// loadAdditionalAsset as tools/satori-ref/render.mjs does (an unrecorded request
// gets no fonts).
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const refDir = path.resolve(process.argv[2] || process.env.SATORI_REF || '../shared/tools/satori-ref')
const requireFromRef = createRequire(path.join(refDir, 'package.json'))
const satoriPath = requireFromRef.resolve('satori').replace(/index\.cjs$/, 'index.js')
const { default: satori } = await import(pathToFileURL(satoriPath).href)

const fontBytes = new Map()
const readFont = (base, file) => {
  const p = path.resolve(base, file)
  if (!fontBytes.has(p)) fontBytes.set(p, fs.readFileSync(p))
  return fontBytes.get(p)
}
const loadFonts = (base, fonts) => (fonts || []).map((f) => ({ ...f, data: readFont(base, f.file) }))

async function render(request) {
  const c = request.case
  const base = request.base || process.cwd()
  const options = { ...c.options, fonts: loadFonts(base, (c.options || {}).fonts) }
  if (c.additionalAssets) {
    options.loadAdditionalAsset = async (languageCode, segment) => {
      const hit = c.additionalAssets.find((a) => a.languageCode === languageCode && a.segment === segment)
      if (!hit) return []
      return typeof hit.result === 'string' ? hit.result : loadFonts(base, hit.result)
    }
  }
  return satori(c.element, options)
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (!line.trim()) continue
  let request
  let answer
  try {
    request = JSON.parse(line)
    answer = { id: request.id, svg: await render(request) }
  } catch (e) {
    answer = { id: request ? request.id : null, error: String((e && e.message) || e) }
  }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
