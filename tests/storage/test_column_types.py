import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.fees import FeeKind
from medspa_desk.storage.column_types import EnumText
from medspa_desk.storage.models import ClientFee


def test_an_enum_column_keeps_the_value_and_loads_the_member():
    column = EnumText(FeeKind, 20)
    assert column.process_bind_param(FeeKind.NO_SHOW, None) == "no_show"
    assert column.process_bind_param("late_cancel", None) == "late_cancel"
    assert column.process_result_value("no_show", None) is FeeKind.NO_SHOW
    assert column.process_bind_param(None, None) is None


def test_a_value_outside_the_enum_is_refused_before_it_is_written():
    with pytest.raises(ValueError):
        EnumText(AppointmentStatus, 24).process_bind_param("lost", None)


def test_the_column_is_the_migrations_string_of_the_same_length():
    kind = ClientFee.__table__.c.kind.type
    assert isinstance(kind, EnumText)
    assert kind.impl_instance.length == 20
    assert repr(kind) == "EnumText(FeeKind, 20)"
