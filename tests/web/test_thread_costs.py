"""Costly cards in the thread pool: a card's template (satori_py.web.costs), what it cost
lately, and the queue that keeps costly renders behind fresh ones.

Renders are held up by an image whose fetcher waits for the test to open its gate, and
the order in which they start is read from the order of their fetches. A card is made
costly by recording a cost for its template (``pool.costs.record``); the one test of the
measurement uses a ``slow_after`` any render passes. Nothing here measures time.
"""
from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from satori_py import Font, h
from satori_py.errors import RenderBusyError
from satori_py.web.costs import MAX_VISITS, CostMemory, template
from satori_py.web.job import RenderJob
from satori_py.web.pool import ThreadPool
from tests.web.test_render_pool import WAIT, error, eventually
from tests.web.test_thread_pool import make_pool as thread_pool  # noqa: F401 - a fixture

_SVG = b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'><rect width='4' height='4'/></svg>"
SMALL = {"width": 60, "height": 30}

# Module level, so the jobs pickle (the pool identifies a card by its pickled job).
STARTED: list[str] = []  # the held cards' names, in the order their renders fetched
GATES: dict[str, threading.Event] = {}
_names = itertools.count()


def gated_fetcher(url: str) -> bytes:
    name = url.rsplit("/", 1)[-1]
    STARTED.append(name)
    assert GATES[name].wait(WAIT)
    return _SVG


def gated(name: str) -> RenderJob:
    """A card whose render waits, once started, until ``GATES[name]`` is set (its own
    template: its image's URL is part of it)."""
    GATES[name] = threading.Event()
    return RenderJob({"type": "div", "props": {"style": {"display": "flex"}, "children": [
        {"type": "img", "props": {"src": f"https://example.com/{next(_names)}/{name}",
                                  "width": 4, "height": 4}}]}}, **SMALL, fetcher=gated_fetcher)


def started(*names: str) -> None:
    eventually(lambda: STARTED == list(names))


@pytest.fixture
def make_pool(thread_pool: Any) -> Iterator[Any]:  # noqa: F811 - the imported fixture
    """test_thread_pool's pools (one worker, a long deadline), the gates opened at the end."""
    STARTED.clear()
    GATES.clear()
    yield thread_pool
    for gate in GATES.values():
        gate.set()


def costly(pool: ThreadPool, job: RenderJob, wall: float = 1.0) -> RenderJob:
    """``job``, its template known to cost ten times what makes a card costly."""
    pool.costs.record(template(job), pool.costly_after * 10, wall)
    return job


# -- templates --------------------------------------------------------------------------------

def post(title: str, color: str = "navy") -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "color": color}},
             h("span", None, title), h("span", None, "by ", "someone", 3))


def test_cards_differing_only_in_their_text_share_a_template() -> None:
    same = template(RenderJob(post("Hello, world")))
    assert template(RenderJob(post("Bonjour tout"))) == same  # as long, in powers of two
    assert template(RenderJob(post("Hi, world!!!!!"))) == same
    assert template(RenderJob(post("x" * 200))) != same  # much more text
    assert template(RenderJob(post("Hello, world", color="teal"))) != same  # a style
    assert template(RenderJob(post("Hello, world"), width=600)) != same
    assert template(RenderJob(post("Hello, world"), format="jpeg")) != same
    font = Font("Serif", b"\0" * 64)
    assert template(RenderJob(post("Hello, world"), fonts=(font,))) != same


def test_a_string_element_is_its_own_template() -> None:
    text = json.dumps(post("Hello, world"))
    assert template(RenderJob(text)) == template(RenderJob(text))
    assert template(RenderJob(text)) != template(RenderJob(json.dumps(post("Bonjour tout"))))


def test_a_template_reads_a_bounded_part_of_a_huge_tree() -> None:
    def chain(depth: int, leaf: str) -> dict[str, Any]:
        node: dict[str, Any] = {"type": "div", "props": {"children": leaf}}
        for _ in range(depth):
            node = {"type": "div", "props": {"children": node}}
        return node

    deep = chain(MAX_VISITS * 2, "a")
    assert template(RenderJob(deep)) == template(RenderJob(chain(MAX_VISITS * 2, "b" * 300)))
    cyclic: dict[str, Any] = {"type": "div", "props": {}}
    cyclic["props"]["children"] = cyclic  # a dict that contains itself: still answers
    assert len(template(RenderJob(cyclic))) == 16


def test_the_cost_memory_averages_and_forgets_the_oldest() -> None:
    memory = CostMemory(kept=2)
    assert memory.expect(b"a") is None
    memory.record(b"a", 1.0, 4.0)
    memory.record(b"a", 0.0, 2.0)
    assert memory.expect(b"a") == (0.5, 3.0)
    memory.record(b"b", 2.0, 2.0)
    memory.record(b"a", 0.5, 3.0)  # a is now the most recently rendered
    memory.record(b"c", 3.0, 3.0)
    assert (memory.expect(b"a"), memory.expect(b"b"), memory.expect(b"c")) == (
        (0.5, 3.0), None, (3.0, 3.0))


