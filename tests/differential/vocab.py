"""What the card generator draws from: fonts, texts per script, colours, images.

Everything here is data with realistic weights; the grammar (generator.py) picks
from it with a seeded ``random.Random``. Texts stay within the glyphs of the
fonts the conformance suite ships (the CJK fonts are subsets: こんにちは, 你好,
안녕 and a few more), so both renderers draw real glyphs, never a fallback box.
"""
from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.support import paths


@dataclass(frozen=True)
class FontFile:
    name: str
    file: str           # a file name in fonts_dir() (or the golden text fonts)
    weight: int = 400
    style: str = "normal"


LATIN_FONTS = {
    "Geist": [FontFile("Geist", "Geist-Regular.ttf"), FontFile("Geist", "Geist-Bold.ttf", 700)],
    "Roboto": [FontFile("Roboto", "Roboto-Regular.ttf")],
    "Playfair Display": [FontFile("Playfair Display", "playfair-display.ttf")],
    "Geist Mono": [FontFile("Geist Mono", "GeistMono-Regular.ttf")],
}
SCRIPT_FONTS = {
    "arabic": FontFile("Noto Sans Arabic", "NotoSansArabic-Regular.ttf"),
    "hebrew": FontFile("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf"),
    "japanese": FontFile("Noto Sans JP", "NotoSansJP-subset-konnichiwa.ttf"),
    "chinese": FontFile("Noto Sans SC", "NotoSansJP-subset-nihao.ttf"),
    "korean": FontFile("Noto Sans KR", "NotoSansKR-subset-annyeong.otf"),
    "thai": FontFile("Noto Sans Thai", "NotoSansThai-Regular.ttf"),
}
# Shipped by the suite, except Thai (the text golden cases' copy).
THAI_DIR = paths.GOLDEN_DIR / "text" / "fonts"


def fonts_dir() -> Path:
    conf = paths.conformance_dir()
    if conf is None:
        raise RuntimeError("the differential tester needs ../shared/conformance/fonts "
                           "(or $SATORI_PY_SHARED)")
    return conf / "fonts"


def font_path(font: FontFile) -> str:
    base = THAI_DIR if font.file == SCRIPT_FONTS["thai"].file else fonts_dir()
    return str((base / font.file).resolve())


# -- texts ------------------------------------------------------------------

TITLES = [
    "Introducing the new dashboard", "How we cut our build times in half",
    "Shipping faster with edge functions", "The state of web performance 2024",
    "Designing for dark mode", "A field guide to open source", "Release notes v2.4.1",
    "Why we rewrote our parser", "Ten tips for better typography",
    "Building a design system from scratch", "Hello, world", "Weekly digest #42",
    "Understanding layout engines", "Launch week: day three",
]
SENTENCES = [
    "A short look at what changed and why it matters for your team.",
    "Read the full story on our engineering blog.",
    "Join 12,000 developers who get our newsletter every Friday.",
    "Everything you need to ship beautiful social cards in minutes.",
    "Fast, accessible and open by default.",
    "We measured every step and removed what was not needed.",
    "Free for personal projects; $29/month for teams.",
    "Posted on March 14, 2024 in Engineering.",
]
NAMES = ["Ada Lovelace", "Grace Hopper", "Linus T.", "Margaret H.", "Alan K.", "Jane Doe",
         "@vercel", "@satori_py", "Sam Altmann", "Dr. Q. Zhang"]
SHORT = ["New", "Beta", "Pro", "v2.0", "Open source", "Featured", "5 min read", "Free",
         "TypeScript", "Python", "Design", "99+", "$49", "Live", "Draft", "#1", "3.2k stars"]
NUMBERS = ["1,204", "98%", "42", "3.5M", "$12.99", "17k", "0.8 s", "24/7", "2024", "+12%"]
CODE = ["const card = render(el)", "def og(request):", "    return png", "npm i satori",
        "pip install satori-py", "x = [i ** 2 for i in range(10)]"]

SCRIPT_TEXTS = {
    "arabic": ["مرحبا بالعالم", "أهلا وسهلا", "مقال جديد عن التصميم", "اقرأ المزيد",
               "الإصدار 2.0 متاح الآن", "مرحبا Satori في 2024", "تم النشر في 14 مارس",
               "واجهة برمجة API سريعة"],
    "hebrew": ["שלום עולם", "ברוכים הבאים", "גרסה 3.1 כבר כאן", "קראו עוד",
               "מאמר חדש על React", "שלום Satori 2024"],
    "japanese": ["こんにちは", "こんにちは はち", "ちはこんにち", "こんにちはこんにちは"],
    "chinese": ["你好", "你好你好", "你好 你好"],
    "korean": ["안녕", "안녕 안녕", "아나연 영앙", "안녕 나연", "영 안녕 낭"],
    "thai": ["สวัสดีครับ", "ยินดีต้อนรับสู่เว็บไซต์ของเรา", "ภาษาไทยง่ายนิดเดียว",
             "อ่านต่อ"],
}
EMOJI = ["🔥", "✨", "🚀", "❤️", "👋", "⭐", "🎉", "✅", "📈", "👍🏽", "🇫🇷", "👨‍👩‍👧"]

