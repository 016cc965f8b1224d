"""The definitions of the text golden cases that make_text_goldens.py writes.

Not a test: data for the generator. Each case's ``notes`` say what it checks and,
where the real Satori is wrong against a browser (``browser``), how.
"""
from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GEIST = {"name": "Geist", "file": "../../satori_py/assets/Geist-Regular.ttf", "weight": 400,
         "style": "normal"}
GEIST_BOLD = {"name": "Geist", "file": "fonts/Geist-Bold.ttf", "weight": 700, "style": "normal"}
HEBREW = {"name": "Noto Sans Hebrew", "file": "fonts/NotoSansHebrew-Regular.ttf", "weight": 400,
          "style": "normal"}
ARABIC = {"name": "Noto Sans Arabic", "file": "fonts/NotoSansArabic-Regular.ttf", "weight": 400,
          "style": "normal"}
THAI = {"name": "Noto Sans Thai", "file": "fonts/NotoSansThai-Regular.ttf", "weight": 400,
        "style": "normal"}
JAPANESE = {"name": "Noto Sans JP", "file": "fonts/NotoSansJP-subset.ttf", "weight": 400,
            "style": "normal"}

SOSEKI = ("吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
          "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。")
SATORI_JA = "「Satori」はJSXをSVGに変換するライブラリです。ちょっとキャッシュ、テスト！日本語の文章、改行の位置（括弧）を確かめる。"
JAPANESE_TEXT = SOSEKI + SATORI_JA
THAI_TEXT = ("ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ "
             "การตัดบรรทัดจึงต้องใช้พจนานุกรมเพื่อหาขอบเขตของคำ")


@dataclass(frozen=True)
class GoldenCase:
    name: str
    title: str
    element: dict[str, Any]
    options: dict[str, Any]
    notes: str
    browser: bool  # the reference is satori-py's render checked against Chromium


def _div(children: Any, style: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "div", "props": {"style": style, "children": children, **props}}


def _span(children: Any, **style: Any) -> dict[str, Any]:
    return {"type": "span", "props": {"style": style, "children": children}}


def _root(children: list[Any], font_family: str, **style: Any) -> dict[str, Any]:
    return _div(children, {"width": "100%", "height": "100%", "padding": 12,
                           "boxSizing": "border-box", "backgroundColor": "#fff",
                           "color": "#0f172a", "fontFamily": font_family, **style})


def _row(text: Any, **style: Any) -> dict[str, Any]:
    props = {}
    if "dir" in style:
        props["dir"] = style.pop("dir")
    return _div(text, {"marginBottom": 8, "padding": "2px 6px", "backgroundColor": "#f1f5f9", **style},
                **props)


def _column(text: Any, **style: Any) -> dict[str, Any]:
    return _div(text, {"width": 250, "backgroundColor": "#f1f5f9", "marginRight": 12, **style})


_NESTED = ["Satori-py lays out ",
           _span(["inline spans with ", _span("nested bold text", fontWeight=700, color="#dc2626"),
                  " and colours"], color="#2563eb"),
           " that run on well past the clamp, which cuts them off with an ellipsis."]

