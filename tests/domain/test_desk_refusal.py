"""One root for every refusal the desk can show, so a view catches one type."""

import pytest

from medspa_desk.domain.contact_details import ContactRefused, phone_in_e164
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.sale_math import SaleInputError
from medspa_desk.storage.database import BooksBusy


@pytest.mark.parametrize("refusal", [SaleInputError, ContactRefused, BooksBusy])
def test_every_refusal_is_a_desk_refusal(refusal):
    assert issubclass(refusal, DeskRefusal)


def test_a_phone_that_is_not_one_is_refused_as_a_desk_refusal():
    with pytest.raises(DeskRefusal):
        phone_in_e164("not a phone")
