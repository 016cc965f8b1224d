"""The base of the immutable value classes every stage passes on (the style stage's
:mod:`~satori_py.style.types`, :mod:`~satori_py.style.paint_types` and
:mod:`~satori_py.style.computed_types`, the text, layout and paint records); a base
module, below the stages, so any of them may define one.

A value class is written as a dataclass is: its fields annotated in order, with
their defaults::

    class Offset(Frozen):
        text: str | None
        unit: str = "px"

They are plain slotted classes, not frozen dataclasses: making a dataclass runs
dataclasses' code generation (an ``exec`` per method, the slotted class made twice)
at import, ~0.4-1 ms per class on the cold start of every process, and a plain card's
CLI run made over 30 of them here. Here the metaclass makes the class once, with
``__slots__`` (the fields) and an ``__init__`` (positional or keyword arguments,
defaults) that one ``exec`` writes on its first call, setting the slots with
:data:`set_field`; this
base gives equality and hash by value (the values of ``__slots__``, in order, as a
tuple), a dataclass's repr, ``__match_args__``,
:class:`~dataclasses.FrozenInstanceError` on assignment, pickling and
:meth:`Frozen.replace`. A class that declares ``__slots__`` itself writes its own
``__init__``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Callable[[type], type]:
        return lambda cls: cls

__all__ = ["Frozen", "set_field"]

set_field = object.__setattr__  # how an __init__ fills in a frozen instance

_F = TypeVar("_F", bound="Frozen")


@dataclass_transform(eq_default=True, frozen_default=True)
class _ValueClass(type):
    """Gives a value class without ``__slots__`` its fields' slots and ``__init__``."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> _ValueClass:
        fields: tuple[str, ...] = ()
        defaults: dict[str, Any] = {}
        if "__slots__" not in namespace:
            fields = tuple(field for field in namespace.get("__annotations__", ()) if not field.startswith("__"))
            if fields and any(getattr(base, "__slots__", ()) for base in bases):
                raise TypeError(f"{name}: a value class with fields extends no other value class")
            if {"self", "_set", "_defaults"} & set(fields):
                raise TypeError(f"{name}: a field may not be named self, _set or _defaults")
            defaults = {field: namespace.pop(field) for field in fields if field in namespace}
            namespace["__slots__"] = fields
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if fields:
            cls.__init__ = _first_init(cls, fields, defaults)  # type: ignore[misc]
        return cls


def _first_init(cls: type, fields: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    """An ``__init__`` that writes the class's own on its first call.

    Written then, not with the class: compiling one costs ~0.13 ms, and a process makes
    every value class on import (59, 8 ms of a cold start) but a plain card uses 11.
    """
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _init(cls, fields, defaults)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _init(cls: type, fields: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    """``def __init__(self, a, b=<default>): set_field(self, "a", a); ...`` (fields in order)."""
    params = ", ".join(f"{field}=_defaults[{field!r}]" if field in defaults else field for field in fields)
    body = "".join(f"\n    _set(self, {field!r}, {field})" for field in fields)
    scope: dict[str, Any] = {"_set": set_field, "_defaults": defaults}
    exec(f"def __init__(self, {params}):{body}", scope)  # noqa: S102 - the class's own field names
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


class Frozen(metaclass=_ValueClass):
    """Immutable, compared and hashed by the values of its ``__slots__``, printed like a
    dataclass."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.__slots__
        if not names:  # an abstract base of value classes
            return
        cls.__match_args__ = names  # type: ignore[misc]
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
        cls.__hash__ = __hash__  # type: ignore[method-assign]

    @staticmethod
    def _values(record: Any) -> tuple[Any, ...]:
        """The field values of ``record``, in order (set per class)."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:  # each class has its own (__init_subclass__)
        raise NotImplementedError

    def __hash__(self) -> int:
        raise NotImplementedError

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self.__slots__, self._values(self)))
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self.__slots__, state):
            set_field(self, name, value)

    def replace(self: _F, **changes: Any) -> _F:
        """A copy with ``changes`` (field name -> value), as :func:`dataclasses.replace`."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no fields {sorted(unknown)}")
        return type(self)(**{name: changes.get(name, value)
                             for name, value in zip(self.__slots__, self._values(self))})
