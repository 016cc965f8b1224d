// Generates satori_py/tailwind/default_theme.py: the parts of Tailwind 3.1.8's
// default theme that twrnc 3.4.0 reads, as Satori 0.63.2 bundles them.
//
//   node tests/tailwind/tools/gen_theme.mjs [PATH/TO/satori/dist/index.js.map] > satori_py/tailwind/default_theme.py
//
// The source map's sourcesContent holds tailwindcss/stubs/defaultConfig.stub.js and
// tailwindcss/lib/public/colors.js. Both are evaluated here (data only is emitted):
// plain theme keys become Python literals; keys the stub computes from the theme
// (`width: ({ theme }) => ({ auto: 'auto', ...theme('spacing'), ... })`) become a
// Derived(...) list of parts that satori_py/tailwind/config.py evaluates against the
// merged theme, as Tailwind's resolveConfig does, so user overrides flow through.
import fs from 'node:fs'
import vm from 'node:vm'

const mapPath = process.argv[2] || '/work/ref/node_modules/satori/dist/index.js.map'
const map = JSON.parse(fs.readFileSync(mapPath, 'utf8'))
const source = (suffix) => {
  const i = map.sources.findIndex((s) => s.endsWith(suffix))
  if (i < 0) throw new Error('not in the source map: ' + suffix)
  return map.sourcesContent[i]
}
const load = (code) => {
  const module = { exports: {} }
  const require = () => ({ default: { warn() {} } })
  vm.runInNewContext(code, { module, exports: module.exports, require, Object })
  return module.exports.default ?? module.exports
}
const stub = load(source('tailwindcss/stubs/defaultConfig.stub.js'))
const palette = load(source('tailwindcss/lib/public/colors.js'))

// The theme keys twrnc's ClassParser and create() read.
const KEYS = ['screens', 'colors', 'spacing', 'margin', 'padding', 'width', 'height', 'minWidth',
  'minHeight', 'maxWidth', 'maxHeight', 'lineHeight', 'fontSize', 'fontFamily', 'textColor',
  'backgroundColor', 'borderColor', 'borderWidth', 'borderRadius', 'inset', 'flex', 'flexGrow',
  'flexShrink', 'opacity', 'letterSpacing', 'zIndex']

// theme(path, default) and breakpoints(...) return markers; a spread marker leaves a
// unique key in the object it is spread into, in its position.
let n = 0
const theme = (path, dflt) => ({ [`__ref${n++}`]: path, ...(dflt === undefined ? {} : { __default: dflt }) })
const breakpoints = (ref) => ({ [`__breakpoints${n++}`]: Object.values(ref)[0] })
const isRef = (v) => v && typeof v === 'object' && !Array.isArray(v) &&
  Object.keys(v).filter((k) => k !== '__default').length === 1 && Object.keys(v)[0].startsWith('__ref')
const hasMarkers = (v) => v && typeof v === 'object' && Object.keys(v).some((k) => k.startsWith('__'))

const py = (v) => {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return '[' + v.map(py).join(', ') + ']'
  if (isRef(v)) {
    const [path] = Object.values(v)
    return v.__default === undefined ? `Ref(${py(path)})` : `Ref(${py(path)}, ${py(v.__default)})`
  }
  return '{' + Object.entries(v).map(([k, x]) => `${py(k)}: ${py(x)}`).join(', ') + '}'
}
const derived = (obj) => {
  // Consecutive plain entries are grouped; spreads and refs keep their positions.
  const parts = []
  let plain = null
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('__ref')) { plain = null; parts.push(`Spread(${py(v)})`); continue }
    if (k.startsWith('__breakpoints')) { plain = null; parts.push(`Breakpoints(${py(v)})`); continue }
    if (!plain) { plain = []; parts.push(plain) }
    plain.push(`${py(k)}: ${py(v)}`)
  }
  return parts
}

const lines = [
  '"""Tailwind 3.1.8\'s default theme: the keys twrnc 3.4.0 reads (GENERATED, do not edit).',
  '',
  'Made by tests/tailwind/tools/gen_theme.mjs from the defaultConfig.stub.js and',
  'lib/public/colors.js that Satori 0.63.2 bundles (its dist/index.js.map). Keys the',
  'stub computes from other keys are Derived parts, evaluated by config.py.',
  '"""',
  'from __future__ import annotations',
  '',
  'from typing import Any',
  '',
  'from .derive import Breakpoints, Derived, Ref, Spread',
  '',
  '__all__ = ["DEFAULT_THEME"]',
  '',
  'DEFAULT_THEME: dict[str, Any] = {',
]
// Entries wrapped to lines of at most 100 characters.
const wrap = (open, entries, close, indent) => {
  const out = []
  let line = indent + open
  for (const entry of entries) {
    if (line.length + entry.length + 2 > 100 && line.trim() !== open.trim()) {
      out.push(line.trimEnd())
      line = indent + '    '
    }
    line += entry + ', '
  }
  out.push(line.replace(/, $/, '') + close)
  return out
}
for (const key of KEYS) {
  let value = stub.theme[key]
  if (typeof value === 'function') value = value({ theme, colors: palette, breakpoints })
  const head = `${py(key)}: `
  if (isRef(value)) {
    lines.push(`    ${head}${py(value)},`)
  } else if (hasMarkers(value)) {
    lines.push(`    ${head}Derived(`)
    for (const part of derived(value)) {
      if (Array.isArray(part)) lines.push(...wrap('{', part, '},', '        '))
      else lines.push(`        ${part},`)
    }
    lines.push('    ),')
  } else if (Object.values(value).some((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    lines.push(`    ${head}{`)
    for (const [k, v] of Object.entries(value)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        lines.push(...wrap(`${py(k)}: {`, Object.entries(v).map(([a, b]) => `${py(a)}: ${py(b)}`), '},', '        '))
      } else {
        lines.push(`        ${py(k)}: ${py(v)},`)
      }
    }
    lines.push('    },')
  } else if (Object.values(value).some(Array.isArray)) {
    lines.push(`    ${head}{`)
    for (const [k, v] of Object.entries(value)) {
      lines.push(...wrap(`${py(k)}: [`, v.map(py), '],', '        '))
    }
    lines.push('    },')
  } else {
    lines.push(...wrap(`${head}{`, Object.entries(value).map(([k, v]) => `${py(k)}: ${py(v)}`), '},', '    '))
  }
}
lines.push('}')
process.stdout.write(lines.join('\n') + '\n')
