"""Render worker processes, seen from the server: start, talk, pause, kill, say how they ended.

:class:`Launcher` starts workers the fastest safe way (see :mod:`.worker`): forked
from a warm *template* process on Linux, a fresh interpreter per worker elsewhere
(or when the template runs threads Python does not know of, a native thread pool,
which would make forking unsafe).
Each worker is a :class:`WorkerProcess`: :meth:`~WorkerProcess.run` sends one
pickled job and returns the pickled answer's fields, raising :class:`WorkerDied`
when the process is gone; :meth:`~WorkerProcess.ended` then says how it ended
("exited with status 3", "was killed by SIGABRT").

Imports nothing of satori-py's pipeline: a worker imports it, the server need not.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import IO, Any, Literal

from .worker import read_frame, write_frame

__all__ = ["Launcher", "StartMethod", "WorkerDied", "WorkerProcess", "describe_exit"]

StartMethod = Literal["fork", "spawn"]
START_TIMEOUT = 120.0
STOP_TIMEOUT = 5.0
# How long to wait for the template's report of how a worker ended.
EXIT_REPORT_TIMEOUT = 2.0
_KEPT_EXITS = 256
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

# The worker must import this very satori_py, whether it is installed or run from a
# checkout the server put on sys.path.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


def _boot(call: str) -> str:
    return (f"import sys; sys.path.insert(0, {_PACKAGE_PARENT!r}); "
            f"from satori_py.web import worker; worker.{call}")


class WorkerDied(Exception):
    """The worker process ended (or was killed) before answering."""


def describe_exit(returncode: int | None) -> str:
    """``exited with status N`` / ``was killed by SIGNAME`` (``returncode`` as Popen's)."""
    if returncode is None:
        return "ended (how is unknown)"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was killed by {name}"
    return f"exited with status {returncode}"


class WorkerProcess:
    """One worker and its channel; used by one dispatcher thread at a time."""

    def __init__(self, pid: int, source: IO[bytes], sink: IO[bytes]) -> None:
        self.pid = pid
        self._source, self._sink = source, sink
        self.renders = 0
        self.rss = 0

    def run(self, payload: bytes) -> tuple[str, Any, str]:
        """Send one pickled job; return ``(kind, value, traceback)``; WorkerDied if it ended."""
        try:
            write_frame(self._sink, payload)
            frame = read_frame(self._source)
        except (EOFError, OSError, ValueError):
            frame = None
        if frame is None:
            raise WorkerDied(self.pid)
        kind, value, text, rss = pickle.loads(frame)
        self.renders += 1
        self.rss = int(rss)
        return kind, value, text

    def cpu_seconds(self) -> float | None:
        """CPU time the process has used so far (Linux /proc), or None if unknown."""
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            return None

    def pause(self) -> None:
        """Stop the process where it is (SIGSTOP): it uses no CPU until :meth:`resume`."""
        self.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        """End the process at once (a paused one too)."""
        self.send_signal(signal.SIGKILL)

    def send_signal(self, signum: int) -> None:
        raise NotImplementedError

    def ended(self) -> str:
        """How the process ended, once :meth:`run` raised WorkerDied."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop the worker: its input ends, so it exits."""
        for stream in (self._sink, self._source):
            with contextlib.suppress(OSError, ValueError):
                stream.close()


class _SpawnedWorker(WorkerProcess):
    """A fresh interpreter on pipes (a child of the server)."""

    def __init__(self) -> None:
        proc = subprocess.Popen([sys.executable, "-c", _boot("main()")], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, close_fds=True)
        assert proc.stdin is not None and proc.stdout is not None
        self.proc = proc
        super().__init__(proc.pid, proc.stdout, proc.stdin)
        try:
            ready = read_frame(proc.stdout)
        except (EOFError, OSError):
            ready = None
        if ready is None:
            self.close()
            raise OSError(f"A render worker failed to start ({self.ended()}); "
                          "see the server's stderr.")

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(OSError):
            self.proc.send_signal(signum)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()  # (Windows has no SIGKILL)

    def ended(self) -> str:
        try:
            return describe_exit(self.proc.wait(timeout=STOP_TIMEOUT))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return describe_exit(self.proc.wait())

    def close(self) -> None:
        super().close()
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class _ForkedWorker(WorkerProcess):
    """A child of the template, on a socket; signalled through a pidfd when there is one."""

    def __init__(self, pid: int, sock: socket.socket, template: _Template) -> None:
        self._sock = sock
        self._template = template
        self._pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            self._pidfd = os.pidfd_open(pid)  # a reused pid can never be signalled by mistake
        super().__init__(pid, sock.makefile("rb"), sock.makefile("wb"))

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signum)
            else:
                os.kill(self.pid, signum)

    def ended(self) -> str:
        status = self._template.exit_status(self.pid)
        return describe_exit(None if status is None else os.waitstatus_to_exitcode(status))

    def close(self) -> None:
        super().close()
        with contextlib.suppress(OSError):
            self._sock.close()
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            self._pidfd = None


