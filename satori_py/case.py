"""The conformance case format: loading a case (or a bare element) into render arguments.

A case is the JSON the conformance suite and the CLI share (see
shared/conformance/satori-suite/README.md)::

    {"element": {"type": ..., "props": ...},
     "options": {"width", "height", "fonts": [{name, file, weight, style, lang}],
                 "embedFont", "pointScaleFactor", "graphemeImages", ...},
     "resources": {url: {contentType, base64 | text} | {error}},
     "additionalAssets": [{languageCode, segment, result: data-URI | [font]}],
     "expectError": message, "reference": {svg, png} | {error}}

A file holding a bare element (it has ``"type"``) is a case with no options;
so is an HTML file (``.html``/``.htm``, see :mod:`satori_py.markup`).
Font files and references are relative to the case file. Options are converted to
the snake_case keyword arguments of ``satori_py.api.render_svg``; an option it
does not take is reported (an ``OptionError`` through :mod:`satori_py.diagnostics`:
raised when the channel of the caller is strict, else a warning) and ignored. The recorded
``resources`` and ``additionalAssets`` become the ``fetcher`` and
``load_additional_asset`` callables, so a case renders offline exactly as the
reference renderer (tools/satori-ref/render.mjs) served it.
"""
from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .diagnostics import did_you_mean, report
from .element import MAX_NODES
from .errors import FontError, ImageError, InvalidElementError, OptionError
from .files import read_regular_text
from .frozen import Frozen, Record, field
from .json_text import decode_json
from .markup.source import is_markup_file
from .options import CALLBACK_OPTIONS, RENDER_OPTIONS, Font
from .patterns import lazy_compile

__all__ = [
    "AdditionalAsset",
    "Case",
    "Fetched",
    "Resource",
    "camel_case",
    "load_case",
    "snake_case",
]

AssetResult = str | list[Font]
# The render options a case can set (its callbacks come from ``resources`` and ``additionalAssets``).
_CASE_OPTIONS = RENDER_OPTIONS - CALLBACK_OPTIONS


class Fetched(bytes):
    """Bytes a fetcher returns, carrying the response's ``content_type`` (or None).

    It is a plain ``bytes`` for code that only wants the body; Satori looks at the
    content type to tell an SVG from a bitmap.
    """

    content_type: str | None

    def __new__(cls, data: bytes, content_type: str | None = None) -> Fetched:
        obj = super().__new__(cls, data)
        obj.content_type = content_type
        return obj


class Resource(Frozen):
    """One recorded http(s) response: a body with its content type, or an error."""

    url: str
    data: bytes | None = None
    content_type: str | None = None
    error: str | None = None
    status: int = 200


class AdditionalAsset(Frozen):
    """One recorded answer of Satori's ``loadAdditionalAsset(languageCode, segment)``."""

    language_code: str
    segment: str
    result: AssetResult


class Case(Record):
    """A loaded case. ``options`` are render_svg keyword arguments in snake_case."""

    element: Any
    options: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    additional_assets: list[AdditionalAsset] = field(default_factory=list)
    expect_error: str | None = None
    reference_png: Path | None = None
    reference_svg: Path | None = None
    name: str | None = None
    path: Path | None = None
    requires: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def slug(self) -> str | None:
        return self.path.stem if self.path is not None else None

    def fetch(self, url: str) -> Fetched:
        """Serve a recorded resource; an {"error"} or unrecorded URL is an ImageError."""
        res = self.resources.get(str(url))
        if res is None:
            raise ImageError(f"resource not recorded: {url}", value=url)
        if res.error is not None:
            raise ImageError(res.error, value=url)
        return Fetched(res.data or b"", res.content_type)

    def load_additional_asset(self, language_code: str, segment: str) -> AssetResult:
        """Answer from the recorded table; an unrecorded request gets no fonts,
        as the reference renderer answered it."""
        for asset in self.additional_assets:
            if asset.language_code == language_code and asset.segment == segment:
                return asset.result
        return []

    def render_kwargs(self, *, offline: bool = False) -> dict[str, Any]:
        """Keyword arguments for render_svg/render_png: the options plus the callbacks.

        With ``offline`` a fetcher is always given (unrecorded URLs fail), so that
        a test never reaches the network.
        """
        kwargs = dict(self.options)
        if self.resources or offline:
            kwargs["fetcher"] = self.fetch
        if self.additional_assets:
            kwargs["load_additional_asset"] = self.load_additional_asset
        return kwargs


