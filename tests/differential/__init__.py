"""The differential tester: random realistic cards against the real Satori.

generator (the grammar) -> oracle (Satori in one node process) -> compare (our
render, resvg-py on both sides, the imgdiff rule) -> minimise (delta debugging)
-> triage (match rate per feature group, failures clustered by their minimal
cases). Run it with ``python -m tests.differential`` (see __main__.py, README).
"""
