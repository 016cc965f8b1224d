"""Images: what an image source is, before anything is drawn.

Owns resolving sources (:mod:`.source`: data URIs, downloads through the render's
fetcher and its address guard, files, the per-process cache), their headers and
intrinsic sizes (:mod:`.formats`), decoding what resvg cannot (:mod:`.decode`), the
limits an image is held to before it is embedded (:mod:`.checks`, :mod:`.svg_work`)
and inline ``<svg>`` elements as SVG documents (:mod:`.inline_svg`). The layout
loads the image of each replaced element here (:func:`.replaced.replaced_image`) to
size it, and keeps the result on the render box; after layout it loads the
``url()`` images of background and mask layers (:mod:`.layers`) onto the boxes too.
The painter draws those results and loads nothing.
"""
