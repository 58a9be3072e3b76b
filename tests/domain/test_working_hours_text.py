"""A provider's day of hours as typed at the desk: one span, a split shift, or a day off."""

from datetime import time

import pytest

from medspa_desk.domain.working_hours import ShiftsInvalid, WorkSpan, spans_as_text, spans_from_text


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", ()),
        ("  ", ()),
        ("9-17", (WorkSpan(time(9), time(17)),)),
        (
            "09:00-13:00, 14:00-17:30",
            (WorkSpan(time(9), time(13)), WorkSpan(time(14), time(17, 30))),
        ),
        ("9 - 13; 14 - 17", (WorkSpan(time(9), time(13)), WorkSpan(time(14), time(17)))),
    ],
)
def test_a_day_typed_reads_as_its_spans(text, spans):
    assert spans_from_text(1, text) == spans


@pytest.mark.parametrize("text", ["9", "9-", "9-17-18", "nine-five", "25:00-26:00", "9:75-10"])
def test_what_is_not_a_span_is_refused_naming_the_day(text):
    with pytest.raises(ShiftsInvalid, match="^Tuesday: .* is not a span of hours") as refused:
        spans_from_text(1, text)
    assert refused.value.weekday == 1


def test_spans_are_written_back_in_order():
    spans = (WorkSpan(time(14), time(17)), WorkSpan(time(9), time(13)))
    assert spans_as_text(spans) == "09:00-13:00, 14:00-17:00"
    assert spans_from_text(0, spans_as_text(spans)) == tuple(sorted(spans))
