"""When a failed send is tried again, and which refusals are for good."""

from datetime import timedelta

import pytest

from medspa_desk.domain.outgoing_mail import refused_for_good, retry_delay


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(0, 0), (1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (8, 60), (500, 60)],
)
def test_retries_back_off_doubling_to_an_hour(attempts, minutes):
    assert retry_delay(attempts) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("code", "for_good"), [(250, False), (421, False), (451, False), (499, False), (500, True),
                           (550, True), (554, True), (600, False)],
)  # fmt: skip
def test_only_a_5xx_reply_is_a_refusal_for_good(code, for_good):
    assert refused_for_good(code) is for_good
