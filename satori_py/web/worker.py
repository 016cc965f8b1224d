"""The render worker process of :mod:`satori_py.web.pool` (not a public module).

Started as ``python -c "...; from satori_py.web.worker import main; main()"``, so
it never imports the server's ``__main__`` (which ``multiprocessing``'s spawn and
forkserver methods do, and which breaks or slows down scripts that start their
server at import). It reads length-prefixed pickled :class:`RenderJob`s on stdin
and writes length-prefixed pickled answers on a private copy of stdout; anything a
library prints goes to stderr instead of corrupting that channel. It exits when
stdin closes, which happens when the server stops or dies.
"""
from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import traceback
from typing import IO, Any

HEADER = struct.Struct(">Q")
# Renders are throughput work, request routing is latency work: on a busy machine
# the server's own process should win the CPU.
NICENESS = 5


def read_frame(stream: IO[bytes]) -> bytes | None:
    """One frame, or None at a clean end of stream."""
    head = stream.read(HEADER.size)
    if not head:
        return None
    if len(head) != HEADER.size:
        raise EOFError("truncated frame header")
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) != size:
        raise EOFError("truncated frame")
    return data


def write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def _answer(job: Any) -> tuple[str, Any, str]:
    from .job import render_job
    try:
        return ("ok", render_job(job), "")
    except Exception as exc:
        return ("error", exc, traceback.format_exc())


def _dump(answer: tuple[str, Any, str]) -> bytes:
    try:
        return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        # An exception carrying an unpicklable value: send its text instead.
        from ..errors import RenderError
        kind, exc, tb = answer
        return pickle.dumps((kind, RenderError(f"{type(exc).__name__}: {exc}"), tb))


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C, then closes stdin
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:
            pass
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    source = sys.stdin.buffer

    # Pay the imports and the default font's parsing before saying ready.
    from .job import RenderJob
    _answer(RenderJob({"type": "div", "props": {"children": "warm"}}, width=8, height=8))
    write_frame(channel, pickle.dumps(("ready", os.getpid(), "")))

    while True:
        frame = read_frame(source)
        if frame is None:
            return
        job = pickle.loads(frame)
        write_frame(channel, _dump(_answer(job)))


if __name__ == "__main__":
    main()
