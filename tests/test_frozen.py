"""The value classes' base (satori_py/frozen.py): a class written like a dataclass (its
fields annotated in order, with defaults) behaves like a frozen slotted dataclass."""
from __future__ import annotations

import pickle
import weakref
from dataclasses import FrozenInstanceError

import pytest

from satori_py.frozen import Frozen, Record, field, set_field


class Offset(Frozen):
    text: str | None
    unit: str = "px"
    scale: tuple[float, float] = (1.0, 1.0)


def test_a_value_class_is_made_from_its_annotations() -> None:
    offset = Offset("5", scale=(2.0, 1.0))
    assert Offset.__slots__ == ("text", "unit", "scale") and not hasattr(offset, "__dict__")
    assert (offset.text, offset.unit, offset.scale) == ("5", "px", (2.0, 1.0))
    assert offset == Offset(text="5", unit="px", scale=(2.0, 1.0)) and hash(offset) == hash(Offset("5", "px", (2.0, 1.0)))
    assert offset != Offset("5", "%", (2.0, 1.0))
    assert repr(offset) == "Offset(text='5', unit='px', scale=(2.0, 1.0))"
    assert offset.replace(unit="%") == Offset("5", "%", (2.0, 1.0))
    assert pickle.loads(pickle.dumps(offset)) == offset and Offset.__match_args__ == ("text", "unit", "scale")
    with pytest.raises(FrozenInstanceError):
        offset.unit = "%"  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"Offset.__init__\(\) missing 1 required positional argument: 'text'"):
        Offset()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        Offset("5", bogus=1)  # type: ignore[call-arg]


def test_a_class_with_its_own_slots_writes_its_own_init() -> None:
    class Pair(Frozen):
        __slots__ = ("a", "b")
        a: int
        b: int

        def __init__(self, *both: int) -> None:
            set_field(self, "a", both[0])
            set_field(self, "b", both[1])

    assert Pair(1, 2) == Pair(1, 2) and Pair(1, 2).b == 2


def test_fields_are_not_added_to_another_value_class() -> None:
    with pytest.raises(TypeError, match="extends no other value class"):
        class More(Offset):
            extra: int = 0



class Node(Record, eq=False, weakref=True):
    name: str
    children: list[Node] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict, repr=False)
    parent: Node | None = field(init=False)


class Span(Record):
    start: int
    end: int = 0


def test_a_record_is_a_mutable_slotted_value_class() -> None:
    a, b = Node("a"), Node("b", [Node("c")])
    assert Node.__slots__ == ("name", "children", "cache", "parent", "__weakref__")
    assert not hasattr(a, "__dict__") and a.children == [] and a.children is not Node("x").children
    assert not hasattr(a, "parent")  # init=False without a factory: left unset, as a dataclass does
    a.parent = None
    a.name = "renamed"
    a.cache["k"] = 1
    assert a.name == "renamed" and weakref.ref(a)() is a
    assert repr(a) == "Node(name='renamed', children=[], parent=None)"  # cache: repr=False
    assert a != Node("renamed") and hash(a) == object.__hash__(a)  # eq=False: identity
    assert b.children[0].name == "c" and Node.__match_args__ == ("name", "children", "cache")
    span = Span(1)
    assert span == Span(1, 0) and span != Span(1, 2) and Span.__hash__ is None  # by value, unhashable
    assert repr(span) == "Span(start=1, end=0)" and span.replace(end=5) == Span(1, 5)
    assert pickle.loads(pickle.dumps(span)) == span
    with pytest.raises(TypeError, match="has no fields"):
        span.replace(bogus=1)


def test_a_record_is_refused_what_a_dataclass_refuses() -> None:
    with pytest.raises(TypeError, match="'b' without a default follows a field with one"):
        class Bad(Record):
            a: int = 0
            b: int
    with pytest.raises(TypeError, match="no __post_init__"):
        class Posted(Record):
            a: int

            def __post_init__(self) -> None:
                pass
