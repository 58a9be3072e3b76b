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
        lines, compact = face.lines, False
        if face.compact_lines and not self._lettering.fits(lines[0], option.font, text_area, face):
            # A one-row card whose one line would be cut: its two short lines, set small, in
            # the whole card, so client, service and time show in the narrowest column.
            lines, compact = face.compact_lines, True
            text_area = card.adjusted(9, 1, -4, 0)
        bold = self._lettering.faces(option.font, compact=compact)[0]
        line_widths: dict[int, int] = {}
        badge_text = _late_badge_text(face, narrow=text_area.width() < _NARROW_CARD)
        if badge_text is not None:
            line, badge = _paint_late_badge(
                painter, text_area, badge_text, bold, name_line_only=compact
            )
            line_widths[line] = badge.left() - text_area.left() - 4
        if face.alert_marks:
            words = None
            if compact:
                words = [
                    self._lettering.width_of(line, option.font, small=True, bold=number == 0)
                    for number, line in enumerate(lines)
                ]
            line_widths |= _paint_alert_marks(
                painter, text_area, face, len(lines), line_widths, bold, words
            )
        painter.setPen(face.foreground)
        self._lettering.draw_lines(
            painter, text_area, lines, option.font, line_widths, small=compact
        )
        painter.restore()

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
    """The view's font in bold and plain, and the small pair a one-row card's two lines are set
    in, with their metrics; and each card line as cut to its width and laid out (a QStaticText:
    its glyphs placed once, where drawText would shape the line again at every paint): made once
    per font and per line, not for every line of every repaint; the picture is drawText's, pixel
    for pixel."""

    def __init__(self) -> None:
        self._font_key: str | None = None
        self._faces: dict[bool, Faces] = {}
        self._cut: dict[tuple[str, bool, bool, int], QStaticText] = {}
        self._widths: dict[tuple[str, bool, bool], int] = {}  # a line's, small or not, bold or not

    def faces(self, base_font: QFont, *, compact: bool) -> Faces:
        if base_font.key() != self._font_key:
            self._font_key = base_font.key()
            self._faces = {small: _faces(base_font, small=small) for small in (False, True)}
            self._cut.clear()
            self._widths.clear()
        return self._faces[compact]

    def fits(self, line: str, base_font: QFont, area: QRect, face: Card) -> bool:
        """Whether a one-row card's one line shows whole beside its badge and marks."""
        metrics = self.faces(base_font, compact=False)[0][1]
        width = self.width_of(line, base_font, small=False, bold=True)
        badge = _late_badge_text(face, narrow=area.width() < _NARROW_CARD)
        if badge is not None:
            width += metrics.horizontalAdvance(badge) + 14
        if face.alert_marks:
            width += metrics.horizontalAdvance(face.alert_marks) + 6
        return width <= area.width()

    def width_of(self, line: str, base_font: QFont, *, small: bool, bold: bool) -> int:
        """The pixels a card line takes, whole."""
        key = (line, small, bold)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= _MOST_CUT_LINES:
                self._widths.clear()
            metrics = self.faces(base_font, compact=small)[0 if bold else 1][1]
            width = self._widths[key] = metrics.horizontalAdvance(line)
        return width

    def draw_lines(
        self,
        painter: QPainter,
        area: QRect,
        lines: tuple[str, ...],
        base_font: QFont,
        line_widths: dict[int, int],
        *,
        small: bool,
    ) -> None:
        """The first line in bold, the rest plain, each cut with "…" to fit (`line_widths`
        narrows a line beside a badge); as many as fit."""
        bold, plain = self.faces(base_font, compact=small)
        top = area.top()
        for number, line in enumerate(lines):
            font, metrics = bold if number == 0 else plain
            if number > 0 and top + metrics.height() > area.bottom() + 1:
                break
            width = line_widths.get(number, area.width())
            key = (line, number == 0, small, width)
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


Faces = tuple[tuple[QFont, QFontMetrics], tuple[QFont, QFontMetrics]]  # bold, plain


def compact_font(base_font: QFont) -> QFont:
    """The smaller size a one-row card's two lines are set in: 1.5 points under the view's,
    no smaller than 7 points."""
    font = QFont(base_font)
    if base_font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, base_font.pointSizeF() - 1.5))
    else:  # a font sized in pixels
        font.setPixelSize(max(9, round(base_font.pixelSize() * 0.83)))
    return font


def slot_row_height(base_font: QFont) -> int:
    """A 15-minute row's height: 26 pixels, or what a one-row card's two small lines need (in
    its card, inset a pixel above and two below) where the font is larger."""
    bold = compact_font(base_font)
    bold.setBold(True)
    return max(26, 2 * QFontMetrics(bold).height() + 3)


def _faces(base_font: QFont, *, small: bool) -> Faces:
    sized = compact_font(base_font) if small else base_font
    bold, plain = QFont(sized), QFont(sized)
    bold.setBold(True)
    plain.setBold(False)
    return (bold, QFontMetrics(bold)), (plain, QFontMetrics(plain))


# Below this, the late badge says "+12 min" for "12 min late": the card's words need the room.
_NARROW_CARD = 160


def _paint_alert_marks(
    painter: QPainter,
    area: QRect,
    face: Card,
    line_count: int,
    line_widths: dict[int, int],
    bold: tuple[QFont, QFontMetrics],
    words: list[int] | None,
) -> dict[int, int]:
    """The client's alert marks at the right of the first line the late badge left free (the
    name's, or the service's); that line made narrower for them. On a one-row card's two short
    lines (`words`: the width each line's words need), at the right of the first line with room
    for them beside its words whole. None where no line has room: the details still say them."""
    font, metrics = bold
    width = metrics.horizontalAdvance(face.alert_marks) + 4
    if words is None:
        line = 0 if 0 not in line_widths else 1
    else:
        roomy = [
            number
            for number, needed in enumerate(words)
            if needed + width + 2 <= line_widths.get(number, area.width())
        ]
        line = roomy[0] if roomy else line_count
    if (line + 1) * metrics.height() > area.height() + 1 or line >= line_count:
        return {}
    box = QRect(area.right() - width + 1, area.top() + line * metrics.height(), width,
                metrics.height())  # fmt: skip
    painter.setPen(LATE_TEXT)
    painter.setFont(font)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     face.alert_marks)  # fmt: skip
    return {line: line_widths.get(line, area.width()) - width - 2}


def _late_badge_text(face: Card, *, narrow: bool) -> str | None:
    if face.not_arrived:
        return "Not here" if narrow else "Did not arrive"
    if face.minutes_late is None:
        return None
    return f"+{face.minutes_late} min" if narrow else f"{face.minutes_late} min late"


def _paint_late_badge(
    painter: QPainter,
    area: QRect,
    text: str,
    bold: tuple[QFont, QFontMetrics],
    *,
    name_line_only: bool,
) -> tuple[int, QRect]:
    """A small white pill with the minutes late in bold amber, at the right of the name line, or
    of the service line when the name would be squeezed (a narrow week column) and the card is
    tall enough (and its second line is not the only one with the service and time); the line it
    is on, and its rectangle."""
    font, metrics = bold
    width = metrics.horizontalAdvance(text) + 10
    fits_two_lines = area.height() >= 2 * metrics.height() and not name_line_only
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
