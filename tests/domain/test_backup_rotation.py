from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.backup_rotation import backups_to_keep

DENVER = ZoneInfo("America/Denver")
START = datetime(2025, 1, 1, 15, tzinfo=UTC)


def every_four_hours(days: int) -> list[datetime]:
    return [START + timedelta(hours=4 * n) for n in range(days * 6)]


def test_a_year_of_backups_every_four_hours_keeps_about_thirty():
    taken = every_four_hours(400)
    kept = backups_to_keep(taken, DENVER, daily=14, weekly=8, monthly=12)
    assert 25 <= len(kept) <= 34
    assert max(taken) in kept
    local_days = {t.astimezone(DENVER).date() for t in kept}
    newest_day = max(taken).astimezone(DENVER).date()
    assert all(newest_day - timedelta(days=n) in local_days for n in range(14))
    months = {(t.astimezone(DENVER).year, t.astimezone(DENVER).month) for t in kept}
    assert len(months) >= 12


def test_the_newest_of_each_day_is_the_one_kept():
    taken = [START + timedelta(hours=h) for h in (0, 2, 4)]  # one local day
    assert backups_to_keep(taken, DENVER, daily=14, weekly=0, monthly=0) == {taken[-1]}


def test_a_desk_switched_off_for_months_keeps_its_old_backups():
    taken = every_four_hours(20)  # then nothing for months: periods count from the newest backup
    kept = backups_to_keep(taken, DENVER, daily=14, weekly=8, monthly=12)
    assert len({t.astimezone(DENVER).date() for t in kept}) >= 14


def test_nothing_to_keep_from_nothing():
    assert backups_to_keep([], DENVER, daily=14, weekly=8, monthly=12) == set()


@given(st.lists(st.integers(0, 60 * 24 * 400), min_size=1, max_size=200, unique=True))
def test_kept_is_a_subset_with_the_newest_and_bounded(minutes):
    taken = [START + timedelta(minutes=m) for m in minutes]
    kept = backups_to_keep(taken, DENVER, daily=14, weekly=8, monthly=12)
    assert kept <= set(taken)
    assert max(taken) in kept
    assert len(kept) <= 1 + 14 + 8 + 12  # recent defaults to the newest alone


def test_the_last_few_are_kept_even_from_one_day():
    taken = [START + timedelta(hours=h) for h in range(0, 12, 2)]  # six backups in one local day
    kept = backups_to_keep(taken, DENVER, recent=4, daily=14, weekly=8, monthly=12)
    assert kept == set(taken[-4:])
