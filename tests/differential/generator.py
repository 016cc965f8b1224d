"""Random but realistic cards: a grammar over what Satori supports.

``generate(seed, index)`` returns one case (the conformance format: element,
options with fonts, additionalAssets for emoji). Card ``index`` of a ``seed`` is
the same whatever the count, so any card can be made again alone.

A card is an OG-image-like template (hero, profile, stats, list, quote, chart,
grid page, tags, code, pricing) built from components (headings, paragraphs with
inline spans and links, avatars, badges, buttons, inline SVG icons, lists, grids,
bars), then perturbed the way real cards vary: themes and gradients, shadows,
borders and radii, transforms, clipping, opacity and filters, right-to-left
rows, ellipsis and line clamps, absolutely positioned decorations. Text is
Latin, or Arabic, Hebrew, Korean, Japanese, Chinese or Thai (often mixed with
Latin), with emoji as Twemoji images through ``loadAdditionalAsset``.
"""
from __future__ import annotations

import random
from typing import Any

from . import vocab

Node = dict[str, Any]
Style = dict[str, Any]

SIZES = [((1200, 630), 3), ((800, 420), 3), ((600, 315), 3), ((400, 400), 2), ((500, 260), 2)]
TEMPLATES = ["hero", "profile", "stats", "list", "quote", "chart", "grid_page", "tags",
             "code", "pricing"]
SCRIPTS = [("arabic", 4), ("hebrew", 2), ("korean", 2), ("japanese", 2), ("chinese", 1),
           ("thai", 1)]


def el(kind: str, style: Style | None = None, children: Any = None, **props: Any) -> Node:
    p: dict[str, Any] = dict(props)
    if style:
        p["style"] = style
    if children is not None:
        p["children"] = children
    return {"type": kind, "props": p}


