"""Delta debugging: reduce a failing card to the smallest that still fails.

``minimise(case, fails)`` repeats, until nothing more can go, these reductions,
each kept only when ``fails(candidate)`` is still true:

* the children of every element (ddmin over the list);
* an element replaced by one of its element children (hoisting; never out of
  an ``<svg>``);
* the style keys of every element (ddmin), then other props but ``src``/``d``;
* the words, then the characters, of every text;
* the fonts (only those whose characters another font also draws) and the
  additional assets of the options;
* the canvas, halved while it still fails (smaller canvases also make every
  later try cheaper, so this goes first).

``fails`` is the only oracle; the caller makes it mean "fails the same way"
(same status, same exception type). Candidates are fresh deep copies, so
``fails`` may keep or change what it is given. At most ``budget`` calls.
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

Case = dict[str, Any]
Path_ = tuple[int, ...]
# Props never dropped: an image without its size, or a path without its data, fails for
# other reasons than the card did.
KEEP_PROPS = {"style", "children", "src", "d", "viewBox", "width", "height"}


class Budget(Exception):
    pass


class _Search:
    def __init__(self, case: Case, fails: Callable[[Case], bool], budget: int) -> None:
        self.best = copy.deepcopy(case)
        self.fails = fails
        self.budget = budget
        self.calls = 0

    def test(self, candidate: Case) -> bool:
        if self.calls >= self.budget:
            raise Budget
        self.calls += 1
        if self.fails(copy.deepcopy(candidate)):
            self.best = candidate
            return True
        return False

    # -- ddmin over one list, through a setter that builds a candidate ---------

    def try_(self, candidate: Case | None) -> bool:
        """Test a candidate; None (a reduction not allowed) fails without a try."""
        return candidate is not None and self.test(candidate)

    def ddmin(self, items: list[Any], build: Callable[[list[Any]], Case | None],
              allow_empty: bool = True) -> list[Any]:
        if allow_empty and items and self.try_(build([])):
            return []
        n = 2
        while len(items) >= 2:
            size = -(-len(items) // n)
            chunks = [items[i:i + size] for i in range(0, len(items), size)]
            for i in range(len(chunks)):
                rest = [x for j, c in enumerate(chunks) if j != i for x in c]
                if self.try_(build(rest)):
                    items, n = rest, max(n - 1, 2)
                    break
            else:
                if n >= len(items):
                    break
                n = min(len(items), n * 2)
        return items


# -- tree addressing ---------------------------------------------------------------

def _children(node: Any) -> list[Any]:
    kids = (node.get("props") or {}).get("children")
    if kids is None:
        return []
    return kids if isinstance(kids, list) else [kids]


def _element_paths(node: Any, path: Path_ = ()) -> Iterator[Path_]:
    yield path
    for i, child in enumerate(_children(node)):
        if isinstance(child, dict) and "type" in child:
            yield from _element_paths(child, path + (i,))


def _at(case: Case, path: Path_) -> dict[str, Any]:
    node = case["element"]
    for i in path:
        node = _children(node)[i]
    return node


def _with(case: Case, path: Path_, edit: Callable[[dict[str, Any]], Any]) -> Case:
    """A copy of ``case`` with ``edit`` applied to the element at ``path``; if
    ``edit`` returns a node, that node replaces the element."""
    out = copy.deepcopy(case)
    node = _at(out, path)
    replacement = edit(node)
    if replacement is not None:
        if not path:
            out["element"] = replacement
        else:
            parent = _at(out, path[:-1])
            kids = _children(parent)
            kids[path[-1]] = replacement
            parent["props"]["children"] = kids
    return out


def _set_children(node: dict[str, Any], kids: list[Any]) -> None:
    props = node.setdefault("props", {})
    if not kids:
        props.pop("children", None)
    else:
        props["children"] = kids[0] if len(kids) == 1 and isinstance(kids[0], str) else kids


# -- the passes --------------------------------------------------------------------

def _element_at(case: Case, path: Path_) -> dict[str, Any] | None:
    """The element at ``path``, or None when an earlier reduction moved it away."""
    try:
        node = _at(case, path)
    except (IndexError, KeyError, AttributeError, TypeError):
        return None
    return node if isinstance(node, dict) and "type" in node else None


def _pass_children(s: _Search) -> None:
    for path in list(_element_paths(s.best["element"])):
        node = _element_at(s.best, path)
        if node is None:
            continue
        kids = _children(node)
        if kids:
            base = s.best
            s.ddmin(kids, lambda keep, p=path, b=base: _with(
                b, p, lambda n, k=keep: _set_children(n, copy.deepcopy(k))))


def _in_svg(case: Case, path: Path_) -> bool:
    """Whether the element at ``path`` is an <svg> or inside one (its shapes must stay)."""
    return any(_at(case, path[:i])["type"] == "svg" for i in range(len(path) + 1))


def _pass_hoist(s: _Search) -> None:
    changed = True
    while changed:
        changed = False
        for path in list(_element_paths(s.best["element"])):
            node = _at(s.best, path)
            if _in_svg(s.best, path):
                continue
            for child in _children(node):
                if isinstance(child, dict) and "type" in child:
                    if s.test(_with(s.best, path, lambda n, c=child: copy.deepcopy(c))):
                        changed = True
                        break
            if changed:
                break


def _drop_prop(node: dict[str, Any], key: str) -> None:
    node["props"].pop(key, None)


def _pass_style(s: _Search) -> None:
    for path in list(_element_paths(s.best["element"])):
        node = _element_at(s.best, path)
        if node is None:
            continue
        style = (node.get("props") or {}).get("style") or {}
        if style:
            base = s.best
            s.ddmin(list(style.items()), lambda keep, p=path, b=base: _with(
                b, p, lambda n, k=keep: n["props"].__setitem__("style", dict(k))))
        props = [k for k in (node.get("props") or {}) if k not in KEEP_PROPS]
        for key in props:
            s.test(_with(s.best, path, lambda n, k=key: _drop_prop(n, k)))


def _pass_text(s: _Search) -> None:
    for path in list(_element_paths(s.best["element"])):
        node = _element_at(s.best, path)
        if node is None:
            continue
        kids = _children(node)
        for i, kid in enumerate(kids):
            if not isinstance(kid, str) or len(kid) <= 1:
                continue
            for split, join in ((lambda t: t.split(" "), " "), (list, "")):
                current = _children(_at(s.best, path))[i]
                parts = split(current)
                if len(parts) < 2:
                    continue
                base = s.best

                def build(keep: list[str], p: Path_ = path, idx: int = i, b: Case = base,
                          j: str = join) -> Case:
                    def edit(n: dict[str, Any]) -> None:
                        ks = _children(n)
                        ks[idx] = j.join(keep)
                        _set_children(n, ks)
                    return _with(b, p, edit)
                s.ddmin(parts, build, allow_empty=False)


@lru_cache(maxsize=64)
def _cmap(file: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        return frozenset(TTFont(file, lazy=True).getBestCmap() or ())
    except Exception:  # not a font we can read: covers nothing
        return frozenset()


def _covered(case: Case) -> frozenset[int]:
    """The characters of the case's text that some font of it has (fonts are files)."""
    chars = {ord(c) for text in _texts(case["element"]) for c in text if not c.isspace()}
    have: set[int] = set()
    for font in case.get("options", {}).get("fonts") or []:
        have |= _cmap(str(font.get("file")))
    return frozenset(chars & have)


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        yield from _texts((node.get("props") or {}).get("children"))
    elif isinstance(node, list):
        for child in node:
            yield from _texts(child)


