"""Rebuild satori_py/assets/twemoji/ from the npm package ``@twemoji/svg``.

Not a test. Needs the unpacked package (``npm pack @twemoji/svg@15.0.0`` and
``tar xzf``)::

    python tests/text/make_twemoji_pack.py PATH/TO/package

The SVG files are kept byte for byte. Sorted by file name (so skin-tone and
gender variants of one emoji share a shard and compress together), they are
split into shards of JSON ``{code: svg}``, each Brotli-compressed; ``index.json``
lists the first code of each shard, so one emoji costs one small decompression.
``aliases.json.br`` maps codes written without their U+FE0F (``1f3f3-200d-1f308``, a
rainbow flag typed without the variation selector) to the file's code.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import brotli

SHARDS = 16
OUT = Path(__file__).resolve().parents[2] / "satori_py" / "assets" / "twemoji"


def main(package: Path) -> None:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    # By code, not file name: "1f1e6" must sort before "1f1e6-1f1e8" for the index.
    files = sorted(package.glob("*.svg"), key=lambda f: f.stem)
    codes = [f.stem for f in files]
    size = -(-len(files) // SHARDS)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("shard-*.json.br"):
        old.unlink()
    shards = []
    for n, start in enumerate(range(0, len(files), size)):
        part = {f.stem: f.read_text(encoding="utf-8") for f in files[start:start + size]}
        name = f"shard-{n:02d}.json.br"
        data = json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode()
        (OUT / name).write_bytes(brotli.compress(data, quality=11, lgwin=22))
        shards.append({"first": codes[start], "file": name, "count": len(part)})
    aliases = {c.replace("-fe0f", ""): c for c in codes if "-fe0f" in c}
    aliases = {k: v for k, v in aliases.items() if k not in set(codes)}
    (OUT / "aliases.json.br").write_bytes(
        brotli.compress(json.dumps(aliases, separators=(",", ":")).encode(), quality=11))
    index = {"package": f"{meta['name']}@{meta['version']}", "count": len(files),
             "naming": "lowercase hex code points joined by '-', U+FE0F dropped unless ZWJ",
             "shards": shards}
    (OUT / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
