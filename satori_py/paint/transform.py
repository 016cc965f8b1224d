"""CSS transforms of painted boxes: 4x4 matrices, transform states, SVG ``matrix()``.

Mirrors the reference's ``builder/transform.ts`` (and the origin handling of
``transform-origin.ts``, whose parsing the style stage does). Every box paints
in absolute layout coordinates on its own plane (z = 0); a
:class:`TransformState` maps that plane to the image. Descendants without a
``transform`` of their own inherit their ancestor's state, so their shapes get
the same matrix; a box with one multiplies its matrix (around its origin) onto
the flattened state of its parent.

3D is approximated as the reference does without its experimental projection
hook: ``preserve-3d`` keeps children in the parent's 3D space, ``perspective``
applies to children, and a mapping that is not affine is replaced by the
affine one matching it at the box's centre (exact for planes facing the
viewer). Boxes entirely behind the viewer, or back-facing with
``backfaceVisibility: hidden``, are not drawn.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..frozen import Frozen
from ..style.types import Calc, Percent, TransformFunction, TransformOrigin

__all__ = ["IDENTITY", "ROOT_STATE", "Mat4", "TransformState", "depth", "is_back_facing",
           "matrix_of", "matrix_stretch", "multiply", "relative_matrix", "resolve_state", "svg_matrix"]

# Column-major, like the arguments of matrix3d().
Mat4 = tuple[float, ...]

IDENTITY: Mat4 = (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)
# Drops z: 3D content flattened onto the z = 0 plane.
_FLATTEN: Mat4 = (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)


def multiply(a: Mat4, b: Mat4) -> Mat4:
    """``a . b``: ``b`` is applied first."""
    return tuple(
        a[row] * b[col * 4] + a[4 + row] * b[col * 4 + 1] + a[8 + row] * b[col * 4 + 2]
        + a[12 + row] * b[col * 4 + 3]
        for col in range(4) for row in range(4))


def _translate(x: float, y: float, z: float) -> Mat4:
    return (1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1)


def _scale(x: float, y: float, z: float) -> Mat4:
    return (x, 0, 0, 0, 0, y, 0, 0, 0, 0, z, 0, 0, 0, 0, 1)


def _rotate(x: float, y: float, z: float, degrees: float) -> Mat4:
    length = math.hypot(x, y, z)
    if not length:  # a zero vector does not rotate
        return IDENTITY
    x, y, z = x / length, y / length, z / length
    rad = math.radians(degrees)
    c, s = math.cos(rad), math.sin(rad)
    t = 1 - c
    return (t * x * x + c, t * x * y + s * z, t * x * z - s * y, 0,
            t * x * y - s * z, t * y * y + c, t * y * z + s * x, 0,
            t * x * z + s * y, t * y * z - s * x, t * z * z + c, 0,
            0, 0, 0, 1)


def _skew(x_degrees: float, y_degrees: float) -> Mat4:
    x, y = math.tan(math.radians(x_degrees)), math.tan(math.radians(y_degrees))
    return (1, y, 0, 0, x, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)


def _perspective(distance: float) -> Mat4:
    # `none` is infinity (the identity); distances below 1px are clamped like browsers do.
    d = -1 / max(distance, 1.0)
    return (1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, d, 0, 0, 0, 1)


def _length(value: Any, size: float) -> float:
    """A translation argument: px, or a percentage (or calc()) of the box's size."""
    if isinstance(value, (Percent, Calc)):
        return value.resolve(size)
    return float(value) if value is not None else 0.0


