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
process or filled its memory.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_regular_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file ``path``; OSError when it cannot be read or is not a
    regular file (its ``strerror`` says so). Opened without blocking, then looked at:
    nothing can be swapped in between."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)  # fdopen leaves a descriptor it was given open when it fails
        raise
    with file:
        return file.read()


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
