"""One card against the oracle's answer: our render, both rasterised alike, the rule.

Both SVGs go through resvg_bridge (resvg-py) the way the references are made
(tests/support/harness.py), and the verdict is the conformance rule
(tests/support/imgdiff.py), unchanged.

Statuses: ``pass``; ``fail`` (pixels differ); ``error`` (we raised a SatoriError
where Satori rendered); ``missed-error`` (Satori raised, we rendered);
``crash`` (we raised anything else); ``timeout``. Not counted in the match
rate: ``oracle`` (Satori gave no answer, or an SVG resvg cannot rasterise) and
``satori-crash`` (Satori threw a
JavaScript runtime error, a bug of its own, e.g. "g.split is not a function" for
any list item under an explicit fontFamily, where we render).
"""
from __future__ import annotations

import re
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.support import harness, imgdiff

PASS, FAIL, ERROR, MISSED, CRASH, TIMEOUT, ORACLE, SATORI_CRASH = (
    "pass", "fail", "error", "missed-error", "crash", "timeout", "oracle", "satori-crash")
# Messages of JavaScript runtime errors, as opposed to Satori's own sentences.
JS_RUNTIME_ERROR = re.compile(r"is not a function|Cannot read propert|Cannot set propert|"
                              r"is not iterable|is not defined|Maximum call stack")
OUR_TIME_LIMIT = 60.0


@dataclass
class Outcome:
    status: str
    message: str = ""
    mismatch: float | None = None
    mass: float | None = None
    seconds: float = 0.0

    @property
    def counted(self) -> bool:
        return self.status not in (ORACLE, SATORI_CRASH)

    def kind(self) -> str:
        """What a minimiser must keep: the status, for a crash its exception type, and for a
        failure whether the shapes agree and only the ink's mass does not (a minimiser keeping
        any failure drifted from a misplaced text to a faint shadow a level light)."""
        if self.status == CRASH:
            return f"{CRASH}:{self.message.split(':', 1)[0]}"
        if self.status == FAIL and self.mismatch is not None and self.mismatch <= imgdiff.PASS_MISMATCH:
            return f"{FAIL}:mass"
        return self.status

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def load(case: dict[str, Any]) -> Any:
    from satori_py.case import load_case

    return load_case(case, base_dir=Path("/"))


def compare(case: dict[str, Any], answer: tuple[str, str],
            keep: dict[str, bytes] | None = None) -> Outcome:
    """Judge our render of ``case`` against Satori's ``answer``; never raises.

    With ``keep`` (a dict), the PNGs are stored in it as ``ours`` and ``ref``.
    """
    from satori_py.errors import SatoriError

    start = time.perf_counter()
    kind, payload = answer
    if kind == "oracle":
        return Outcome(ORACLE, payload)

    def done(status: str, message: str = "", **kw: Any) -> Outcome:
        return Outcome(status, message, seconds=round(time.perf_counter() - start, 3), **kw)

    try:
        loaded = load(case)
        with harness.time_limit(OUR_TIME_LIMIT):
            svg, png = harness.render_case(loaded)
    except harness.CaseTimeout as exc:
        return done(TIMEOUT, str(exc))
    except SatoriError as exc:
        if kind == "error":
            return done(PASS, f"both raised: {exc}")
        return done(ERROR, f"{type(exc).__name__}: {exc}")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a Rust panic (pyo3's PanicException) too
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-6:])
        return done(CRASH, f"{type(exc).__name__}: {exc}\n{tb}")
    if kind == "error":
        if JS_RUNTIME_ERROR.search(payload):
            return done(SATORI_CRASH, f"Satori threw: {payload}")
        return done(MISSED, f"Satori raised: {payload}")
    import resvg_bridge

    try:
        ref = resvg_bridge.svg_to_png(payload, font_files=harness.raster_fonts(loaded))
    except Exception as exc:  # no reference to judge against: not counted, as no answer
        return done(ORACLE, f"Satori's SVG could not be rasterised: {type(exc).__name__}: {exc}")
    if keep is not None:
        keep.update(ours=png, ref=ref, ours_svg=svg.encode(), ref_svg=payload.encode())
    verdict = imgdiff.compare(ref, png)
    status = PASS if verdict.passed else FAIL
    return done(status, "" if verdict.passed else verdict.describe(),
                mismatch=round(verdict.mismatch, 5), mass=round(verdict.mass, 5))


def failure_picture(path: Path, ours: bytes, ref: bytes) -> Path:
    """ours | reference | diff, as the golden tests draw it."""
    verdict = imgdiff.compare(ref, ours)
    return Path(imgdiff.write_failure_picture(path, ours, ref, verdict))
