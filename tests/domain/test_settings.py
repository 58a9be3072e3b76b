from datetime import time

from medspa_desk.domain.settings import ClinicSettings


def test_the_defaults_are_the_published_policies():
    settings = ClinicSettings()
    assert settings.late_grace_minutes == 10
    assert settings.late_cancel_fee_cents == 7500
    assert settings.late_cancel_window_hours == 24
    assert settings.strike_limit == 3
    assert settings.reschedule_credit_hours == 48
    assert settings.exchange_days == 14
    assert settings.zone.key == "America/Denver"


def test_stored_values_override_defaults_with_their_types():
    stored = {
        "late_grace_minutes": "15",
        "opening_time": "09:00",
        "clinic_name": "406 West",
        "from_the_future": "x",
    }
    settings = ClinicSettings().with_stored(stored)
    assert settings.late_grace_minutes == 15
    assert settings.opening_time == time(9, 0)
    assert settings.clinic_name == "406 West"
    assert settings.late_cancel_fee_cents == 7500


def test_as_text_round_trips():
    settings = ClinicSettings()
    for name in ("late_grace_minutes", "opening_time", "clinic_name"):
        value = getattr(settings, name)
        assert ClinicSettings().with_stored({name: ClinicSettings.as_text(value)}) == settings