# -- the queue ----------------------------------------------------------------------------------

def test_costly_renders_take_at_most_half_the_threads_while_fresh_ones_wait(make_pool: Any) -> None:
    pool = make_pool(workers=2)
    first, second = pool.submit(gated("h1")), pool.submit(gated("h2"))
    eventually(lambda: sorted(STARTED) == ["h1", "h2"])  # side by side: in either order
    STARTED[:] = ["h1", "h2"]
    futures = [pool.submit(costly(pool, gated("c1"))), pool.submit(costly(pool, gated("c2"))),
               pool.submit(gated("f1")), pool.submit(gated("f2"))]
    assert pool.stats.costly == 2
    GATES["h1"].set()
    started("h1", "h2", "c1")  # no costly render had a thread: the first one takes this one
    GATES["h2"].set()
    started("h1", "h2", "c1", "f1")  # c1 holds the costly renders' share: fresh ones first
    GATES["f1"].set()
    started("h1", "h2", "c1", "f1", "f2")
    GATES["f2"].set()
    started("h1", "h2", "c1", "f1", "f2", "c2")  # no fresh render waits: c2 may go
    for gate in GATES.values():
        gate.set()
    for future in (first, second, *futures):
        assert future.result(WAIT)[:4] == b"\x89PNG"


def test_with_one_thread_costly_renders_wait_behind_every_fresh_one(make_pool: Any) -> None:
    pool = make_pool(workers=1)
    pool.submit(gated("h1"))
    started("h1")
    pool.submit(costly(pool, gated("c1")))
    pool.submit(gated("f1"))
    pool.submit(gated("f2"))
    GATES["h1"].set()
    started("h1", "f1")
    GATES["f1"].set()
    started("h1", "f1", "f2")
    GATES["f2"].set()
    started("h1", "f1", "f2", "c1")


def test_a_full_queue_sheds_the_costly_render_queued_last(make_pool: Any) -> None:
    pool = make_pool(workers=1, queue=2)
    pool.submit(gated("h1"))
    started("h1")
    c1 = pool.submit(costly(pool, gated("c1")))
    c2 = pool.submit(costly(pool, gated("c2")))
    with pytest.raises(RenderBusyError):  # a costly render does not shed another
        pool.submit(costly(pool, gated("c3")))
    f1 = pool.submit(gated("f1"))
    shed = error(c2)
    assert isinstance(shed, RenderBusyError)
    assert str(shed) == ("The render pool is full, and this render gave its place to a cheaper "
                         "one: cards like it took more than 0.1 s of CPU time lately. Try again "
                         "later.")
    f2 = pool.submit(gated("f2"))
    assert isinstance(error(c1), RenderBusyError)
    with pytest.raises(RenderBusyError, match=r"^The render pool is full \(2 renders waiting\)"):
        pool.submit(gated("f3"))  # nothing costly left to shed
    assert (pool.stats.shed, pool.stats.refused, pool.stats.costly) == (2, 2, 2)
    for gate in GATES.values():
        gate.set()
    assert f1.result(WAIT)[:4] == b"\x89PNG" and f2.result(WAIT)[:4] == b"\x89PNG"
    assert STARTED == ["h1", "f1", "f2"]


def test_a_template_that_cost_more_than_half_of_slow_after_is_costly_next_time(make_pool: Any) -> None:
    pool = make_pool(slow_after=1e-9)  # any render's CPU time is more than half of it
    card = RenderJob(post("Hello, world"), **SMALL)
    assert pool.submit(card).result(WAIT)[:4] == b"\x89PNG"
    assert pool.costs.expect(template(card))[0] > pool.costly_after and pool.stats.costly == 0
    assert pool.submit(RenderJob(post("Bonjour tout"), **SMALL)).result(WAIT)[:4] == b"\x89PNG"
    assert pool.stats.costly == 1


def test_a_render_expected_to_end_past_its_deadline_is_not_started(make_pool: Any) -> None:
    pool = make_pool(workers=1)
    hopeless = pool.submit(costly(pool, gated("c1"), wall=WAIT * 2))
    exc = error(hopeless)
    assert str(exc) == (f"The render would not finish within its {WAIT:g} s deadline: renders "
                        f"like it take {WAIT * 2:.2f} s now, more than the time left (the render "
                        "pool is busy).")
    assert pool.stats.expired == 1 and STARTED == []
    assert pool.submit(costly(pool, gated("c2"), wall=WAIT / 4)) is not None
    started("c2")  # time enough: it runs
