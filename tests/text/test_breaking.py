"""Segmentation: line-break opportunities, graphemes, words and word-break rules.

The expected break opportunities are the reference's (Satori splits with the npm
``linebreak`` package); ICU's own answers are checked where we deliberately follow
the reference instead.
"""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icu4py.breakers import LineBreaker, WordBreaker

from satori_py.text import breaking
from satori_py.text.breaking import (
    can_break_words,
    graphemes,
    split_by_break_opportunities,
    split_images,
    words,
)
from tests.support.counting import count_calls

# (text, the pieces lines may wrap between), as the reference splits them.
BREAKS = [
    ("Hello world", ["Hello ", "world"]),
    ("  leading and trailing  ", ["  ", "leading ", "and ", "trailing  "]),
    ("well-known re-enter", ["well-", "known ", "re-", "enter"]),
    # A hyphen at the start of a word: the reference breaks after it (ICU doesn't).
    ("a -b", ["a ", "-", "b"]),
    ("-> != ...", ["-", "> !", "= ..."]),
    ("@A #quick ?brown :fox !jumps -over", ["@A ", "#quick ?", "brown :fox !", "jumps ", "-", "over"]),
    ("-1 +7", ["-1 ", "+7"]),
    # ... and after the other word-initial hyphens ICU's class HH (Unicode 16) keeps, before
    # letters (Thai among them), not after a Hebrew letter (the old LB21a).
    ("go \u05beabc \u05be\u0e44\u0e17\u0e22", ["go ", "\u05be", "abc ", "\u05be", "\u0e44\u0e17\u0e22"]),
    *[(f"x {c}abc", ["x ", c, "abc"]) for c in "\u058a\u1400\u2012\u2e17\u2e40\u2e5d"],
    ("\u05d0 \u05beabc", ["\u05d0 ", "\u05beabc"]),
    # The reference keeps its LB21a state over line breaks: a hyphen first after one is not
    # parted from what follows when a Hebrew letter began the last pair it looked at.
    ("\u05d0\u05d0\n-b", ["\u05d0\u05d0\n", "-b"]),
    ("\u05d0\n-b", ["\u05d0\n", "-", "b"]),
    ("\u05d0b\n\n-b c", ["\u05d0b\n", "\n", "-b ", "c"]),
    ("\u05d0\u05d0\n\u05be \u20131", ["\u05d0\u05d0\n", "\u05be \u2013", "1"]),
    # Letters by the reference's classes (AL), where ICU's newer ones break (BA, ID).
    ("x \u2800abc \u1b5cabc", ["x ", "\u2800abc ", "\u1b5cabc"]),
    ("https://example.com/path/to/some-page?query=1&b=2#frag",
     ["https://", "example.com/", "path/", "to/", "some-", "page?", "query=1&b=2#frag"]),
    ("www.vercel.com/docs/og-image", ["www.vercel.com/", "docs/", "og-", "image"]),
    ("foo@bar.com a/b/c", ["foo@bar.com ", "a/", "b/", "c"]),
    ("1,000,000.50 $100 100% (hello)", ["1,000,000.50 ", "$100 ", "100% ", "(hello)"]),
    # CJK: between ideographs and kana, not before closing or small kana.
    ("你好，世界。", ["你", "好，", "世", "界。"]),
    ("今日は「晴れ」です", ["今", "日", "は", "「晴", "れ」", "で", "す"]),
    ("안녕하세요 세계", ["안", "녕", "하", "세", "요 ", "세", "계"]),
    ("日本語English混在", ["日", "本", "語", "English", "混", "在"]),
    # Latin before an opening bracket: no break in the reference (ICU breaks).
    ("pm「日本」", ["pm「日", "本」"]),
    ("x+y=z「日", ["x+y=z「日"]),
    # Thai, Lao, Khmer, Myanmar and small kana: see test_line_breaking_scripts.py.
    # Quotation marks.
    ("«Bonjour» „Hallo“ “quote” 'single'", ["«Bonjour» „Hallo“ ", "“quote” ", "'single'"]),
    ("他说“你好”然后", ["他", "说“你", "好”然", "后"]),
    ("a ,1", ["a ,1"]),
    # Emoji, ZWJ sequences and flags stay whole.
    ("emoji 👍🏽 👨\u200d👩\u200d👧 🇺🇸🇬🇧", ["emoji ", "👍🏽 ", "👨\u200d👩\u200d👧 ", "🇺🇸", "🇬🇧"]),
    ("a\u00a0b c", ["a\u00a0b ", "c"]),
    ("zero\u200bwidth", ["zero\u200b", "width"]),
    ("tab\there", ["tab\t", "here"]),
    # Combining marks count as the character they are on (not after a space, where a mark is a
    # letter); the reference takes a zero-width joiner as a letter, ICU as what it joins.
    ("-\u0301abc", ["-\u0301", "abc"]),
    ("x \u2010\u0301abc", ["x ", "\u2010\u0301", "abc"]),
    ("\xa0\u0301\u2010b", ["\xa0\u0301\u2010", "b"]),
    ("\u201c\u0301 abc", ["\u201c\u0301 ", "abc"]),
    ("(\u200d abc", ["(\u200d ", "abc"]),
    ("a \u0301(abc", ["a ", "\u0301(abc"]),
    ("\u200d\u0301\u300e", ["\u200d\u0301\u300e"]),
    ("!\u200d\u0301\u05e9", ["!\u200d\u0301\u05e9"]),
    # ... and the old LB21a looks past the marks on a Hebrew letter, not past a mark after a space.
    ("\u05e9\u05b7\u2013 abc", ["\u05e9\u05b7\u2013 abc"]),
    ("\u05d0\t\u03011", ["\u05d0\t\u03011"]),
    ("\u05e9\u0301 -abc", ["\u05e9\u0301 ", "-abc"]),
    ("\u05e9 \u0301-abc", ["\u05e9 ", "\u0301-", "abc"]),
]