_CAMEL = lazy_compile(r"(?<=[a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    """``pointScaleFactor`` -> ``point_scale_factor``."""
    return _CAMEL.sub(r"_\1", name).lower()


def camel_case(name: str) -> str:
    """``point_scale_factor`` -> ``pointScaleFactor``."""
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def _font_from_json(entry: Any, base: Path, where: str) -> Font:
    if not isinstance(entry, Mapping):
        raise FontError(f"{where}: a font must be an object with name and file, "
                        f"got {entry!r}")
    if "file" in entry:
        data: Any = Path(os.path.normpath(base / str(entry["file"])))
    elif "data" in entry:
        # Inline font bytes as base64, for hand-written inputs.
        try:
            data = base64.b64decode(str(entry["data"]), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise FontError(f"{where}: font data is not valid base64: {exc}") from None
    else:
        raise FontError(f'{where}: a font needs a "file" (or base64 "data")')
    try:
        return Font(name=entry.get("name", ""), data=data,
                    weight=entry.get("weight", 400), style=entry.get("style", "normal"),
                    lang=entry.get("lang"))
    except FontError as exc:
        raise FontError(f"{where}: {exc}", prop=exc.prop, value=exc.value) from None


def _fonts_from_json(entries: Any, base: Path, where: str) -> list[Font]:
    if not isinstance(entries, list):
        raise FontError(f"{where}: expected a list of fonts, got {type(entries).__name__}")
    return [_font_from_json(e, base, f"{where}[{i}]") for i, e in enumerate(entries)]


def _options_from_json(raw: Any, base: Path) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InvalidElementError(f'"options" must be an object, got {type(raw).__name__}')
    options: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "fonts":
            # Present-but-empty stays [], which must fail ("No fonts are loaded");
            # absent means the default font.
            options["fonts"] = _fonts_from_json(value, base, "options.fonts")
        elif snake_case(key) in _CASE_OPTIONS:
            options[snake_case(key)] = value
        else:
            known = [camel_case(name) for name in _CASE_OPTIONS]
            report(OptionError(f'Unknown option "{key}" in "options".{did_you_mean(key, known)}',
                               prop=f"options.{key}", value=value))
    return options


def _resource_from_json(url: str, entry: Any) -> Resource:
    if not isinstance(entry, Mapping):
        raise InvalidElementError(f"resources[{url!r}] must be an object")
    if "error" in entry:
        return Resource(url=url, error=str(entry["error"]))
    if entry.get("base64") is not None:
        try:
            data = base64.b64decode(entry["base64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidElementError(f"resources[{url!r}]: bad base64: {exc}") from None
    else:
        data = str(entry.get("text") or "").encode("utf-8")
    return Resource(url=url, data=data, content_type=entry.get("contentType"),
                    status=int(entry.get("status", 200)))


def _assets_from_json(raw: Any, base: Path) -> list[AdditionalAsset]:
    if not isinstance(raw, list):
        raise InvalidElementError('"additionalAssets" must be a list')
    assets = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            raise InvalidElementError(f"additionalAssets[{i}] must be an object")
        result = entry.get("result")
        value: AssetResult
        if isinstance(result, str):
            value = result
        else:
            value = _fonts_from_json(result or [], base, f"additionalAssets[{i}].result")
        assets.append(AdditionalAsset(language_code=str(entry.get("languageCode", "")),
                                      segment=str(entry.get("segment", "")),
                                      result=value))
    return assets


def _relative(base: Path, name: Any) -> Path | None:
    return Path(os.path.normpath(base / str(name))) if name else None


def load_case(path_or_dict: str | os.PathLike[str] | Mapping[str, Any],
              base_dir: str | os.PathLike[str] | None = None) -> Case:
    """Load a case file (or an already-parsed dict) into a :class:`Case`.

    An HTML file is read by :func:`satori_py.markup.from_html` (a case of just
    that element; ``render_png(path, tailwind_classes=True)`` reads it with options).
    Relative font and reference paths resolve against ``base_dir``, which
    defaults to the case file's folder (or the current directory for a dict).
    """
    path: Path | None = None
    if isinstance(path_or_dict, Mapping):
        data: Any = path_or_dict
    else:
        path = Path(os.fspath(path_or_dict))
        try:
            text = read_regular_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InvalidElementError(f"Cannot read {path}: {reason}") from None
        if is_markup_file(path):
            from .markup.html import from_html

            return Case(element=from_html(text), path=path)
        data = decode_json(text, f"The case file {path}", max_nodes=MAX_NODES)
    base = Path(os.fspath(base_dir)) if base_dir is not None else (
        path.parent if path is not None else Path.cwd())

    if not isinstance(data, Mapping):
        raise InvalidElementError(
            f"Expected an element or a case object, got {type(data).__name__}")
    if "element" not in data:
        if "type" in data:  # a bare element
            return Case(element=dict(data), path=path, raw=dict(data))
        raise InvalidElementError(
            'Expected an element (with "type") or a case (with "element")')

    reference = data.get("reference") or {}
    expect_error = data.get("expectError")
    if expect_error is None and isinstance(reference, Mapping) and "error" in reference:
        expect_error = reference["error"]
    if not isinstance(reference, Mapping):
        reference = {}
    ref_png = _relative(base, reference.get("png"))
    ref_svg = _relative(base, reference.get("svg"))
    resources_raw = data.get("resources") or {}
    if not isinstance(resources_raw, Mapping):
        raise InvalidElementError('"resources" must be an object')

    return Case(
        element=data["element"],
        options=_options_from_json(data.get("options"), base),
        resources={str(u): _resource_from_json(str(u), e) for u, e in resources_raw.items()},
        additional_assets=_assets_from_json(data.get("additionalAssets") or [], base),
        expect_error=str(expect_error) if expect_error is not None else None,
        reference_png=ref_png,
        reference_svg=ref_svg,
        name=data.get("name"),
        path=path,
        requires=list(data.get("requires") or []),
        features=list(data.get("features") or []),
        raw=dict(data),
    )
