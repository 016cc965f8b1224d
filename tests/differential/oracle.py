"""The real Satori in one long-running node process (oracle.mjs), as a Python object.

``Oracle.render_many(cases)`` streams cases to node and yields its answers in
order, so node works while the caller renders our side; ``render(case)`` is one
round trip (the minimiser's). An answer is ``("svg", text)`` or ``("error",
message)``; a request node does not answer within ``timeout`` seconds, or a node
that dies, is ``("oracle", reason)`` and node is restarted. Requests are written
to node by a thread of their own: a node stuck in a card stops reading its
input, and a caller blocked writing the next card into the full pipe would never
reach the timeout (a card Satori hangs on stalled a whole run).

Node is also restarted after each card with an ellipsis or a line clamp
(:func:`leaves_state`): Satori's ellipsis code reverses a grapheme list of its
process-wide segmentation cache in place (``text/index.ts``, where a piece
against the line's direction is truncated), so a later card with the same text
in the same process (e.g. an ltr "at" after an rtl one) would be drawn reversed.
Every answer is then the one of a Satori that rendered no such card before it.

Satori also builds one twrnc instance per process, with the Tailwind config of the
first card that has a ``tw`` prop (``getTw`` in ``handler/tailwind.ts``), and uses it
for every later card: node is restarted before a card using Tailwind whose
``tailwindConfig`` differs from the one its process was built with
(:func:`tailwind_config`).

Where the real Satori lives: ``$SATORI_REF`` (a folder with
``node_modules/satori``, e.g. a copy of ../shared/tools/satori-ref after
``npm install``), else ../shared/tools/satori-ref itself when it has been
installed in place.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tests.support import paths

SCRIPT = Path(__file__).with_name("oracle.mjs")
Answer = tuple[str, str]


def satori_ref_dir() -> Path:
    """The folder holding node_modules/satori; RuntimeError naming what to do if none."""
    candidates = []
    if os.environ.get("SATORI_REF"):
        candidates.append(Path(os.environ["SATORI_REF"]))
    shared = paths.shared_dir()
    if shared is not None:
        candidates.append(shared / "tools" / "satori-ref")
    for c in candidates:
        if (c / "node_modules" / "satori" / "package.json").is_file():
            return c
    raise RuntimeError("the real Satori was not found: copy ../shared/tools/satori-ref "
                       "outside the repository, run `npm install` there, and set "
                       "SATORI_REF to that folder")


class Oracle:
    """A node process running the real Satori; use as a context manager."""

    # The Tailwind config (tailwind_config's JSON) node's twrnc instance was built with,
    # valid while tw_proc is the running process.
    tw_config: str | None = None
    tw_proc: Any = None

    def __init__(self, timeout: float = 60.0, command: list[str] | None = None) -> None:
        """``command`` runs a stand-in for oracle.mjs speaking its protocol (tests)."""
        if command is None:
            if shutil.which("node") is None:
                raise RuntimeError("node is not on PATH (the oracle is the real Satori)")
            command = ["node", str(SCRIPT), str(satori_ref_dir())]
        self.command = command
        self.timeout = timeout
        self.proc: subprocess.Popen[str] | None = None
        self.answers: queue.Queue[str | None] = queue.Queue()
        self.requests: queue.Queue[str | None] = queue.Queue()
        self.next_id = 0

    def __enter__(self) -> Oracle:
        self._start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1)
        self.answers, self.requests = queue.Queue(), queue.Queue()
        threading.Thread(target=_read_answers, args=(self.proc.stdout, self.answers),
                         daemon=True).start()
        threading.Thread(target=_write_requests, args=(self.requests, self.proc.stdin),
                         daemon=True).start()

    def close(self) -> None:
        if self.proc is not None:
            self.requests.put(None)  # the writer closes node's input after what it owes
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def _restart(self) -> None:
        if self.proc is not None:
            self.requests.put(None)
            self.proc.kill()  # a writer blocked on the old pipe gets an error and ends
            self.proc.wait()
            self.proc = None
        self._start()

    def _send(self, case: dict[str, Any], base: Path | None) -> None:
        """Queues ``case`` for node; never blocks (node dying shows in ``_answer``)."""
        self.next_id += 1
        self.requests.put(json.dumps({"id": self.next_id, "case": _wire(case),
                                      "base": str(base or Path.cwd())}) + "\n")

    def _answer(self) -> Answer:
        try:
            line = self.answers.get(timeout=self.timeout)
        except queue.Empty:
            self._restart()
            return ("oracle", f"no answer from Satori within {self.timeout:g}s")
        if line is None:
            self._restart()
            return ("oracle", "the node process died")
        data = json.loads(line)
        return ("svg", data["svg"]) if "svg" in data else ("error", data["error"])

    def _tailwind_conflict(self, config: str | None) -> bool:
        """Whether a card using Tailwind with ``config`` needs a node that built no other one."""
        return config is not None and self.tw_proc is self.proc and self.tw_config != config

    def _sent_tailwind(self, config: str | None) -> None:
        if config is not None and self.tw_proc is not self.proc:
            self.tw_config, self.tw_proc = config, self.proc

    def render(self, case: dict[str, Any], base: Path | None = None) -> Answer:
        config = tailwind_config(case)
        if self._tailwind_conflict(config):
            self._restart()
        self._sent_tailwind(config)
        self._send(case, base)
        answer = self._answer()
        if answer[0] != "oracle" and leaves_state(case):
            self._restart()
        return answer

    def render_many(self, cases: Iterable[dict[str, Any]],
                    base: Path | None = None) -> Iterator[Answer]:
        """Answers for ``cases`` in order; node runs ahead of the consumer by up to 8."""
        window = 8
        pending = 0
        items = iter(cases)
        exhausted = False
        fence = False  # the last request sent leaves state: send no more before a restart
        held: dict[str, Any] | None = None  # needs another Tailwind config: sent after the answers owed
        while True:
            while not exhausted and pending < window and not fence:
                case, held = (held, None) if held is not None else (next(items, None), None)
                if case is None:
                    exhausted = True
                    break
                config = tailwind_config(case)
                if self._tailwind_conflict(config):
                    if pending:
                        held = case
                        break
                    self._restart()
                self._sent_tailwind(config)
                self._send(case, base)
                pending += 1
                fence = leaves_state(case)
            if pending == 0:
                if held is not None:
                    continue
                return
            answer = self._answer()
            pending -= 1
            if answer[0] == "oracle":
                fence = False
            elif fence and pending == 0:
                self._restart()
                fence = False
            yield answer
            if answer[0] == "oracle":
                # The restart dropped the requests queued behind this one.
                for _ in range(pending):
                    yield ("oracle", "lost when the node process was restarted")
                pending = 0


def _read_answers(out: Any, answers: queue.Queue[str | None]) -> None:
    """Node's answer lines into ``answers``, then None when its output ends."""
    for line in out:
        answers.put(line)
    answers.put(None)


