"""The base of the immutable value classes every stage passes on (the style stage's
:mod:`~satori_py.style.types`, :mod:`~satori_py.style.paint_types` and
:mod:`~satori_py.style.computed_types`, the text, layout and paint records); a base
module, below the stages, so any of them may define one.

They are plain slotted classes, not frozen dataclasses: making a dataclass runs
dataclasses' code generation (an ``exec`` per method, the slotted class made twice)
at import, ~0.4-1 ms per class on the cold start of every process, and a plain card's
CLI run made over 30 of them here. They behave as frozen slotted dataclasses do:
each class writes its ``__init__`` (positional or keyword arguments, defaults),
setting its slots with :data:`set_field`; this base gives equality and hash by
value (the values of ``__slots__``, in order, as a tuple), a dataclass's repr,
``__match_args__``, :class:`~dataclasses.FrozenInstanceError` on assignment,
pickling and :meth:`Frozen.replace`.
"""
from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["Frozen", "set_field"]

set_field = object.__setattr__  # how an __init__ fills in a frozen instance

_F = TypeVar("_F", bound="Frozen")


class Frozen:
    """Immutable, compared and hashed by the values of its ``__slots__``, printed like a
    dataclass."""

    __slots__: tuple[str, ...] = ()
    __match_args__: tuple[str, ...] = ()

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
