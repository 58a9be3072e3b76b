"""Reading another system's values: dates as Americans and programs write them, amounts, yes/no,
lengths of time, names, statuses; and which column of an export is which field."""

from datetime import date, datetime, time

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.import_columns import ImportKind, guess_mapping, missing_fields
from medspa_desk.domain.import_values import (
    ValueUnreadable,
    read_cents,
    read_date,
    read_datetime,
    read_minutes,
    read_status,
    read_time,
    read_yes_no,
    split_full_name,
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1985-03-04", date(1985, 3, 4)),
        ("03/04/1985", date(1985, 3, 4)),  # month first: an American export
        ("3/4/85", date(1985, 3, 4)),
        ("25/12/1990", date(1990, 12, 25)),  # no 25th month: day first
        ("March 4, 1985", date(1985, 3, 4)),
        ("4 Mar 1985", date(1985, 3, 4)),
        ("Sept 30, 2001", date(2001, 9, 30)),
        ("1985-03-04 00:00:00", date(1985, 3, 4)),  # a spreadsheet's date cell as text
        ("12/31/26", date(2026, 12, 31)),  # two digits up to the latest year: this century
        ("1/1/27", date(1927, 1, 1)),  # past it: the one before
    ],
)
def test_dates_are_read_as_written(text, day):
    assert read_date(text, latest_year=2026) == day


@pytest.mark.parametrize(
    "text", ["2/30/2020", "13/13/1990", "yesterday", "1985-03-04x", "Smarch 3, 1990"]
)
def test_a_date_that_is_not_one_is_refused_with_what_was_found(text):
    with pytest.raises(ValueUnreadable, match="is not a date"):
        read_date(text, latest_year=2026)


def test_a_start_is_a_date_and_a_time_of_day():
    assert read_datetime("12/14/2026 10:30 AM", latest_year=2036) == datetime(2026, 12, 14, 10, 30)
    assert read_datetime("2026-12-14T14:00:00", latest_year=2036) == datetime(2026, 12, 14, 14)
    assert read_datetime("2026-12-14 2 pm", latest_year=2036) == datetime(2026, 12, 14, 14)
    with pytest.raises(ValueUnreadable, match="no time of day"):
        read_datetime("2026-12-14", latest_year=2036)


def test_times_of_day():
    assert read_time("12:00 AM") == time(0, 0)
    assert read_time("12:30 pm") == time(12, 30)
    assert read_time("23:59") == time(23, 59)
    for wrong in ("24:00", "13 pm", "10:60", "noonish"):
        with pytest.raises(ValueUnreadable):
            read_time(wrong)


def test_amounts_are_read_into_cents():
    assert read_cents("$1,234.50") == 123450
    assert read_cents("1234.5") == 123450
    assert read_cents("(20.00)") == -2000
    assert read_cents("-20") == -2000
    assert read_cents(".05") == 5
    for wrong in ("", "$", "12.345", "ten dollars"):
        with pytest.raises(ValueUnreadable, match="not an amount"):
            read_cents(wrong)


def test_yes_no_and_not_said():
    assert [read_yes_no(t) for t in ("Yes", "TRUE", "1", "opted in")] == [True] * 4
    assert [read_yes_no(t) for t in ("No", "false", "0", "Unsubscribed")] == [False] * 4
    assert read_yes_no("  ") is None  # not said is not a no
    with pytest.raises(ValueUnreadable, match="neither yes nor no"):
        read_yes_no("maybe")


def test_lengths_of_time():
    assert [read_minutes(t) for t in ("60", "60 min", "1h", "1:30", "1 hr 15 min", "90.0")] == [
        60, 60, 60, 90, 75, 90,
    ]  # fmt: skip
    for wrong in ("0", "", "an hour"):
        with pytest.raises(ValueUnreadable):
            read_minutes(wrong)


def test_full_names_are_split_at_the_last_word_or_the_comma():
    assert split_full_name("Zoë  Núñez") == ("Zoë", "Núñez")
    assert split_full_name("Núñez, Zoë") == ("Zoë", "Núñez")
    assert split_full_name("Mary Ann Smith") == ("Mary Ann", "Smith")
    assert split_full_name("Cher") == ("Cher", "")


def test_statuses():
    assert read_status("") is AppointmentStatus.BOOKED
    assert read_status("Confirmed") is AppointmentStatus.CONFIRMED
    assert read_status("No Show") is AppointmentStatus.NO_SHOW
    with pytest.raises(ValueUnreadable, match="status"):
        read_status("Teleported")


def test_common_headers_are_recognised_whatever_their_case_and_punctuation():
    headers = [
        "Client ID",
        "FIRST NAME",
        "last_name",
        "Mobile Phone",
        "Home Phone",
        "E-mail Address",
        "DOB",
    ]
    mapping = guess_mapping(ImportKind.CLIENTS, headers)
    assert mapping == {
        "old_id": 0,
        "first_name": 1,
        "last_name": 2,
        "phone": 3,
        "other_phone": 4,
        "email": 5,
        "birthday": 6,
    }


def test_a_lone_phone_column_is_the_mobile_and_a_column_serves_one_field():
    mapping = guess_mapping(ImportKind.CLIENTS, ["Name", "Phone", "Email"])
    assert mapping == {"full_name": 0, "phone": 1, "email": 2}


def test_what_a_mapping_lacks_is_said():
    assert missing_fields(ImportKind.CLIENTS, ["email"]) == ["a column for First Name or Full Name"]
    assert missing_fields(ImportKind.CLIENTS, ["full_name"]) == []
    assert missing_fields(ImportKind.GIFT_CARDS, ["code"]) == ["a column for Balance"]
