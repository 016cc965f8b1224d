"""python -m tests.layout.families: random layouts real cards use, against the real Satori.

    SATORI_REF=/path/to/satori-ref .venv/bin/python -m tests.layout.families \\
        [--family nested] [--seed 1] [--cards 200] [--out DIR] [--no-minimise]

The Tailwind generator (tests/tailwind/differential.py) rarely makes these layouts; each
family here builds cards around one of them, with the rest of a card about it:

* ``nested``: rows and columns 4-6 deep, mixed alignment, gaps, padding and growth;
* ``wrap``: wrapping rows (and columns) with gaps, ``alignContent`` and ``alignItems``;
* ``badges``: absolute boxes pinned by ``right``/``bottom`` (px and %) over tiles;
* ``margins``: ``margin: auto`` (and one side auto) centring and pushing items;
* ``basis``: ``flexBasis`` in % and px with grow and shrink, and ``order``;
* ``ratio``: ``aspectRatio`` boxes and images in wrapping and plain rows;
* ``limits``: min and max widths and heights in % and px;
* ``display``: ``display: none`` and ``contents`` items among others;
* ``position``: ``position: relative`` (and static) with insets;
* ``overflow``: ``overflow: hidden`` boxes with children bigger than they are;
* ``clamp``: ``lineClamp`` and ``textOverflow: ellipsis`` text in flexible rows;
* ``grid``: ``display: grid`` with fr, minmax(), repeat() tracks, gaps and spans;
* ``insets``: absolute boxes with percentage insets and sizes in nested relative boxes;
* ``centring``: ``margin: auto`` in both axes, in fixed-height (and wrapping) containers;
* ``ratio_limits``: ``aspectRatio`` boxes with min and max sizes in % and px.

Every box has a background, so a box that moves shows. A card ``index`` of a ``seed`` and
family is the same whatever the count. Failing cards are minimised (tests/differential/
minimise.py) and written with their ``ours | reference | diff`` picture to ``--out``
(default .artifacts/layout-families/FAMILY-SEED). Exit status 0 when every card matches.
"""
from __future__ import annotations

import argparse
import base64
import json
import logging
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support import paths

Node = dict[str, Any]

WORDS = ("ship faster with typed layouts every time real cards render pixels release notes weekly "
         "digest design system tokens themes components pricing plans starter team growth "
         "analytics dashboard launch today open source community").split()
COLOURS = ["#0f172a", "#1e293b", "#334155", "#475569", "#64748b", "#94a3b8", "#cbd5e1", "#e2e8f0",
           "#7c3aed", "#a78bfa", "#2563eb", "#60a5fa", "#059669", "#34d399", "#d97706", "#fbbf24",
           "#dc2626", "#f87171", "#db2777", "#f9a8d4"]
SIZES = [(1200, 630), (800, 418), (1080, 1080), (600, 315)]
FONTS = [("Geist", "satori_py/assets/Geist-Regular.ttf", 400),
         ("Geist", "golden/text/fonts/Geist-Bold.ttf", 700)]


def el(style: dict[str, Any], children: Any = None, kind: str = "div", **props: Any) -> Node:
    p: dict[str, Any] = {"style": style, **props}
    if children is not None:
        p["children"] = children
    return {"type": kind, "props": p}


