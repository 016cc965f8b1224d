// Makes golden/markup/NAME.json from tests/markup/data/satori_html/NAME.html: the
// element is the tree satori-html 0.3.2 (natemoo-re/satori-html, the markup front
// end of Satori in Astro/SvelteKit routes) makes of the markup, so the real Satori
// can render it as the reference and tests/markup/test_satori_html.py can check that
// from_html(markup, dialect="satori-html") makes the same tree.
//
//   mkdir /tmp/shtml && (cd /tmp/shtml && npm install satori-html@0.3.2)
//   NODE_PATH=/tmp/shtml/node_modules node tests/markup/tools/record_satori_html.mjs NAME...
//   node /work/ref/render.mjs golden/markup/NAME.json golden/markup/NAME   # real Satori: .svg, .png
//   python3 ../shared/tools/reraster.py golden/markup/NAME.json            # reference PNG by resvg-py
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'x.js'))
const { html } = await import(require.resolve('satori-html'))
const here = path.dirname(new URL(import.meta.url).pathname)
const repo = path.resolve(here, '../../..')
for (const name of process.argv.slice(2)) {
  const markup = fs.readFileSync(path.join(repo, 'tests/markup/data/satori_html', name + '.html'), 'utf8')
  const golden = {
    name,
    notes: 'satori-html 0.3.2 markup (tests/markup/data/satori_html/' + name + '.html) as its tree: ' +
      'from_html(markup, dialect="satori-html") must give this element (tests/markup/test_satori_html.py). ' +
      'Reference: satori 0.63.2 on this tree (/work/ref/render.mjs), PNG by shared/tools/reraster.py.',
    element: html(markup),
    options: {
      width: 1200, height: 630,
      fonts: [
        { name: 'Geist', file: '../../satori_py/assets/Geist-Regular.ttf', weight: 400, style: 'normal' },
        { name: 'Geist', file: '../text/fonts/Geist-Bold.ttf', weight: 700, style: 'normal' },
      ],
    },
    reference: { svg: name + '.svg', png: name + '.png' },
  }
  fs.writeFileSync(path.join(repo, 'golden/markup', name + '.json'), JSON.stringify(golden, null, 1) + '\n')
}
