"""Tests of satori_py.text."""