class Card:
    """One card's random choices."""

    def __init__(self, family: str, seed: str, index: int) -> None:
        self.rng = random.Random(f"layout-families:{family}:{seed}:{index}")
        self.width, self.height = self.rng.choice(SIZES)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: Any) -> Any:
        return self.rng.choice(list(items))

    def words(self, low: int = 1, high: int = 6) -> str:
        return " ".join(self.pick(WORDS) for _ in range(self.rng.randint(low, high)))

    def colour(self) -> str:
        return self.pick(COLOURS)

    def px(self, low: int, high: int, step: int = 4) -> int:
        return self.rng.randrange(low, high + 1, step)

    def pct(self) -> str:
        return f"{self.pick([10, 20, 25, 30, 33, 40, 50, 60, 66, 75, 80, 100])}%"

    def text(self, style: dict[str, Any] | None = None) -> Node:
        s: dict[str, Any] = {"backgroundColor": self.colour(), "color": "#000",
                             "fontSize": self.pick([12, 14, 14, 16, 16, 18, 20, 24, 32])}
        if self.chance(0.3):
            s["fontWeight"] = 700
        if self.chance(0.3):
            s["padding"] = self.px(2, 16, 2)
        if self.chance(0.2):
            s["lineHeight"] = self.pick([1, 1.2, 1.5, "24px"])
        return el({**s, **(style or {})}, self.words())

    def box(self, style: dict[str, Any] | None = None, children: Any = None) -> Node:
        s: dict[str, Any] = {"backgroundColor": self.colour()}
        return el({**s, **(style or {})}, children)

    def flex(self, direction: str | None = None) -> dict[str, Any]:
        s: dict[str, Any] = {"display": "flex",
                             "flexDirection": direction or self.pick(["row", "column", "row", "column", "row-reverse"])}
        if self.chance(0.5):
            s["alignItems"] = self.pick(["flex-start", "center", "flex-end", "stretch", "baseline"])
        if self.chance(0.4):
            s["justifyContent"] = self.pick(["flex-start", "center", "flex-end", "space-between",
                                             "space-around", "space-evenly"])
        if self.chance(0.4):
            s["gap"] = self.px(0, 24)
        if self.chance(0.5):
            s["padding"] = self.pick([self.px(0, 24), f"{self.px(0, 16)}px {self.px(0, 24)}px"])
        return s

    def item_extras(self) -> dict[str, Any]:
        s: dict[str, Any] = {}
        if self.chance(0.3):
            s["flexGrow"] = self.pick([1, 1, 2])
        if self.chance(0.15):
            s["flexShrink"] = 0
        if self.chance(0.15):
            s["alignSelf"] = self.pick(["flex-start", "center", "flex-end", "stretch"])
        if self.chance(0.1):
            s["width"] = self.pick([self.px(40, 240), self.pct()])
        if self.chance(0.08):
            s["height"] = self.px(20, 160)
        return s

    def leaf(self) -> Node:
        if self.chance(0.7):
            return self.text(self.item_extras())
        return self.box({"width": self.px(8, 96), "height": self.px(8, 96), **self.item_extras()})

    def tree(self, depth: int) -> Node:
        if depth <= 0 or self.chance(0.15):
            return self.leaf()
        # Wide near the root, narrow deep down (a card, not a fractal).
        kids = [self.tree(depth - 1) for _ in range(self.rng.randint(1, 3 if depth > 3 else 2))]
        return self.box({**self.flex(), **self.item_extras()}, kids)

    def root(self, kids: list[Node], style: dict[str, Any] | None = None) -> Node:
        s: dict[str, Any] = {"display": "flex", "flexDirection": self.pick(["column", "row"]),
                             "width": "100%", "height": "100%", "backgroundColor": "#fff",
                             "fontFamily": "Geist", "padding": self.px(0, 48)}
        if self.chance(0.3):
            s["alignItems"] = self.pick(["flex-start", "center"])
        return el({**s, **(style or {})}, kids)

    # -- families ----------------------------------------------------------------------

    def nested(self) -> Node:
        return self.root([self.tree(self.rng.randint(4, 6)) for _ in range(self.rng.randint(1, 2))])

    def wrap(self) -> Node:
        s = {**self.flex(self.pick(["row", "row", "column"])), "flexWrap": self.pick(["wrap", "wrap", "wrap-reverse"])}
        if self.chance(0.6):
            s["alignContent"] = self.pick(["flex-start", "center", "flex-end", "space-between",
                                           "space-around", "stretch"])
        if self.chance(0.5):
            s["rowGap"], s["columnGap"] = self.px(0, 24), self.px(0, 24)
        if s["flexDirection"] == "column" or self.chance(0.4):
            s["height"] = self.pick([self.px(120, 400), "100%"])
        if self.chance(0.3):
            s["width"] = self.pick([self.px(200, 600), self.pct()])
        items = [self.leaf() if self.chance(0.6) else self.tree(2) for _ in range(self.rng.randint(3, 10))]
        return self.root([self.box(s, items)])

    def badges(self) -> Node:
        tiles = []
        for _ in range(self.rng.randint(1, 4)):
            badge: dict[str, Any] = {"position": "absolute", "backgroundColor": self.colour(),
                                     "padding": self.px(2, 12, 2), "fontSize": self.pick([10, 12, 14])}
            for side in self.rng.sample(["right", "bottom", "top", "left"], self.rng.randint(1, 2)):
                badge[side] = self.pick([self.px(-12, 24), self.pct(), "-5%"])
            if self.chance(0.3):
                badge["width"] = self.pick([self.px(16, 80), self.pct()])
            if self.chance(0.3):
                badge["display"] = "flex"
            tile = {**self.flex(), "position": self.pick(["relative", "relative", "static"]),
                    **self.item_extras()}
            if self.chance(0.5):
                tile["width"], tile["height"] = self.px(80, 320), self.px(60, 240)
            tiles.append(self.box(tile, [self.leaf(), self.leaf(), el(badge, self.words(1, 2))]))
        return self.root([self.box({**self.flex(), "flexWrap": self.pick(["wrap", "nowrap"])}, tiles)],
                         {"position": "relative"})

    def margins(self) -> Node:
        items = []
        for _ in range(self.rng.randint(1, 4)):
            node = self.leaf()
            style = node["props"]["style"]
            choice = self.pick(["margin", "marginLeft", "marginRight", "marginTop", "marginBottom", "both"])
            if choice == "margin":
                style["margin"] = "auto"
            elif choice == "both":
                style["marginLeft"] = style["marginRight"] = "auto"
            else:
                style[choice] = "auto"
            if self.chance(0.3):
                style["marginTop"] = style.get("marginTop", self.px(0, 24))
            items.append(node)
            if self.chance(0.4):
                items.append(self.leaf())
        return self.root([self.box({**self.flex(), **self.item_extras(), "minHeight": self.px(60, 300)}, items)])

    def basis(self) -> Node:
        rows = []
        for _ in range(self.rng.randint(1, 3)):
            items = []
            for _ in range(self.rng.randint(2, 5)):
                node = self.leaf()
                style = node["props"]["style"]
                style["flexBasis"] = self.pick([self.pct(), self.px(0, 300), "auto", "0%"])
                if self.chance(0.5):
                    style["flexGrow"] = self.pick([0, 1, 2])
                if self.chance(0.3):
                    style["flexShrink"] = self.pick([0, 1, 3])
                if self.chance(0.4):
                    style["order"] = self.rng.randint(-2, 3)
                items.append(node)
            rows.append(self.box(self.flex(self.pick(["row", "column", "row"])), items))
        return self.root(rows)

    def ratio(self) -> Node:
        items = []
        for _ in range(self.rng.randint(2, 8)):
            ratio = self.pick([1, 16 / 9, 4 / 3, 3 / 4, 2, 0.5])
            style: dict[str, Any] = {"aspectRatio": ratio}
            side = self.pick(["width", "height", "width", "flexBasis"])
            style[side] = self.pick([self.px(40, 300), self.pct()])
            if self.chance(0.3):
                style["flexGrow"] = 1
            if self.chance(0.3):
                style["maxWidth"] = self.pick([self.px(60, 300), self.pct()])
            if self.chance(0.5):
                w, h = self.px(40, 200), self.px(40, 200)
                svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}'>"
                       f"<rect width='{w}' height='{h}' fill='{self.colour()}'/></svg>")
                src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
                items.append(el(style, None, "img", src=src))
            else:
                items.append(self.box(style, self.words(0, 3) or None))
        row = {**self.flex(self.pick(["row", "row", "column"])), "flexWrap": self.pick(["wrap", "nowrap"])}
        return self.root([self.box(row, items), self.leaf()])

    def limits(self) -> Node:
        def limited() -> Node:
            node = self.leaf() if self.chance(0.6) else self.tree(2)
            style = node["props"]["style"]
            for prop in self.rng.sample(["minWidth", "maxWidth", "minHeight", "maxHeight"], self.rng.randint(1, 2)):
                style[prop] = self.pick([self.pct(), self.px(20, 400)])
            return node
        kids = [limited() for _ in range(self.rng.randint(2, 5))]
        container = {**self.flex(), **({"width": self.pct()} if self.chance(0.4) else {}),
                     **({"height": self.px(100, 400)} if self.chance(0.4) else {})}
        return self.root([self.box(container, kids)])

    def display(self) -> Node:
        kids = []
        for _ in range(self.rng.randint(3, 7)):
            node = self.leaf() if self.chance(0.6) else self.tree(2)
            if self.chance(0.35):
                node["props"]["style"]["display"] = self.pick(["none", "contents", "contents"])
            kids.append(node)
        return self.root([self.box({**self.flex(), **self.item_extras()}, kids)])

    def position(self) -> Node:
        kids = []
        for _ in range(self.rng.randint(2, 6)):
            node = self.leaf() if self.chance(0.6) else self.tree(2)
            style = node["props"]["style"]
            style["position"] = self.pick(["relative", "relative", "static"])
            for side in self.rng.sample(["top", "right", "bottom", "left"], self.rng.randint(1, 2)):
                style[side] = self.pick([self.px(-20, 40), self.pct()])
            kids.append(node)
        return self.root([self.box({**self.flex(), **self.item_extras()}, kids)])

    def overflow(self) -> Node:
        kids = []
        for _ in range(self.rng.randint(1, 4)):
            big = self.box({"width": self.px(100, 900), "height": self.px(60, 600), "flexShrink": 0},
                           [self.leaf()]) if self.chance(0.5) else self.tree(3)
            frame = {**self.flex(), "overflow": "hidden", "width": self.pick([self.px(60, 400), self.pct()]),
                     "height": self.px(40, 300)}
            if self.chance(0.4):
                frame["borderRadius"] = self.px(0, 24)
            kids.append(self.box(frame, [big, self.leaf()]))
        return self.root([self.box(self.flex(), kids)])

    def clamp(self) -> Node:
        rows = []
        for _ in range(self.rng.randint(1, 3)):
            items = []
            for _ in range(self.rng.randint(1, 4)):
                node = self.text({"flexGrow": self.pick([0, 1]), "flexShrink": self.pick([1, 1, 0])})
                node["props"]["children"] = self.words(3, 24)
                style = node["props"]["style"]
                if self.chance(0.5):
                    style.update({"display": "block", "lineClamp": self.rng.randint(1, 3)})
                else:
                    style.update({"overflow": "hidden", "textOverflow": "ellipsis", "whiteSpace": "nowrap"})
                if self.chance(0.4):
                    style["minWidth"] = self.pick([0, self.px(20, 120)])
                if self.chance(0.3):
                    style["width"] = self.pick([self.px(60, 400), self.pct()])
                items.append(node)
            if self.chance(0.5):
                items.append(self.box({"width": self.px(16, 64), "height": self.px(16, 64), "flexShrink": 0}))
            rows.append(self.box({**self.flex("row"), **({"width": self.pct()} if self.chance(0.4) else {})}, items))
        return self.root(rows)

    def grid(self) -> Node:
        s: dict[str, Any] = {"display": "grid", "gridTemplateColumns": self.pick(
            ["repeat(3, 1fr)", "repeat(2, 1fr)", "1fr 2fr", "200px 1fr", "repeat(2, minmax(0, 1fr))",
             "minmax(100px, 1fr) 2fr", "auto 1fr", "repeat(4, 1fr)", "1fr auto 1fr", "120px repeat(2, 1fr)",
             "repeat(auto-fill, minmax(120px, 1fr))", "40% 1fr"])}
        if self.chance(0.3):
            s["gridTemplateRows"] = self.pick(["auto 1fr", "repeat(2, 1fr)", "100px auto", "1fr 1fr 1fr"])
        if self.chance(0.6):
            s["gap"] = self.pick([self.px(0, 24), f"{self.px(0, 24)}px {self.px(0, 24)}px"])
        if self.chance(0.3):
            s["alignItems"] = self.pick(["start", "center", "end", "stretch"])
        if self.chance(0.3):
            s["justifyItems"] = self.pick(["start", "center", "end", "stretch"])
        if self.chance(0.4):
            s["height"] = self.pick([self.px(120, 400), "100%"])
        if self.chance(0.4):
            s["padding"] = self.px(0, 24)
        items = []
        for _ in range(self.rng.randint(2, 9)):
            node = self.leaf() if self.chance(0.6) else self.tree(2)
            style = node["props"]["style"]
            for prop in ("flexGrow", "flexShrink", "alignSelf"):
                style.pop(prop, None)
            if self.chance(0.25):
                style["gridColumn"] = self.pick(["span 2", "1 / 3", "1 / -1", "2", "span 3"])
            if self.chance(0.15):
                style["gridRow"] = self.pick(["span 2", "1 / 3", "2"])
            if self.chance(0.15):
                style["justifySelf"] = self.pick(["start", "center", "end"])
            items.append(node)
        return self.root([self.box(s, items)])

    def insets(self) -> Node:
        def layer(depth: int) -> Node:
            style: dict[str, Any] = {**self.flex(), "position": "relative",
                                     "width": self.pick([self.px(80, 500), self.pct(), self.pct()]),
                                     "height": self.pick([self.px(60, 400), self.pct(), "auto"])}
            kids = [self.leaf()]
            for _ in range(self.rng.randint(1, 3)):
                pinned: dict[str, Any] = {"position": "absolute", "backgroundColor": self.colour()}
                for side in self.rng.sample(["top", "right", "bottom", "left"], self.rng.randint(1, 4)):
                    pinned[side] = self.pick([self.pct(), self.pct(), self.px(-20, 40), "-10%"])
                for prop in ("width", "height", "maxWidth", "minHeight"):
                    if self.chance(0.35):
                        pinned[prop] = self.pick([self.pct(), self.px(10, 200)])
                if self.chance(0.2):
                    pinned["margin"] = self.pick(["auto", self.pct(), self.px(0, 16)])
                if self.chance(0.2):
                    pinned["padding"] = self.pick([self.pct(), self.px(0, 16)])
                kids.append(el({**pinned, **({"display": "flex"} if self.chance(0.4) else {})},
                               self.words(0, 3) or None))
            if depth > 0:
                kids.append(layer(depth - 1))
            return self.box(style, kids)
        return self.root([layer(self.rng.randint(1, 3))])

    def centring(self) -> Node:
        items = []
        for _ in range(self.rng.randint(1, 4)):
            node = self.leaf() if self.chance(0.7) else self.tree(2)
            style = node["props"]["style"]
            style.update(self.pick([{"margin": "auto"}, {"marginTop": "auto", "marginBottom": "auto"},
                                    {"marginLeft": "auto", "marginRight": "auto", "marginTop": "auto"},
                                    {"margin": "auto 0"}, {"margin": "0 auto"}, {"marginTop": "auto"}]))
            items.append(node)
        container = {**self.flex(), "flexWrap": self.pick(["nowrap", "nowrap", "wrap"]),
                     "height": self.pick([self.px(100, 500), "100%", self.pct()])}
        if self.chance(0.4):
            container["width"] = self.pick([self.px(100, 600), self.pct()])
        return self.root([self.box(container, items)])

    def ratio_limits(self) -> Node:
        items = []
        for _ in range(self.rng.randint(1, 6)):
            style: dict[str, Any] = {"aspectRatio": self.pick([1, 16 / 9, 4 / 3, 3 / 4, 2, "3 / 2"])}
            if self.chance(0.6):
                style[self.pick(["width", "height", "flexBasis"])] = self.pick([self.px(40, 400), self.pct()])
            for prop in self.rng.sample(["minWidth", "maxWidth", "minHeight", "maxHeight"], self.rng.randint(1, 2)):
                style[prop] = self.pick([self.pct(), self.px(20, 300)])
            if self.chance(0.3):
                style["flexGrow"] = 1
            if self.chance(0.3):
                style["flexShrink"] = 0
            items.append(self.box(style, self.words(0, 2) or None))
        container = {**self.flex(self.pick(["row", "column"])),
                     **({"height": self.px(100, 400)} if self.chance(0.5) else {}),
                     **({"width": self.pct()} if self.chance(0.3) else {})}
        return self.root([self.box(container, items), self.leaf()])


