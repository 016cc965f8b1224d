"""Paint: render boxes -> SvgNode trees in paint order."""
