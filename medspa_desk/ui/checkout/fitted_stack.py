"""A stack of small forms that is as tall as the form shown.

Qt's QStackedWidget is as large as its largest page, so a closed form would still hold the room
of the tallest one; here the pages not shown ask for no room (QStackedLayout leaves pages whose
size policy is Ignored out of its size), and the empty page takes none.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget


class FittedStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._fit)

    def addWidget(self, page: QWidget) -> int:
        index = super().addWidget(page)
        self._fit(self.currentIndex())
        return index

    def _fit(self, shown: int) -> None:
        for index in range(self.count()):
            policy = QSizePolicy.Policy.Preferred if index == shown else QSizePolicy.Policy.Ignored
            self.widget(index).setSizePolicy(policy, policy)
        self.updateGeometry()
        # Lay the form out now, not on the next turn of the event loop, so it has its room before
        # the first key (or a test's click) reaches it: each layout from the window's inwards,
        # since an inner widget whose size did not change is not laid out again by its parent.
        chain = []
        widget = self
        while widget is not None:
            chain.append(widget)
            widget = widget.parentWidget()
        for widget in reversed(chain):
            if widget.layout() is not None:
                widget.layout().activate()
