"""The desk's one action path: a refusal is said once and tells no view; a change done is said to
every view, after the view that acted has shown its result."""

from datetime import datetime, time

import pytest

from medspa_desk.services.booking.check_in import LateDecisionNeeded, check_in
from medspa_desk.services.clients.records import ClientRefused, NewClient, create_client
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from tests.ui.conftest import DAY, ZONE, book


def _listened(actions: DeskActions) -> tuple[list, list]:
    heard, refused = [], []
    actions.books_changed.connect(heard.append)
    actions.refused.connect(refused.append)
    return heard, refused


def test_a_refused_action_is_said_once_and_no_view_hears_of_a_change(qtbot, desk, clinic):
    actions = DeskActions()
    heard, refused = _listened(actions)
    cancelled = clinic.appointments["Emily at 13:00"]
    done = actions.run(lambda: check_in(desk, cancelled), BooksChanged.of(appointments=[cancelled]))
    assert done is False
    assert len(refused) == 1 and "Emily" in refused[0]
    assert heard == []


def test_a_refusal_shown_beside_the_input_goes_there_and_not_to_the_window(qtbot, desk, clinic):
    actions = DeskActions()
    heard, refused = _listened(actions)
    beside = []
    cancelled = clinic.appointments["Emily at 13:00"]
    actions.run(lambda: check_in(desk, cancelled), BooksChanged(), refuse_here=beside.append)
    assert len(beside) == 1 and refused == [] and heard == []


def test_a_change_done_is_shown_by_the_view_that_acted_then_told_to_every_view(
    qtbot, desk, db, clinic
):
    visit = book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=DAY,
        starts=time(10, 30),
        minutes=60,
    )
    actions = DeskActions()
    order = []
    actions.books_changed.connect(lambda changed: order.append(("told", changed)))
    done = actions.run(
        lambda: check_in(desk, visit),
        lambda result: BooksChanged.of(appointments=[result.appointment_id], days=[DAY]),
        lambda result: order.append(("shown", result.message)),
    )
    assert done is True
    assert order == [
        ("shown", "Checked in."),
        (
            "told",
            BooksChanged(appointment_ids=frozenset({visit}), appointment_days=frozenset({DAY})),
        ),
    ]
    assert BooksChanged.of(appointments=[None], clients=[None]) == BooksChanged()
    told = order[1][1]
    assert told.touches_days(DAY, DAY)
    assert not told.touches_days(DAY.replace(day=26), DAY.replace(day=27))


def test_a_late_check_in_is_a_question_that_run_lets_through(qtbot, desk, clinic):
    actions = DeskActions()
    heard, refused = _listened(actions)
    desk.clock.set(datetime.combine(DAY, time(10, 30), tzinfo=ZONE))
    late = clinic.appointments["José at 10:00"]
    with pytest.raises(LateDecisionNeeded) as asked:
        actions.run(lambda: check_in(desk, late), BooksChanged.of(appointments=[late]))
    assert not isinstance(asked.value, DeskRefusal)
    assert asked.value.check.appointment_id == late
    assert heard == [] and refused == []


def test_refuse_here_is_handed_the_refusal_itself(qtbot, desk):
    actions = DeskActions()
    beside: list = []
    actions.run(
        lambda: create_client(desk, NewClient(first_name="", last_name="Reyes")),
        BooksChanged(),
        refuse_here=beside.append,
    )
    assert len(beside) == 1 and isinstance(beside[0], ClientRefused)
    assert "first_name" in beside[0].problems
