"""Each setting's rule at its edges: what the desk may type, and the sentence when it may not."""

import pytest

from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.setting_rules import (
    EDITABLE_SETTINGS,
    SettingsRefused,
    check_setting,
    setting_as_entered,
    setting_from_text,
    settings_from_text,
)
from medspa_desk.domain.settings import ClinicSettings


@pytest.mark.parametrize(
    ("name", "lowest", "highest", "sentence"),
    [
        (
            "late_grace_minutes",
            0,
            60,
            "The late grace must be a whole number of minutes from 0 to 60.",
        ),
        ("late_cancel_window_hours", 0, 168, "late-cancel notice must be a whole number of hours"),
        ("strike_limit", 1, 10, "The strike limit must be a whole number of strikes from 1 to 10."),
        ("reschedule_credit_hours", 0, 336, "reschedule-credit notice must be a whole number"),
        (
            "exchange_days",
            0,
            90,
            "The exchange window must be a whole number of days from 0 to 90.",
        ),
        ("confirmation_lead_hours", 0, 168, "confirmation lead must be a whole number of hours"),
        ("backup_every_hours", 1, 24, "The backup interval must be a whole number of hours"),
    ],
)
def test_whole_numbers_are_kept_from_their_lowest_to_their_highest(name, lowest, highest, sentence):
    assert setting_from_text(name, str(lowest)) == lowest
    assert setting_from_text(name, f" {highest} ") == highest
    for text in (str(lowest - 1), str(highest + 1), "1.5", "ten", ""):
        with pytest.raises(SettingsRefused, match=sentence) as refused:
            setting_from_text(name, text)
        assert list(refused.value.problems) == [name]


def test_the_fee_is_an_amount_of_money_up_to_a_thousand_dollars():
    assert setting_from_text("late_cancel_fee_cents", "80.00") == 8000
    assert setting_from_text("late_cancel_fee_cents", "$0") == 0
    assert setting_from_text("late_cancel_fee_cents", "1000") == 100_000
    for text in ("1000.01", "-5", "75.001", "seventy"):
        with pytest.raises(SettingsRefused, match="from \\$0.00 to \\$1,000.00, like 75.00"):
            setting_from_text("late_cancel_fee_cents", text)
    assert setting_as_entered("late_cancel_fee_cents", 8000) == "80.00"


@pytest.mark.parametrize(
    ("text", "basis_points"), [("8.25", 825), ("0", 0), ("7.5", 750), ("25", 2500), ("6 %", 600)]
)
def test_a_tax_rate_is_typed_as_a_percent_and_kept_in_basis_points(text, basis_points):
    assert setting_from_text("tax_basis_points_retail", text) == basis_points


@pytest.mark.parametrize("text", ["25.01", "8.375", "-1", "eight", "100"])
def test_a_tax_rate_beyond_a_quarter_or_finer_than_a_basis_point_is_refused(text):
    with pytest.raises(SettingsRefused, match="The tax rate on services must be a percent"):
        setting_from_text("tax_basis_points_service", text)


def test_a_tax_rate_is_shown_as_the_percent_it_was_typed_as():
    assert setting_as_entered("tax_basis_points_retail", 825) == "8.25"
    assert setting_as_entered("tax_basis_points_retail", 0) == "0.00"


def test_the_phone_is_checked_and_kept_readable():
    assert setting_from_text("phone", "406 287 6565") == "(406) 287-6565"
    with pytest.raises(SettingsRefused, match="not a valid phone number"):
        setting_from_text("phone", "555-0100")
    with pytest.raises(SettingsRefused, match="phone number must be given"):
        setting_from_text("phone", " ")


def test_the_email_is_checked_for_form():
    assert setting_from_text("email", " Hello@406MedicalSpa.com ") == "Hello@406medicalspa.com"
    with pytest.raises(SettingsRefused, match="is not an email address") as refused:
        setting_from_text("email", "hello@")
    assert refused.value.problems.keys() == {"email"}


