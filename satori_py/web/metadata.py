"""Next.js "file-based metadata" (``opengraph-image.tsx``) in Python terms.

In Next.js a route segment's ``opengraph-image.tsx`` exports ``alt``, ``size``,
``contentType`` and a default function returning an ``ImageResponse``; Next serves
it and writes the ``og:image``, ``og:image:alt``, ``og:image:type``,
``og:image:width`` and ``og:image:height`` meta tags of the page. Here the
same three exports are the decorator's arguments, the function returns the element
(or a ready response), and the decorated function is the framework's route, carrying
``alt``, ``size``, ``content_type`` and ``meta_tags(url)`` / ``meta_html(url)`` for
the page's ``<head>``::

    @app.get("/about/opengraph-image")                       # FastAPI
    @opengraph_image(alt="About Acme", size=(1200, 630), content_type="image/png")
    def about_image():
        return h("div", {...}, "About Acme")

    about_image.meta_html("https://acme.com/about/opengraph-image")

Each adapter (``satori_py.starlette``, ``satori_py.flask``, ``satori_py.django``)
exposes ``opengraph_image`` bound to its own ``ImageResponse``. Unlike Next.js,
no cache-busting hash is appended to the URL and the tags are not injected into
the page for you.
"""
from __future__ import annotations

import functools
import html
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, cast

from .response import ImageResponse

__all__ = ["ImageSize", "OpenGraphImage", "OpenGraphRoute", "opengraph_decorator"]

_CONTENT_TYPES = {"image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp"}


class ImageSize(NamedTuple):
    """next's ``size = {width, height}``; also unpacks as ``(width, height)``."""

    width: int
    height: int


def _size(size: Sequence[int] | Mapping[str, int]) -> ImageSize:
    if isinstance(size, Mapping):
        return ImageSize(int(size["width"]), int(size["height"]))
    width, height = size
    return ImageSize(int(width), int(height))


@dataclass(frozen=True)
class OpenGraphImage:
    """The metadata of an Open Graph image: what its meta tags say."""

    alt: str
    size: ImageSize
    content_type: str = "image/png"

    @property
    def format(self) -> str:
        return _CONTENT_TYPES[self.content_type]

    def meta_tags(self, url: str) -> list[tuple[str, str]]:
        """``(property, content)`` pairs in the order Next.js writes them."""
        tags = [("og:image", url)]
        if self.alt:
            tags.append(("og:image:alt", self.alt))
        tags += [("og:image:type", self.content_type),
                 ("og:image:width", str(self.size.width)),
                 ("og:image:height", str(self.size.height))]
        return tags

    def meta_html(self, url: str) -> str:
        """The ``<meta property=... content=...>`` elements, escaped, one per line."""
        return "\n".join(f'<meta property="{html.escape(p)}" content="{html.escape(c)}" />'
                         for p, c in self.meta_tags(url))


class OpenGraphRoute(Protocol):
    """A route function decorated by ``opengraph_image``."""

    og: OpenGraphImage
    alt: str
    size: ImageSize
    content_type: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

    def meta_tags(self, url: str) -> list[tuple[str, str]]: ...

    def meta_html(self, url: str) -> str: ...


OpenGraphDecorator = Callable[[Callable[..., Any]], OpenGraphRoute]


def opengraph_decorator(response_class: type[Any], *,
                        safe_html: Callable[[str], str] | None = None
                        ) -> Callable[..., OpenGraphDecorator]:
    """Build an ``opengraph_image`` decorator whose routes return ``response_class``.

    ``safe_html`` marks :meth:`OpenGraphImage.meta_html` output as safe for the
    framework's templates (Django's ``mark_safe``).
    """

    def opengraph_image(*, alt: str = "", size: Sequence[int] | Mapping[str, int] = (1200, 630),
                        content_type: str = "image/png", **response_options: Any
                        ) -> OpenGraphDecorator:
        """``response_options``: the response's other arguments (fonts, emoji, headers,
        on_error, deadline, fetcher, ...), checked now rather than at the first request."""
        if content_type not in _CONTENT_TYPES:
            raise ValueError(f"content_type must be one of {', '.join(_CONTENT_TYPES)}, "
                             f"got {content_type!r}.")
        og = OpenGraphImage(alt=alt, size=_size(size), content_type=content_type)
        options: dict[str, Any] = {"width": og.size.width, "height": og.size.height,
                                   "format": og.format, **response_options}
        ImageResponse(None, **options)  # a bad option fails at decoration time

        def respond(result: Any) -> Any:
            # A function may return its own response (custom status, a redirect...): any
            # object with an HTTP status is passed through untouched.
            if result is None or hasattr(result, "status_code") or hasattr(result, "status"):
                return result
            return response_class(result, **options)

        def decorate(fn: Callable[..., Any]) -> OpenGraphRoute:
            route: Callable[..., Any]
            if inspect.iscoroutinefunction(fn):
                async def async_route(*args: Any, **kwargs: Any) -> Any:
                    return respond(await fn(*args, **kwargs))
                route = async_route
            else:
                def sync_route(*args: Any, **kwargs: Any) -> Any:
                    return respond(fn(*args, **kwargs))
                route = sync_route
            functools.update_wrapper(route, fn)
            # FastAPI reads parameters (and a response model) from the signature: keep
            # the function's parameters and declare the response class as the result.
            try:
                signature = inspect.signature(fn, eval_str=True)
            except (NameError, TypeError, SyntaxError):
                signature = inspect.signature(fn)
            setattr(route, "__signature__",  # noqa: B010  (a function has no such slot)
                    signature.replace(return_annotation=response_class))
            route.__annotations__ = {
                **{name: p.annotation for name, p in signature.parameters.items()
                   if p.annotation is not inspect.Parameter.empty},
                "return": response_class}
            attrs: dict[str, Any] = {
                "og": og, "alt": og.alt, "size": og.size, "content_type": og.content_type,
                "meta_tags": og.meta_tags,
                "meta_html": (lambda url: safe_html(og.meta_html(url))) if safe_html
                else og.meta_html,
            }
            for name, value in attrs.items():
                setattr(route, name, value)
            return cast(OpenGraphRoute, route)

        return decorate

    return opengraph_image