@pytest.mark.parametrize(("text", "expected"), BREAKS)
def test_break_opportunities(text: str, expected: list[str]) -> None:
    pieces, _ = split_by_break_opportunities(text, "normal")
    assert pieces == expected
    assert "".join(pieces) == text


@pytest.mark.parametrize(("text", "icu"), [
    ("สวัสดีครับ ยินดีต้อนรับ", ["สวัสดี", "ครับ ", "ยินดี", "ต้อนรับ"]),
    ("a -b", ["a ", "-b"]),
    ("pm「日本」", ["pm", "「日", "本」"]),
])
def test_plain_icu_breaks_differ_where_documented(text: str, icu: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(breaking, "REFERENCE_LINE_BREAKS", False)
    breaking._line_segments.cache_clear()
    try:
        assert split_by_break_opportunities(text, "normal")[0] == icu
    finally:
        breaking._line_segments.cache_clear()


@pytest.mark.parametrize(("text", "pieces", "required"), [
    ("a\nb", ["a\n", "b"], [False, True, False]),
    ("a\n\nb", ["a\n", "\n", "b"], [False, True, True, False]),
    ("a\r\nb", ["a\r\n", "b"], [False, True, False]),
    ("a\u2028b", ["a\u2028", "b"], [False, True, False]),
    # A newline at the very end doesn't force a break (nothing follows).
    ("a\n", ["a\n"], [False, False]),
    ("a b", ["a ", "b"], [False, False, False]),
])
def test_required_breaks(text: str, pieces: list[str], required: list[bool]) -> None:
    assert split_by_break_opportunities(text, "normal") == (pieces, required)


def test_word_break_modes() -> None:
    # break-all: every grapheme, without required breaks; keep-all: see
    # test_line_breaking_scripts.py.
    assert split_by_break_opportunities("ab c\nd", "break-all") == (["a", "b", " ", "c", "\n", "d"], [])
    assert split_by_break_opportunities("", "normal") == ([], [False])


# Characters of every kind the reference's adjustments look at: ASCII, spaces, hyphens,
# quotes, brackets, CJK punctuation, SA scripts, prefixes/postfixes, breaks.
_SAMPLE = ([chr(c) for c in range(0x20, 0x7F)]
           + list("\n\r\u00a0\u200b\u2060\u2010\u2013\u2014\u00ab\u00bb\u2018\u2019\u201a\u201c\u201d"
                  "\u201e\u3001\u3002\uff0c\u300c\u300d\u4e00\u3042\uac00\u1100\u0e01\u0e32\u1000"
                  "\u17a0\u00b0\u20ac\u2030\u05d0\u0627\u0301\ufffc\u275d\u2e1c"))


@pytest.mark.parametrize("reference_scripts", [False, True])
def test_reference_breaks_only_after_a_space_a_hyphen_or_an_infix(reference_scripts: bool) -> None:
    # _line_segments asks the reference's adjustment only there and where ICU breaks:
    # anywhere else it must never answer True.
    found = set()
    for before in ("", "a", " ", "\u201c", "("):
        for p in _SAMPLE:
            for n in _SAMPLE:
                text = before + p + n
                if breaking.reference_break_adjustment(text, len(before) + 1, reference_scripts):
                    found.add(p)
    assert found == {" ", "-", "\u2010", "\u2013", ",", ".", "/", ":", ";"}
    assert found <= set(" -\u2010\u2013" + breaking._INFIX_OR_SLASH)


@pytest.mark.parametrize(("word_break", "overflow_wrap", "expected"), [
    ("normal", "normal", (False, False)),
    ("normal", "break-word", (True, False)),
    ("normal", "anywhere", (True, True)),
    ("break-all", "normal", (True, True)),
    ("break-word", "normal", (True, True)),
    ("keep-all", "normal", (False, False)),
])
def test_can_break_words(word_break: str, overflow_wrap: str, expected: tuple[bool, bool]) -> None:
    assert can_break_words(word_break, overflow_wrap) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("abc", ["a", "b", "c"]),
    ("e\u0301x", ["e\u0301", "x"]),
    ("👍🏽👨\u200d👩\u200d👧🇺🇸", ["👍🏽", "👨\u200d👩\u200d👧", "🇺🇸"]),
    ("a\r\nb", ["a", "\r\n", "b"]),
    ("ก่า", ["ก่", "า"]),
    ("", []),
])
def test_graphemes(text: str, expected: list[str]) -> None:
    assert graphemes(text) == expected


