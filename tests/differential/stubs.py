"""Stand-ins for the differential tools' own tests (tests/test_differential.py): no node.

Run as a script, this is a stand-in for oracle.mjs speaking its protocol: each
request line is answered with an SVG of the card's canvas, white, carrying this
process's id and ``PAD`` bytes of comment (answers as big as a large card's); a card
whose element's children is ``"hang"`` makes it stop reading and answering, as a
Satori stuck in a card does, and ``"die"`` makes it exit. ``judge`` and ``lost``
are a judging function for judges.Judges that can die, hang or panic on demand.
"""
from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

PAD = 200_000


def answer(request: dict[str, Any]) -> dict[str, Any]:
    options = request["case"].get("options") or {}
    w, h = options.get("width", 40), options.get("height", 30)
    svg = (f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           f'xmlns="http://www.w3.org/2000/svg"><!-- pid {os.getpid()} {"." * PAD} -->'
           f'<rect width="{w}" height="{h}" fill="white"/></svg>')
    return {"id": request["id"], "svg": svg}


def serve_oracle() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        children = (request["case"]["element"].get("props") or {}).get("children")
        if children == "hang":
            time.sleep(3600)
        if children == "die":
            sys.exit(3)
        sys.stdout.write(json.dumps(answer(request)) + "\n")
        sys.stdout.flush()


class Panic(BaseException):
    """Like pyo3's PanicException: not an Exception."""


def judge(task: tuple[str, int, bytes]) -> int:
    kind, n, payload = task
    if kind == "die":
        os._exit(7)
    if kind == "hang":
        time.sleep(3600)
    if kind == "panic":
        raise Panic(f"card {n}")
    return n + len(payload)


def lost(task: tuple[str, int, bytes], reason: str, overran: bool) -> str:
    return f"{task[1]}: {reason.splitlines()[0]}{' (overran)' if overran else ''}"


if __name__ == "__main__":
    serve_oracle()
