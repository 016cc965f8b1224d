"""Tests of the style stage (satori_py.style)."""
