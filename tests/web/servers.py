"""Start an example app in a real server on 127.0.0.1, wait for it, and always stop it.

Each server is a subprocess in its own session (so stopping it also stops the render
workers it started), its output captured to a file the tests can read (the error
log of a failed render). Every wait is bounded.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.paths import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    name: str = ""

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


# argv templates per server kind; {port} is filled in.
def uvicorn_argv(module: str, app_dir: Path = EXAMPLES) -> list[str]:
    return [sys.executable, "-m", "uvicorn", f"{module}:app", "--app-dir", str(app_dir),
            "--host", "127.0.0.1", "--port", "{port}", "--log-level", "warning"]


def flask_argv() -> list[str]:
    # Werkzeug's threaded server, through the example's own entry point.
    return [sys.executable, str(EXAMPLES / "flask_app.py"), "--host", "127.0.0.1",
            "--port", "{port}"]


def django_argv() -> list[str]:
    # waitress, a production WSGI server, serving the example's `application`.
    return [sys.executable, "-m", "waitress", "--host=127.0.0.1", "--port={port}",
            "--threads=8", "app:application"]


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    # The server's session holds only what this test started: the server and its workers.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT)


@contextlib.contextmanager
def running(argv: Sequence[str], *, cwd: Path = EXAMPLES,
            env: Mapping[str, str] | None = None, ready_path: str = "/health",
            attempts: int = 3) -> Iterator[Server]:
    """Run ``argv`` (with ``{port}`` filled in) until the block ends."""
    log_dir = Path(tempfile.mkdtemp(prefix="satori-py-web-"))
    environ = dict(os.environ)
    # The checkout's satori_py, whatever is installed.
    environ["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT)] + [p for p in environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    environ.update(env or {})
    last_error = ""
    for attempt in range(attempts):  # another process may take the free port first
        port = free_port()
        log_path = log_dir / f"server-{attempt}.log"
        with open(log_path, "wb") as log_file:
            process = subprocess.Popen([a.replace("{port}", str(port)) for a in argv],
                                       cwd=cwd, env=environ, stdout=log_file,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        server = Server(f"http://127.0.0.1:{port}", process, log_path)
        try:
            if _wait_ready(server, ready_path):
                yield server
                return
            last_error = server.log()
        finally:
            _stop(process)
    raise RuntimeError(f"server {argv} did not start:\n{last_error}")


def _wait_ready(server: Server, path: str) -> bool:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if httpx.get(server.url + path, timeout=2.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False
