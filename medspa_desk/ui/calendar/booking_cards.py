"""How a booking looks on the grid: a card, and the line at the current time."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from medspa_desk.ui.calendar.cell_content import Card
from medspa_desk.ui.calendar.grid_model import CalendarGridModel
from medspa_desk.ui.calendar.status_colours import LATE_OUTLINE, LATE_TEXT

_NOW_LINE = QColor("#d64545")
_SELECTED_OUTLINE = QColor("#3d5a80")
_BADGE_BACKGROUND = QColor("#ffffff")
# Pixels the client's name keeps beside a late badge before the badge moves down a line.
_NAME_ROOM = 90
# Card lines kept as cut and laid out: a busy week shows a few hundred. They are kept from one
# fill of the grid to the next (a service's line, a time and a status recur from day to day, and
# the desk flips back to days it has seen), so the lines of every day shown would pile up; past
# this many they are forgotten.
_MOST_CUT_LINES = 2_000


class BookingCardDelegate(QStyledItemDelegate):
    """Paints each booking as a card inset from the grid lines, with its provider's colour as a
    bar down the left and the client's name in bold, so that back-to-back bookings read as
    separate blocks; a late client's card gets an amber edge and an "N min late" badge on the
    name line, where even a 15-minute booking shows it. Draws the current-time line across
    today's lanes."""

    def __init__(self, model: CalendarGridModel, grid: QTableView) -> None:
        super().__init__(grid)
        self._model = model
        self._grid = grid
        self._lettering = _Lettering()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        card = self._model.card_at(index.row(), index.column())
        if card is None:
            super().paint(painter, option, index)
        else:
            self._paint_card(painter, option, card)
        self._paint_now_line(painter, option.rect, index)

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, face: Card) -> None:
        card = option.rect.adjusted(2, 1, -2, -1)
        minutes_late = face.minutes_late
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(face.background)
        painter.drawRoundedRect(card, 4, 4)
        painter.setBrush(face.bar)
        painter.drawRoundedRect(QRect(card.left(), card.top(), 4, card.height()), 2, 2)
        outline = None
        if minutes_late is not None or face.not_arrived:
            outline = LATE_OUTLINE
        if option.state & QStyle.StateFlag.State_Selected:
            outline = _SELECTED_OUTLINE
        if outline is not None:
            painter.setPen(QPen(outline, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 4, 4)
        text_area = card.adjusted(9, 3, -4, -2)
        line_widths: dict[int, int] = {}
        badge_text = _late_badge_text(face, narrow=text_area.width() < _NARROW_CARD)
        if badge_text is not None:
            line, badge = _paint_late_badge(
                painter, text_area, badge_text, self._lettering.bold(option.font)
            )
            line_widths[line] = badge.left() - text_area.left() - 4
        if face.alert_marks:
            line_widths |= self._paint_alert_marks(painter, text_area, face, line_widths, option)
        painter.setPen(face.foreground)
        self._lettering.draw_lines(painter, text_area, face.lines, option.font, line_widths)
        painter.restore()

    def _paint_alert_marks(
        self,
        painter: QPainter,
        area: QRect,
        face: Card,
        line_widths: dict[int, int],
        option: QStyleOptionViewItem,
    ) -> dict[int, int]:
        """The client's alert marks at the right of the first line the late badge left free
        (the name's, or the service's); that line made narrower for them. None on a card too
        short for a free line: its details still say them."""
        font, metrics = self._lettering.bold(option.font)
        line = 0 if 0 not in line_widths else 1
        if (line + 1) * metrics.height() > area.height() + 1 or line >= len(face.lines):
            return {}
        width = metrics.horizontalAdvance(face.alert_marks) + 4
        box = QRect(area.right() - width + 1, area.top() + line * metrics.height(), width,
                    metrics.height())  # fmt: skip
        painter.setPen(LATE_TEXT)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         face.alert_marks)  # fmt: skip
        return {line: line_widths.get(line, area.width()) - width - 2}

    def _paint_now_line(self, painter: QPainter, rect: QRect, index: QModelIndex) -> None:
        now = self._model.now
        if now is None or index.column() not in now.lanes:
            return
        span = self._grid.rowSpan(index.row(), index.column())
        if not index.row() <= now.position < index.row() + span:
            return
        y = rect.top() + round((now.position - index.row()) * rect.height() / span)
        painter.save()
        painter.setPen(QPen(_NOW_LINE, 2))
        painter.drawLine(rect.left(), y, rect.right(), y)
        painter.restore()