CASES = [
    GoldenCase(
        "rtl-mixed-latin-arabic-hebrew",
        "Bidi: direction rtl and the dir attribute with mixed Latin, Hebrew, Arabic and numbers",
        _root([
            _row("שלום world, זה Satori!", direction="rtl"),
            _row("הפגישה ב-10:30, הנחה של 25% עד 31/12", direction="rtl"),
            _row("مرحبا بكم في Satori 2024!", direction="rtl"),
            _row("Hello שלום עולם and مرحبا بالعالم!"),
            _row("כתוב a (b) ליד [הסוגריים] {x}.", dir="rtl"),
            _row("\u2067abc, def\u2069 שלום \u202eשלום abc\u202c!"),
            _row(["שלום ", _span("world", color="#dc2626"), " עולם ",
                  _span("مرحبا 2024", color="#2563eb"), "!"], direction="rtl"),
            _row("זוהי פסקה ארוכה בעברית עם מילים באנגלית כמו Hello World שעוברת לכמה שורות "
                 "בכיוון מימין לשמאל.", direction="rtl", width=300),
        ], "Geist, Noto Sans Hebrew, Noto Sans Arabic", fontSize=22, lineHeight=1.4),
        {"width": 560, "height": 480, "fonts": [GEIST, HEBREW, ARABIC]},
        "Full Unicode bidi (UAX #9 per character: satori_py/text/bidi.py). Rows 1, 3, 4 and 8 "
        "(mixed Hebrew/Arabic/Latin words, right-to-left lines starting at the right, a "
        "wrapped right-to-left paragraph, Arabic shaped right-to-left per run) are drawn the "
        "same by satori 0.63.2, satori-py and Chromium. The reference is WRONG in rows 2, 5, "
        "6 and 7. Row 7 has inline spans: the reference's inline layout doesn't reorder at "
        "all, so its words stay in logical order from the left. Rows 2, 5 and 6 it resolves "
        "with a piece-level approximation: it shows the time "
        "10:30 as 30:10 and the date 31/12 as 12/31 (the ':' and '/' pieces become "
        "right-to-left neutrals between two numbers; UAX #9 W4 keeps them in the number), "
        "row 5 as '(a b)' (no bracket pairs, N0) and row 6 ignores the isolate "
        "(RLI..PDI) and override (RLO..PDF) controls, so 'abc' is not reversed. Its own "
        "output is kept as rtl-mixed-latin-arabic-hebrew.satori.svg. The reference PNG/SVG "
        "are therefore satori-py's render, checked by eye against headless Chromium with "
        "the same fonts (rtl-mixed-latin-arabic-hebrew.chromium.png): every row has the "
        "same words in the same visual order and the same line breaks.",
        browser=True),
    GoldenCase(
        "thai-line-breaking",
        "Thai line breaking between words (ICU dictionary), start and center aligned",
        _root([_column(THAI_TEXT, width=240),
               _column("Satori: " + THAI_TEXT, width=240, textAlign="center")],
              "Geist, Noto Sans Thai", display="flex", fontSize=20, lineHeight=1.6),
        {"width": 540, "height": 260, "fonts": [GEIST, THAI]},
        "Thai has no spaces between words; browsers break its lines between words with a "
        "dictionary, as ICU's line breaker does (satori_py/text/breaking.py). The reference "
        "is WRONG: satori 0.63.2 (npm linebreak, no dictionaries) can only break at the "
        "one space, so each column is 2 lines (3 with 'Satori: ') that overflow the 240px "
        "box far to the right (kept as thai-line-breaking.satori.svg). satori-py breaks "
        "the columns into 4 and 5 lines within the box. The reference PNG/SVG are "
        "satori-py's render, checked against headless Chromium with the same fonts "
        "(thai-line-breaking.chromium.png): the same words end each line.",
        browser=True),
    GoldenCase(
        "japanese-line-breaking",
        "Japanese line breaking: word-break normal and keep-all, small kana, brackets",
        _root([_column(SOSEKI), _column(SOSEKI, wordBreak="keep-all"), _column(SATORI_JA),
               _column(SATORI_JA, wordBreak="keep-all")],
              "Geist, Noto Sans JP", display="flex", fontSize=20, lineHeight=1.5),
        {"width": 1060, "height": 300, "fonts": [GEIST, JAPANESE]},
        "Columns 1 and 3: word-break normal breaks between any two ideographs or kana, never "
        "before 。、」） (kinsoku). Columns 2 and 4: keep-all. The reference is WRONG in "
        "two ways. (1) It never breaks before small kana and the prolonged sound mark "
        "(line-break: strict), where browsers (line-break: auto = normal) do: column 1 "
        "breaks ニ|ャーニャー in Chromium and satori-py. (2) Its keep-all breaks at "
        "dictionary word boundaries (名前は|まだ) and even puts 。 alone at the start of a "
        "line; browsers only break keep-all text at spaces and after punctuation, so long "
        "clauses overflow (columns 2 and 4), and narrower flex items can't shrink below "
        "them. satori 0.63.2's output is kept as japanese-line-breaking.satori.svg; the "
        "reference PNG/SVG are satori-py's render, checked against headless Chromium with "
        "the same fonts (japanese-line-breaking.chromium.png): every column has the same "
        "line breaks.",
        browser=True),
    GoldenCase(
        "text-wrap-balance",
        "text-wrap: balance on headings, in plain text and across inline spans",
        _root([
            _div("Satori-py balances the lines of this heading so they are about equally long",
                 {"width": 360, "fontSize": 28, "fontWeight": 700, "textWrap": "balance",
                  "backgroundColor": "#f1f5f9", "marginBottom": 10}),
            _div("Satori-py balances the lines of this heading so they are about equally long",
                 {"width": 360, "fontSize": 28, "fontWeight": 700,
                  "backgroundColor": "#f1f5f9", "marginBottom": 10}),
            _div(["A balanced paragraph with ", _span("coloured words", color="#dc2626"),
                  " in the middle of it, wrapping over three lines of text in the box."],
                 {"width": 360, "fontSize": 20, "textWrap": "balance", "textAlign": "center",
                  "backgroundColor": "#f1f5f9"}),
        ], "Geist", fontSize=20, lineHeight=1.3),
        {"width": 400, "height": 420, "fonts": [GEIST, GEIST_BOLD]},
        "Balanced lines keep the line count of normal wrapping and make the lines about "
        "equally long (the box keeps its width). Reference: satori 0.63.2; satori-py matches "
        "it. Chromium (text-wrap-balance.chromium.png) picks the same line breaks.",
        browser=False),
    GoldenCase(
        "line-clamp-ellipsis-nested-spans",
        "-webkit-line-clamp and lineClamp with an ellipsis, in text with nested spans",
        _root([
            _div(_NESTED, {"width": 300, "display": "-webkit-box", "WebkitBoxOrient": "vertical",
                           "WebkitLineClamp": 3, "overflow": "hidden",
                           "backgroundColor": "#f1f5f9", "marginBottom": 12}),
            _div(_NESTED, {"width": 300, "display": "block", "lineClamp": 2,
                           "backgroundColor": "#f1f5f9", "marginBottom": 12}),
            _div("A plain paragraph with only text that runs on past the second line, where "
                 "the clamp cuts it.", {"width": 300, "display": "block", "lineClamp": 2,
                                        "backgroundColor": "#f1f5f9"}),
        ], "Geist", fontSize=20, lineHeight=1.4),
        {"width": 340, "height": 340, "fonts": [GEIST, GEIST_BOLD]},
        "Row 1: -webkit-line-clamp 3 (display -webkit-box, vertical) on text with a span "
        "nested in a span; row 2: lineClamp 2 (display block) on the same; row 3: lineClamp "
        "2 on plain text. The reference is WRONG in rows 1 and 2: satori 0.63.2 clamps only "
        "text without inline elements (its inline layout, text/inline.ts, ignores line "
        "clamps), so it draws all 5 lines (kept as "
        "line-clamp-ellipsis-nested-spans.satori.svg). satori-py keeps the first lines and "
        "ends the last one with the ellipsis in the block's style, hiding graphemes until it "
        "fits (satori_py/text/inline_clamp.py). The reference PNG/SVG are satori-py's "
        "render, checked against headless Chromium with the same fonts "
        "(line-clamp-ellipsis-nested-spans.chromium.png): row 1 is identical there (3 "
        "lines ending 'past th…'). Chromium doesn't implement the unprefixed line-clamp, so "
        "its row 2 shows every line; row 2 follows CSS Overflow 4 and row 1's behaviour. "
        "Row 3 is the reference's own (simple text engine) result.",
        browser=True),
]


def subset_noto_sans_jp(package: Path, text: str, out: Path) -> None:
    """Merge the WOFF slices of @fontsource/noto-sans-jp that hold ``text``'s characters,
    each subset to them (layout features kept), into one TrueType font."""
    from fontTools import subset
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    needed = {c for c in text if not c.isascii()}
    parts: list[str] = []
    for n, path in enumerate(sorted(glob.glob(str(package / "files" / "noto-sans-jp-*-400-normal.woff")))):
        font = TTFont(path)
        cmap = font.getBestCmap()
        have = {c for c in needed if ord(c) in cmap}
        if not have:
            continue
        needed -= have
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.drop_tables += ["vhea", "vmtx", "STAT", "VORG"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(have)))
        subsetter.subset(font)
        font.flavor = None
        part = out.with_name(f".jp-part-{n}.ttf")
        font.save(part)
        parts.append(str(part))
    Merger().merge(parts).save(out)
    for part in parts:
        Path(part).unlink()
