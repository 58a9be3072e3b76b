"""The desk's log file: what happened, for whoever supports the clinic afterwards.

It never holds client data: the engine hides statements' parameters in its errors
(storage.database), and the log's folder and files are the owner's alone.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from medspa_desk.storage.private_files import (
    make_folder_contents_private,
    make_private,
    private_folder,
)

LOG_FILE_BYTES = 1_000_000
LOG_FILES_KEPT = 5


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each file it opens (the first, and the new one at every rotation) is made owner-only."""

    def _open(self):
        stream = super()._open()
        make_private(self.baseFilename)
        return stream


def start_logging(folder: Path) -> Path:
    """Log to a rotating file in `folder`; returns the file's path."""
    private_folder(folder)
    make_folder_contents_private(folder)  # the files an older version left readable by all
    path = folder / "medspa_desk.log"
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
