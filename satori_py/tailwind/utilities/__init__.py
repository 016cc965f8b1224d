"""twrnc 3.4.0's utility families, one module each: what a class (without its
prefixes) turns into, as an intermediate result (:mod:`..units` ``Complete``,
``Dependent`` or None for no match). :mod:`..parser` decides which family reads a
class, in twrnc's order.
"""
