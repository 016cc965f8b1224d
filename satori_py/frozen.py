"""The bases of the value classes every stage passes on (the style stage's
:mod:`~satori_py.style.types`, :mod:`~satori_py.style.paint_types` and
:mod:`~satori_py.style.computed_types`, the text, layout and paint records); a base
module, below the stages, so any of them may define one.

A value class is written as a dataclass is: its fields annotated in order, with
their defaults (``field(default_factory=list)`` for a fresh list each, ``field(init=False)``
for one its ``__init__`` leaves alone, ``field(repr=False)`` for one its repr leaves out)::

    class Offset(Frozen):
        text: str | None
        unit: str = "px"

:class:`Frozen` classes are immutable; :class:`Record` classes are their mutable kin
(a dataclass's ``eq=False`` is ``class Node(Record, eq=False)``: compared by identity;
``weakref=True`` lets weak references to it be made).
They are plain slotted classes, not dataclasses: making a dataclass runs
dataclasses' code generation (an ``exec`` per method, the slotted class made twice)
at import, ~0.4-1 ms per class on the cold start of every process (a plain card's
CLI run made 55 of them: 18 % of its instructions). Here the metaclass makes the class
once, with ``__slots__`` (the fields) and an ``__init__`` (positional or keyword arguments,
defaults) that one ``exec`` writes on its first call; the base gives equality (and, when
frozen, hash) by value (the values of ``__slots__``, in order, as a tuple), a
dataclass's repr, ``__match_args__``, :class:`~dataclasses.FrozenInstanceError` on
assignment to a frozen one, pickling and :meth:`Frozen.replace` / :meth:`Record.replace`.
A class that declares ``__slots__`` itself writes its own ``__init__``. A value class
extends no other one with fields, and has no ``__post_init__`` (its ``__init__`` would
not call it).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Callable[[type], type]:
        return lambda cls: cls

__all__ = ["Frozen", "Record", "field", "set_field"]

set_field = object.__setattr__  # how an __init__ fills in a frozen instance

_F = TypeVar("_F", bound="Frozen")
_R = TypeVar("_R", bound="Record")
_T = TypeVar("_T")


class _Field:
    """What ``field(...)`` leaves in a class body, read (and removed) by the metaclass."""

    __slots__ = ("factory", "init", "repr")

    def __init__(self, factory: Callable[[], Any] | None, init: bool, repr: bool) -> None:
        self.factory, self.init, self.repr = factory, init, repr


@overload
def field(*, default_factory: Callable[[], _T], init: bool = True, repr: bool = True) -> _T: ...
@overload
def field(*, init: bool = True, repr: bool = True) -> Any: ...
def field(*, default_factory: Callable[[], Any] | None = None, init: bool = True, repr: bool = True) -> Any:
    """A field's default made by ``default_factory`` for each instance, or a field that
    ``__init__`` does not take (``init=False``: set from the factory, else left unset),
    or one that repr leaves out, as :func:`dataclasses.field`."""
    return _Field(default_factory, init, repr)


class _Layout:
    """A value class's fields, as its ``__init__`` and repr need them."""

    __slots__ = ("defaults", "factories", "fields", "frozen", "params", "shown")

    def __init__(self, name: str, namespace: dict[str, Any], frozen: bool) -> None:
        self.frozen = frozen
        self.fields: tuple[str, ...] = tuple(
            field for field, kind in namespace.get("__annotations__", {}).items()
            if not field.startswith("__") and not str(kind).startswith(("ClassVar", "typing.ClassVar")))
        if {"self", "_defaults", "_factories", "_MISSING"} & set(self.fields) \
                or any(field.startswith("_set_") for field in self.fields):
            raise TypeError(f"{name}: a field may not be named self, _set_*, _defaults, _factories or _MISSING")
        if "__post_init__" in namespace:
            raise TypeError(f"{name}: a value class has no __post_init__ (its __init__ would not call it)")
        self.defaults: dict[str, Any] = {}
        self.factories: dict[str, Callable[[], Any]] = {}
        self.params: list[str] = []
        shown: list[str] = []
        for field in self.fields:
            value = namespace.pop(field, _MISSING)
            spec = value if isinstance(value, _Field) else _Field(None, True, True)
            if spec.factory is not None:
                self.factories[field] = spec.factory
            elif value is not _MISSING and value is not spec:
                self.defaults[field] = value
            if spec.init:
                self.params.append(field)
            if spec.repr:
                shown.append(field)
        self.shown = tuple(shown)
        required = [f for f in self.params if f not in self.defaults and f not in self.factories]
        if required and self.params.index(required[-1]) >= len(required):
            raise TypeError(f"{name}: field {required[-1]!r} without a default follows a field with one")

    def source(self) -> str:
        """``def __init__(self, a, b=<default>): <set a>; <set b>`` (fields in order)."""
        params, body = [], []
        for field in self.fields:
            if field in self.params:
                if field in self.factories:
                    params.append(f"{field}=_MISSING")
                    value = f"_factories[{field!r}]() if {field} is _MISSING else {field}"
                else:
                    params.append(f"{field}=_defaults[{field!r}]" if field in self.defaults else field)
                    value = field
            elif field in self.factories:
                value = f"_factories[{field!r}]()"
            elif field in self.defaults:
                value = f"_defaults[{field!r}]"
            else:
                continue  # init=False and no default: left unset, as a dataclass does
            # A frozen field is set through its slot's own descriptor: object.__setattr__ looks the
            # name up on the class first (a third of the time of an __init__ of four fields).
            body.append(f"_set_{field}(self, {value})" if self.frozen else f"self.{field} = {value}")
        return f"def __init__(self, {', '.join(params)}):\n    " + ("\n    ".join(body) or "pass")


