"""The client's profile beside the search: opened from the keyboard, showing what the desk must
notice, the visits and the purchases; the view's own shortcuts; every dialog named."""

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTabWidget
from sqlalchemy import event
from sqlalchemy.engine.interfaces import CacheStats

from medspa_desk.storage.models import AccountCreditEntry
from medspa_desk.ui.main_window import load_style_sheet
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import NOW, book, find, named


def _search(qtbot, view, text: str) -> None:
    box = find(view, "Search clients")
    box.clear()
    qtbot.keyClicks(box, text)


def _table(view, name: str) -> list[tuple[str, ...]]:
    model = named(view, name).model()
    return [
        tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def _alerts(view) -> list[str]:
    return [chip.text() for chip in find(view, "Client alerts").findChildren(QLabel)]


def test_before_a_client_is_opened_the_profile_says_how(clients_view):
    assert find(clients_view, "No client open").isVisible()
    assert not named(clients_view, "Profile sections").isVisible()


def test_searching_nunez_and_pressing_enter_opens_his_profile(qtbot, clients_view, jose):
    _search(qtbot, clients_view, "nunez")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Return)

    assert find(clients_view, "Client name").text() == "José Núñez"
    assert find(clients_view, "Client number").text() == f"Client #{jose.client_id}"
    assert _alerts(clients_view) == [
        "3 no-shows or late cancellations: prepayment required",
        "Card on file expired: Visa ending 4242, 10/2026",
        "Fees owed $75.00",
        "Account credit $25.00",
    ]
    assert _table(clients_view, "Upcoming appointments") == [
        (
            "Wed Nov 25, 2026",
            "10:00–10:45 AM",
            "Neurotoxin",
            "Ava Thompson",
            "Confirmed",
            "$100.00",
        ),
        ("Wed Dec 2, 2026", "11:00–11:45 AM", "Neurotoxin", "Ava Thompson", "Booked", "$100.00"),
    ]
    assert [
        (day, status) for day, _, _, _, status, _ in _table(clients_view, "Past appointments")
    ] == [
        ("Wed Oct 14, 2026", "No-show"),
        ("Wed Sep 9, 2026", "Completed"),
        ("Wed Aug 5, 2026", "No-show"),
        ("Wed Jul 1, 2026", "Late-cancelled"),
    ]


def test_the_overview_shows_contact_card_and_balances(qtbot, clients_view, jose):
    clients_view.open_client(jose.client_id)
    assert find(clients_view, "Client phone").text() == "(406) 555-1234"
    assert find(clients_view, "Client email").text() == "jose.nunez@example.com"
    assert find(clients_view, "Client birthday").text() == "—"
    assert find(clients_view, "Card on file").text() == "Visa ending 4242, expired 10/2026"
    assert "4242424242" not in find(clients_view, "Card on file").text()
    assert find(clients_view, "Client account credit").text() == "$25.00"
    assert find(clients_view, "Client fees owed").text() == "$75.00"
    assert find(clients_view, "Client strikes").text() == "3: prepayment required"


def test_purchases_list_receipts_with_the_voided_one_marked(clients_view, jose):
    clients_view.open_client(jose.client_id)
    assert _table(clients_view, "Purchases") == [
        ("#2", "Sep 9, 2026", "Hydrating serum", "$42.00", "Voided"),
        ("#1", "Sep 9, 2026", "Neurotoxin: forehead", "$450.00", "Paid"),
    ]
    assert (
        named(clients_view, "Purchases total").text()
        == "Spent with the clinic: $450.00 (voided sales left out)"
    )


def test_arrows_move_through_the_results_and_enter_opens_the_one_chosen(qtbot, clients_view, jose):
    results = find(clients_view, "Client results")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Down)
    qtbot.waitUntil(results.hasFocus)
    qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert find(clients_view, "Client name").text() == "José Núñez"  # the second, alphabetically
    assert results.currentIndex().row() == 1


def test_up_from_the_first_result_goes_back_to_the_search_box(qtbot, clients_view):
    results = find(clients_view, "Client results")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Down)
    qtbot.waitUntil(results.hasFocus)
    qtbot.keyClick(results, Qt.Key.Key_Up)
    qtbot.waitUntil(find(clients_view, "Search clients").hasFocus)


