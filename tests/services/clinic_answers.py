"""A new clinic's answers to the first start, as a newcomer types them."""

from datetime import UTC, datetime, time

from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.services.clinic.first_start import ClinicAnswers

SET_UP_AT = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
GLOW_WEEK = {day: DayHours(time(9), time(18)) for day in range(5)} | {
    5: DayHours(time(10), time(14))
}  # Sunday closed
GLOW_SETTINGS = {
    "clinic_name": "Glow West Aesthetics",
    "address_line": "12 Main St",
    "city_line": "Whitefish MT 59937",
    "phone": "406 862 1234",
    "email": "front@glowwest.example.com",
    "time_zone": "America/Denver",
    "tax_basis_points_service": "0",
    "tax_basis_points_retail": "8.25",
    "receipt_layout": "letter",
    "backup_folder": "/media/usb/glow-backups",
}


def glow_answers(**changes) -> ClinicAnswers:
    answers = {
        "settings": GLOW_SETTINGS,
        "hours": GLOW_WEEK,
        "manager_name": "Dana Whitfield",
        "manager_password": "lavender fields 42",
        "manager_password_again": "lavender fields 42",
    } | changes
    return ClinicAnswers(**answers)
