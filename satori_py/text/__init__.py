"""Text: fonts, shaping, glyph outlines, line breaking and inline layout."""
