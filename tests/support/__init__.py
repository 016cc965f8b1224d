"""Helpers shared by the conformance, golden and report runners: paths, the image
comparison rule, and rendering a case to a verdict."""
