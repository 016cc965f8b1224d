"""satori-py's tests. A package so that ``python -m tests.conformance_report`` works."""
