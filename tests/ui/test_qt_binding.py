"""The Qt binding itself must not lose references: PySide6 6.12.0 on Python 3.11 did.

Each void call there dropped one reference to None, and the desk aborted ("Fatal Python error:
none_dealloc") after a hundred or so day switches. This guards the pin in pyproject.toml.
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import QLabel


class EmptyModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 0

    def data(self, index, role=0):
        return None


def test_void_qt_calls_keep_none_alive(qtbot):
    label, model = QLabel(), EmptyModel()
    qtbot.addWidget(label)
    nones, trues = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("10:00 AM")
        model.beginResetModel()
        model.endResetModel()
        label.isVisible()
    assert sys.getrefcount(None) >= nones - 50
    assert sys.getrefcount(True) >= trues - 50
