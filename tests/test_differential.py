"""Smoke tests of the differential tester itself (tests/differential/), without node:
the generator is deterministic, the minimiser finds the smallest failing card of a
synthetic predicate, the verdicts and feature groups are what they say.
"""
from __future__ import annotations

import copy
import json
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from satori_py import render_svg
from tests.differential import compare, features, generator, minimise, oracle, stubs
from tests.support import paths

needs_fonts = pytest.mark.skipif(paths.conformance_dir() is None,
                                 reason="the generator's fonts are in ../shared/conformance")


@needs_fonts
def test_a_card_is_a_function_of_seed_and_index() -> None:
    first = [generator.generate(7, i) for i in range(12)]
    again = [generator.generate(7, i) for i in (11, 3, 0)]
    assert again == [first[11], first[3], first[0]]
    assert generator.generate(8, 3) != first[3]
    assert len({json.dumps(c, sort_keys=True) for c in first}) == 12
    # Every card is a case: element, size, fonts that exist.
    for case in first:
        assert case["element"]["type"] == "div"
        assert case["options"]["width"] > 0 and case["options"]["fonts"]
        for font in case["options"]["fonts"]:
            assert (paths.REPO_ROOT / font["file"]).is_file()


@needs_fonts
def test_cards_cover_the_feature_groups() -> None:
    seen: set[str] = set()
    for i in range(150):
        seen |= features.groups(generator.generate(1, i))
    assert {"grid", "rtl", "list", "text-arabic", "text-korean", "emoji", "transform", "img",
            "svg-icon", "gradient", "shadow", "clip/mask", "absolute"} <= seen


def _has(case: dict[str, Any], key: str, text: str) -> bool:
    nodes = list(features.walk(case["element"]))
    return (any(key in ((n.get("props") or {}).get("style") or {}) for n in nodes)
            and any(text in t for t in features.texts(case["element"])))


@needs_fonts
def test_the_minimiser_finds_the_smallest_failing_card() -> None:
    card = generator.generate(3, 5)
    leaf = {"type": "div", "props": {"style": {"transform": "rotate(3deg)", "color": "red",
                                               "fontSize": 12}, "children": "an X here"}}
    card["element"]["props"]["children"].append(
        {"type": "div", "props": {"style": {"display": "flex", "padding": 4}, "children": [leaf]}})
    calls = []

    def fails(case: dict[str, Any]) -> bool:
        calls.append(1)
        return _has(case, "transform", "X")

    small, n = minimise.minimise(card, fails, budget=2000)
    assert n == len(calls) and fails(small)
    assert len(list(features.walk(small["element"]))) == 1
    assert small["element"]["props"]["style"] == {"transform": "rotate(3deg)"}
    assert small["element"]["props"]["children"] == "X"
    assert len(small["options"]["fonts"]) == 1
    assert minimise.size(small) < minimise.size(card) // 10


def test_the_minimiser_keeps_to_its_budget_and_never_leaves_an_svg() -> None:
    icon = {"type": "svg", "props": {"width": 10, "height": 10, "viewBox": "0 0 10 10",
                                     "children": [{"type": "path", "props": {"d": "M0 0h9"}}]}}
    card = {"element": {"type": "div", "props": {"children": [icon, "abc"]}}, "options": {}}
    small, _ = minimise.minimise(card, lambda c: "path" in json.dumps(c))
    assert small["element"]["type"] == "svg"
    img = {"type": "img", "props": {"src": "data:,", "width": 24, "alt": "x"}}
    small, _ = minimise.minimise({"element": {"type": "div", "props": {"children": [img, "a"]}}},
                                 lambda c: '"img"' in json.dumps(c))
    assert small["element"] == {"type": "img", "props": {"src": "data:,", "width": 24}}
    same, n = minimise.minimise(card, lambda c: False, budget=3)
    assert n == 3 and same == card


def test_the_verdicts() -> None:
    case = {"element": {"type": "div", "props": {"style": {"display": "flex", "color": "red"},
                                                 "children": "Hi"}},
            "options": {"width": 60, "height": 30}}
    ours = render_svg(copy.deepcopy(case["element"]), width=60, height=30)
    assert compare.compare(case, ("svg", ours)).status == compare.PASS
    moved = ours.replace("<svg ", "<svg ", 1).replace("red", "blue")
    assert compare.compare(case, ("svg", moved)).status == compare.FAIL
    assert compare.compare(case, ("svg", moved)).kind() == "fail"
    # The same shapes, ink 10 levels lighter: a failure of the mass only, which a minimiser
    # keeps apart from a failure of the shapes.
    grey = {"element": {"type": "div", "props": {"style": {"width": 20, "height": 30, "backgroundColor": "gray"}}},
            "options": {"width": 60, "height": 30}}
    lighter = render_svg(copy.deepcopy(grey["element"]), width=60, height=30).replace('"gray"', '"#8a8a8a"')
    outcome = compare.compare(grey, ("svg", lighter))
    assert (outcome.status, outcome.mismatch, outcome.kind()) == (compare.FAIL, 0.0, "fail:mass")
    crashed = compare.compare(case, ("error", "g.split is not a function"))
    assert crashed.status == compare.SATORI_CRASH and not crashed.counted
    assert compare.compare(case, ("error", "Invalid value")).status == compare.MISSED
    bad = {"element": {"type": "div", "props": {"style": {"display": "bogus"}}},
           "options": {"width": 10, "height": 10}}
    assert compare.compare(bad, ("error", "Invalid value")).status == compare.PASS
    assert compare.compare(bad, ("svg", ours)).status == compare.ERROR


