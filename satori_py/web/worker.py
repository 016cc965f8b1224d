"""The render worker processes' side of :mod:`satori_py.web.pool` (not a public module).

Two ways to start, both from a command line (``python -c "...; main()"``), so
neither imports the server's ``__main__`` (which ``multiprocessing``'s spawn and
forkserver methods do, and which breaks or slows down scripts that start their
server at import):

* :func:`main_template` (Linux): a *template* process imports satori-py, renders a
  tiny card so its caches are warm, then forks a worker whenever the server asks,
  over a ``SOCK_SEQPACKET`` control socket; each worker's end of a fresh socket
  pair is passed back with ``SCM_RIGHTS``. A fork costs milliseconds where a fresh
  interpreter costs about a second of CPU, so a worker killed at its deadline, or
  recycled, is replaced at once. The template reaps its children and reports how
  each ended (``("exit", pid, status)``), so the server can say why a worker died.
* :func:`main` (elsewhere): one fresh interpreter per worker, on stdin/stdout.

A worker reads length-prefixed pickled :class:`~satori_py.web.job.RenderJob`\\s and
writes length-prefixed pickled answers ``(kind, value, traceback, rss)``; ``rss``
(bytes) lets the server recycle a worker that grew. Anything a library prints goes
to stderr, never into the channel. A worker exits when its input closes, which
happens when the server retires it, stops or dies.
"""
from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import socket
import struct
import sys
import time
import traceback
from typing import IO, Any

from resvg_bridge import on_raster_stack
from resvg_bridge.heap import keep_freed_memory

from ..layout import taffy_thread

HEADER = struct.Struct(">Q")
# Renders are throughput work, request routing is latency work: on a busy machine
# the server's own process should win the CPU.
NICENESS = 5
# How often the template looks for children that ended (it also wakes on commands).
REAP_INTERVAL = 0.2
# The template's warm-up card: every printable ASCII glyph of the default font (their
# outlines are then parsed once, in the template, and shared by every fork) on a
# gradient, so a worker's first renders cost about what its later ones do.
WARM_JOB = {"type": "div", "props": {
    "style": {"display": "flex", "flexWrap": "wrap",
              "backgroundImage": "linear-gradient(135deg, #0f172a, #1e3a8a)"},
    "children": "".join(chr(c) for c in range(0x21, 0x7F))}}


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


def resident_bytes() -> int:
    """This process's resident memory now (Linux), else its peak (``ru_maxrss``)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak) * (1 if sys.platform == "darwin" else 1024)


def _answer(job: Any) -> tuple[str, Any, str]:
    from .job import render_job
    try:
        return ("ok", render_job(job), "")
    except MemoryError:
        from ..limits import out_of_memory
        return ("error", out_of_memory(), "")
    except Exception as exc:
        return ("error", exc, traceback.format_exc())


def _dump(answer: tuple[str, Any, str]) -> bytes:
    rss = resident_bytes()
    try:
        return pickle.dumps((*answer, rss), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        # An exception carrying an unpicklable value: send its text instead.
        from ..errors import RenderError
        kind, exc, tb = answer
        return pickle.dumps((kind, RenderError(f"{type(exc).__name__}: {exc}"), tb, rss))


def serve(source: IO[bytes], channel: IO[bytes]) -> None:
    """Answer jobs from ``source`` on ``channel`` until ``source`` ends, on a thread with the
    raster's stack: each render runs right there (none starts a thread of its own). A thread
    worn out by what Taffy leaves with it hands over to a fresh one (taffy_thread.worn_out)."""
    while on_raster_stack(lambda: _serve(source, channel)):
        pass


def _serve(source: IO[bytes], channel: IO[bytes]) -> bool:
    """Answer jobs until ``source`` ends (False) or this thread is worn out (True)."""
    while not taffy_thread.worn_out():
        frame = read_frame(source)
        if frame is None:
            return False
        job = pickle.loads(frame)  # a job that cannot be unpickled kills the worker
        write_frame(channel, _dump(_answer(job)))
    return True


def _prepare() -> IO[bytes]:
    """Ignore Ctrl-C, yield the CPU, warm up; returns the private copy of stdout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C, then closes our input
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:
            pass
    keep_freed_memory()  # this process renders card after card: keep the raster's memory
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Pay the imports and the default font's parsing before saying ready.
    from .job import RenderJob
    _answer(RenderJob(WARM_JOB, width=64, height=64))
    return channel


def main() -> None:
    """A worker in a fresh interpreter: jobs on stdin, answers on stdout."""
    channel = _prepare()
    write_frame(channel, pickle.dumps(("ready", os.getpid(), 1)))
    serve(sys.stdin.buffer, channel)


def _foreign_threads() -> int:
    """Threads Python does not know of (a native library's pool): forking is unsafe with
    them, as one may hold a lock the child would wait on for ever. Python's own threads
    are fine here: idle at the fork, and the ones the renderer keeps (the Taffy thread)
    forget themselves in a child (``os.register_at_fork``)."""
    import threading
    # A render's helper threads end with it, but the system may list them a moment
    # longer than Python does: they are given that moment to go.
    settle = time.monotonic() + 0.5
    while True:
        try:
            foreign = len(os.listdir("/proc/self/task")) - threading.active_count()
        except OSError:
            return 0
        if foreign <= 0 or time.monotonic() > settle:
            return max(0, foreign)
        time.sleep(0.002)


def _fork_worker(control: socket.socket) -> None:
    parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the template's loop
        try:
            control.close()
            parent_end.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            serve(child_end.makefile("rb"), child_end.makefile("wb"))
        finally:
            os._exit(0)
    child_end.close()
    socket.send_fds(control, [pickle.dumps(("forked", pid))], [parent_end.fileno()])
    parent_end.close()


def _reap(control: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        control.send(pickle.dumps(("exit", pid, status)))


def main_template(control_fd: int) -> None:
    """The template process: warm up once, then fork a worker per ``fork`` command."""
    control = socket.socket(fileno=control_fd)
    _prepare().close()  # answers go over each worker's own socket
    # The warm heap out of the collector's reach: a child's collections would otherwise
    # write to every object's header and copy the whole heap, page by page, on its
    # first renders.
    gc.freeze()
    control.send(pickle.dumps(("ready", os.getpid(), _foreign_threads())))
    while True:
        readable, _, _ = select.select([control], [], [], REAP_INTERVAL)
        if readable:
            command = control.recv(64)
            if not command:  # the server closed the control socket: stop
                return
            if command == b"fork":
                _fork_worker(control)
        _reap(control)