def matrix_of(fn: TransformFunction, width: float, height: float) -> Mat4:
    """The matrix of one transform function of a box ``width`` x ``height``."""
    name, args = fn.name, list(fn.args)
    num = [float(a) if isinstance(a, (int, float)) else 0.0 for a in args] + [0.0] * 4
    a, b, c, d = num[:4]
    if name == "matrix":
        return (a, b, 0, 0, c, d, 0, 0, 0, 0, 1, 0, num[4], num[5], 0, 1)
    if name == "matrix3d":
        return tuple(num[:16])
    if name == "translate":
        return _translate(_length(args[0], width), _length(args[1] if len(args) > 1 else 0, height), 0)
    if name == "translateX":
        return _translate(_length(args[0], width), 0, 0)
    if name == "translateY":
        return _translate(0, _length(args[0], height), 0)
    if name == "translateZ":
        return _translate(0, 0, a)
    if name == "translate3d":
        return _translate(_length(args[0], width), _length(args[1], height), c)
    if name == "scale":
        return _scale(a, b if len(args) > 1 else a, 1)
    if name == "scaleX":
        return _scale(a, 1, 1)
    if name == "scaleY":
        return _scale(1, a, 1)
    if name == "scaleZ":
        return _scale(1, 1, a)
    if name == "scale3d":
        return _scale(a, b, c)
    if name in ("rotate", "rotateZ"):
        return _rotate(0, 0, 1, a)
    if name == "rotateX":
        return _rotate(1, 0, 0, a)
    if name == "rotateY":
        return _rotate(0, 1, 0, a)
    if name == "rotate3d":
        return _rotate(a, b, c, d)
    if name == "skew":
        return _skew(a, b if len(args) > 1 else 0)
    if name == "skewX":
        return _skew(a, 0)
    if name == "skewY":
        return _skew(0, a)
    if name == "perspective":
        return _perspective(a)
    raise ValueError(f"unknown transform function {name!r}")


Box = tuple[float, float, float, float]  # left, top, width, height


def _around_origin(matrix: Mat4, box: Box, origin: TransformOrigin | None) -> Mat4:
    left, top, width, height = box
    o = origin or TransformOrigin()
    x = left + (o.x_absolute if o.x_absolute is not None
                else (o.x_relative if o.x_relative is not None else 50.0) * width / 100)
    y = top + (o.y_absolute if o.y_absolute is not None
               else (o.y_relative if o.y_relative is not None else 50.0) * height / 100)
    z = o.z_absolute or 0.0
    return multiply(_translate(x, y, z), multiply(matrix, _translate(-x, -y, -z)))


class TransformState(Frozen):
    """How a box's plane maps to the image.

    ``world`` maps the plane to the image (affine once resolved); ``base`` and
    ``local`` split it at the last flattening (``world = base . local``), so
    boxes of one 3D rendering context share ``base`` and ``local`` gives their
    depth. ``perspective`` is the box's ``perspective`` for its children.
    """

    world: Mat4 = IDENTITY
    base: Mat4 = IDENTITY
    local: Mat4 = IDENTITY
    preserve3d: bool = False
    perspective: Mat4 | None = None
    behind_viewer: bool = False

    @property
    def identity(self) -> bool:
        """Whether shapes are drawn as they are (z, which is flattened away, aside)."""
        m = self.world
        return (m[0], m[1], m[4], m[5], m[12], m[13], m[3], m[7], m[15]) == (1, 0, 0, 1, 0, 0, 0, 0, 1)


ROOT_STATE = TransformState()


def _w(m: Mat4, x: float, y: float) -> float:
    return m[3] * x + m[7] * y + m[15]


def resolve_state(functions: Sequence[TransformFunction], box: Box, origin: TransformOrigin | None,
                  parent: TransformState, *, preserve3d: bool = False,
                  perspective: float | None = None,
                  perspective_origin: TransformOrigin | None = None) -> TransformState:
    """The state of a box with its own ``functions`` (possibly none), after layout."""
    left, top, width, height = box
    matrix = IDENTITY
    for fn in functions:
        matrix = multiply(matrix, matrix_of(fn, width, height))
    matrix = _around_origin(matrix, box, origin)
    if parent.perspective is not None:
        matrix = multiply(parent.perspective, matrix)
    # Children of a preserve-3d box stay in its 3D space; others are flattened onto its plane.
    base = parent.base if parent.preserve3d else multiply(parent.world, _FLATTEN)
    local = multiply(parent.local, matrix) if parent.preserve3d else matrix
    world = multiply(base, local)

    corners = [_w(world, left, top), _w(world, left + width, top), _w(world, left, top + height),
               _w(world, left + width, top + height)]
    centre_w = _w(world, left + width / 2, top + height / 2)
    if world[3] or world[7] or world[15] != 1:
        world = _affine_at_centre(world, box, centre_w)
    return TransformState(
        world=world, base=base, local=local, preserve3d=preserve3d,
        perspective=None if perspective is None
        else _around_origin(_perspective(perspective), box, perspective_origin),
        behind_viewer=all(w <= 0 for w in corners))