def test_the_time_zone_is_a_real_zone_name():
    assert setting_from_text("time_zone", "America/Chicago") == "America/Chicago"
    with pytest.raises(SettingsRefused, match="not a time zone the desk knows"):
        setting_from_text("time_zone", "Mountain Time")


def test_names_and_address_must_be_given_and_short():
    assert setting_from_text("clinic_name", " Glow West ") == "Glow West"
    assert setting_from_text("clinic_name", "x" * 80) == "x" * 80
    with pytest.raises(SettingsRefused, match="The clinic's name must be given."):
        setting_from_text("clinic_name", "")
    with pytest.raises(SettingsRefused, match="at most 80 characters"):
        setting_from_text("clinic_name", "x" * 81)
    with pytest.raises(SettingsRefused, match="The street address must be given."):
        setting_from_text("address_line", " ")


def test_the_receipt_layout_is_one_the_till_prints():
    assert setting_from_text("receipt_layout", "letter") is ReceiptLayout.LETTER
    assert setting_from_text("receipt_layout", "Roll (80 mm)") is ReceiptLayout.ROLL
    with pytest.raises(SettingsRefused, match="one of roll, letter"):
        setting_from_text("receipt_layout", "a4")


def test_the_backup_folder_is_a_full_path_or_beside_the_database():
    assert setting_from_text("backup_folder", "") == ""
    assert setting_from_text("backup_folder", "/media/usb/backups") == "/media/usb/backups"
    assert setting_from_text("backup_folder", "E:\\Backups") == "E:\\Backups"
    with pytest.raises(SettingsRefused, match="must be a full path"):
        setting_from_text("backup_folder", "backups")


def test_every_field_wrong_at_once_is_named_with_its_own_sentence():
    with pytest.raises(SettingsRefused) as refused:
        settings_from_text({"late_grace_minutes": "61", "email": "x", "strike_limit": "3"})
    assert refused.value.problems.keys() == {"late_grace_minutes", "email"}


def test_an_unknown_setting_is_refused():
    with pytest.raises(SettingsRefused, match="no setting called 'opening_time'"):
        setting_from_text("opening_time", "09:00")


def test_typed_values_are_held_to_the_same_rules():
    assert check_setting("late_grace_minutes", 60) == 60
    with pytest.raises(SettingsRefused, match="from 0 to 60"):
        check_setting("late_grace_minutes", 61)
    with pytest.raises(SettingsRefused):
        check_setting("strike_limit", True)
    with pytest.raises(SettingsRefused):
        check_setting("late_cancel_fee_cents", "75.00")
    assert check_setting("receipt_layout", "letter") is ReceiptLayout.LETTER


def test_every_editable_setting_is_a_setting_and_its_default_passes_its_rule():
    defaults = ClinicSettings()
    for name in EDITABLE_SETTINGS:
        value = getattr(defaults, name)
        if name == "phone":
            assert check_setting(name, value) == "(406) 287-6565"
        else:
            assert check_setting(name, value) == value
        assert setting_from_text(name, setting_as_entered(name, value)) == check_setting(
            name, value
        )


def test_the_receipt_layout_is_kept_as_text_and_loaded_as_the_layout():
    settings = ClinicSettings().with_stored({"receipt_layout": "letter"})
    assert settings.receipt_layout is ReceiptLayout.LETTER
    assert ClinicSettings.as_text(ReceiptLayout.LETTER) == "letter"


def test_whether_providers_may_sell_is_yes_or_no():
    assert settings_from_text({"providers_may_sell": "Yes"}) == {"providers_may_sell": True}
    assert setting_as_entered("providers_may_sell", False) == "no"
    with pytest.raises(SettingsRefused, match="yes or no"):
        settings_from_text({"providers_may_sell": "maybe"})


@pytest.mark.parametrize(("name", "text"), [("idle_lock_minutes", "16"), ("lockout_attempts", "7")])
def test_the_sign_in_settings_are_never_looser_than_the_rules(name, text):
    with pytest.raises(SettingsRefused):
        settings_from_text({name: text})
