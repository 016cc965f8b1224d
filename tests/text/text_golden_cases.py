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
        "Bidi as satori 0.63.2 does it (levels per piece, satori_py/text/bidi.py "
        "REFERENCE_BIDI, the default since issue 12). Rows 1, 3, 4 and 8 (mixed "
        "Hebrew/Arabic/Latin words, right-to-left lines starting at the right, a wrapped "
        "right-to-left paragraph, Arabic shaped right-to-left per run) are drawn the same "
        "by satori 0.63.2, satori-py and Chromium. In rows 2, 5, 6 and 7 Satori is WRONG "
        "against Chromium and satori-py follows it: the time 10:30 shows as 30:10 and the "
        "date 31/12 as 12/31 (the ':' and '/' pieces are right-to-left neutrals between "
        "two numbers; UAX #9 W4 keeps them in the number), row 5's brackets are not "
        "paired (N0), row 6 ignores the isolate (RLI..PDI) and override (RLO..PDF) "
        "controls, and row 7, with inline spans, is not reordered at all (its words stay "
        "in logical order from the left). The browser's order, what satori-py draws with "
        "REFERENCE_BIDI = False, is rtl-mixed-latin-arabic-hebrew.chromium.png "
        "(tests/text/test_bidi.py checks that mode). Reference: satori 0.63.2, PNG by "
        "shared/tools/reraster.py.",
        browser=False),
    GoldenCase(
        "thai-line-breaking",
        "Thai line breaking between words (ICU dictionary), start and center aligned",
        _root([_column(THAI_TEXT, width=240),
               _column("Satori: " + THAI_TEXT, width=240, textAlign="center")],
              "Geist, Noto Sans Thai", display="flex", fontSize=20, lineHeight=1.6),
        {"width": 540, "height": 260, "fonts": [GEIST, THAI]},
        "Thai has no spaces between words. satori 0.63.2 (npm linebreak, no dictionaries) "
        "can only break at the one space, so each column is 2 lines (3 with 'Satori: ') that "
        "overflow the 240px box far to the right; satori-py follows it by default "
        "(satori_py/text/breaking.py REFERENCE_SCRIPT_BREAKS, issue 12). That is WRONG against "
        "browsers, which break Thai between words with a dictionary: with the flag off satori-py "
        "does so with ICU's line breaker (4 and 5 lines within the box, the same words ending "
        "each line as in thai-line-breaking.chromium.png, headless Chromium with the same fonts). "
        "Reference: satori 0.63.2, PNG by shared/tools/reraster.py.",
        browser=False),
    GoldenCase(
        "japanese-line-breaking",
        "Japanese line breaking: word-break normal and keep-all, small kana, brackets",
        _root([_column(SOSEKI), _column(SOSEKI, wordBreak="keep-all"), _column(SATORI_JA),
               _column(SATORI_JA, wordBreak="keep-all")],
              "Geist, Noto Sans JP", display="flex", fontSize=20, lineHeight=1.5),
        {"width": 1060, "height": 300, "fonts": [GEIST, JAPANESE]},
        "Columns 1 and 3: word-break normal breaks between any two ideographs or kana, never "
        "before 。、」） (kinsoku). Columns 2 and 4: keep-all. satori-py follows satori 0.63.2 by "
        "default (satori_py/text/breaking.py REFERENCE_SCRIPT_BREAKS, issue 12), which is WRONG "
        "against browsers in two ways: (1) it never breaks before small kana and the prolonged "
        "sound mark (line-break: strict), where browsers (line-break: auto = normal) break "
        "ニ|ャーニャー; (2) its keep-all breaks at dictionary word boundaries (名前は|まだ) and "
        "even puts 。 alone at the start of a line, where browsers only break keep-all text at "
        "spaces and after punctuation. With the flag off satori-py breaks as browsers do, as in "
        "japanese-line-breaking.chromium.png (headless Chromium, same fonts). Reference: satori "
        "0.63.2, PNG by shared/tools/reraster.py.",
        browser=False),
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
        "nested in a span; row 2: lineClamp 2 (display block) on the same; row 3: lineClamp 2 on "
        "plain text. satori 0.63.2 clamps only text without inline elements (its inline layout, "
        "text/inline.ts, ignores line clamps), so rows 1 and 2 show all 5 lines; satori-py "
        "follows it by default (satori_py/text/ellipsis.py REFERENCE_CLAMPS, issue 12). That "
        "is WRONG against browsers: with the flag off satori-py keeps the first lines and ends "
        "the last one with the ellipsis in the block's style, as headless Chromium does for row 1 "
        "(line-clamp-ellipsis-nested-spans.chromium.png: 3 lines ending 'past th…'; Chromium "
        "doesn't implement the unprefixed line-clamp of row 2). Row 3 is clamped by both. "
        "Reference: satori 0.63.2, PNG by shared/tools/reraster.py.",
        browser=False),
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
