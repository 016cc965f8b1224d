"""Strangers' content for fixed card templates: what a web route passes in.

A card route renders a stranger's title, name and avatar into a template; what
breaks in production is that content, not the template. ``fill(case, seed)``
returns a copy of a case (the conformance format) whose text leaves and images
are replaced, seeded and deterministic (the same case and seed give the same
card), by content of every kind such a route meets: titles of 0-400 characters,
words of 60+ characters without a space, URLs, e-mail addresses, hashtags,
numbers with units, mixed scripts (Latin with Arabic, Hebrew, CJK, Thai, and
Devanagari that no suite font has), emoji sequences (ZWJ families, flags, skin
tones, keycaps, variation selectors), combining marks, no-break and zero-width
spaces, soft hyphens, tabs and newlines, leading and trailing spaces, HTML
entities written as text, empty strings; and avatars of many aspect ratios
(data: URIs) under ``objectFit`` cover, contain or none.

Texts keep to glyphs the suite's fonts have (the CJK fonts are subsets), except
the Devanagari kind, which checks what both sides draw without a font. The
fonts of the scripts used are appended to the case's fonts, so they are the
fallbacks; emoji come as Twemoji images through ``additionalAssets``, as the
random cards' do (generator.py). Inline SVG subtrees are left alone.

``python -m tests.differential --cards CASE.json ... --strangers SEED ...``
judges each case filled at each seed against the real Satori.
"""
from __future__ import annotations

import base64
import copy
import random
from typing import Any

from . import generator, vocab

Node = dict[str, Any]

# How often a text leaf is replaced, and by which kind of content (weights).
REPLACE = 0.75
KINDS = [("words", 14), ("title", 6), ("longword", 6), ("url", 4), ("email", 3),
         ("hashtags", 3), ("numbers", 4), ("scripts", 7), ("devanagari", 1), ("emoji", 7),
         ("combining", 3), ("nbsp", 3), ("shy", 3), ("whitespace", 5), ("entities", 3),
         ("empty", 3), ("zero-width", 2), ("name", 6)]

WORDS = ("the a of to and launch notes design system for your team building faster "
         "open-source edge runtime performance typography dashboard weekly digest "
         "café naïve Zürich façade São Paulo Łódź Dvořák İstanbul straße Ærøskøbing "
         "über résumé coöperate piñata jalapeño Þórsmörk Ångström ĳssel "
         "internationalization antidisestablishmentarianism pneumonoultramicroscopic "
         "I x Q it's don't rock'n'roll e.g. U.S. v2.4.1 3.14 42 1,000,000").split()
PUNCT = [(",", 6), (".", 4), (" —", 2), ("…", 1), ("!", 1), ("?", 1), (":", 1), (";", 1),
         ("", 30)]
WRAPS = [("“{}”", 1), ("‘{}’", 1), ("({})", 1), ("«{}»", 1), ("{}", 30)]
NAMES = ["Ada Lovelace", "José Ñúñez-García", "Siobhán O'Brien-Smith", "Zoë Ångström",
         "Nguyễn Văn Anh", "Bjørn Ødegård", "Œdipa Maas", "Dr. Maximilian von "
         "Hohenzollern-Sigmaringen III", "J", "@a", "@the_longest_handle_on_the_internet_2024",
         "Ms. X Æ A-12", "Anne-Marie d'Arcy"]
NATIVE_NAMES = {"arabic": "محمد عبد الله", "hebrew": "דוד כהן", "korean": "안녕 나연"}
TLDS = ["com", "io", "dev", "co.uk", "museum", "xn--p1ai"]
UNITS = ["kg", "km/h", "°C", "%", "ms", "MB/s", "m²", "µs", "px", "k★", "€", "×"]
EMOJI = ["👨‍👩‍👧‍👦", "👩‍💻", "🏳️‍🌈", "🇯🇵", "🇺🇸", "🇩🇪", "👋🏽", "👍🏿", "🧑🏻‍🚀",
         "1️⃣", "#️⃣", "*️⃣", "❤️", "☺️", "✔️", "🎉", "🚀", "😀", "🥲", "🫠", "🔥",
         "🙂", "👀", "✨"]
# No emoji font: Satori draws these with the text fonts (text presentation and
# unqualified forms), so no asset is recorded for them.
TEXT_SYMBOLS = ["☺︎", "❤︎", "©", "®", "™", "↗", "→", "★", "♥", "✓"]
DEVANAGARI = ["नमस्ते दुनिया", "हिन्दी", "क्षत्रिय"]
SCRIPTS = ["arabic", "hebrew", "japanese", "chinese", "korean", "thai"]
COMBINING = ["Ame\u0301lie", "nai\u0308ve", "Z\u0351\u0301a\u0300l\u0316g\u0317o", "n\u0303",
             "Tiếng Việt", "a\u0300\u0301\u0302\u0303\u0304", "e\u0301e\u0301e\u0301",
             "\u0301leading mark"]