_MISSING: Any = object()  # an argument not given (the factory makes the field's value)


@dataclass_transform(eq_default=True, frozen_default=True, field_specifiers=(field,))
class _ValueClass(type):
    """Gives a value class without ``__slots__`` its fields' slots and ``__init__``."""

    _frozen: ClassVar[bool] = True

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> _ValueClass:
        eq = kwargs.pop("eq", True)
        weakref = kwargs.pop("weakref", False)
        layout = None
        if "__slots__" not in namespace:
            layout = _Layout(name, namespace, mcs._frozen)
            if layout.fields and any(getattr(base, "__slots__", ()) for base in bases):
                raise TypeError(f"{name}: a value class with fields extends no other value class")
            namespace["__slots__"] = (*layout.fields, "__weakref__") if weakref else layout.fields
            if layout.fields:
                namespace.update(_fields=layout.fields, _shown=layout.shown, _params=tuple(layout.params))
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if layout is not None and layout.fields:
            cls.__init__ = _first_init(cls, layout)  # type: ignore[misc]
        if not eq:
            cls.__eq__ = object.__eq__  # type: ignore[method-assign,assignment]
            cls.__hash__ = object.__hash__  # type: ignore[method-assign,assignment]
        return cls


@dataclass_transform(eq_default=True, field_specifiers=(field,))
class _RecordClass(_ValueClass):
    """The mutable kind: its ``__init__`` assigns the fields."""

    _frozen: ClassVar[bool] = False


def _first_init(cls: type, layout: _Layout) -> Callable[..., None]:
    """An ``__init__`` that writes the class's own on its first call.

    Written then, not with the class: compiling one costs ~0.13 ms, and a process makes
    every value class on import (over 100, 15 ms of a cold start) but a plain card uses
    about 40.
    """
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _init(cls, layout)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _init(cls: type, layout: _Layout) -> Callable[..., None]:
    scope: dict[str, Any] = {"_defaults": layout.defaults, "_factories": layout.factories, "_MISSING": _MISSING}
    if layout.frozen:
        scope.update({f"_set_{field}": cls.__dict__[field].__set__ for field in layout.fields})
    exec(layout.source(), scope)  # noqa: S102 - the class's own field names
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


class _Value(metaclass=_ValueClass):
    """What both kinds share: equality by value, repr, ``__match_args__``, :meth:`replace`."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # all of them, in order
    _shown: ClassVar[tuple[str, ...]] = ()  # the fields repr shows
    _params: ClassVar[tuple[str, ...]] = ()  # the fields __init__ takes

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" not in cls.__dict__:  # a class with its own __slots__ and __init__
            cls._fields = cls._shown = cls._params = cls.__slots__
        names = cls._fields
        if not names:  # an abstract base of value classes
            return
        cls.__match_args__ = cls._params  # type: ignore[misc]
        getter = attrgetter(*names)
        values: Callable[[Any], tuple[Any, ...]]
        if len(names) == 1:  # attrgetter of one name gives the bare value: compare 1-tuples, as a dataclass
            def values(record: Any) -> tuple[Any, ...]:
                return (getter(record),)
        else:
            values = getter

        # Closures over the class's getter, not methods of the base: these are on warm paths
        # (colours and lengths are compared and used as keys), and a closure is the quickest.
        def __eq__(self: Any, other: object) -> bool:
            if other.__class__ is not self.__class__:
                return NotImplemented
            return values(self) == values(other)

        def __hash__(self: Any) -> int:
            return hash(values(self))

        cls._values = staticmethod(values)  # type: ignore[method-assign,assignment]
        cls.__eq__ = __eq__  # type: ignore[method-assign]
        # A mutable one is unhashable, as a dataclass with eq and without frozen.
        cls.__hash__ = __hash__ if type(cls)._frozen else None  # type: ignore[method-assign,assignment]

    @staticmethod
    def _values(record: Any) -> tuple[Any, ...]:
        """The field values of ``record``, in order (set per class)."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:  # each class has its own (__init_subclass__)
        raise NotImplementedError

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__name__}({fields})"

    def _changed(self, changes: dict[str, Any]) -> dict[str, Any]:
        unknown = changes.keys() - set(self._params)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no fields {sorted(unknown)}")
        return {name: changes[name] if name in changes else getattr(self, name) for name in self._params}


class Frozen(_Value):
    """Immutable, compared and hashed by the values of its ``__slots__``, printed like a
    dataclass."""

    def __hash__(self) -> int:  # each class has its own (__init_subclass__)
        raise NotImplementedError

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state):
            set_field(self, name, value)

    def replace(self: _F, **changes: Any) -> _F:
        """A copy with ``changes`` (field name -> value), as :func:`dataclasses.replace`."""
        return type(self)(**self._changed(changes))


class Record(_Value, metaclass=_RecordClass):
    """Mutable, compared by the values of its ``__slots__`` (unhashable), or by identity
    with ``eq=False``; printed like a dataclass."""

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with ``changes`` (field name -> value), as :func:`dataclasses.replace`."""
        return type(self)(**self._changed(changes))
