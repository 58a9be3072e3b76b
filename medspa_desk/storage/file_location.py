"""Where a database file lives matters: SQLite's locking is unreliable on network shares.

Two desks writing one file over SMB or NFS can corrupt it silently, so the desk refuses such a
file outright instead of trusting luck.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Linux filesystem types (as /proc/mounts names them) that live on another computer.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afpfs",
        "9p",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.rclone",
    }
)


def is_on_network_share(path: Path, mounts: str | None = None) -> bool:
    """True when `path` is on a network filesystem. `mounts` is /proc/mounts' text (for tests)."""
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        return _windows_network_path(path)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:
            return False  # no /proc (macOS): nothing to tell by
    return _filesystem_type(path, mounts) in NETWORK_FILESYSTEMS


def _filesystem_type(path: Path, mounts: str) -> str:
    """The type of the longest mount point that contains `path`."""
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = str(path) == mount_point or str(path).startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def _windows_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):
        return True  # \\server\share
    if sys.platform != "win32":  # never, as called; it lets a type check on Linux skip windll
        raise OSError("a drive's type is known on Windows only")
    import ctypes

    drive_remote = 4
    drive_type: int = ctypes.windll.kernel32.GetDriveTypeW(f"{path.drive}\\")
    return drive_type == drive_remote
