"""The grid's headings: the lanes across (providers, or days) and the time axis down.

At every new fill of the grid Qt works out each header's size again from the style's measure of
every heading (most of a millisecond for the time axis), and resets and lays the headers out
again, each of which repaints them whole; yet the headings are mostly the same from one day to
the next (the same times, the same providers). So a header keeps its size for the headings,
font and style it was worked out for, and a fill that leaves it as it was last painted whole
does not repaint it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QHeaderView

from medspa_desk.ui.calendar.grid_model import CalendarGridModel


class GridHeader(QHeaderView):
    def __init__(self, orientation: Qt.Orientation, model: CalendarGridModel, parent=None) -> None:
        super().__init__(orientation, parent)
        # As the headers QTableView makes for itself.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self._grid_model = model
        self._style_changes = 0
        self._kept: tuple[tuple, QSize] | None = None
        self._painted: tuple | None = None  # what the picture on the screen was painted from

    def _texts(self) -> tuple:
        return self._grid_model.heading_texts(self.orientation())

    def _looks(self) -> tuple:
        """Everything the header's picture depends on."""
        viewport = self.viewport()
        return (
            self._texts(),
            tuple(self.sectionSize(section) for section in range(self.count())),
            self.font().key(),
            self._style_changes,
            self.palette().cacheKey(),
            self.offset(),
            viewport.width(),
            viewport.height(),
            viewport.devicePixelRatio(),
            self.isEnabled(),
            self.isActiveWindow(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        looks = self._looks()
        if event.region() == QRegion(self.viewport().rect()):
            self._painted = looks
        elif looks != self._painted:
            self._painted = None  # part painted anew: the picture is not one state's
        super().paintEvent(event)

    # A new fill resets the header and lays it out again, and each repaints it whole.

    def reset(self) -> None:
        self._unless_unchanged(super().reset)

    def doItemsLayout(self) -> None:
        self._unless_unchanged(super().doItemsLayout)

    def _unless_unchanged(self, work) -> None:
        viewport = self.viewport()
        viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            work()
        finally:
            viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        if self._painted is None or self._painted != self._looks():
            viewport.update()

    def sizeHint(self) -> QSize:
        measured = (self._texts(), self.font().key(), self._style_changes)
        if self._kept is None or self._kept[0] != measured:
            self._kept = (measured, super().sizeHint())
        return QSize(self._kept[1])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._style_changes += 1
        super().changeEvent(event)
