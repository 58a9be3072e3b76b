"""The desk's log file: what happened, for whoever supports the clinic afterwards."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_BYTES = 1_000_000
LOG_FILES_KEPT = 5


def start_logging(folder: Path) -> Path:
    """Log to a rotating file in `folder`; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "medspa_desk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
