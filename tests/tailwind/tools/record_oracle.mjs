// Records the style the real Satori 0.63.2 derives from class lists: one group per run.
//
//   node record_oracle.mjs SATORI_DIST_INDEX_JS GROUP.json OUT.json
//
// SATORI_DIST_INDEX_JS is node_modules/satori/dist/index.js in a COPY of the reference
// install, outside the repository (e.g. cp -r ../shared/tools/satori-ref /tmp/oracle-ref
// && npm install there). This script instruments that copy once (idempotent):
//  - `globalThis.__satoriGetTwStyles` is Satori's own getTwStyles(tw, style) closure of the
//    last satori() call (twrnc, then Satori's lineHeight and shadowColor steps);
//  - `globalThis.__satoriResetTw()` forgets Satori's single twrnc instance, so that the next
//    class list is read by a fresh instance made with this group's tailwindConfig (Satori
//    itself keeps the first config of the process) and with an empty twrnc cache.
// A group is {width?, height?, config?, style?, cases: [classes...]}; each case records
// [classes, style] (plus the twrnc warnings when there are some). Non-finite numbers are
// written as {"$number": "NaN" | "Infinity" | "-Infinity"}, a thrown error as {"$error": message}.
// One process per group: Tailwind's resolveConfig mutates its shared palette on `extend`.
import fs from 'node:fs'

const [distPath, groupPath, outPath] = process.argv.slice(2)
let source = fs.readFileSync(distPath, 'utf8')
if (!source.includes('__satoriGetTwStyles')) {
  const reset = 'var ri;function qt({width:A,height:g,config:I}){'
  const closure = 'getTwStyles:(S,y)=>{'
  if (source.split(reset).length !== 2 || source.split(closure).length !== 2) {
    throw new Error('not the satori 0.63.2 dist this script knows how to instrument')
  }
  source = source
    .replace(reset, 'var ri;globalThis.__satoriResetTw=()=>{ri=void 0};function qt({width:A,height:g,config:I}){')
    .replace(closure, 'getTwStyles:globalThis.__satoriGetTwStyles=(S,y)=>{')
  fs.writeFileSync(distPath, source)
}
const { default: satori } = await import(distPath)
const group = JSON.parse(fs.readFileSync(groupPath, 'utf8'))
const options = { fonts: [] }
if (group.width != null) options.width = group.width
if (group.height != null) options.height = group.height
if (group.config != null) options.tailwindConfig = group.config
// No `tw` here: the closure is made, twrnc is not created yet.
await satori({ type: 'div', props: { style: { width: 1, height: 1 } } }, options)
const getTwStyles = globalThis.__satoriGetTwStyles

const warnings = []
console.warn = (...args) => warnings.push(args.map(String).join(' '))
const encode = (key, value) =>
  typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value
const cases = []
for (const classes of group.cases) {
  globalThis.__satoriResetTw()
  warnings.length = 0
  let result
  try {
    result = getTwStyles(classes, group.style ?? {})
  } catch (error) {
    result = { $error: String(error && error.message) }
  }
  cases.push(warnings.length ? [classes, result, [...warnings]] : [classes, result])
}
fs.writeFileSync(outPath, JSON.stringify(cases, encode))