def test_feature_groups_and_signature() -> None:
    case = {"element": {"type": "div", "props": {
        "style": {"display": "grid", "direction": "rtl", "transform": "rotate(3deg)"},
        "children": [{"type": "img", "props": {"src": "x"}}, "مرحبا 안녕"]}}}
    assert {"grid", "rtl", "transform", "img", "text-arabic", "text-korean", "all"} <= \
        features.groups(case)
    assert features.signature(case) == ("direction=rtl", "display=grid", "el:img",
                                         "text:arabic", "text:korean", "transform=rotate")


def test_the_minimiser_survives_paths_that_earlier_reductions_moved() -> None:
    kept = {"type": "div", "props": {"style": {"transform": "rotate(3deg)", "color": "red"}}}
    card = {"element": {"type": "div", "props": {"children": [
        {"type": "div", "props": {"children": "gone"}}, kept, "X"]}}, "options": {}}
    small, _ = minimise.minimise(card, lambda c: _has(c, "transform", "X"))
    assert small["element"]["props"]["children"] == [
        {"type": "div", "props": {"style": {"transform": "rotate(3deg)"}}}, "X"]


STUB_NODE = [sys.executable, str(Path(stubs.__file__))]


def _within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``'s result, failing (instead of hanging the suite) if it takes longer."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            out["error"] = exc
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=seconds)
    assert not thread.is_alive(), f"still running after {seconds:g}s"
    if "error" in out:
        raise out["error"]
    return out["value"]


class _Generations:
    """Which stand-in node (0 = the first started) wrote each answer, by its pid."""

    def __init__(self) -> None:
        self.pids: dict[str, int] = {}

    def __call__(self, answer: tuple[str, str]) -> str:
        kind, text = answer
        if kind != "svg":
            return kind
        pid = re.search(r"pid (\d+)", text).group(1)  # type: ignore[union-attr]
        return f"node {self.pids.setdefault(pid, len(self.pids))}"


def test_the_oracle_restarts_node_after_a_card_that_leaves_state() -> None:
    plain = {"element": {"type": "div", "props": {"children": "at"}}}
    clamp = {"element": {"type": "div", "props": {"style": {"textOverflow": "ellipsis"}, "children": "at"}}}
    node = _Generations()

    def run() -> tuple[list[str], list[str]]:
        with oracle.Oracle(timeout=30, command=STUB_NODE) as o:
            many = [node(a) for a in o.render_many([plain, plain, clamp, plain, clamp, clamp, plain])]
            return many, [node(o.render(plain)), node(o.render(clamp)), node(o.render(plain))]
    many, single = _within(60, run)
    assert many == ["node 0", "node 0", "node 0", "node 1", "node 1", "node 2", "node 3"]
    assert single == ["node 3", "node 3", "node 4"]
    assert oracle.leaves_state({"element": {"props": {"style": {"WebkitLineClamp": 2}}}})
    assert not oracle.leaves_state(plain)


def test_the_oracle_restarts_node_before_a_card_with_another_tailwind_config() -> None:
    def card(config: Any) -> dict[str, Any]:
        options = {} if config is None else {"tailwindConfig": config}
        return {"element": {"type": "div", "props": {"tw": "text-brand"}}, "options": options}

    plain = {"element": {"type": "div", "props": {"children": "tw"}}}
    red, blue = card({"theme": {"colors": {"brand": "red"}}}), card({"theme": {"colors": {"brand": "blue"}}})
    node = _Generations()

    def run() -> tuple[list[str], list[str]]:
        with oracle.Oracle(timeout=30, command=STUB_NODE) as o:
            # Node's twrnc instance is built by its first card using Tailwind (a plain card is not one).
            many = [node(a) for a in o.render_many([plain, red, plain, red, blue, card(None),
                                                    card(None), red])]
            return many, [node(o.render(red)), node(o.render(blue)), node(o.render(plain))]
    many, single = _within(60, run)
    assert many == ["node 0", "node 0", "node 0", "node 0", "node 1", "node 2", "node 2", "node 3"]
    assert single == ["node 3", "node 4", "node 4"]
    assert oracle.tailwind_config(plain) is None
    assert oracle.tailwind_config(card(None)) == "null"


