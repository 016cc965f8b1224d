"""The conformance ratchet: every case listed in tests/conformance/ratchet.txt must pass.

Cases come from the shared suite (../shared/conformance beside the repo, or
$SATORI_PY_SHARED): plain slugs are satori-suite cases, ``seed/NAME`` the seed
cases. A listed case that fails is a test failure; to list newly passing cases
run ``python -m tests.conformance_report --update-ratchet`` (it only adds).
Failure pictures (ours | reference | diff) go to .artifacts/conformance/.
"""
from __future__ import annotations

import os

import pytest

from satori_py.case import load_case
from tests.support import harness, paths

if paths.conformance_dir() is None:
    # CI always has ../shared beside the clone: a missing suite there is a broken
    # setup, not a reason to pass quietly.
    if os.environ.get("CI"):
        raise RuntimeError(f"CI is set but the conformance suite is missing beside {paths.REPO_ROOT}")
    pytest.skip(f"conformance suite not found (looked for {paths.REPO_ROOT.parent / 'shared'}"
                f" and ${paths.ENV_SHARED})", allow_module_level=True)

RATCHET = paths.read_ratchet()
PICTURES = paths.ARTIFACTS / "conformance"
# The only reports over the 530 cases: everything else they use is supported. (Satori draws the
# characters that Geist lacks as its missing-glyph box, as satori-py does; satori-py also says so.)
_BOXED = "drawn as the missing-glyph box. Give a font that has"
EXPECTED_WARNINGS = {
    "image__image-should-not-throw-when-image-is-not-valid": [
        "ImageError: div/img[0]: Can't load image https://wrong-url.placeholder.com/150: wrong url"],
    "language__detect-language-code-should-not-crash-when-rendering-arabic-letters": [
        f'FontError: div: No font has U+0633 "س", U+0644 "ل", U+0627 "ا", U+0645 "م": they are {_BOXED} them, '
        "or load_additional_asset."],
    "letter-spacing__letter-spacing-should-preserve-letter-spacing-across-font-fallbacks": [
        f'FontError: div: No font has U+65E5 "日": it is {_BOXED} it, or load_additional_asset.'],
}


def test_ratchet_is_sorted_and_unique() -> None:
    assert RATCHET == sorted(set(RATCHET)), "ratchet.txt must be sorted, one slug per line"


@pytest.mark.parametrize("slug", RATCHET)
def test_conformance(slug: str) -> None:
    path = paths.case_path(slug)
    assert path is not None and path.is_file(), f"{slug}: listed in the ratchet but no case"
    result = harness.run_case(load_case(path), slug, picture_dir=PICTURES, timeout=120)
    assert result.passed, result.describe()
    # What the render reports as ignored (satori_py.diagnostics): only what the case is about.
    assert result.warnings == EXPECTED_WARNINGS.get(slug, [])
