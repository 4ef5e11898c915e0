"""Where a batch writes (``--output``, ``--summary``), checked before anything is opened
for writing, and opened so that nothing hangs and no two runs write one file.

- No target may be the input or the other target: the same file through another name, a
  hard link or a symbolic link counts (``os.stat``'s device and inode, else the resolved
  path).  A character device (``/dev/null``) may be named twice.
- A regular file is locked (``fcntl.flock``, exclusive, not waiting) before it is emptied
  or read for ``--resume``: a second run on the same output is refused at once.
- A FIFO or a pipe (``/dev/stdout`` through ``|``) is opened without waiting: one with a
  reader is written as a stream, one without is refused at once.  Only regular files are
  synced to disk; ``--resume`` and an ``.xlsx`` output need a regular file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from dataclasses import dataclass
from typing import IO

from ..loader import shown_name
from ..messages import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO or pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def _stat(name: str) -> os.stat_result | None:
    try:
        return os.fstat(sys.stdin.fileno()) if name == "-" else os.stat(name)
    except (OSError, ValueError, AttributeError):
        return None


def same_place(first: str, second: str) -> bool:
    """Whether two names are one file (also through hard or symbolic links); two names of
    one character device are not counted (writing ``/dev/null`` twice harms nothing)."""
    one, two = _stat(first), _stat(second)
    if one is not None and two is not None:
        same = (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)
        return same and not stat.S_ISCHR(one.st_mode)
    if "-" in (first, second):
        return False
    try:
        return os.path.realpath(first) == os.path.realpath(second)
    except (OSError, ValueError):
        return False


def check_targets(source: str, output: str | None, summary: str | None, *,
                  resume: bool, kind: str) -> None:
    """Refuse, before anything is opened, targets that are the input or each other, and
    kinds of file that cannot be written as asked."""
    if summary is not None and summary == "":
        raise InputError("--summary", "a file that can be written (No such file or "
                                      "directory)", summary)
    if output is not None and same_place(output, source):
        raise InputError("--output", "a file other than the input FILE (it would be "
                                     "overwritten)", output)
    if summary and same_place(summary, source):
        raise InputError("--summary", "a file other than the input FILE (it would be "
                                      "overwritten)", summary)
    if summary and output is not None and same_place(summary, output):
        raise InputError("--summary", "a file other than --output (it would be "
                                      "overwritten)", summary)
    if resume and source == "-":
        raise InputError("--resume", "a FILE that can be read again to check the kept "
                                     "lines (not - for standard input)", has_got=False)
    for option, name in (("--output", output), ("--summary", summary)):
        if not name:
            continue
        found = _stat(name)
        if found is None or stat.S_ISREG(found.st_mode):
            continue
        mode = found.st_mode
        if option == "--output" and resume:
            raise InputError("--resume", f"an --output that is a regular file, but "
                                         f"{shown_name(name)} is {_kind(mode)}",
                             has_got=False)
        if option == "--output" and kind == "xlsx":
            raise InputError("--output", f"a regular file for an .xlsx output, but "
                                         f"{shown_name(name)} is {_kind(mode)}",
                             has_got=False)
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise InputError(option, f"a file that can be written, but {shown_name(name)} "
                                     f"is {_kind(mode)}", has_got=False)


@dataclass
class Target:
    """An opened output: its text handle, its descriptor, and whether it is a regular
    file (synced to disk, locked)."""

    name: str
    fd: int
    regular: bool
    handle: IO[str] | None = None
    closed: bool = False

    def writing(self, *, fresh: bool) -> IO[str]:
        """The text handle (made once): a ``fresh`` regular file is emptied first, else
        written at its end."""
        if self.handle is None:
            if fresh and self.regular:
                os.ftruncate(self.fd, 0)
            if self.regular:
                os.lseek(self.fd, 0, os.SEEK_END)
            self.handle = open(self.fd, "w", encoding="utf-8", newline="",  # noqa: SIM115
                               closefd=False)   # closed in close_target
        return self.handle


def open_target(name: str, option: str, *, resume: bool = False) -> Target:
    """``name`` opened for writing without waiting and without emptying it yet: a regular
    file locked (``resume`` opens it for reading too), a FIFO or pipe only when something
    reads it, a character device as it is."""
    flags = (os.O_RDWR if resume else os.O_WRONLY) | os.O_CREAT | os.O_NONBLOCK
    try:
        fd = os.open(name, flags | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(option, f"a FIFO or pipe with a reader, but nothing reads "
                                     f"{shown_name(name)}", has_got=False) from None
        raise InputError(option, f"a file that can be written ({exc.strerror})",
                         name) from None
    try:
        mode = os.fstat(fd).st_mode
        regular = stat.S_ISREG(mode)
        if resume and not regular:
            raise InputError("--resume", f"an --output that is a regular file, but "
                                         f"{shown_name(name)} is {_kind(mode)}",
                             has_got=False)
        os.set_blocking(fd, True)
        if regular:
            _lock(fd, name, option)   # emptied only when written (Target.writing)
    except BaseException:
        os.close(fd)
        raise
    return Target(name, fd, regular)


def _lock(fd: int, name: str, option: str) -> None:
    if fcntl is None:  # pragma: no cover
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(option, f"a file no other run is writing, but another pyqualify "
                                 f"batch holds {shown_name(name)} (wait for it to end)",
                         has_got=False) from None
    except OSError:
        return   # a file system without locks (some network ones): written unlocked


def close_target(target: Target) -> None:
    """Flush, sync a regular file to disk, unlock and close (once)."""
    if target.closed:
        return
    target.closed = True
    try:
        if target.handle is not None:
            target.handle.flush()
        if target.regular:
            os.fsync(target.fd)
    finally:
        if target.handle is not None:
            with contextlib.suppress(OSError):   # its flush failed above already
                target.handle.close()
        os.close(target.fd)