class _Lettering:
    """The view's font in bold and plain with their metrics, and each card line as cut to its
    width and laid out (a QStaticText: its glyphs placed once, where drawText would shape the
    line again at every paint): made once per font and per line, not for every line of every
    repaint; the picture is drawText's, pixel for pixel."""

    def __init__(self) -> None:
        self._font_key: str | None = None
        self._faces: list[tuple[QFont, QFontMetrics]] = []
        self._cut: dict[tuple[str, bool, int], QStaticText] = {}

    def bold(self, base_font: QFont) -> tuple[QFont, QFontMetrics]:
        return self._faces_of(base_font)[0]

    def draw_lines(
        self,
        painter: QPainter,
        area: QRect,
        lines: tuple[str, ...],
        base_font: QFont,
        line_widths: dict[int, int],
    ) -> None:
        """The first line in bold, the rest plain, each cut with "…" to fit (`line_widths`
        narrows a line beside a badge); as many as fit."""
        bold, plain = self._faces_of(base_font)
        top = area.top()
        for number, line in enumerate(lines):
            font, metrics = bold if number == 0 else plain
            if number > 0 and top + metrics.height() > area.bottom() + 1:
                break
            width = line_widths.get(number, area.width())
            key = (line, number == 0, width)
            cut = self._cut.get(key)
            if cut is None:
                if len(self._cut) >= _MOST_CUT_LINES:
                    self._cut.clear()
                cut = self._cut[key] = QStaticText(
                    metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
                )
                cut.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            painter.setFont(font)
            # Its top at the line box's: the box is the font's height, so this is where left and
            # vertically centred in it would put the text, without laying it out again.
            painter.drawStaticText(area.left(), top, cut)
            top += metrics.height()

    def _faces_of(self, base_font: QFont) -> list[tuple[QFont, QFontMetrics]]:
        if base_font.key() != self._font_key:
            self._font_key = base_font.key()
            self._faces = []
            for bold in (True, False):
                font = QFont(base_font)
                font.setBold(bold)
                self._faces.append((font, QFontMetrics(font)))
            self._cut.clear()
        return self._faces


# Below this, the late badge says "+12 min" for "12 min late": the card's words need the room.
_NARROW_CARD = 160


def _late_badge_text(face: Card, *, narrow: bool) -> str | None:
    if face.not_arrived:
        return "Not here" if narrow else "Did not arrive"
    if face.minutes_late is None:
        return None
    return f"+{face.minutes_late} min" if narrow else f"{face.minutes_late} min late"


def _paint_late_badge(
    painter: QPainter, area: QRect, text: str, bold: tuple[QFont, QFontMetrics]
) -> tuple[int, QRect]:
    """A small white pill with the minutes late in bold amber, at the right of the name line, or
    of the service line when the name would be squeezed (a narrow week column) and the card is
    tall enough; the line it is on, and its rectangle."""
    font, metrics = bold
    width = metrics.horizontalAdvance(text) + 10
    fits_two_lines = area.height() >= 2 * metrics.height()
    line = 1 if area.width() - width < _NAME_ROOM and fits_two_lines else 0
    badge = QRect(
        area.right() - width + 1, area.top() + line * metrics.height(), width, metrics.height()
    )
    painter.setPen(QPen(LATE_OUTLINE, 1))
    painter.setBrush(_BADGE_BACKGROUND)
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    painter.setPen(LATE_TEXT)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    return line, badge
