"""mkdocs hook: the pictures of the docs are rendered by the docs build itself.

Every example under ``docs/examples/`` becomes ``img/NAME.png`` in the site:

* ``NAME.html``: HTML (:func:`satori_py.markup.from_html`);
* ``NAME.tailwind.html``: HTML whose ``class`` attributes are Tailwind utilities
  too (``tailwind_classes=True``, :mod:`satori_py.markup.classes`);
* ``NAME.json``: an element or a case (:func:`satori_py.case.load_case`);
* ``NAME.jinja.html`` with ``NAME.row.json``: a Jinja2 template and its row.

Pages show them as ``![...](../img/NAME.png)``; a page pointing at a picture no
example makes fails the strict build. Rendering failures fail the build too, so
every example in the docs is known to render.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.satori_py")
SIZE = {"width": 1200, "height": 630}


def render_examples(examples: Path) -> dict[str, bytes]:
    """``{name: png}`` for every example (the docs test calls this too)."""
    from satori_py import Template, render_png
    from satori_py.case import load_case

    out: dict[str, bytes] = {}
    for path in sorted(examples.iterdir()):
        name = path.name
        if name.endswith(".jinja.html"):
            stem = name.removesuffix(".jinja.html")
            row = json.loads((examples / f"{stem}.row.json").read_text(encoding="utf-8"))
            out[stem] = render_png(Template.from_file(path).render(row), **SIZE)
        elif name.endswith(".row.json") or path.suffix not in (".html", ".json"):
            continue
        elif path.suffix == ".html":
            tailwind = name.endswith(".tailwind.html")
            stem = name.removesuffix(".tailwind.html") if tailwind else path.stem
            out[stem] = render_png(path, tailwind_classes=tailwind, **SIZE)
        else:
            case = load_case(path)
            options: dict[str, Any] = {**SIZE, **case.render_kwargs()}
            out[path.stem] = render_png(case.element, **options)
    return out


def on_files(files: Files, config: Any) -> Files:
    pictures = render_examples(Path(config["docs_dir"]) / "examples")
    for name, png in pictures.items():
        files.append(File.generated(config, f"img/{name}.png", content=png))
    log.info("rendered %d example pictures", len(pictures))
    return files
