"""Flask: the Next.js ImageResponse examples, line for line, with satori-py.

The same routes as ``fastapi_app.py``: ``/api/og`` (the docs' route handler),
``/api/og/custom-font`` (a font read from disk), ``/opengraph-image`` (file-based
metadata; ``/`` carries its meta tags) and ``/health``. Offline: the custom font is
the Geist file shipped in the package.

Run from the repository root (Werkzeug's server; use waitress or gunicorn in
production, e.g. ``waitress-serve --listen 127.0.0.1:8000 flask_app:app``)::

    pip install -e '.[flask]'
    python examples/flask_app.py --port 8000
"""
from __future__ import annotations

import argparse
from typing import Any

from flask import Flask, url_for

from satori_py import Font, h
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.flask import ImageResponse, opengraph_image

app = Flask(__name__)


@app.get("/api/og")
def og() -> ImageResponse:
    # on_error="500" is the docs' try/catch: log the error, answer
    # 500 "Failed to generate the image".
    return ImageResponse(
        h("div", {"style": {"height": "100%", "width": "100%", "display": "flex",
                            "flexDirection": "column", "alignItems": "center",
                            "justifyContent": "center", "backgroundColor": "white",
                            "padding": "40px"}},
          h("div", {"style": {"fontSize": 60, "fontWeight": "bold", "color": "black",
                              "textAlign": "center"}}, "Welcome to My Site"),
          h("div", {"style": {"fontSize": 30, "color": "#666", "marginTop": "20px"}},
            "Generated with Next.js ImageResponse")),
        width=1200, height=630, on_error="500")


# The docs read assets/Inter-SemiBold.ttf; the package ships Geist Regular.
GEIST_REGULAR = DEFAULT_FONT_PATH.read_bytes()


@app.get("/api/og/custom-font")
def custom_font() -> ImageResponse:
    return ImageResponse(
        h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                            "height": "100%", "display": "flex", "alignItems": "center",
                            "justifyContent": "center"}}, "Hello world!"),
        width=1200, height=630,
        fonts=[Font("Geist", GEIST_REGULAR, style="normal", weight=400)])


@app.get("/opengraph-image", endpoint="image")
@opengraph_image(alt="My site", size=(1200, 630), content_type="image/png")
def image() -> Any:
    return h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                               "height": "100%", "display": "flex", "alignItems": "center",
                               "justifyContent": "center"}}, "My site")


@app.get("/")
def page() -> str:
    meta = image.meta_html(url_for("image", _external=True))
    return (f"<!doctype html><html><head><title>My site</title>\n{meta}\n"
            "</head><body><h1>My site</h1></body></html>")


@app.get("/health")
def health() -> dict[str, bool]:
    return {"ok": True}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port, threaded=True)


if __name__ == "__main__":
    main()
