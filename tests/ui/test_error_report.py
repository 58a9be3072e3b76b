"""An unexpected error is written to the log and explained to the desk; the window stays up."""

import logging

from PySide6.QtWidgets import QApplication, QMessageBox

from medspa_desk.desk_log import start_logging
from medspa_desk.ui.app import _ErrorReport


def test_an_unexpected_error_is_logged_and_shown_without_blocking(qtbot, tmp_path):
    log_path = start_logging(tmp_path / "logs")
    report = _ErrorReport(log_path)
    try:
        raise KeyError("appointment 42")
    except KeyError as error:
        report(type(error), error, error.__traceback__)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    assert "appointment 42" in boxes[0].text() and str(log_path) in boxes[0].text()
    boxes[0].close()
    for handler in [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_path)
    ]:
        handler.close()
        logging.getLogger().removeHandler(handler)
    logged = log_path.read_text(encoding="utf-8")
    assert "unexpected error" in logged and "Traceback" in logged and "KeyError" in logged
