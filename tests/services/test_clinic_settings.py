from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import ClinicSetting


def test_a_new_clinic_has_the_published_defaults(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    assert load_settings(db) == ClinicSettings()
    db.close()


def test_saved_settings_override_the_defaults(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        session.add(ClinicSetting(key="late_grace_minutes", value="15"))
    settings = load_settings(db)
    assert settings.late_grace_minutes == 15
    assert settings.late_cancel_fee_cents == 7500
    db.close()