def test_a_satori_stuck_in_a_card_costs_the_oracles_timeout_not_the_run() -> None:
    # The stuck node stops reading: the 1 MB card behind the stuck one fills its input
    # pipe, which blocked the caller for ever when it wrote the requests itself.
    def card(text: str, size: int = 0) -> dict[str, Any]:
        return {"element": {"type": "div", "props": {"children": text, "title": "x" * size}}}

    node = _Generations()
    cards = [card("a"), card("hang"), card("b", 1_000_000), *[card(str(i)) for i in range(10)],
             card("die"), card("c")]

    def run() -> list[str]:
        with oracle.Oracle(timeout=2, command=STUB_NODE) as o:
            return [node(a) for a in o.render_many(cards)] + [node(o.render(card("d")))]
    answers = _within(120, run)
    # Node runs 8 requests ahead: "hang" (no answer: node restarted) and the 7 behind
    # it are lost; a new node answers the next 4, dies at "die", and "c" is lost with it.
    assert answers == ["node 0", "oracle", *["oracle"] * 7, *["node 1"] * 4, "oracle", "oracle",
                       "node 2"]


def test_the_judges_survive_a_process_that_dies_hangs_or_panics() -> None:
    from tests.differential.judges import Judges

    payload = b"x" * 300_000  # tasks as big as a large card's SVG
    tasks = [("ok", n, payload) for n in range(40)]
    tasks[5], tasks[17], tasks[26] = ("die", 5, b""), ("hang", 17, b""), ("panic", 26, b"")

    def run() -> list[Any]:
        with Judges(stubs.judge, jobs=2, limit=5, lost=stubs.lost) as judges:
            return list(judges.map(tasks))
    results = _within(180, run)
    expected: list[Any] = [n + len(payload) for n in range(40)]
    expected[5] = "5: the judging process died (exit code 7)"
    expected[17] = "17: the judging process took longer than 5s (overran)"
    expected[26] = "26: the judge raised Panic: card 26"
    assert results == expected


def test_a_run_of_many_cards_ends_with_a_verdict_for_each(tmp_path: Path) -> None:
    from tests.differential import runner

    white = {"type": "div", "props": {"style": {"width": "100%", "height": "100%",
                                                "backgroundColor": "white"}}}
    cards = [{"name": f"card {i}", "element": white, "options": {"width": 40 + i % 7, "height": 30}}
             for i in range(120)]
    summary = _within(300, lambda: runner.run_cards(
        "stub", list(range(len(cards))), 2, tmp_path, progress=False, given=cards,
        oracle=lambda: oracle.Oracle(timeout=30, command=STUB_NODE)))
    assert [r.index for r in summary.results] == list(range(120))
    assert [r.outcome.status for r in summary.results] == [compare.PASS] * 120


def test_hand_written_cards_load_with_their_fonts_made_absolute(tmp_path: Any) -> None:
    from tests.differential import runner

    (tmp_path / "fonts").mkdir()
    case = {"name": "blog", "element": {"type": "div", "props": {"children": "x"}},
            "options": {"width": 10, "height": 10,
                        "fonts": [{"name": "A", "file": "fonts/a.ttf", "weight": 400}]},
            "additionalAssets": [{"languageCode": "ja-JP", "segment": "x",
                                  "result": [{"name": "B", "file": "../b.ttf"}]}]}
    path = tmp_path / "card.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    [card] = runner.load_cards([path])
    assert card["name"] == "card.json: blog"
    assert card["options"]["fonts"][0]["file"] == str(tmp_path / "fonts" / "a.ttf")
    assert card["additionalAssets"][0]["result"][0]["file"] == \
        str(Path(tmp_path).parent / "b.ttf")


@needs_fonts
def test_strangers_content_is_seeded_and_leaves_the_template_alone() -> None:
    from tests.differential import strangers

    template = json.loads((paths.GOLDEN_DIR / "cards" / "blog-post.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(template)
    cards = [strangers.fill(template, seed) for seed in range(40)]
    assert template == before
    assert [strangers.fill(template, seed) for seed in (3, 0)] == [cards[3], cards[0]]
    assert cards[0]["name"] == "blog-post [strangers 0]"
    texts = [t for card in cards for t in features.texts(card["element"])]
    original = set(features.texts(template["element"]))
    assert len(set(texts) - original) > 100
    # Every kind of content a route meets shows up over a few seeds.
    assert any(len(t) > 200 for t in texts) and any(not t.strip() for t in texts)
    assert any(len(t) >= 60 and " " not in t for t in texts)
    assert any("\u00ad" in t for t in texts) and any("\n" in t or "\t" in t for t in texts)
    assert any("&amp;" in t or "&lt;" in t for t in texts)
    # An emoji drawn needs its Twemoji asset; a script its font, appended as a fallback.
    for card in cards:
        segments = {a["segment"] for a in card.get("additionalAssets", [])}
        drawn = {e for e in strangers.EMOJI if any(e in t for t in features.texts(card["element"]))}
        assert drawn <= segments
        for font in card["options"]["fonts"]:  # the template's are relative to it
            assert (paths.GOLDEN_DIR / "cards" / font["file"]).is_file()
    assert any(f["name"] == "Noto Sans Arabic" for card in cards for f in card["options"]["fonts"])
    # Avatars of other shapes: the template's image is replaced.
    srcs = {n["props"]["src"] for card in cards for n in features.walk(card["element"])
            if n.get("type") == "img"}
    assert len(srcs) > 3
