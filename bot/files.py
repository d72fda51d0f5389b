"""The command line's file system: read candidate files safely, and write fixed ones back as they were.

Every path is read with the same suspicion as a pull request: a broken or looping symlink, a file it may not
read, a FIFO or device named ``*.tf``, an unreadable folder are each one error for that path, and the rest
is still read. Nothing reads more than the size limit. Writing keeps a file what it was: symlinks, mode,
owner and group, hard links, a UTF-8 byte-order mark; data reaches the disk before the rename.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iacfix.fixers.classify import classify

UTF8_BOM = b"\xef\xbb\xbf"
MEGABYTE = 1024 * 1024


@dataclass
class Collected:
    """What was read (path as the user wrote it -> bytes), what could not be, and the tree of each file."""

    files: dict[str, bytes] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    roots: dict[str, Path] = field(default_factory=dict)


class NotWritten(Exception):
    """A fixed file that was deliberately not written, with the reason for the user."""


def read_limited(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit + 1`` of them (enough to tell it is too large).

    Opened without following a FIFO's or device's promise of endless data: only regular files are read.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def describe(error: OSError) -> str:
    """An OS error in the user's words."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if error.filename and os.path.islink(error.filename) else "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)


def collect_files(paths: Sequence[str], wanted: callable, skipped_folders: set[str], limit: int) -> Collected:
    """Read the candidate files under ``paths`` (``wanted(name)`` picks them); errors are kept per path."""
    collected = Collected()
    for given in paths:
        root = Path(given)
        if not os.path.lexists(root):
            raise FileNotFoundError(given)
        tree = root if root.is_dir() else root.parent
        candidates = _walk(root, wanted, skipped_folders, collected) if root.is_dir() else [root]
        for file in candidates:
            key = file.as_posix()
            collected.roots[key] = tree
            try:
                data = read_limited(file, limit)
            except OSError as error:
                error.filename = error.filename or str(file)
                collected.errors[key] = describe(error)
                continue
            if len(data) <= limit:
                collected.files[key] = data
            elif classify(key, data.decode("latin-1"), ()).language is not None:
                size = os.stat(file).st_size / MEGABYTE
                collected.errors[key] = f"file is {size:.1f} MB; files over {limit / MEGABYTE:.1f} MB are not scanned"
    return collected


def _walk(root: Path, wanted: callable, skipped_folders: set[str], collected: Collected) -> list[Path]:
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        collected.errors[Path(error.filename or root).as_posix()] = f"folder not read: {describe(error)}"

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        subfolders[:] = sorted(d for d in subfolders if d not in skipped_folders)
        found.extend(Path(folder) / name for name in sorted(names) if wanted(name))
    return found


def write_back(path: Path, text: str, tree: Path, original: bytes) -> str | None:
    """Write a fixed file in place, keeping it what it was; returns a note for the user, or None.

    A symlink is written through to its target when that target lies inside the tree, refused otherwise.
    A file with several hard links is rewritten in place, so every link sees the fix (and the note says so).
    Raises NotWritten or OSError when the file could not be written.
    """
    target = path
    if path.is_symlink():
        target = path.resolve(strict=True)
        if not target.is_relative_to(tree.resolve()):
            raise NotWritten(f"is a symbolic link to {target}, outside {tree}: not written")
    data = (UTF8_BOM if original.startswith(UTF8_BOM) else b"") + text.encode("utf-8")
    info = os.stat(target)
    if info.st_nlink > 1:
        with open(target, "r+b") as stream:  # one inode: every hard link sees the new content
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
        return f"has {info.st_nlink} hard links: rewritten in place so that they all keep the fix"
    _replace_atomically(target, data, info)
    return None


def _replace_atomically(target: Path, data: bytes, info: os.stat_result) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".iacfix")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself reaches the disk
    finally:
        os.close(folder)
