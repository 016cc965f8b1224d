"""FastAPI: the Next.js ImageResponse examples, line for line, with satori-py.

Routes (all offline; the custom font is the Geist file shipped in the package):

* ``/api/og``: the docs' route handler (``app/api/og/route.tsx``);
* ``/api/og/custom-font``: the same with a font read from disk, as the docs' custom
  font example does with ``Inter-SemiBold.ttf``;
* ``/opengraph-image``: file-based metadata (``opengraph-image.tsx``) with its alt
  text, size and content type; ``/`` is a page whose ``<head>`` carries its meta tags;
* ``/health``: a plain JSON route.

Run from the repository root::

    pip install -e '.[fastapi]'
    python examples/fastapi_app.py --port 8000     # or: uvicorn fastapi_app:app --app-dir examples
"""
from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from satori_py import Font, h
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.starlette import ImageResponse, opengraph_image, shutdown, warm_up


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await warm_up()  # start the render workers now rather than on the first request
    yield
    await shutdown()


app = FastAPI(lifespan=lifespan)


@app.get("/api/og")
async def og() -> ImageResponse:
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
async def custom_font() -> ImageResponse:
    return ImageResponse(
        h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                            "height": "100%", "display": "flex", "alignItems": "center",
                            "justifyContent": "center"}}, "Hello world!"),
        width=1200, height=630,
        fonts=[Font("Geist", GEIST_REGULAR, style="normal", weight=400)])


@app.get("/opengraph-image")
@opengraph_image(alt="My site", size=(1200, 630), content_type="image/png")
async def image() -> Any:
    return h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                               "height": "100%", "display": "flex", "alignItems": "center",
                               "justifyContent": "center"}}, "My site")


@app.get("/", response_class=HTMLResponse)
async def page(request: Request) -> str:
    meta = image.meta_html(str(request.url_for("image")))
    return f"<!doctype html><html><head><title>My site</title>\n{meta}\n</head>" \
           "<body><h1>My site</h1></body></html>"


@app.get("/health")
async def health() -> dict[str, bool]:
    return {"ok": True}


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
