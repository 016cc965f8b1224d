"""Render one case and judge it against its reference: the step every runner shares.

The PNG is made the way the references were (shared/tools/reraster.py): our SVG
rasterised by resvg_bridge at its own size, with the case's font files (the
first standing for every generic family) for SVGs that keep ``<text>``. So a
failure is the front end's, never the rasteriser's.

Statuses: ``pass``; ``fail`` (rendered but differs, or did not raise the expected
error); ``error`` (raised a SatoriError where a render was expected); ``crash``
(raised anything else: a bug); ``timeout``; ``missing`` (no case or reference).
"""
from __future__ import annotations

import signal
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import imgdiff

PASS, FAIL, ERROR, CRASH, TIMEOUT, MISSING = "pass", "fail", "error", "crash", "timeout", "missing"


@dataclass
class CaseResult:
    slug: str
    status: str
    message: str = ""
    mismatch: float | None = None
    mass: float | None = None
    seconds: float = 0.0
    picture: str | None = None
    # What the render reported as dropped or ignored (satori_py.diagnostics), as "Class: message".
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def severity(self) -> tuple[int, float, float]:
        """Sort key, worst first when sorted descending."""
        rank = {PASS: 0, FAIL: 1, ERROR: 2, TIMEOUT: 3, CRASH: 4, MISSING: 5}
        return (rank.get(self.status, 9), self.mismatch or 0.0, self.mass or 0.0)

    def describe(self) -> str:
        text = f"{self.slug}: {self.status}"
        if self.message:
            text += f": {self.message}"
        if self.picture:
            text += f"\n  picture (ours | reference | diff): {self.picture}"
        return text

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class CaseTimeout(BaseException):
    """A BaseException, so that no ``except Exception`` in the renderer swallows it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise CaseTimeout after ``seconds`` (main thread on Unix only; else no limit)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise CaseTimeout(f"took longer than {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def raster_fonts(case: Any) -> list[Any] | None:
    """The font files resvg gets for ``<text>``: the case's fonts, else the default."""
    from satori_py.assets import DEFAULT_FONT_PATH

    fonts = case.options.get("fonts")
    if fonts is None:
        return [DEFAULT_FONT_PATH]
    return [f.data for f in fonts] or None


def case_kwargs(case: Any) -> dict[str, Any]:
    """render_svg's arguments for ``case``, offline, as Satori has them: no emoji set
    unless the case names one (Satori draws emoji with the fonts)."""
    return {"emoji": None, **case.render_kwargs(offline=True)}


def render_case(case: Any, reports: list[Any] | None = None) -> tuple[str, bytes]:
    """Our SVG and PNG for ``case``; raises what the renderer raises.

    What the render reports as dropped or ignored is appended to ``reports``.
    """
    import resvg_bridge
    from satori_py import api

    svg = api.render_svg(case.element, **case_kwargs(case),
                         on_warning=reports.append if reports is not None else None)
    png = resvg_bridge.svg_to_png(svg, font_files=raster_fonts(case))
    return svg, png


def run_case(case: Any, slug: str, *, picture_dir: Path | None = None,
             timeout: float | None = None) -> CaseResult:
    """Render and judge ``case``; never raises (a crash is a status)."""
    from satori_py.errors import SatoriError

    start = time.perf_counter()
    reports: list[Any] = []

    def done(status: str, message: str = "", **kw: Any) -> CaseResult:
        return CaseResult(slug, status, message, seconds=round(time.perf_counter() - start, 3),
                          warnings=[f"{type(r).__name__}: {r}" for r in reports], **kw)

    try:
        with time_limit(timeout):
            if case.expect_error is not None:
                from satori_py import api

                try:
                    api.render_svg(case.element, **case_kwargs(case), on_warning=reports.append)
                except SatoriError as exc:
                    if case.expect_error in str(exc):
                        return done(PASS)
                    return done(FAIL, f"expected an error containing {case.expect_error!r}, "
                                      f"got {str(exc)!r}")
                return done(FAIL, f"expected an error ({case.expect_error!r}), but it rendered")
            if case.reference_png is None or not Path(case.reference_png).is_file():
                return done(MISSING, f"no reference PNG ({case.reference_png})")
            svg, png = render_case(case, reports)
    except CaseTimeout as exc:
        return done(TIMEOUT, str(exc))
    except SatoriError as exc:
        return done(ERROR, f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a bug in the renderer: keep the traceback for the report
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return done(CRASH, f"{type(exc).__name__}: {exc}\n{tb}")

    verdict = imgdiff.compare(case.reference_png, png)
    if verdict.passed:
        return done(PASS, mismatch=verdict.mismatch, mass=verdict.mass)
    picture = None
    if picture_dir is not None:
        safe = slug.replace("/", "__")
        picture_dir.mkdir(parents=True, exist_ok=True)
        (picture_dir / f"{safe}.ours.svg").write_text(svg, encoding="utf-8")
        (picture_dir / f"{safe}.ours.png").write_bytes(png)
        picture = str(imgdiff.write_failure_picture(picture_dir / f"{safe}.diff.png",
                                                    png, case.reference_png, verdict))
    return done(FAIL, verdict.describe(), mismatch=verdict.mismatch, mass=verdict.mass,
                picture=picture)
