"""The value classes' base (satori_py/frozen.py): a class written like a dataclass (its
fields annotated in order, with defaults) behaves like a frozen slotted dataclass."""
from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from satori_py.frozen import Frozen, set_field


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
