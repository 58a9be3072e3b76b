"""Moving in the money owed to clients: gift cards with what is left on them, and account credit,
each as an opening entry of its ledger; never twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medspa_desk.domain.import_columns import ImportKind, guess_mapping
from medspa_desk.domain.import_problems import ProblemKind
from medspa_desk.services.clients.records import ClientEdit, create_client
from medspa_desk.services.clients.standing import credit_balance
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.moving_in.import_files import read_import_file
from medspa_desk.services.moving_in.import_plan import ImportChoices, RowAction
from medspa_desk.services.moving_in.imports import run_import
from medspa_desk.services.till.gift_cards import gift_card_balance
from medspa_desk.storage.models import AccountCreditEntry, ImportBatch
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry
from tests.services.conftest import count_rows, fetch, one
from tests.services.export_files import write_csv, write_xlsx


@pytest.fixture
def manager(desk, clinic):
    return replace(desk, staff_id=clinic.amber)


def _import(desk, kind, path):
    table = read_import_file(path)
    return run_import(desk, kind, table, ImportChoices(guess_mapping(kind, table.headers)))


def test_gift_cards_come_in_with_their_balances_as_opening_entries(manager, tmp_path):
    path = write_csv(
        tmp_path / "gift-cards.csv",
        ["Gift Card Number", "Remaining Balance", "Issue Date"],
        [
            ["GC-10023", "$150.00", "11/28/2025"],
            ["abcd efgh jkmn pqrs", "75.5", ""],
            ["GC-10024", "$0.00", "1/1/2026"],  # spent: nothing to bring over
            ["GC-10023", "$20.00", ""],  # the same code again
            ["GC-10025", "ten", ""],
            ["", "$5.00", ""],
            ["4111 1111 1111 1111", "$50.00", ""],  # a payment card's number, never kept
        ],
    )
    result = _import(manager, ImportKind.GIFT_CARDS, path)
    assert result.summary == "2 added, 0 merged, 0 already imported, 5 skipped"
    first = gift_card_balance(manager, "gc-10023")
    assert (first.code, first.balance_cents, first.issued_at.date()) == (
        "GC10023",
        15000,
        date(2025, 11, 28),
    )
    assert gift_card_balance(manager, "ABCD-EFGH-JKMN-PQRS").balance_cents == 7550
    with pytest.raises(DeskRefusal):
        gift_card_balance(manager, "4111111111111111")
    batch = one(manager, ImportBatch)
    entries = fetch(manager, GiftCardEntry)
    assert {(e.amount_cents, e.sale_id, e.import_batch_id) for e in entries} == {
        (15000, None, batch.id),
        (7550, None, batch.id),
    }
    why = {row.row_number: (row.action, [p.kind for p in row.problems]) for row in result.plan.rows}
    assert why[4] == (RowAction.SKIP, [])
    assert why[5] == (RowAction.SKIP, [ProblemKind.CODE_IN_USE])
    assert why[6] == (RowAction.SKIP, [ProblemKind.UNREADABLE_VALUE])
    assert why[7] == (RowAction.SKIP, [ProblemKind.UNREADABLE_VALUE])
    assert why[8] == (RowAction.SKIP, [ProblemKind.CARD_NUMBER])
    assert "4111" not in str(result.plan)


def test_gift_cards_imported_again_are_left_as_the_till_has_them(manager, tmp_path):
    path = write_xlsx(tmp_path / "cards.xlsx", ["Code", "Balance"], [["GC-1", 100.0], ["GC-2", 40]])
    _import(manager, ImportKind.GIFT_CARDS, path)
    before = count_rows(manager, GiftCardEntry), count_rows(manager, ImportBatch)
    again = _import(manager, ImportKind.GIFT_CARDS, path)
    assert again.batch_id is None
    assert again.summary == "0 added, 0 merged, 2 already imported, 0 skipped"
    assert (count_rows(manager, GiftCardEntry), count_rows(manager, ImportBatch)) == before
    assert gift_card_balance(manager, "GC-1").balance_cents == 10000


def test_a_code_this_till_issued_is_not_taken_over(manager, tmp_path):
    with manager.db.writing() as session:
        session.add(GiftCard(code="GC7", issued_at=manager.clock.now(), initial_cents=500))
    result = _import(
        manager,
        ImportKind.GIFT_CARDS,
        write_csv(tmp_path / "g.csv", ["Code", "Balance"], [["GC-7", "9"]]),
    )
    assert [p.kind for p in result.plan.problems] == [ProblemKind.CODE_IN_USE]
    assert count_rows(manager, GiftCardEntry) == 0


def test_account_credit_finds_its_clients_by_old_id_email_or_phone(manager, tmp_path, clinic):
    clients = write_csv(
        tmp_path / "clients.csv",
        ["Client ID", "First Name", "Last Name"],
        [["MB-1", "Ada", "Lovelace"]],
    )
    _import(manager, ImportKind.CLIENTS, clients)
    grace = create_client(manager, ClientEdit("Grace", "Hopper", email="grace@example.com"))
    linus = create_client(manager, ClientEdit("Linus", "Pauling", phone="(406) 555-0133"))
    create_client(manager, ClientEdit("Marie", "Curie", email="marie@example.com"))
    path = write_csv(
        tmp_path / "credit.csv",
        ["Client ID", "Email", "Phone", "Account Balance"],
        [
            ["MB-1", "", "", "$25.00"],
            ["", "GRACE@example.com", "", "10"],
            ["", "", "406.555.0133", "$1,200.00"],
            ["MB-404", "", "", "$5.00"],  # nobody here
            ["MB-1", "", "", "$25.00"],  # twice in the file: once only
            ["", "marie@example.com", "", "-$3.00"],  # owed to the clinic: not credit
        ],
    )
    result = _import(manager, ImportKind.CREDIT, path)
    assert result.summary == "3 added, 0 merged, 0 already imported, 3 skipped"
    ada = one(manager, AccountCreditEntry, amount_cents=2500)
    with manager.db.reading() as session:
        assert credit_balance(session, ada.client_id) == 2500
        assert credit_balance(session, grace) == 1000
        assert credit_balance(session, linus) == 120000
    assert ada.reason == "Opening balance, imported from credit.csv on 2026-06-10"
    assert ada.import_batch_id == result.batch_id and ada.by_staff_id == clinic.amber
    kinds = [p.kind for p in result.plan.problems]
    assert kinds == [
        ProblemKind.UNKNOWN_CLIENT,
        ProblemKind.DUPLICATE_IN_FILE,
        ProblemKind.UNREADABLE_VALUE,
    ]
    again = _import(manager, ImportKind.CREDIT, path)
    assert again.batch_id is None and again.plan.count(RowAction.UNCHANGED) == 4
    with manager.db.reading() as session:
        assert credit_balance(session, ada.client_id) == 2500
