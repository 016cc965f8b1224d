"""``python -m satori_py``: the same command as the ``satori-py`` console script."""
from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