def _write_requests(requests: queue.Queue[str | None], stdin: Any) -> None:
    """Request lines into node's input until None (then the input is closed) or until
    the pipe breaks (node died or was killed: ``_answer`` reports it)."""
    try:
        while (line := requests.get()) is not None:
            stdin.write(line)
            stdin.flush()
        stdin.close()
    except (OSError, ValueError):
        pass


def leaves_state(case: dict[str, Any]) -> bool:
    """Whether Satori may change its process-wide caches rendering ``case``: it has an
    ellipsis or a line clamp (see the module docstring)."""
    text = json.dumps(case.get("element"))
    return "ellipsis" in text.lower() or "lineclamp" in text.lower()


def tailwind_config(case: dict[str, Any]) -> str | None:
    """The Tailwind config Satori's twrnc instance is built with if ``case`` is the first
    card using Tailwind in its process (its options' ``tailwindConfig``, as JSON), or None
    when no element of ``case`` has a ``tw`` prop."""
    if '"tw":' not in json.dumps(case.get("element")):
        return None
    return json.dumps((case.get("options") or {}).get("tailwindConfig"), sort_keys=True)


def _wire(case: dict[str, Any]) -> dict[str, Any]:
    """What node needs of a case: element, options, additionalAssets."""
    return {k: case[k] for k in ("element", "options", "additionalAssets") if k in case}
