"""Django: the Next.js ImageResponse examples, line for line, with satori-py (one file).

The same routes as ``../fastapi_app.py``: ``/api/og`` (the docs' route handler),
``/api/og/custom-font`` (a font read from disk), ``/opengraph-image`` (file-based
metadata; ``/`` carries its meta tags) and ``/health``; plus ``/api/og/async``, the
route handler as an ``async def`` view. Offline: the custom font is the Geist file
shipped in the package. ``ConditionalGetMiddleware`` answers 304 to a matching
If-None-Match, using the ETag the image response carries.

Run from the repository root::

    pip install -e '.[django]'
    python examples/django_app/app.py runserver 127.0.0.1:8000
    # or a WSGI server, from examples/django_app:
    waitress-serve --listen 127.0.0.1:8000 app:application
"""
from __future__ import annotations

import sys
from typing import Any

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="example-only-not-secret",  # nothing here is signed
    MIDDLEWARE=["django.middleware.http.ConditionalGetMiddleware"],
    INSTALLED_APPS=[],
    DATABASES={},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402  (needs the settings)
from django.http import HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.urls import path, reverse  # noqa: E402

from satori_py import Font, h  # noqa: E402
from satori_py.assets import DEFAULT_FONT_PATH  # noqa: E402
from satori_py.django import ImageResponse, opengraph_image  # noqa: E402


def og_element() -> dict[str, Any]:
    return h("div", {"style": {"height": "100%", "width": "100%", "display": "flex",
                               "flexDirection": "column", "alignItems": "center",
                               "justifyContent": "center", "backgroundColor": "white",
                               "padding": "40px"}},
             h("div", {"style": {"fontSize": 60, "fontWeight": "bold", "color": "black",
                                 "textAlign": "center"}}, "Welcome to My Site"),
             h("div", {"style": {"fontSize": 30, "color": "#666", "marginTop": "20px"}},
               "Generated with Next.js ImageResponse"))


def og(request: HttpRequest) -> ImageResponse:
    # on_error="500" is the docs' try/catch: log the error, answer
    # 500 "Failed to generate the image".
    return ImageResponse(og_element(), width=1200, height=630, on_error="500")


async def og_async(request: HttpRequest) -> ImageResponse:
    # In an async view, render in the worker processes instead of the event loop.
    return await ImageResponse.create_async(og_element(), width=1200, height=630,
                                            on_error="500")


# The docs read assets/Inter-SemiBold.ttf; the package ships Geist Regular.
GEIST_REGULAR = DEFAULT_FONT_PATH.read_bytes()


def custom_font(request: HttpRequest) -> ImageResponse:
    return ImageResponse(
        h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                            "height": "100%", "display": "flex", "alignItems": "center",
                            "justifyContent": "center"}}, "Hello world!"),
        width=1200, height=630,
        fonts=[Font("Geist", GEIST_REGULAR, style="normal", weight=400)])


@opengraph_image(alt="My site", size=(1200, 630), content_type="image/png")
def image(request: HttpRequest) -> Any:
    return h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                               "height": "100%", "display": "flex", "alignItems": "center",
                               "justifyContent": "center"}}, "My site")


def page(request: HttpRequest) -> HttpResponse:
    meta = image.meta_html(request.build_absolute_uri(reverse("image")))
    return HttpResponse(f"<!doctype html><html><head><title>My site</title>\n{meta}\n"
                        "</head><body><h1>My site</h1></body></html>")


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/og", og),
    path("api/og/async", og_async),
    path("api/og/custom-font", custom_font),
    path("opengraph-image", image, name="image"),
    path("", page),
    path("health", health),
]

application = get_wsgi_application()


if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