def _affine_at_centre(world: Mat4, box: Box, centre_w: float) -> Mat4:
    """The affine mapping with the value and derivatives of ``world`` at the box's centre."""
    left, top, width, height = box
    cx, cy = left + width / 2, top + height / 2
    m = list(world)
    w = centre_w or 1e-12  # a plane through the eye has no finite image; keep numbers finite
    x = (m[0] * cx + m[4] * cy + m[12]) / w
    y = (m[1] * cx + m[5] * cy + m[13]) / w
    dxdx, dxdy = (m[0] - x * m[3]) / w, (m[4] - x * m[7]) / w
    dydx, dydy = (m[1] - y * m[3]) / w, (m[5] - y * m[7]) / w
    m[0], m[1], m[4], m[5] = dxdx, dydx, dxdy, dydy
    m[12] = x - dxdx * cx - dxdy * cy
    m[13] = y - dydx * cx - dydy * cy
    m[3] = m[7] = 0.0
    m[15] = 1.0
    return tuple(m)


def depth(state: TransformState, x: float, y: float) -> float:
    """The depth of a point of the plane in its 3D rendering context (larger is nearer)."""
    m = state.local
    w = _w(m, x, y)
    return (m[2] * x + m[6] * y + m[14]) / w if w else 0.0


def _det3(m: Sequence[float]) -> float:
    return (m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]))


def is_back_facing(state: TransformState) -> bool:
    """Whether the back of the plane faces the viewer (the z-z entry of its inverse is < 0)."""
    m = state.local
    det = 0.0
    for column in range(4):
        minor = [m[c * 4 + r] for c in range(4) if c != column for r in (1, 2, 3)]
        det += (-1 if column % 2 else 1) * m[column * 4] * _det3(minor)
    if not det:
        return False
    cofactor = _det3([m[0], m[1], m[3], m[4], m[5], m[7], m[12], m[13], m[15]])
    return cofactor / det < 0


def _six(value: float) -> str:
    """``+value.toFixed(6)`` as JavaScript prints it."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "-") else text


def svg_matrix(state: TransformState) -> str | None:
    """The SVG ``matrix()`` of the state, or None for the identity (nothing to emit)."""
    if state.identity:
        return None
    m = state.world
    divisor = m[15] or 1.0
    values = [m[0], m[1], m[4], m[5], m[12], m[13]]
    # Six decimals: fewer turn scale(1.005) into a shift and small rotations into none.
    return "matrix(" + ",".join(_six(v / divisor) for v in values) + ")"


def relative_matrix(outer: TransformState, inner: TransformState) -> str | None:
    """The SVG matrix that maps ``inner``'s plane into ``outer``'s user space (affine parts)."""
    if outer.world == inner.world or inner.identity and outer.identity:
        return None
    a, b, c, d, e, f = (outer.world[i] for i in (0, 1, 4, 5, 12, 13))
    det = a * d - b * c
    if not det:
        return svg_matrix(inner)
    # The inverse of the outer affine map, then the inner one.
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    ie, if_ = -(ia * e + ic * f), -(ib * e + id_ * f)
    inverse = (ia, ib, 0.0, 0.0, ic, id_, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, ie, if_, 0.0, 1.0)
    return svg_matrix(TransformState(world=multiply(inverse, inner.world)))


def matrix_stretch(matrix: str | None) -> tuple[float, float]:
    """How much an SVG ``matrix(a,b,c,d,e,f)`` (from :func:`svg_matrix`; None: none) can
    stretch a box horizontally and vertically, at least 1: the rasteriser allocates an
    effect's region at its size on the image, so checks of its size multiply by these."""
    try:
        a, b, c, d = (abs(float(v)) for v in (matrix or "")[len("matrix("):-1].split(",")[:4])
    except ValueError:
        return 1.0, 1.0

    def bounded(value: float) -> float:
        # Finite, so sizes multiplied by it stay numbers; past any limit all the same.
        return min(value, _MAX_STRETCH) if value == value else _MAX_STRETCH
    return bounded(max(a + c, 1.0)), bounded(max(b + d, 1.0))


_MAX_STRETCH = 1e12
