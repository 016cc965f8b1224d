"""Batch rendering: many cards, in order, over many cores or a Dask cluster.

:func:`render_many` (:mod:`.run`) is the library entry point; :mod:`.rows`
reads data rows, :mod:`.pool` runs the local worker processes (each item within a
time limit), :mod:`.worker` is what runs in each worker, :mod:`.progress`
draws the progress, and :mod:`.command` is the batch side of the CLI.
"""
from __future__ import annotations

from .progress import Progress, ProgressBar
from .rows import Row, read_rows
from .run import RenderResult, default_jobs, render_many

__all__ = ["Progress", "ProgressBar", "RenderResult", "Row", "default_jobs", "read_rows", "render_many"]