# -- colours ----------------------------------------------------------------

DARK = ["#0b1020", "#111827", "#000000", "#1e1b4b", "#0f172a", "#18181b", "#1f2937", "#022c22"]
LIGHT = ["#ffffff", "#f8fafc", "#fef3c7", "#ecfeff", "#f1f5f9", "#fafafa", "white", "#fdf2f8"]
ACCENT = ["#6366f1", "#ec4899", "#22c55e", "#f97316", "#0ea5e9", "#eab308", "#ef4444",
          "#14b8a6", "#8b5cf6", "rebeccapurple", "tomato", "dodgerblue"]
MUTED_ON_DARK = ["#9ca3af", "#cbd5e1", "rgba(255,255,255,0.7)", "#a1a1aa", "hsl(215, 20%, 65%)"]
MUTED_ON_LIGHT = ["#6b7280", "#475569", "rgba(0,0,0,0.6)", "#71717a", "hsl(215, 16%, 47%)"]


# -- images (data URIs, so neither side fetches) -----------------------------

def _png(width: int, height: int, pixel) -> bytes:
    """A tiny RGBA PNG from a pixel function, with zlib only (no Pillow needed)."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width))
                   for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (len(data).to_bytes(4, "big") + body
                + (zlib.crc32(body) & 0xFFFFFFFF).to_bytes(4, "big"))

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 6, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


@cache
def images() -> dict[str, str]:
    """Named data URIs: two photos-like PNGs (one not square) and an SVG avatar."""
    def sunset(x: int, y: int) -> tuple[int, int, int, int]:
        return (240 - y * 2, 90 + x, 60 + y * 2, 255)

    def checker(x: int, y: int) -> tuple[int, int, int, int]:
        on = (x // 8 + y // 8) % 2
        return (30 + 180 * on, 120, 200 - 150 * on, 255)

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
           '<rect width="64" height="64" fill="#c7d2fe"/><circle cx="32" cy="24" r="12" '
           'fill="#4338ca"/><path d="M10 60c2-14 12-20 22-20s20 6 22 20z" fill="#4338ca"/></svg>')
    uri = "data:image/png;base64,"
    return {
        "photo": uri + base64.b64encode(_png(64, 64, sunset)).decode(),
        "wide": uri + base64.b64encode(_png(96, 48, checker)).decode(),
        "avatar-svg": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
    }


# Inline SVG icons as element trees: (viewBox, [(tag, attrs)]), drawn with
# currentColor or a given fill.
ICONS = {
    "check": ("0 0 24 24", [("path", {"d": "M20 6L9 17l-5-5", "fill": "none",
                                      "stroke": "currentColor", "strokeWidth": 2})]),
    "star": ("0 0 24 24", [("path", {"d": "M12 2l3 7h7l-5.5 4.5 2 7.5-6.5-4.5-6.5 4.5 "
                                          "2-7.5L2 9h7z", "fill": "currentColor"})]),
    "heart": ("0 0 24 24", [("path", {"d": "M12 21s-8-5.3-8-11a4.5 4.5 0 018-2.8A4.5 4.5 0 "
                                           "0120 10c0 5.7-8 11-8 11z", "fill": "currentColor"})]),
    "clock": ("0 0 24 24", [("circle", {"cx": 12, "cy": 12, "r": 9, "fill": "none",
                                        "stroke": "currentColor", "strokeWidth": 2}),
                            ("path", {"d": "M12 7v5l3 3", "fill": "none",
                                      "stroke": "currentColor", "strokeWidth": 2})]),
    "logo": ("0 0 32 32", [("rect", {"x": 2, "y": 2, "width": 28, "height": 28, "rx": 8,
                                     "fill": "#6366f1"}),
                           ("path", {"d": "M10 22L16 8l6 14z", "fill": "white"})]),
    "arrow": ("0 0 24 24", [("path", {"d": "M5 12h14M13 6l6 6-6 6", "fill": "none",
                                      "stroke": "currentColor", "strokeWidth": 2,
                                      "strokeLinecap": "round"})]),
}
