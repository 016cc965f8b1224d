"""Deterministic output: the same input gives the same SVG bytes, in one process (warm or
cold caches) and across processes with different hash seeds; and every id is derived from
a node path, with none defined twice and none left unused."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from satori_py import api
from satori_py.case import load_case
from satori_py.images.source import clear_image_cache
from tests.support import paths

CASES = sorted((paths.GOLDEN_DIR / "paint").glob("*.json"))


def render(case_file: Path) -> str:
    case = load_case(case_file)
    return api.render_svg(case.element, **case.render_kwargs(offline=True))


def digests(files: list[Path]) -> dict[str, str]:
    return {f.name: hashlib.sha256(render(f).encode()).hexdigest() for f in files}


_CHILD = """
import json, sys
from pathlib import Path
from tests.paint.test_determinism import digests
print(json.dumps(digests([Path(p) for p in sys.argv[1:]])))
"""


@pytest.mark.skipif(not CASES, reason="no golden paint cases")
def test_same_input_same_bytes_in_one_process() -> None:
    for case_file in CASES:
        first = render(case_file)
        clear_image_cache()  # a cold cache must not change the output either
        assert render(case_file) == first, case_file.name


@pytest.mark.skipif(not CASES, reason="no golden paint cases")
def test_same_bytes_across_processes() -> None:
    here = digests(CASES)
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.REPO_ROOT), os.environ.get("PYTHONPATH")]))}
        out = subprocess.run([sys.executable, "-c", _CHILD, *map(str, CASES)], capture_output=True, text=True,
                             env=env, cwd=paths.REPO_ROOT, timeout=300, check=True)
        assert json.loads(out.stdout.strip().splitlines()[-1]) == here, f"PYTHONHASHSEED={seed}"


@pytest.mark.skipif(not CASES, reason="no golden paint cases")
def test_ids_are_unique_used_and_path_derived() -> None:
    for case_file in CASES:
        svg = render(case_file)
        ids = re.findall(r' id="([^"]+)"', svg)
        assert len(ids) == len(set(ids)), case_file.name
        used = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
        assert set(ids) <= used, (case_file.name, set(ids) - used)
        # Built from node paths (div-div0-img1...), never from a counter shared by the document.
        assert all(re.search(r"(^|-)(div|img|span|svg|root)(\d|-|$)", i) for i in ids), case_file.name