ENTITIES = ["Tom &amp; Jerry", "&lt;3", "&quot;quoted&quot;", "it&#39;s", "a&nbsp;b",
            "&copy; 2024", "&#x1F600;", "&bogus;", "AT&T", "R&D"]
ZERO_WIDTH = ["\u200b", "\u2060", "\ufeff", "\u200c", "\u200d"]
SPACES = ["\u00a0", "\u202f", "\u2009", "\u3000", "\u2003"]


class Stranger(generator.CardGenerator):
    """One card's content choices, from a seeded ``random.Random`` (with the card
    generator's ``pick`` and ``chance``: a weighted or plain choice, a coin)."""

    def __init__(self, seed: int | str, name: str) -> None:  # not super(): its own seed
        self.rng = random.Random(f"satori-strangers:{seed}:{name}")
        self.scripts: set[str] = set()
        self.emoji: set[str] = set()
        self.images = 0

    # -- text ----------------------------------------------------------------

    def words(self, length: int) -> str:
        out: list[str] = []
        size = 0
        while size < length:
            word = self.pick(WRAPS).format(self.pick(WORDS)) + self.pick(PUNCT)
            out.append(word)
            size += len(word) + 1
        text = " ".join(out)
        return text[:length].rstrip() if length else ""

    def long_word(self) -> str:
        n = self.rng.randint(60, 140)
        form = self.pick(["letters", "camel", "digits", "repeat", "path"])
        if form == "letters":
            return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyzäöü") for _ in range(n))
        if form == "camel":
            parts: list[str] = []
            while sum(map(len, parts)) < n:
                parts.append(self.pick(WORDS).capitalize().replace(" ", ""))
            return "".join(parts)
        if form == "digits":
            return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))
        if form == "repeat":
            return self.pick(["W", "i", "m", "x", "—"]) * n
        return "/".join(self.words(12).replace(" ", "-") for _ in range(n // 12))

    def url(self) -> str:
        host = ".".join(self.pick(WORDS).lower().replace("'", "") for _ in range(2))
        path = "/".join(self.words(self.rng.randint(4, 30)).replace(" ", "-")
                        for _ in range(self.rng.randint(1, 4)))
        query = "?utm_source=twitter&utm_medium=social&ref=" + "x" * self.rng.randint(0, 40)
        return f"https://www.{host}.{self.pick(TLDS)}/{path}{query if self.chance(0.5) else ''}"

    def number(self) -> str:
        n = self.rng.choice([0, 7, 42, 1234, 99999, 1234567, 3.14159, -40, 0.5])
        form = self.pick(["{:,} {}", "{}{}", "{}\u00a0{}", "−{} {}", "+{}{}", "{} {} / {} {}"])
        unit = self.pick(UNITS)
        return form.format(n, unit, self.rng.randint(1, 99), self.pick(UNITS))

    def script(self) -> str:
        script = self.pick(SCRIPTS)
        self.scripts.add(script)
        native = self.pick(vocab.SCRIPT_TEXTS[script])
        latin = self.words(self.rng.randint(3, 40))
        return self.pick([native, f"{latin} {native}", f"{native} {latin}",
                          f"{latin} {native} {self.words(10)}", f"{native}: {self.number()}"])

    def emoji_text(self) -> str:
        parts = []
        for _ in range(self.rng.randint(1, 6)):
            if self.chance(0.15):
                parts.append(self.pick(TEXT_SYMBOLS))
                continue
            e = self.pick(EMOJI)
            self.emoji.add(e)
            parts.append(e)
        joined = self.pick(["".join(parts), " ".join(parts)])
        return self.pick([joined, f"{self.words(self.rng.randint(3, 60))} {joined}",
                          f"{joined} {self.words(self.rng.randint(3, 30))}",
                          f"{self.words(8)}{joined}{self.words(8)}"])

    def content(self, original: str) -> str:
        """Content of a random kind in place of the template's ``original``."""
        kind = self.pick(KINDS)
        r = self.rng
        if kind == "words":
            return self.words(r.choice([1, 5, len(original), 2 * len(original) + 5, 80, 160]))
        if kind == "title":
            return self.words(r.randint(0, 400))
        if kind == "longword":
            return self.pick([self.long_word(), f"{self.words(12)} {self.long_word()}",
                              f"{self.long_word()} {self.words(20)}"])
        if kind == "url":
            return self.url()
        if kind == "email":
            user = self.words(r.randint(3, 40)).replace(" ", ".").strip(".")
            return f"{user}+tag@{self.pick(WORDS).lower()}-mail.{self.pick(TLDS)}"
        if kind == "hashtags":
            return " ".join("#" + self.words(r.randint(3, 25)).title().replace(" ", "")
                            for _ in range(r.randint(1, 8)))
        if kind == "numbers":
            return " · ".join(self.number() for _ in range(r.randint(1, 4)))
        if kind == "scripts":
            return self.script()
        if kind == "devanagari":
            return f"{self.pick(DEVANAGARI)} {self.words(r.randint(0, 30))}".strip()
        if kind == "emoji":
            return self.emoji_text()
        if kind == "combining":
            return " ".join(self.pick(COMBINING) for _ in range(r.randint(1, 5)))
        if kind == "nbsp":
            return self.pick(SPACES).join(self.words(r.randint(10, 120)).split(" "))
        if kind == "shy":
            return " ".join("\u00ad".join([w[i:i + 4] for i in range(0, len(w), 4)])
                            for w in [self.long_word()[:r.randint(20, 80)], *WORDS[40:43]])
        if kind == "whitespace":
            text = self.words(r.randint(5, 120))
            sep = self.pick(["\n", "\t", "  ", "\r\n", "\n\n", " \t "])
            text = sep.join(text.split(" ", 3))
            return self.pick([f"  {text}", f"{text}   ", f"\n{text}\n", f"\t{text}", text])
        if kind == "entities":
            return " ".join(self.pick(ENTITIES) for _ in range(r.randint(1, 4)))
        if kind == "empty":
            return self.pick(["", " ", "\u00a0"])
        if kind == "zero-width":
            zw = self.pick(ZERO_WIDTH)
            return zw.join([self.long_word()[:r.randint(10, 40)] for _ in range(r.randint(2, 4))])
        if self.chance(0.2):
            script = self.pick(sorted(NATIVE_NAMES))
            self.scripts.add(script)
            return NATIVE_NAMES[script]
        return self.pick(NAMES)

    # -- images --------------------------------------------------------------

    def avatar_uri(self) -> str:
        """A PNG of a random aspect ratio (from 1x1 to 12:1 either way)."""
        w, h = self.rng.choice([(64, 64), (1, 1), (120, 30), (30, 120), (96, 48), (48, 96),
                          (200, 17), (17, 200), (33, 61), (150, 100)])
        hue = self.rng.randrange(3)

        def pixel(x: int, y: int) -> tuple[int, int, int, int]:
            # a frame and a cross: any crop, stretch or offset shows in the picture
            edge = x < 2 or y < 2 or x >= w - 2 or y >= h - 2
            cross = abs(x * h - y * w) < max(w, h) or abs((w - x) * h - y * w) < max(w, h)
            base = [40 + 200 * x // w, 60 + 180 * y // h, 120]
            base[hue] = 230
            return (20, 20, 20, 255) if edge or cross else (base[0], base[1], base[2], 255)

        png = vocab._png(w, h, pixel)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def image(self, props: dict[str, Any]) -> None:
        self.images += 1
        props["src"] = self.avatar_uri()
        style = props.get("style")
        if isinstance(style, dict) and self.chance(0.6):
            style["objectFit"] = self.pick(["cover", "contain", "fill", "none",
                                            "scale-down"])
            if self.chance(0.3):
                style["objectPosition"] = self.pick(["top", "left bottom", "30% 70%"])
        if self.chance(0.2) and "height" in props and "width" in props:
            del props[self.pick(["width", "height"])]

    # -- the tree ------------------------------------------------------------

    def children(self, kids: Any) -> Any:
        if isinstance(kids, str):
            return self.content(kids) if self.chance(REPLACE) else kids
        if isinstance(kids, list):
            return [self.children(k) for k in kids]
        if isinstance(kids, dict):
            self.node(kids)
        return kids

    def node(self, node: Node) -> None:
        props = node.get("props")
        if not isinstance(props, dict) or node.get("type") == "svg":
            return
        if node.get("type") == "img" and isinstance(props.get("src"), str):
            self.image(props)
        if "children" in props:
            props["children"] = self.children(props["children"])


def fill(case: dict[str, Any], seed: int | str) -> dict[str, Any]:
    """``case`` with strangers' content at ``seed``: a new dict, ``case`` untouched."""
    out = copy.deepcopy(case)
    stranger = Stranger(seed, str(case.get("name", "")))
    if isinstance(out.get("element"), dict):
        stranger.node(out["element"])
    options = out.setdefault("options", {})
    fonts = options.setdefault("fonts", [])
    for script in sorted(stranger.scripts):
        font = vocab.SCRIPT_FONTS[script]
        fonts.append({"name": font.name, "file": vocab.font_path(font), "weight": font.weight,
                      "style": font.style})
    if stranger.emoji:
        known = {a.get("segment") for a in out.get("additionalAssets", [])}
        loader = generator._emoji_loader()
        out.setdefault("additionalAssets", []).extend(
            {"languageCode": "emoji", "segment": e, "result": uri}
            for e in sorted(stranger.emoji - known) if (uri := loader.data_uri(e)))
    out["name"] = f"{case.get('name', '')} [strangers {seed}]"
    return out