FAMILIES: dict[str, Callable[[Card], Node]] = {
    name: getattr(Card, name) for name in ("nested", "wrap", "badges", "margins", "basis", "ratio",
                                           "limits", "display", "position", "overflow", "clamp",
                                           "grid", "insets", "centring", "ratio_limits")}


def card(family: str, seed: str, index: int) -> dict[str, Any]:
    """Card ``index`` of ``family`` and ``seed``: a case (the conformance format)."""
    c = Card(family, seed, index)
    element = FAMILIES[family](c)
    fonts = [{"name": name, "file": str(paths.REPO_ROOT / file), "weight": weight, "style": "normal"}
             for name, file, weight in FONTS]
    return {"name": f"layout family {family} seed {seed} card {index}", "element": element,
            "options": {"width": c.width, "height": c.height, "fonts": fonts}}


def compare_cards(family: str, seed: str, count: int, out: Path, minimise_failures: bool = True) -> list[str]:
    """The cards that do not match Satori's, (minimised and) written to ``out``, described."""
    from tests.differential import compare
    from tests.differential.minimise import minimise
    from tests.differential.oracle import Oracle

    bad = []
    with Oracle() as oracle:
        def fails(candidate: dict[str, Any]) -> bool:
            return compare.compare(candidate, oracle.render(candidate)).status == compare.FAIL

        for index in range(count):
            case = card(family, seed, index)
            outcome = compare.compare(case, oracle.render(case))
            if outcome.status == compare.PASS:
                continue
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{index}-full.json").write_text(json.dumps(case, indent=1), encoding="utf-8")
            if outcome.status == compare.FAIL and minimise_failures:
                case, _calls = minimise(case, fails, budget=150)
            keep: dict[str, bytes] = {}
            outcome = compare.compare(case, oracle.render(case), keep)
            (out / f"{index}.json").write_text(json.dumps(case, indent=1), encoding="utf-8")
            if "ours" in keep:
                compare.failure_picture(out / f"{index}.png", keep["ours"], keep["ref"])
            message = outcome.message.splitlines()[0] if outcome.message else ""
            bad.append(f"card {index}: {outcome.status} {message}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.layout.families", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--family", choices=sorted(FAMILIES), action="append",
                    help="a family (repeat for more; default all)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--cards", type=int, default=200, help="cards per family (default 200)")
    ap.add_argument("--out", type=Path, help="output folder (default .artifacts/layout-families)")
    ap.add_argument("--no-minimise", action="store_true", help="write failing cards as they are")
    args = ap.parse_args(argv)
    logging.getLogger("satori_py").setLevel(logging.ERROR)
    root = args.out or paths.ARTIFACTS / "layout-families"
    status = 0
    for family in args.family or sorted(FAMILIES):
        out = root / f"{family}-{args.seed}"
        bad = compare_cards(family, args.seed, args.cards, out, not args.no_minimise)
        print(f"{family}: {args.cards - len(bad)}/{args.cards} match (failures in {out})", flush=True)
        for line in bad:
            print("  ", line, flush=True)
        status = status or (1 if bad else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
