"""Layout: block, flex and inline geometry of the styled tree (Taffy via stretchable)."""
