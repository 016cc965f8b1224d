"""Smoke tests of the differential tester itself (tests/differential/), without node:
the generator is deterministic, the minimiser finds the smallest failing card of a
synthetic predicate, the verdicts and feature groups are what they say.
"""
from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from satori_py import render_svg
from tests.differential import compare, features, generator, minimise, oracle
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


class _EchoNode:
    """A stand-in for the node process: answers each request with its generation."""

    def __init__(self, answers: Any, generation: int) -> None:
        self.answers, self.generation = answers, generation
        self.stdin = self

    def write(self, line: str) -> None:
        self.answers.put(json.dumps({"svg": f"node {self.generation}"}))

    def flush(self) -> None:
        pass

    def kill(self) -> None:
        pass

    def wait(self, timeout: float | None = None) -> None:
        pass


class _EchoOracle(oracle.Oracle):
    def __init__(self) -> None:  # no node: the process is an _EchoNode
        self.timeout, self.generation, self.next_id, self.proc = 5.0, -1, 0, None

    def _start(self) -> None:
        import queue

        self.generation += 1
        self.answers = queue.Queue()
        self.proc = _EchoNode(self.answers, self.generation)  # type: ignore[assignment]


def test_the_oracle_restarts_node_after_a_card_that_leaves_state() -> None:
    plain = {"element": {"type": "div", "props": {"children": "at"}}}
    clamp = {"element": {"type": "div", "props": {"style": {"textOverflow": "ellipsis"}, "children": "at"}}}
    o = _EchoOracle()
    o._start()
    answers = [svg for _, svg in o.render_many([plain, plain, clamp, plain, clamp, clamp, plain])]
    assert answers == ["node 0", "node 0", "node 0", "node 1", "node 1", "node 2", "node 3"]
    assert [o.render(plain)[1], o.render(clamp)[1], o.render(plain)[1]] == ["node 3", "node 3", "node 4"]
    assert oracle.leaves_state({"element": {"props": {"style": {"WebkitLineClamp": 2}}}})
    assert not oracle.leaves_state(plain)


def test_the_oracle_restarts_node_before_a_card_with_another_tailwind_config() -> None:
    def card(config: Any) -> dict[str, Any]:
        options = {} if config is None else {"tailwindConfig": config}
        return {"element": {"type": "div", "props": {"tw": "text-brand"}}, "options": options}

    plain = {"element": {"type": "div", "props": {"children": "tw"}}}
    red, blue = card({"theme": {"colors": {"brand": "red"}}}), card({"theme": {"colors": {"brand": "blue"}}})
    o = _EchoOracle()
    o._start()
    # Node's twrnc instance is built by its first card using Tailwind (a plain card is not one).
    answers = [svg for _, svg in o.render_many([plain, red, plain, red, blue, card(None), card(None), red])]
    assert answers == ["node 0", "node 0", "node 0", "node 0", "node 1", "node 2", "node 2", "node 3"]
    assert [o.render(red)[1], o.render(blue)[1], o.render(plain)[1]] == ["node 3", "node 4", "node 4"]
    assert oracle.tailwind_config(plain) is None
    assert oracle.tailwind_config(card(None)) == "null"


def test_hand_written_cards_load_with_their_fonts_made_absolute(tmp_path: Any) -> None:
    from pathlib import Path

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