class CardGenerator:
    """One card's choices; ``card()`` builds it."""

    def __init__(self, seed: int | str, index: int) -> None:
        self.rng = random.Random(f"satori-diff:{seed}:{index}")
        self.scripts: set[str] = set()
        self.emoji: set[str] = set()
        self.families: set[str] = set()

    # -- random helpers --------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: list[Any]) -> Any:
        if items and isinstance(items[0], tuple) and len(items[0]) == 2 \
                and isinstance(items[0][1], int):
            values, weights = zip(*items)
            return self.rng.choices(values, weights=weights)[0]
        return self.rng.choice(items)

    def num(self, lo: int, hi: int, step: int = 1) -> int:
        return self.rng.randrange(lo, hi + 1, step)

    # -- values ------------------------------------------------------------------

    def colour(self, role: str) -> str:
        if role == "accent":
            c = self.pick(vocab.ACCENT)
            r = self.rng.random()
            if r < 0.08:
                return f"hsla({self.num(0, 359)}, {self.num(30, 90)}%, {self.num(30, 60)}%, " \
                       f"{self.pick(['40%', '0.6', '80%'])})"
            if r < 0.16:
                return f"rgba({self.num(0, 255)}, {self.num(0, 255)}, {self.num(0, 255)}, " \
                       f"{self.pick(['0.5', '0.8', '30%'])})"
            if r < 0.22:
                return f"hsl({self.num(0, 359)}, {self.num(30, 90)}%, {self.num(30, 60)}%)"
            return c
        return self.pick(vocab.DARK if role == "dark" else vocab.LIGHT)

    def gradient(self) -> str:
        a, b = self.colour("accent"), self.colour("accent")
        kind = self.pick([("linear", 6), ("radial", 3), ("repeating", 1)])
        if kind == "linear":
            head = self.pick(["to right", "to bottom right", f"{self.num(0, 359)}deg", "to top"])
            stops = [a, b] if self.chance(0.7) else [a, self.colour("accent"), b]
            if self.chance(0.3):
                stops = [f"{stops[0]} 10%", *stops[1:-1], f"{stops[-1]} 90%"]
            return f"linear-gradient({head}, {', '.join(stops)})"
        if kind == "radial":
            head = self.pick(["circle at top left", "circle", "ellipse at center",
                              "circle at 30% 20%", "farthest-corner at 80% 0%"])
            return f"radial-gradient({head}, {a}, {b})"
        return f"repeating-linear-gradient(45deg, {a} 0px, {a} 10px, {b} 10px, {b} 20px)"

    def shadow(self) -> str:
        x, y, blur = self.num(0, 8), self.num(0, 24, 2), self.num(0, 40, 4)
        colour = self.pick(["rgba(0,0,0,0.25)", "rgba(0,0,0,0.5)", "#00000040",
                            "rgba(99,102,241,0.4)"])
        first = f"{x}px {y}px {blur}px {colour}"
        if self.chance(0.2):
            return f"{first}, 0 0 0 {self.num(1, 4)}px {self.colour('accent')}"
        if self.chance(0.1):
            return f"inset 0 {self.num(1, 6)}px {self.num(2, 12)}px rgba(0,0,0,0.3)"
        return first

    def transform(self) -> str:
        return self.pick([(f"rotate({self.pick([-12, -6, -3, 3, 5, 8, 15, 45])}deg)", 5),
                          (f"scale({self.pick([0.8, 0.9, 1.1, 1.2])})", 2),
                          (f"skewX({self.pick([-10, -5, 6, 12])}deg)", 1),
                          (f"translate({self.num(-20, 20)}px, {self.num(-10, 10)}px)", 2),
                          (f"rotate({self.pick([-8, 4, 10])}deg) scale(0.95)", 1)])

    # -- text --------------------------------------------------------------------

    def script_text(self, script: str) -> str:
        self.scripts.add(script)
        return self.pick(vocab.SCRIPT_TEXTS[script])

    def text(self, kind: str) -> str:
        """A string of a kind (title, sentence, name, short, number), maybe in a script."""
        base = {"title": vocab.TITLES, "sentence": vocab.SENTENCES, "name": vocab.NAMES,
                "short": vocab.SHORT, "number": vocab.NUMBERS}[kind]
        text = self.pick(base)
        if self.card_script and kind != "number" and self.chance(0.5):
            native = self.script_text(self.card_script)
            text = self.pick([(native, 4), (f"{text} {native}", 3), (f"{native} {text}", 2)])
        if self.use_emoji and kind in ("title", "short", "sentence") and self.chance(0.3):
            e = self.pick(vocab.EMOJI)
            self.emoji.add(e)
            text = self.pick([f"{e} {text}", f"{text} {e}"])
        return text

    def font_family(self) -> str | None:
        """A fontFamily list for a text element, or None to inherit."""
        if not self.card_script or self.chance(0.5):
            return None
        script_font = vocab.SCRIPT_FONTS[self.card_script].name
        return self.pick([f"{self.family}, {script_font}", f"'{self.family}', '{script_font}'",
                          f"{self.family}, {script_font}, sans-serif"])

    def text_style(self, size: int, weight: int | None = None) -> Style:
        s: Style = {"fontSize": size}
        if weight:
            s["fontWeight"] = weight
        fam = self.font_family()
        if fam:
            s["fontFamily"] = fam
        if self.chance(0.3):
            s["lineHeight"] = self.pick([1.1, 1.2, 1.4, "1.5", "32px", "120%"])
        if self.chance(0.15):
            s["letterSpacing"] = self.pick(["-0.02em", "-1px", "0.05em", "2px"])
        if self.chance(0.1):
            s["textAlign"] = self.pick(["center", "right", "left", "start", "end"])
        if self.chance(0.06):
            s["textTransform"] = self.pick(["uppercase", "capitalize", "lowercase"])
        if self.chance(0.05):
            s["textShadow"] = f"0 {self.num(1, 4)}px {self.num(0, 8)}px rgba(0,0,0,0.4)"
        return s

    # -- components --------------------------------------------------------------

    def heading(self, size: int | None = None) -> Node:
        size = size or self.pick([28, 36, 48, 56, 64, 72])
        size = min(size, self.width // 12)
        style = self.text_style(size, self.pick([(700, 5), (600, 1), (400, 1), (None, 1)]))
        style["color"] = self.fg
        kind = self.pick([("div", 6), ("h1", 1), ("h2", 1)])
        if kind != "div":
            style["margin"] = 0
        r = self.rng.random()
        if r < 0.12:
            style.update(whiteSpace="nowrap", overflow="hidden", textOverflow="ellipsis")
            if self.chance(0.5):
                style["maxWidth"] = self.pick(["100%", self.width // 2, "80%"])
        elif r < 0.2:
            style.update(lineClamp=self.pick([1, 2]), display="block")
        elif r < 0.24:
            style["backgroundImage"] = self.gradient()
            style["backgroundClip"] = "text"
            style["color"] = "transparent"
        return el(kind, style, self.text("title"))

    def paragraph(self) -> Node:
        style = self.text_style(self.pick([14, 16, 18, 20, 24]))
        style["color"] = self.muted
        if self.chance(0.5):
            return el("div", style, self.text("sentence"))
        # Inline spans: bold words, a coloured word, a link.
        parts: list[Any] = [self.text("sentence") + " "]
        span = self.pick([("strong", {}), ("span", {"fontWeight": 700}),
                          ("span", {"color": self.colour("accent")}),
                          ("a", {"color": self.colour("accent"), "textDecoration": "underline"}),
                          ("span", {"backgroundColor": self.colour("accent"),
                                    "color": "white", "padding": "0 4px"})])
        parts.append(el(span[0], span[1] or None, self.text("short")))
        if self.chance(0.5):
            parts.append(" " + self.text("name"))
        style.setdefault("display", self.pick(["block", "flex"]) if self.chance(0.3) else "block")
        if style["display"] == "flex":
            style["flexWrap"] = "wrap"
        return el(self.pick(["div", "p"]), style | ({"margin": 0}), parts)

    def avatar(self, size: int | None = None) -> Node:
        size = size or self.pick([32, 48, 64, 80, 96])
        radius = self.pick([("50%", 5), (size // 4, 2), (0, 1), (9999, 1)])
        if self.chance(0.25):   # initials on a gradient
            style = {"display": "flex", "width": size, "height": size, "borderRadius": radius,
                     "backgroundImage": self.gradient(), "alignItems": "center",
                     "justifyContent": "center", "color": "white",
                     "fontSize": size // 2 - 4, "fontWeight": 700, "flexShrink": 0}
            return el("div", style, self.pick(["AL", "GH", "J", "안", "م"]))
        style: Style = {"borderRadius": radius}
        if self.chance(0.3):
            style["border"] = f"{self.pick([2, 3, 4])}px solid {self.colour('accent')}"
        if self.chance(0.2):
            style["boxShadow"] = self.shadow()
        if self.chance(0.2):
            style["objectFit"] = self.pick(["cover", "contain"])
        src = self.pick(["photo", "photo", "wide", "avatar-svg"])
        return el("img", style, None, src=vocab.images()[src], width=size, height=size)

    def icon(self, size: int | None = None, colour: str | None = None) -> Node:
        name = self.pick(list(vocab.ICONS))
        box, shapes = vocab.ICONS[name]
        size = size or self.pick([16, 20, 24, 32])
        children = [el(tag, None, None, **attrs) for tag, attrs in shapes]
        props: dict[str, Any] = {"width": size, "height": size, "viewBox": box}
        style = {"color": colour} if colour else None
        if style is not None and self.chance(0.3):
            style["flexShrink"] = 0
        return el("svg", style, children, **props)

    def badge(self) -> Node:
        bg = self.colour("accent")
        style: Style = {"display": "flex", "alignItems": "center", "padding": self.pick(
            ["4px 12px", "2px 8px", "6px 14px"]), "borderRadius": self.pick([9999, 6, 4]),
            "fontSize": self.pick([12, 14, 16, 18]), "color": self.pick(["white", self.fg])}
        r = self.rng.random()
        if r < 0.6:
            style["backgroundColor"] = bg
        elif r < 0.8:
            style["border"] = f"1px solid {bg}"
        else:
            style["backgroundImage"] = self.gradient()
        kids: list[Any] = [self.text("short")]
        if self.chance(0.35):
            style["gap"] = 6
            kids.insert(0, self.icon(style["fontSize"], "currentColor"))
        return el("div", style, kids if len(kids) > 1 else kids[0])

    def button(self) -> Node:
        style: Style = {"display": "flex", "alignItems": "center", "gap": 8,
                        "padding": self.pick(["12px 24px", "8px 16px"]),
                        "borderRadius": self.pick([8, 12, 9999]), "fontSize": 18,
                        "color": "white", "backgroundColor": self.colour("accent")}
        if self.chance(0.3):
            style["boxShadow"] = self.shadow()
        kids = [self.text("short")]
        if self.chance(0.5):
            kids.append(self.icon(18, "white"))
        return el("div", style, kids)

    def divider(self) -> Node:
        if self.chance(0.5):
            return el("div", {"height": self.pick([1, 2]), "width": "100%",
                              "backgroundColor": self.muted})
        return el("hr", {"borderColor": self.muted, "width": "100%"})

    def author_row(self) -> Node:
        style: Style = {"display": "flex", "alignItems": "center", "gap": self.pick([8, 12, 16])}
        col = el("div", {"display": "flex", "flexDirection": "column"},
                 [el("div", self.text_style(18, 700) | {"color": self.fg}, self.text("name")),
                  el("div", {"fontSize": 14, "color": self.muted}, self.text("short"))])
        row = el("div", style, [self.avatar(self.pick([40, 48, 56])), col])
        self.maybe_rtl(style)
        return row

    def list_block(self) -> Node:
        self.has_list = True
        kind = self.pick(["ul", "ol", "ol"])
        items = []
        for _ in range(self.num(2, 5)):
            item: Any = self.text(self.pick(["short", "title", "sentence"]))
            if self.chance(0.3):
                item = el("a", {"color": self.colour("accent"), "textDecoration":
                                self.pick(["underline", "underline dotted", "line-through"])},
                          item)
            items.append(el("li", {"marginBottom": self.pick([0, 4, 8])}, item))
        style: Style = {"fontSize": self.pick([16, 18, 22]), "color": self.fg, "margin": 0,
                        "paddingLeft": self.pick([20, 28, 40])}
        if self.chance(0.3):
            style["listStyleType"] = self.pick(["decimal", "disc", "square", "lower-alpha",
                                                "upper-roman", "circle"])
        if self.chance(0.1):
            style["listStylePosition"] = "inside"
        return el(kind, style, items)

    def stat(self) -> Node:
        box: Style = {"display": "flex", "flexDirection": "column", "padding": 16,
                      "borderRadius": 12, "gap": 4}
        if self.chance(0.6):
            box["backgroundColor"] = self.pick(["rgba(255,255,255,0.08)", "rgba(0,0,0,0.05)",
                                                self.colour("accent")])
        if self.chance(0.3):
            box["border"] = f"1px solid {self.muted}"
        if self.chance(0.2):
            box["boxShadow"] = self.shadow()
        return el("div", box, [el("div", {"fontSize": 36, "fontWeight": 700, "color": self.fg},
                                  self.text("number")),
                               el("div", {"fontSize": 14, "color": self.muted},
                                  self.text("short"))])

    def bars(self) -> Node:
        n = self.num(4, 9)
        height = self.pick([120, 160, 200])
        width = min(self.width - 100, n * 48)
        absolute = self.chance(0.5)
        kids = []
        for i in range(n):
            h = self.num(10, height)
            bar: Style = {"width": self.pick([16, 24, 28]), "height": h,
                          "borderRadius": self.pick([0, 4, "4px 4px 0 0"])}
            if self.chance(0.7):
                bar["backgroundColor"] = self.colour("accent")
            else:
                bar["backgroundImage"] = self.gradient()
            if absolute:
                bar.update(position="absolute", left=i * (width // n), bottom=0)
            kids.append(el("div", bar))
        style: Style = {"display": "flex", "width": width, "height": height,
                        "borderBottom": f"2px solid {self.muted}"}
        if absolute:
            style["position"] = "relative"
        else:
            style.update(alignItems="flex-end", justifyContent="space-between")
        return el("div", style, kids)

    def grid(self, cells: list[Node]) -> Node:
        cols = self.pick(["repeat(3, 1fr)", "1fr 1fr", "1fr 2fr", "200px 1fr", "repeat(2, 1fr)",
                          "auto 1fr auto"])
        style: Style = {"display": "grid", "gridTemplateColumns": cols,
                        "gap": self.pick([8, 12, 16, "12px 24px"]), "width": "100%"}
        if self.chance(0.3):
            style["alignItems"] = self.pick(["center", "start", "end"])
        return el("div", style, cells)

    def area_grid(self) -> Node:
        """A page grid with named areas; the sidebar spans two rows."""
        rows = self.pick(["auto 1fr auto", "60px 1fr 40px", "auto 1fr", "1fr 1fr 1fr"])
        n_rows = len(rows.split())
        areas = {1: '"head head"', 2: '"head head" "side main"',
                 3: '"head head" "side main" "side foot"'}[n_rows]
        style: Style = {"display": "grid", "gridTemplateColumns": self.pick(
            ["160px 1fr", "1fr 3fr", "auto 1fr"]), "gridTemplateRows": rows,
            "gridTemplateAreas": areas, "gap": self.pick([8, 12, 16]), "flexGrow": 1,
            "width": "100%"}
        if self.chance(0.5):
            style["height"] = self.pick(["100%", self.height - 80, self.height // 2 + 60])

        def cell(area: str, child: Node) -> Node:
            box: Style = {"gridArea": area, "display": "flex", "padding": 12,
                          "borderRadius": 8, "backgroundColor": self.pick(
                              ["rgba(127,127,127,0.15)", self.colour("accent")])}
            if area == "side":
                box["flexDirection"] = "column"
            return el("div", box, child)
        kids = [cell("head", self.heading(32)), cell("main", self.paragraph())]
        if n_rows >= 2:
            kids.insert(1, cell("side", self.list_block() if self.chance(0.5) else self.stat()))
        if n_rows == 3:
            kids.append(cell("foot", el("div", {"fontSize": 14, "color": self.fg},
                                        self.text("short"))))
        return el("div", style, kids)

    # -- containers --------------------------------------------------------------

    def row(self, kids: list[Node], **extra: Any) -> Node:
        style: Style = {"display": "flex", "alignItems": self.pick(
            ["center", "center", "flex-start", "flex-end", "stretch", "baseline"]),
            "gap": self.pick([8, 12, 16, 24])}
        if self.chance(0.3):
            style["justifyContent"] = self.pick(["space-between", "center", "flex-end",
                                                 "space-around"])
        if self.chance(0.2):
            style["flexWrap"] = "wrap"
        style.update(extra)
        self.maybe_rtl(style)
        return el("div", style, kids)

    def column(self, kids: list[Node], **extra: Any) -> Node:
        style: Style = {"display": "flex", "flexDirection": "column",
                        "gap": self.pick([4, 8, 12, 16, 24])}
        style.update(extra)
        return el("div", style, kids)

    def maybe_rtl(self, style: Style) -> None:
        p = 0.5 if self.card_script in ("arabic", "hebrew") else 0.07
        if self.chance(p):
            style["direction"] = "rtl"

    def decorate(self, node: Node) -> Node:
        """Perturb a component's box the way real cards do."""
        style = node["props"].setdefault("style", {})
        if node["type"] in ("svg", "img") and self.chance(0.7):
            return node
        if self.chance(0.08):
            style["transform"] = self.transform()
            if self.chance(0.3):
                style["transformOrigin"] = self.pick(["top left", "center", "50% 100%"])
        if self.chance(0.06):
            style["opacity"] = self.pick([0.5, 0.8, 0.9])
        if self.chance(0.05):
            style["overflow"] = "hidden"
            style.setdefault("borderRadius", self.pick([8, 16, 24]))
        if self.chance(0.03):
            style["clipPath"] = self.pick(["circle(50%)", "inset(0 0 10% 0 round 12px)",
                                           "polygon(0 0, 100% 0, 100% 85%, 0 100%)"])
        if self.chance(0.03):
            style["filter"] = self.pick(["blur(2px)", "grayscale(100%)", "brightness(1.2)",
                                         "drop-shadow(0 4px 8px rgba(0,0,0,0.4))"])
        if self.chance(0.03):
            style["maskImage"] = "linear-gradient(to bottom, black 60%, transparent)"
        return node

    def decorations(self) -> list[Node]:
        out = []
        for _ in range(self.pick([(0, 6), (1, 3), (2, 1)])):
            size = self.pick([120, 200, 300])
            style: Style = {"position": "absolute", "width": size, "height": size,
                            "borderRadius": "50%", "top": self.num(-size // 2, self.height // 2),
                            self.pick(["left", "right"]): self.num(-size // 2, self.width // 3),
                            "backgroundImage": self.gradient()}
            if self.chance(0.4):
                style["opacity"] = self.pick([0.3, 0.5])
            if self.chance(0.2):
                style["filter"] = "blur(20px)"
            out.append(el("div", style))
        return out

    # -- templates ---------------------------------------------------------------

    def template(self, name: str) -> list[Node]:
        d = self.decorate
        if name == "hero":
            kids = [d(self.heading()), d(self.paragraph())]
            if self.chance(0.5):
                kids.insert(0, self.row([d(self.badge()) for _ in range(self.num(1, 3))]))
            if self.chance(0.5):
                kids.append(d(self.author_row()))
            if self.chance(0.3):
                kids.append(d(self.button()))
            return kids
        if name == "profile":
            info = self.column([self.heading(40), self.paragraph(),
                                self.row([self.badge() for _ in range(self.num(1, 3))])])
            info["props"]["style"]["flexShrink"] = 1
            return [self.row([d(self.avatar(self.pick([96, 120, 160]))), info],
                             gap=self.pick([24, 32]))]
        if name == "stats":
            stats = [d(self.stat()) for _ in range(self.num(2, 4))]
            body = self.grid(stats) if self.chance(0.4) else self.row(stats)
            return [self.heading(36), body]
        if name == "list":
            return [self.heading(40), d(self.list_block())]
        if name == "quote":
            quote = el("div", self.text_style(self.pick([28, 36, 44])) | {"color": self.fg},
                       f"“{self.text('sentence')}”")
            mark = el("div", {"fontSize": 120, "lineHeight": 1, "color": self.colour("accent"),
                              "height": 80}, "“")
            box: Style = {"padding": 32, "borderRadius": 24}
            if self.chance(0.6):
                box["backgroundImage"] = self.gradient()
            return [self.column([mark, d(quote), self.author_row()], **box)]
        if name == "chart":
            return [self.heading(32), d(self.bars()),
                    self.row([self.badge(), self.paragraph()])]
        if name == "grid_page":
            return [self.area_grid()]
        if name == "tags":
            return [self.heading(), self.row([d(self.badge()) for _ in range(self.num(3, 8))],
                                             flexWrap="wrap")]
        if name == "code":
            lines = [el("div", {"display": "flex"}, self.pick(vocab.CODE))
                     for _ in range(self.num(2, 5))]
            box = {"fontFamily": "Geist Mono", "fontSize": 18, "padding": 20,
                   "borderRadius": 12, "backgroundColor": "#0d1117", "color": "#e6edf3",
                   "whiteSpace": "pre"}
            self.need_mono = True
            return [self.heading(32), self.column(lines, **box)]
        # pricing
        card = self.column([self.row([self.icon(32, self.colour("accent")),
                                      el("div", {"fontSize": 24, "fontWeight": 700},
                                         self.text("title"))]),
                            el("div", {"fontSize": 48, "fontWeight": 700}, self.text("number")),
                            self.list_block(), self.button()],
                           padding=24, borderRadius=16, border=f"1px solid {self.muted}")
        return [d(card)]

    # -- the card ----------------------------------------------------------------

    def card(self) -> dict[str, Any]:
        (self.width, self.height) = self.pick(SIZES)
        dark = self.chance(0.55)
        self.bg = self.colour("dark" if dark else "light")
        self.fg = "white" if dark and self.chance(0.7) else (
            self.colour("light") if dark else self.colour("dark"))
        self.muted = self.pick(vocab.MUTED_ON_DARK if dark else vocab.MUTED_ON_LIGHT)
        self.family = self.pick([("Geist", 6), ("Roboto", 2), ("Playfair Display", 1)])
        self.card_script = self.pick(SCRIPTS) if self.chance(0.35) else None
        self.use_emoji = self.chance(0.15)
        self.need_mono = False
        self.has_list = False

        name = self.pick(TEMPLATES)
        kids = self.template(name)
        root: Style = {"display": "flex", "flexDirection": "column", "width": "100%",
                       "height": "100%", "padding": self.pick([24, 40, 48, 64]),
                       "gap": self.pick([12, 16, 24, 32]), "color": self.fg,
                       "fontSize": self.pick([16, 20, 24]),
                       "justifyContent": self.pick(["center", "flex-start", "space-between"])}
        if self.chance(0.35):
            root["backgroundImage"] = self.gradient()
            if self.chance(0.3):
                root["backgroundColor"] = self.bg
        else:
            root["backgroundColor"] = self.bg
        if self.chance(0.4) and not self.has_list:
            # Satori 0.63.2 throws ("g.split is not a function") on any list item under an
            # explicit fontFamily: such a card would test nothing.
            root["fontFamily"] = self.family
        if self.chance(0.2):
            root["alignItems"] = self.pick(["center", "flex-start"])
        if self.card_script in ("arabic", "hebrew") and self.chance(0.4):
            root["direction"] = "rtl"
        decorations = self.decorations()
        if decorations:
            root["position"] = "relative"
            if self.chance(0.5):
                root["overflow"] = "hidden"
        case: dict[str, Any] = {
            "template": name,
            "element": el("div", root, decorations + kids),
            "options": {"width": self.width, "height": self.height, "fonts": self.fonts()},
        }
        if self.emoji:
            loader = _emoji_loader()
            case["additionalAssets"] = [
                {"languageCode": "emoji", "segment": e, "result": loader.data_uri(e)}
                for e in sorted(self.emoji)]
        return case

    def fonts(self) -> list[dict[str, Any]]:
        files = list(vocab.LATIN_FONTS[self.family])
        if self.family != "Geist" and self.chance(0.5):
            files += vocab.LATIN_FONTS["Geist"]
        if self.need_mono:
            files += vocab.LATIN_FONTS["Geist Mono"]
        for script in sorted(self.scripts):
            files.append(vocab.SCRIPT_FONTS[script])
        return [{"name": f.name, "file": vocab.font_path(f), "weight": f.weight,
                 "style": f.style} for f in files]


def _emoji_loader() -> Any:
    from satori_py.text.emoji import EmojiLoader

    global _LOADER
    if _LOADER is None:
        _LOADER = EmojiLoader("twemoji")
    return _LOADER


_LOADER: Any = None


def generate(seed: int | str, index: int) -> dict[str, Any]:
    """Card ``index`` of ``seed``: a case dict (the conformance format)."""
    case = CardGenerator(seed, index).card()
    case["name"] = f"seed {seed} card {index} ({case.pop('template')})"
    return case