def test_ctrl_f_goes_back_to_the_search_with_its_text_chosen(qtbot, clients_view, jose):
    _search(qtbot, clients_view, "nunez")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Return)
    find(clients_view, "Profile sections").setFocus()
    qtbot.keyClick(
        find(clients_view, "Profile sections"), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    box = find(clients_view, "Search clients", QLineEdit)
    qtbot.waitUntil(box.hasFocus)
    assert box.selectedText() == "nunez"


def test_coming_back_to_the_clients_view_shows_what_changed_meanwhile(
    qtbot, window, db, clinic, jose
):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    _search(qtbot, window, "nunez")
    qtbot.keyClick(find(window, "Search clients"), Qt.Key.Key_Return)
    assert named(window, "Upcoming appointments").model().rowCount() == 2
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    book(
        db,
        client=jose.client_id,
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=date(2026, 12, 9),
        starts=time(9),
        minutes=60,
    )
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert named(window, "Upcoming appointments").model().rowCount() == 3


def test_ctrl_n_adds_a_client_in_the_clients_view_and_books_in_the_calendar(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(find(window, "Search clients").hasFocus)
    qtbot.keyClick(
        find(window, "Search clients"), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    form = find(window, "New client form", QDialog)
    assert form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    grid = find(window, "Day calendar")
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(20, 1))  # a free slot
    qtbot.keyClick(grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    booking = find(window, "Book appointment", QDialog)
    assert booking.isVisible()
    assert [
        d
        for d in window.findChildren(QDialog)
        if d.accessibleName() == "New client form" and d.isVisible()
    ] == []


def test_a_new_client_starts_from_the_search_that_did_not_find_them(qtbot, clients_view):
    _search(qtbot, clients_view, "Maria Lopez")
    qtbot.waitUntil(lambda: find(clients_view, "Client results").model().rowCount() == 0)
    qtbot.keyClick(
        find(clients_view, "Search clients"), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    form = find(clients_view, "New client form", QDialog)
    assert find(form, "First name", QLineEdit).text() == "Maria"
    assert find(form, "Last name", QLineEdit).text() == "Lopez"


def _open_each_dialog(qtbot, view):
    profile = view.profile
    yield profile.edit_client()
    yield view.open_new_client()
    yield profile.add_card()
    yield profile.merge_duplicate()
    yield named(view, "Privacy actions").open_anonymize()
    qtbot.mouseClick(find(view, "Record SMS reply", QPushButton), Qt.MouseButton.LeftButton)
    yield find(view, "SMS reply", QDialog)


def test_every_dialog_names_every_widget_and_closes_on_escape(qtbot, clients_view, jose):
    clients_view.open_client(jose.client_id)
    find(clients_view, "Profile sections", QTabWidget).setCurrentIndex(4)  # Consent, for its button
    names = []
    for dialog in _open_each_dialog(qtbot, clients_view):
        names.append(dialog.accessibleName())
        assert dialog.isVisible()
        assert unnamed_widgets(dialog) == []
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    assert names == [
        "Edit client form",
        "New client form",
        "Card on file form",
        "Merge records",
        "Delete personal data",
        "SMS reply",
    ]


def test_every_part_of_an_open_profile_is_named(clients_view, jose):
    clients_view.open_client(jose.client_id)
    assert unnamed_widgets(clients_view) == []


def test_the_profile_sections_read_as_the_desk_expects(clients_view, jose):
    clients_view.open_client(jose.client_id)
    sections = find(clients_view, "Profile sections", QTabWidget)
    assert [sections.tabText(index) for index in range(sections.count())] == [
        "Overview",
        "Appointments (6)",
        "Purchases (2)",
        "Notes",
        "Consent",
        "History",
        "Privacy",
    ]


def test_the_first_profile_opened_finds_its_reads_prepared_while_the_view_was_idle(
    qtbot, clients_view, desk, jose
):
    """The view, once painted and idle, runs the profile's reads for nobody: the first profile
    opened compiles no statement (SQLAlchemy compiles each the first time it runs)."""
    compiled = []

    def listener(_connection, _cursor, statement, _parameters, context, _many) -> None:
        if context.cache_hit is CacheStats.CACHE_MISS:
            compiled.append(statement)

    qtbot.waitUntil(lambda: not clients_view.profile.first_profile_unprepared)
    event.listen(desk.db.engine, "before_cursor_execute", listener)
    try:
        clients_view.open_client(jose.client_id)
    finally:
        event.remove(desk.db.engine, "before_cursor_execute", listener)
    assert find(clients_view, "Client name").text() == "José Núñez"
    assert compiled == []


def test_values_needing_attention_turn_red_and_back_from_one_client_to_the_next(
    clients_view, clinic, jose
):
    clients_view.setStyleSheet(load_style_sheet())  # on the view: other tests stay unstyled

    def red() -> list[str]:
        return [
            name
            for name in ("Card on file", "Client fees owed", "Client strikes")
            if find(clients_view, name, QLabel).palette().color(QPalette.ColorRole.WindowText)
            == QColor("#b42318")
        ]

    clients_view.open_client(jose.client_id)  # an expired card, $75 owed, three strikes
    assert red() == ["Card on file", "Client fees owed", "Client strikes"]
    clients_view.open_client(clinic.clients["Sarah O'Brien"])
    assert red() == []
    clients_view.open_client(jose.client_id)
    assert red() == ["Card on file", "Client fees owed", "Client strikes"]


def test_the_alerts_follow_the_client_open_from_one_to_the_next(clients_view, clinic, jose):
    joses = [
        "3 no-shows or late cancellations: prepayment required",
        "Card on file expired: Visa ending 4242, 10/2026",
        "Fees owed $75.00",
        "Account credit $25.00",
    ]
    clients_view.open_client(jose.client_id)
    assert _alerts(clients_view) == joses
    clients_view.open_client(clinic.clients["Sarah O'Brien"])
    assert not named(clients_view, "Client alerts").isVisible()
    assert named(clients_view, "Client alerts").findChildren(QLabel) == []
    clients_view.open_client(jose.client_id)
    assert _alerts(clients_view) == joses
    chips = find(clients_view, "Client alerts").findChildren(QLabel)
    assert [chip.property("kind") for chip in chips] == [
        "strikes",
        "card_expired",
        "fees_owed",
        "credit",
    ]
    assert [chip.accessibleName() for chip in chips] == [f"Alert: {text}" for text in joses]
    assert all(chip.isVisible() for chip in chips)


def test_an_alert_keeps_the_colours_of_its_kind_from_one_client_to_the_next(
    clients_view, clinic, db, jose
):
    clients_view.setStyleSheet(load_style_sheet())  # on the view: other tests stay unstyled
    sarah = clinic.clients["Sarah O'Brien"]
    with db.writing() as session:  # her one alert: a credit, in green
        session.add(AccountCreditEntry(client_id=sarah, amount_cents=1000, at=NOW, reason="Gift"))

    def first_chip() -> tuple[str, str]:
        chip = find(clients_view, "Client alerts").findChildren(QLabel)[0]
        return chip.text(), chip.palette().color(QPalette.ColorRole.WindowText).name()

    clients_view.open_client(jose.client_id)
    assert first_chip() == ("3 no-shows or late cancellations: prepayment required", "#b42318")
    clients_view.open_client(sarah)
    assert first_chip() == ("Account credit $10.00", "#1e6b3a")
    clients_view.open_client(jose.client_id)
    assert first_chip() == ("3 no-shows or late cancellations: prepayment required", "#b42318")


def test_opening_a_profile_is_audited_once_and_rereading_it_is_not(qtbot, desk, clients_view, jose):
    from sqlalchemy import select

    from medspa_desk.storage.models import AuditEntry
    from medspa_desk.ui.desk_actions import BooksChanged

    def looks() -> list[str]:
        with desk.db.reading() as session:
            return list(
                session.scalars(
                    select(AuditEntry.subject).where(AuditEntry.action == "client.viewed")
                )
            )

    _search(qtbot, clients_view, "nunez")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Return)
    assert find(clients_view, "Client name").text() == "José Núñez"
    assert looks() == [f"client:{jose.client_id}"]

    # A change to his record reads the profile again: the same look, not another.
    clients_view.desk_actions.books_changed.emit(
        BooksChanged(client_ids=frozenset({jose.client_id}))
    )
    clients_view.hide()
    clients_view.show()
    assert looks() == [f"client:{jose.client_id}"]
