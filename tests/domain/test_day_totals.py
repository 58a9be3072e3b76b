"""The day's rebook rate as the Z report and the close-of-day dialog word it."""

import pytest

from medspa_desk.domain.day_totals import Rebooking


@pytest.mark.parametrize(
    ("visits", "rebooked", "said"),
    [
        (0, 0, "No visits"),
        (1, 1, "1 of 1 visit (100%)"),
        (8, 1, "1 of 8 visits (13%)"),  # 12.5 rounds half up
        (8, 3, "3 of 8 visits (38%)"),  # 37.5
        (3, 1, "1 of 3 visits (33%)"),
        (3, 2, "2 of 3 visits (67%)"),
    ],
)
def test_the_rebook_rate_in_whole_percent_half_up(visits, rebooked, said):
    assert Rebooking(visits, rebooked).text() == said