def test_ascii_graphemes_are_icus() -> None:
    # ASCII text without CR is split into its characters without ICU: every pair of
    # ASCII characters (CR aside) is two graphemes for ICU too.
    from icu4py.breakers import CharacterBreaker

    ascii_chars = [chr(c) for c in range(128) if c != 13]
    for a in ascii_chars:
        for b in ascii_chars:
            assert list(CharacterBreaker(a + b, "")) == [a, b] == graphemes(a + b)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hello, world!", ["Hello", ",", " ", "world", "!"]),
    ("a\u00a0b c", ["a\u00a0b", " ", "c"]),  # a no-break space glues words together
    ("\u00a0x", ["\u00a0x"]),
    ("日本語です", ["日本語", "です"]),
])
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_split_images() -> None:
    def is_image(g: str) -> bool:
        return g in {"1️⃣", "😀"}
    assert split_images("1️⃣2️⃣", is_image) == ["1️⃣", "2️⃣"]
    assert split_images("ab😀cd😀", is_image) == ["ab", "😀", "cd", "😀"]
    assert split_images("plain", is_image) == ["plain"]


# -- texts segmented without ICU ---------------------------------------------------------------

def _icu_line_ends(text: str, locale: str) -> set[int]:
    ends, end = set(), 0
    for piece in LineBreaker(text, locale):
        end += len(piece)
        ends.add(end)
    return ends


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=" aZq09Mx", min_size=1, max_size=40)
       | st.text(alphabet=string.ascii_letters + string.digits + " ", min_size=1, max_size=80))
def test_plain_texts_are_segmented_as_icu_does(text: str) -> None:
    # ASCII letters, digits and spaces are segmented without a break iterator: as ICU would.
    assert breaking.word_segments(text, "") == list(WordBreaker(text, ""))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=" aZq09Mx", min_size=1, max_size=40)
       | st.text(alphabet=string.ascii_letters + string.digits + " ", min_size=1, max_size=80)
       | st.text(alphabet=" aZ9,.", min_size=1, max_size=30)
       | st.lists(st.sampled_from(["Sep", "21,", "2026", "a.", "b,.", "1...", "x,", "  ", " "]),
                  min_size=1, max_size=12).map("".join)
       | st.text(alphabet=" a9,.@#&*=_~^`<>'\"", min_size=1, max_size=30)
       | st.lists(st.sampled_from(["What's", "@lukas", '"quoted"', "'a'", "a<b", "#1", "x_y", ",", ".",
                                   "  ", " "]), min_size=1, max_size=12).map("".join),
       reference=st.booleans(),
       # (the reference's keep-all takes word segments instead: test_word_break_modes)
       scripts_and_keep_all=st.sampled_from([(False, False), (True, False), (False, True)]))
