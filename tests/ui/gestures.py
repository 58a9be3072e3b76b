"""What a person does with the mouse on the calendar and its headings, made of the events the
window system sends: a double-click, a right-click that opens a menu, a press-move-release drag,
and a click on a menu's entry. No slot or event handler of a view is called, and no signal emitted,
by hand: every event goes through the application to the widget under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTabWidget,
    QToolButton,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton


def cell_centre(view: QAbstractItemView, index: QModelIndex) -> QPoint:
    return view.visualRect(index).center()


def double_click_heading(qtbot, heading: QHeaderView, section: int) -> None:
    """A double-click on the middle of a column's heading."""
    middle = QPoint(
        heading.sectionViewportPosition(section) + heading.sectionSize(section) // 2,
        heading.height() // 2,
    )
    qtbot.mouseDClick(heading.viewport(), LEFT, pos=middle)


def right_click(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    """A right-click on a cell: the button pressed and let go there, then the context-menu event
    the window system follows it with (QTest's mouse events go straight to the widget, so the
    window that would make that event from them never sees them)."""
    where = cell_centre(view, index)
    viewport = view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=where)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)


def open_menu(root: QWidget, name: str) -> QMenu:
    """The menu named `name` that is open on the screen now."""
    menus = [
        menu
        for menu in root.findChildren(QMenu)
        if menu.accessibleName() == name and menu.isVisible()
    ]
    assert len(menus) == 1, f"expected one open menu named {name!r}, found {len(menus)}"
    return menus[0]


def choose(qtbot, menu: QMenu, text: str) -> None:
    """A click on the menu's entry that reads `text` (it must be there and enabled)."""
    entries = [action for action in menu.actions() if action.text() == text]
    assert len(entries) == 1, f"no entry {text!r} in {[a.text() for a in menu.actions()]}"
    assert entries[0].isEnabled(), f"the entry {text!r} is greyed out"
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(entries[0]).center())


def drag(qtbot, view: QAbstractItemView, source: QModelIndex, target: QModelIndex) -> QDropEvent:
    """Press on `source`, move past the drag distance towards `target`, and let go on it; the drop.

    The press and moves are real mouse events: the press selects the booking and the move starts
    the view's own drag. On a desktop, Qt then hands the drag to the window system, which sends
    the view drag-enter, drag-move and drop events as the pointer travels; Qt's offscreen platform
    (the tests' screen) ends every drag at once instead (QOffscreenDrag), so here those three
    events are sent the way the window system sends them, through the application, carrying what
    the view's own model packs for the cells the press selected."""
    viewport = view.viewport()
    start, end = cell_centre(view, source), cell_centre(view, target)
    past = QPoint(start.x(), start.y() + QApplication.startDragDistance() + 2)
    QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, past)
    carried = view.model().mimeData(view.selectionModel().selectedIndexes())
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    no_keys = Qt.KeyboardModifier.NoModifier
    entering = QDragEnterEvent(past, actions, carried, LEFT, no_keys)
    QApplication.sendEvent(viewport, entering)
    assert entering.isAccepted(), "the calendar refused to take the drag at all"
    QApplication.sendEvent(viewport, QDragMoveEvent(end, actions, carried, LEFT, no_keys))
    drop = QDropEvent(QPointF(end), Qt.DropAction.MoveAction, carried, LEFT, no_keys)
    QApplication.sendEvent(viewport, drop)
    QTest.mouseRelease(viewport, LEFT, no_keys, end)
    return drop


def choose_from_button_menu(qtbot, button: QToolButton, text: str) -> None:
    """A click on a button that drops down a menu, then a click on the entry that reads `text`.

    The button holds its menu open in a loop of its own until an entry is chosen, so the click
    on the entry is queued before the button is pressed."""
    chosen = []

    def click_the_entry() -> None:
        menu = button.menu()
        assert menu.isVisible(), f"pressing {button.accessibleName()!r} opened no menu"
        choose(qtbot, menu, text)
        chosen.append(text)

    QTimer.singleShot(0, click_the_entry)
    qtbot.mouseClick(button, LEFT)
    assert chosen == [text], f"{text!r} was not chosen from the menu of {button.accessibleName()!r}"


def open_section(qtbot, tabs: QTabWidget, title: str) -> None:
    """A click on the tab that reads `title`."""
    bar = tabs.tabBar()
    titles = [bar.tabText(i) for i in range(bar.count())]
    matching = [i for i, text in enumerate(titles) if text.split(" (")[0] == title]
    assert len(matching) == 1, f"no tab {title!r} in {titles}"
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(matching[0]).center())
    assert tabs.currentIndex() == matching[0]


def go_to(qtbot, widget: QWidget) -> None:
    """Bring `widget` on screen the way a person does: a click on the tab of each section it
    sits in, outermost first."""
    pages = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for index in range(parent.count()):
                page = parent.widget(index)
                if page is widget or page.isAncestorOf(widget):
                    pages.append((parent, index))
        parent = parent.parentWidget()
    for tabs, index in reversed(pages):
        if tabs.currentIndex() != index:
            bar = tabs.tabBar()
            qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
            assert tabs.currentIndex() == index
