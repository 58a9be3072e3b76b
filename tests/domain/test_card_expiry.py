from datetime import date

from medspa_desk.domain.card_expiry import card_expired


def test_a_card_is_good_through_the_last_day_of_its_expiry_month():
    assert not card_expired(12, 2028, date(2028, 12, 31))
    assert card_expired(12, 2028, date(2029, 1, 1))
    assert not card_expired(1, 2029, date(2028, 12, 31))
