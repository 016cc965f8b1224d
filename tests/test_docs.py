"""The documentation site builds (strict), its pictures come from its own examples, and it
names every option and every error.

The site is built by ``python -m mkdocs build --strict`` (mkdocs.yml; the hook
docs/hooks.py renders docs/examples/* into the site's img/), so the README's test
command builds the docs too.
"""
from __future__ import annotations

import dataclasses
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _needs_mkdocs() -> None:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("mkdocs-material is not installed (pip install -e '.[test]')")


def test_the_site_builds_strictly_with_pictures_rendered_by_the_build(tmp_path: Path) -> None:
    _needs_mkdocs()
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    sys.path.insert(0, str(DOCS))
    try:
        from hooks import render_examples
    finally:
        sys.path.remove(str(DOCS))
    pictures = render_examples(DOCS / "examples")
    assert {"route-handler", "blog-card", "hello", "stylesheet", "svg-and-img"} <= pictures.keys()
    for name, png in pictures.items():
        assert (site / "img" / f"{name}.png").read_bytes() == png, name
    used = set()
    for page in DOCS.rglob("*.md"):
        used.update(re.findall(r"img/([\w-]+)\.png", page.read_text(encoding="utf-8")))
    assert used <= pictures.keys() and used == pictures.keys(), (used, pictures.keys())


def _documented(page: str) -> set[str]:
    text = (DOCS / "reference" / page).read_text(encoding="utf-8")
    return set(re.findall(r"`-{0,2}([\w-]+)", text))


def _parameters(fn) -> set[str]:
    return {name for name, p in inspect.signature(fn).parameters.items()
            if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and name != "self"}


def test_every_option_is_in_the_options_reference() -> None:
    from satori_py import ImageResponse, Template, api, files_fetcher, http_fetcher, render_many
    from satori_py.cli import cli
    from satori_py.markup import from_html
    from satori_py.output_cache import OutputCache
    from satori_py.text.google_fonts import GoogleFontsLoader
    from satori_py.web.settings import PoolSettings

    documented = _documented("options.md")
    wanted = {
        "render_svg": _parameters(api.render_svg),
        "render_png": _parameters(api.render_png),
        "from_html": _parameters(from_html),
        "Template": _parameters(Template),
        "render_many": _parameters(render_many),
        "ImageResponse": _parameters(ImageResponse),
        "GoogleFontsLoader": _parameters(GoogleFontsLoader),
        "http_fetcher": _parameters(http_fetcher),
        "files_fetcher": _parameters(files_fetcher),
        "OutputCache": _parameters(OutputCache),
        "the render pool": {f.name for f in dataclasses.fields(PoolSettings)},
        "the command line": {name.lstrip("-") for param in cli.params
                             for name in getattr(param, "opts", []) if name.startswith("--")},
    }
    missing = {where: sorted(names - documented) for where, names in wanted.items() if names - documented}
    assert missing == {}


def test_every_limit_is_in_the_limits_reference() -> None:
    from satori_py import Limits

    assert {f.name for f in dataclasses.fields(Limits)} - _documented("limits.md") == set()


def test_every_environment_variable_is_in_the_options_reference() -> None:
    read = set()
    for package in ("satori_py", "resvg_bridge"):
        for path in (ROOT / package).rglob("*.py"):
            read.update(re.findall(r"SATORI_PY_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert read and read - _documented("options.md") == set()


def test_every_error_is_in_the_errors_reference() -> None:
    import satori_py.templates  # noqa: F401 - defines TemplateError
    from satori_py.errors import SatoriError

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = {SatoriError.__name__} | {c.__name__ for c in subclasses(SatoriError)}
    assert names - _documented("errors.md") == set()