def _pass_options(s: _Search) -> None:
    fonts = s.best.get("options", {}).get("fonts")
    if fonts and len(fonts) > 1:
        base = s.best
        needed = _covered(base)

        def build(keep: list[Any], b: Case = base) -> Case | None:
            out = copy.deepcopy(b)
            out["options"]["fonts"] = copy.deepcopy(keep)
            # A font is only dropped when its characters are drawn by another: missing
            # glyphs are failures of their own, not the card's.
            return out if _covered(out) >= needed else None
        s.ddmin(fonts, build, allow_empty=False)
    assets = s.best.get("additionalAssets")
    if assets:
        base = s.best

        def build_assets(keep: list[Any], b: Case = base) -> Case:
            out = copy.deepcopy(b)
            if keep:
                out["additionalAssets"] = copy.deepcopy(keep)
            else:
                out.pop("additionalAssets", None)
            return out
        s.ddmin(assets, build_assets)


def _pass_canvas(s: _Search) -> None:
    while True:
        options = s.best.get("options", {})
        width, height = options.get("width"), options.get("height")
        if not isinstance(width, (int, float)) or not isinstance(height, (int, float)) \
                or width < 128 or height < 128:
            return
        out = copy.deepcopy(s.best)
        out["options"]["width"], out["options"]["height"] = width // 2, height // 2
        if not s.test(out):
            return


PASSES = (_pass_canvas, _pass_children, _pass_hoist, _pass_style, _pass_text, _pass_options)


def size(case: Case) -> int:
    """How big a case is: elements + style keys + text characters + fonts."""
    n = 0
    for path in _element_paths(case["element"]):
        node = _at(case, path)
        n += 1 + len((node.get("props") or {}).get("style") or {})
        n += sum(len(k) for k in _children(node) if isinstance(k, str))
    return n + len(case.get("options", {}).get("fonts") or [])


def minimise(case: Case, fails: Callable[[Case], bool], budget: int = 400) -> tuple[Case, int]:
    """The smallest variant of ``case`` found that still ``fails``, and the calls made."""
    s = _Search(case, fails, budget)
    try:
        while True:
            before = size(s.best)
            for reduce in PASSES:
                reduce(s)
            if size(s.best) >= before:
                break
    except Budget:
        pass
    return s.best, s.calls
