"""Where things are: the repo, the shared conformance suite, the ratchet, artifacts."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / ".artifacts"
GOLDEN_DIR = REPO_ROOT / "golden"
RATCHET = REPO_ROOT / "tests" / "conformance" / "ratchet.txt"
ENV_SHARED = "SATORI_PY_SHARED"
SEED_PREFIX = "seed/"


def shared_dir() -> Path | None:
    """The shared folder ($SATORI_PY_SHARED, else ../shared beside the repo), or None."""
    env = os.environ.get(ENV_SHARED)
    candidate = Path(env) if env else REPO_ROOT.parent / "shared"
    return candidate if (candidate / "conformance").is_dir() else None


def conformance_dir() -> Path | None:
    shared = shared_dir()
    return shared / "conformance" if shared is not None else None


def suite_dir() -> Path | None:
    conf = conformance_dir()
    suite = conf / "satori-suite" if conf is not None else None
    return suite if suite is not None and (suite / "cases").is_dir() else None


def case_path(slug: str) -> Path | None:
    """A ratchet slug -> its case file: ``seed/NAME`` for a seed case, else a suite slug."""
    conf = conformance_dir()
    if conf is None:
        return None
    if slug.startswith(SEED_PREFIX):
        return conf / "seed" / "cases" / f"{slug[len(SEED_PREFIX):]}.json"
    return conf / "satori-suite" / "cases" / f"{slug}.json"


def suite_slugs() -> list[str]:
    suite = suite_dir()
    return sorted(p.stem for p in suite.glob("cases/*.json")) if suite else []


def seed_slugs() -> list[str]:
    conf = conformance_dir()
    if conf is None:
        return []
    return sorted(SEED_PREFIX + p.stem for p in (conf / "seed" / "cases").glob("*.json"))


@lru_cache(maxsize=1)
def areas() -> dict[str, str]:
    """Suite slug -> area (layout, paint, style, text), from satori-suite/areas.json."""
    suite = suite_dir()
    if suite is None or not (suite / "areas.json").is_file():
        return {}
    data = json.loads((suite / "areas.json").read_text(encoding="utf-8"))
    return dict(data.get("cases", {}))


def area_of(slug: str) -> str:
    if slug.startswith(SEED_PREFIX):
        return "seed"
    return areas().get(slug, "other")


def group_of(slug: str) -> str:
    """The suite file a case came from: the slug up to ``__``."""
    return slug.split("__", 1)[0]


def read_ratchet(path: Path = RATCHET) -> list[str]:
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def add_to_ratchet(slugs: list[str], path: Path = RATCHET) -> list[str]:
    """Add ``slugs`` to the ratchet (never removes); returns the ones newly added."""
    current = read_ratchet(path)
    added = sorted(set(slugs) - set(current))
    if added:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{s}\n" for s in sorted(set(current) | set(added))),
                        encoding="utf-8")
    return added