class _Template:
    """The warm process workers are forked from, and its control socket."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _boot(f"main_template({theirs.fileno()})")],
                stdin=subprocess.DEVNULL, pass_fds=[theirs.fileno()], close_fds=True)
        self._control = ours
        self._forked: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
        self._exits: OrderedDict[int, int] = OrderedDict()
        self._exit_seen = threading.Condition()
        self._fork_lock = threading.Lock()
        self._ready: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
        self.alive = True
        threading.Thread(target=self._listen, name="satori-py-render-template",
                         daemon=True).start()
        try:
            hello = self._ready.get(timeout=START_TIMEOUT)
        except queue.Empty:
            hello = None
        if hello is None:
            self.close()
            raise OSError("The render worker template failed to start; see the server's stderr.")
        self.foreign_threads = hello[1]

    def _listen(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self._control, 4096, 1)
            except OSError:
                data, fds = b"", []
            if not data:
                break
            message = pickle.loads(data)
            if message[0] == "forked":
                self._forked.put((message[1], fds[0]))
            elif message[0] == "exit":
                with self._exit_seen:
                    self._exits[message[1]] = message[2]
                    while len(self._exits) > _KEPT_EXITS:
                        self._exits.popitem(last=False)
                    self._exit_seen.notify_all()
            elif message[0] == "ready":
                self._ready.put((message[1], message[2]))
        self.alive = False
        self._forked.put(None)
        self._ready.put(None)

    def fork(self) -> _ForkedWorker:
        with self._fork_lock:
            try:
                self._control.send(b"fork")
                forked = self._forked.get(timeout=START_TIMEOUT)
            except (OSError, queue.Empty):
                forked = None
            if forked is None:
                raise OSError("The render worker template stopped; it will be restarted.")
        pid, fd = forked
        return _ForkedWorker(pid, socket.socket(fileno=fd), self)

    def exit_status(self, pid: int) -> int | None:
        """The wait status the template reaped for ``pid`` (None if it does not say in time)."""
        with self._exit_seen:
            self._exit_seen.wait_for(lambda: pid in self._exits or not self.alive,
                                     EXIT_REPORT_TIMEOUT)
            return self._exits.pop(pid, None)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._control.shutdown(socket.SHUT_RDWR)
        self._control.close()
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _fork_is_possible() -> bool:
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


class Launcher:
    """Starts workers: forked from a template (restarted if it died) or spawned."""

    def __init__(self, method: StartMethod | None = None) -> None:
        if method is None:
            method = "fork" if _fork_is_possible() else "spawn"
        self.method: StartMethod = method
        self._template: _Template | None = None
        self._lock = threading.Lock()

    def start(self) -> WorkerProcess:
        """A new worker, ready for jobs; OSError if it cannot be started."""
        if self.method == "spawn":
            return _SpawnedWorker()
        with self._lock:
            if self._template is None or not self._template.alive:
                if self._template is not None:
                    self._template.close()
                self._template = _Template()
                if self._template.foreign_threads:
                    # A native thread pool in the template could deadlock a forked child.
                    self._template.close()
                    self._template = None
                    self.method = "spawn"
            template = self._template
        return _SpawnedWorker() if template is None else template.fork()

    @property
    def template_pid(self) -> int | None:
        template = self._template
        return template.proc.pid if template is not None and template.alive else None

    def close(self) -> None:
        with self._lock:
            template, self._template = self._template, None
        if template is not None:
            template.close()
