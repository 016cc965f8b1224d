"""Reading and writing the files a render is given or makes.

Writing: a failure never leaves a partial file behind. Used by the CLI and the
batch renderer for their outputs and by the emoji disk cache: data goes to a
temporary file in the same folder, which then replaces the target atomically.
The temporary file is created with mode 0666 less the process umask, as
``open()`` would create the target, so outputs get the permissions the user
expects (``tempfile.mkstemp`` would make them 0600).

Reading: only regular files. A FIFO blocks the read past any deadline (a file
read is not bounded in time) and a device such as ``/dev/zero`` never ends:
given as an input, a data file, a template, a font or an image, each hung the
process or filled its memory. And only up to a size (:data:`MAX_INPUT_BYTES`
unless the caller gives its own, as fonts do): a 10 GB data file or template was
read whole into memory (stdin was already capped at as much).
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_INPUT_BYTES", "check_regular", "read_regular_file", "read_regular_text", "write_atomic"]

# The bytes an input file (element, case, markup, data rows, template, image file) may have.
MAX_INPUT_BYTES = 256 * 1024 * 1024

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _too_big(size: str, limit: int, path: str | os.PathLike[str]) -> OSError:
    return OSError(errno.EFBIG, f"{size}, over the {limit} bytes an input file may have", os.fspath(path))


def check_regular(path: str | os.PathLike[str], info: os.stat_result | None = None,
                  limit: int = MAX_INPUT_BYTES) -> None:
    """OSError unless ``path`` (whose ``os.stat`` is ``info`` when given) is a regular
    file of at most ``limit`` bytes; its ``strerror`` says why."""
    if info is None:
        info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
    if info.st_size > limit:
        raise _too_big(f"it has {info.st_size} bytes", limit, path)


def read_regular_file(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path``; OSError when it cannot be read, is not a
    regular file or has more than ``limit`` bytes (its ``strerror`` says so). Opened
    without blocking, then looked at: nothing can be swapped in between; read up to
    ``limit`` bytes and one more, so a file growing meanwhile is refused too."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        check_regular(path, os.fstat(fd), limit)
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)  # fdopen leaves a descriptor it was given open when it fails
        raise
    with file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_big("it grew while it was read", limit, path)
    return data


def read_regular_text(path: str | os.PathLike[str], encoding: str = "utf-8") -> str:
    """The text of the regular file ``path`` (OSError as :func:`read_regular_file`,
    UnicodeDecodeError when it is not ``encoding``)."""
    return read_regular_file(path).decode(encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    directory = path.parent if str(path.parent) else Path(".")
    for _ in range(100):
        tmp = directory / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(tmp, _CREATE, 0o666)  # the kernel applies the umask
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise FileExistsError(f"cannot create a temporary file beside {path}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
