"""The till of tests/services/checkout_fixtures (staff, menu, shelf, clients with visits today, a
deposit held, a fee owed, account credit, a gift card), with the menu linked to its providers,
and the checkout view over it: work runs at once, and the print and save dialogs are answered by
the test (a PDF file in the test's folder) instead of waiting for a person.

tests/ui/conftest.py offers its fixtures (`checkout`, `till`, `answers`) to every UI test.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Service, Staff
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.checkout.sale_view import SaleView
from tests.services.checkout_fixtures import NOW, Till, seed
from tests.ui.conftest import find, named


@dataclass
class Answers:
    """How the test answers the print and save dialogs: every printer chosen prints to a PDF file
    in `folder`, every file asked for is in `folder`; what was asked is kept."""

    folder: Path
    printed: list[Path] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)

    def ask_printer(
        self, printer: QPrinter, _parent: QWidget, _title: str, then: Callable[[], None]
    ) -> None:
        path = self.folder / f"printed-{len(self.printed) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.printed.append(path)
        then()

    def ask_file(self, _parent: QWidget, file_name: str, then: Callable[[str], None]) -> None:
        path = self.folder / file_name
        self.saved.append(path)
        then(str(path))


@pytest.fixture(scope="session")
def checkout_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("checkout_till") / "template.sqlite3"
    db = open_database(path)
    ids = seed(db)
    with db.writing() as session:  # who performs what, for "Add service"
        neurotoxin, facial = session.get(Service, ids.neurotoxin), session.get(Service, ids.facial)
        session.get(Staff, ids.ava).services = [neurotoxin, facial]
        session.get(Staff, ids.mia).services = [facial]
    db.close()
    return path, ids


@pytest.fixture
def till(checkout_template, tmp_path) -> Till:
    template, ids = checkout_template
    path = tmp_path / "clinic.sqlite3"
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    db = open_database(path)
    clock = FixedClock(NOW)
    yield Till(Desk(db, load_settings(db), clock, staff_id=ids.riley), ids, clock)
    db.close()


@pytest.fixture
def answers(tmp_path) -> Answers:
    folder = tmp_path / "out"
    folder.mkdir()
    return Answers(folder)


@pytest.fixture
def checkout(qtbot, till, answers) -> SaleView:
    view = SaleView(
        till.desk, runner=run_at_once, ask_printer=answers.ask_printer, ask_file=answers.ask_file
    )
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


# What a person does at the screen, found the way they find it: by name.


def scan(qtbot, view, text: str) -> None:
    box = find(view, "Scan or search product", QLineEdit)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def click(qtbot, root, name: str) -> None:
    qtbot.mouseClick(find(root, name, QPushButton), Qt.MouseButton.LeftButton)


def text_of(root, name: str) -> str:
    return named(root, name).text()  # a message may be hidden while it says nothing


def pay_cash(qtbot, view, given: str) -> None:
    click(qtbot, view, "Cash")
    field = find(view, "Cash given", QLineEdit)
    field.clear()
    qtbot.keyClicks(field, given)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def pay_card(qtbot, view, amount: str, last_four: str = "4242", approval: str = "A1B2C3") -> None:
    click(qtbot, view, "Card")
    for name, text in (
        ("Card payment amount", amount),
        ("Card payment last four", last_four),
        ("Card payment approval code", approval),
    ):
        field = find(view, name, QLineEdit)
        field.clear()
        qtbot.keyClicks(field, text)
    click(qtbot, view, "Add card")
