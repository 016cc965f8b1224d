"""Regenerate tests/text/data/line-breaks-reference.json: where the reference breaks lines.

Not a test. Needs node and the reference install (SATORI_REF, default /work/ref):

    SATORI_REF=/work/ref python tests/text/make_line_break_references.py

Random strings of mixed kinds (letters, digits, punctuation, brackets, quotes, emoji with
modifiers and joiners, CJK and its punctuation, Hangul, Hebrew, Arabic, Thai, currency,
postfixes, URL pieces, spaces of every kind, newlines) are split by the line breaker of
Satori's ``splitByBreakOpportunities`` (npm ``linebreak``): each string's break positions
(in code points) and whether each is required. test_line_break_reference.py holds
``split_by_break_opportunities`` to them.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

OUT = Path(__file__).parent / "data" / "line-breaks-reference.json"
SEED = 16
COUNT = 1500
POOLS = {
    "latin": list("abcXYZéß"),
    "digit": list("0123456789"),
    "space": [" ", "  "],
    "punct": list("()[]{}.,;:!?-/'\"%$#@&*+=<>_~^|\\"),
    "emoji": ["☺", "☀", "😀", "👍🏽", "❤️", "✨", "🇫🇷", "👩‍💻", "©", "™", "★", "→", "✓", "#️⃣"],
    "cjk": list("日本語中文字、。「」『』（）！？ー々ぁァ한국어ｱ１２＄％〜・゛ㇰヽ"),
    "quote": list("“”‘’«»„‚‹›"),
    "special": ["\u00a0", "\u200b", "\u2011", "\u2010", "\u2013", "\u2014", "\u2026", "\u2025", "\u00b7",
                "\u2022", "€", "£", "¥", "°", "‰", "\u3000", "\t", "\u2060", "\ufeff", "\u00ad", "¡", "¿",
                "‼", "⁉", "\u2032", "℃", "±", "−", "×", "÷", "\u0301", "e\u0301", "\u200d"],
    "scripts": ["שלום", "א", "א -", "א ‐", "א\t", "مرحبا", "ไทย", "ກາ", "ខ្មែរ"],
    "breaks": ["\n", "\r\n", "\r", "\u2028"],
    "url": ["https://", "www.", ".com/", "?q=", "&x=", "#id", "@user", "1.5", "10%", "$20", "(1)", "e.g.",
            "...", "’s"],
}
BREAKER = r"""
const LineBreaker = require(process.argv[1] + '/node_modules/linebreak')
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const out = input.map(s => {
  const breaker = new LineBreaker(s)
  const breaks = []
  let bk
  // Positions in code points, as Python indexes strings.
  while ((bk = breaker.nextBreak())) breaks.push([Array.from(s.slice(0, bk.position)).length, bk.required])
  return breaks
})
process.stdout.write(JSON.stringify(out))
"""


def main() -> None:
    rng = random.Random(SEED)
    kinds = list(POOLS)
    texts = ["".join(rng.choice(POOLS[rng.choice(kinds)]) for _ in range(rng.randint(1, 10)))
             for _ in range(COUNT)]
    ref = os.environ.get("SATORI_REF", "/work/ref")
    done = subprocess.run(["node", "-e", BREAKER, ref], input=json.dumps(texts), capture_output=True,
                          text=True, check=True)
    breaks = json.loads(done.stdout)
    cases = ",\n".join(json.dumps({"text": t, "breaks": b}, ensure_ascii=False) for t, b in zip(texts, breaks))
    OUT.write_text('{"breaker": "npm linebreak (Satori 0.63.2)", "cases": [\n' + cases + "\n]}\n")


if __name__ == "__main__":
    main()