def test_plain_texts_break_as_the_long_way(text: str, reference: bool,
                                           scripts_and_keep_all: tuple[bool, bool]) -> None:
    # Texts of ASCII words (letters, digits, the AL symbols and quotes), with commas and full
    # stops at their ends, have their pieces found
    # without ICU's line breaker and the reference's adjustments: as with them (the long way
    # asks ICU, with and without @lb=normal). Others go the long way.
    reference_scripts, keep_all = scripts_and_keep_all
    long_way = breaking._line_segments.__wrapped__(  # type: ignore[attr-defined]
        text, reference, reference_scripts, keep_all)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(breaking, "REFERENCE_LINE_BREAKS", reference)
        patch.setattr(breaking, "REFERENCE_SCRIPT_BREAKS", reference_scripts)
        pieces, required = split_by_break_opportunities(text, "keep-all" if keep_all else "normal")
    assert (tuple(pieces), tuple(required)) == long_way


def test_prose_takes_the_short_way_only_with_commas_and_full_stops_at_word_ends() -> None:
    assert all(breaking._prose(t) for t in ["Sep 21, 2026", "Rust, TypeScript and coffee.", " a.. b,",
                                             "Avg. time", "plain words", "What's new", "@lukas", '"a" b',
                                             "#1 <x> a=b ~c^ `d` e&f g*h i_j"])
    assert not any(breaking._prose(t) for t in ["a,b", "1.5", "a ,b", ".a", ", a", "a;", "a!", "   ", "caf\u00e9",
                                                 "a\tb", "a\nb", "", ","])


@pytest.mark.parametrize("text", ["a,1", "x-y", "it's", "a\u00a0b", "caf\u00e9 au lait", "\u3053\u3093\u306b\u3061\u306f"])
def test_other_texts_are_segmented_by_icu(text: str) -> None:
    assert breaking.word_segments(text, "") == list(WordBreaker(text, ""))
    assert breaking.line_break_ends(text, "") == _icu_line_ends(text, "")


def test_a_list_of_hyphen_lines_costs_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # A hyphen first on a line reads the LB21a state the lines before it left: each line is
    # read back to the nearest one that sets it, not the whole text before it each time (a
    # pasted markdown list of 2,000 "- " lines made 36 million class lookups, minutes).
    text = "\nאא- item words here" + "\n- item words here" * 2000
    calls = count_calls(monkeypatch, breaking, "line_break_class")
    kept = [i for i in range(1, len(text)) if breaking.reference_break_adjustment(text, i) is False]
    assert calls[0] < 20 * len(text)
    assert kept  # (the adjustment still runs: the Hebrew line's hyphen keeps its space)


@pytest.mark.parametrize("text", ["a," + " " * 100_000 + "b", "\u05d0" + " " * 50_000 + "-" + " " * 50_000 + "b",
                                  "\u200b" + " " * 100_000 + "a,"])
def test_a_run_of_spaces_costs_linear_work(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # white-space: pre-wrap keeps a pasted run of spaces. The reference's verdict after a space
    # reads back to the character before the spaces: asked at every space of the run, a run of
    # 16,000 took 5 s a render, 100,000 minutes. Neither breaker breaks between two spaces.
    calls = count_calls(monkeypatch, breaking, "reference_break_adjustment")
    pieces, _ = split_by_break_opportunities(text, "normal")
    assert calls[0] < 10
    assert "".join(pieces) == text


@pytest.mark.parametrize("line", ["\n-", "\n-\n ", "\n\u05be\u0301"])
def test_a_list_of_one_character_lines_costs_linear_work(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    # A line of one character (or of spaces or marks) has no pair of characters that sets the
    # LB21a state, so each hyphen first on a line reads back past all of them to the Hebrew
    # line at the start: the states found are kept for the next hyphen, not read again (2,000
    # such lines took 1.2 s, 4 million class lookups).
    text = "\u05d0\u05d0-" + line * 2000 + "\n-a"
    calls = count_calls(monkeypatch, breaking, "line_break_class")
    pieces, _ = split_by_break_opportunities(text, "normal")
    assert calls[0] < 20 * len(text)
    assert pieces[-1] == "-a"  # the last hyphen kept whole, as after the Hebrew letters
