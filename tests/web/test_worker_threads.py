"""A render worker process serves on a thread with the raster's stack and moves to a fresh
thread when Taffy has left too much in the old one's pool (satori_py.layout.taffy_thread)."""
from __future__ import annotations

import io
import pickle

import pytest

from satori_py.web import worker
from satori_py.web.job import RenderJob
from tests.support.raster_threads import RasterThreads


def test_a_worn_out_worker_thread_hands_over_to_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    threads = RasterThreads(monkeypatch, worker)  # each render wears its thread out
    source = io.BytesIO()
    for title in ("one", "two", "three"):
        worker.write_frame(source, pickle.dumps(RenderJob({"type": "div", "props": {"children": title}},
                                                          width=60, height=30, emoji=None)))
    source.seek(0)
    channel = io.BytesIO()
    worker.serve(source, channel)
    channel.seek(0)
    answers = []
    while (frame := worker.read_frame(channel)) is not None:
        answers.append(pickle.loads(frame))
    assert [(kind, png[:4]) for kind, png, _, _ in answers] == [("ok", b"\x89PNG")] * 3
    assert threads.count == 4  # one a render, and the last finds the input at its end
