"""The client data report (the right of access) read back as text: names in any script, money,
times on the clinic's clock, and every record however many pages it takes."""

import io

from pypdf import PdfReader

from medspa_desk.documents.client_data_report import client_data_report_pdf


def instant(local: str, utc: str) -> dict:
    return {"utc": utc, "local": local}


def sample_data(visits: int = 1) -> dict:
    """Data as services.clients.held_data.client_data gives it."""
    visit = {
        "appointment_id": 41,
        "starts_at": instant("2026-05-05T10:00:00-06:00", "2026-05-05T16:00:00Z"),
        "service": "Botox: frown lines",
        "provider": "Kelsey Brandt",
        "status": "late_cancelled",
        "price_cents": 30000,
        "notes": "",
        "rescheduled_to_id": None,
        "status_history": [
            {
                "at": instant("2026-05-04T16:30:00-06:00", "2026-05-04T22:30:00Z"),
                "from_status": "booked",
                "to_status": "late_cancelled",
                "reason": "Called at 4:30 PM the day before",
            }
        ],
    }
    return {
        "about": [
            {
                "clinic": "406MedicalSpa",
                "clinic_address": "13115 US Hwy 2 W, Kalispell MT 59901",
                "clinic_contact": "406-287-6565, hello@406medicalspa.com",
                "client_id": 7,
                "prepared_at": instant("2026-06-10T08:00:00-06:00", "2026-06-10T14:00:00Z"),
                "format_version": 1,
            }
        ],
        "client": [
            {
                "client_id": 7,
                "first_name": "Thị Hoa",
                "last_name": "Nguyễn",
                "phone": "+14065550123",
                "email": "hoa.nguyen@example.com",
                "birthday": "1988-06-10",
                "notes": "Prefers afternoons",
                "emergency_contact_name": "Małgorzata Wójcik",
                "emergency_contact_phone": None,
                "anonymized_at": None,
            }
        ],
        "merged_records": [],
        "appointments": [dict(visit, appointment_id=41 + n) for n in range(visits)],
        "cards_on_file": [
            {
                "brand": "Visa",
                "last4": "4242",
                "expiry_month": 12,
                "expiry_year": 2028,
                "removed_at": None,
            }
        ],
        "sales": [
            {
                "receipt_number": 1042,
                "business_day": "2026-05-05",
                "total_cents": 123456,
                "voided_at": None,
                "lines": [
                    {
                        "kind": "retail",
                        "description": "Sérum Hydratant",
                        "quantity": 2,
                        "total_cents": 123456,
                    }
                ],
                "payments": [
                    {
                        "kind": "card",
                        "amount_cents": 123456,
                        "card_brand": "Visa",
                        "card_last4": "4242",
                    }
                ],
            }
        ],
        "marketing_consent": [
            {
                "channel": "sms",
                "granted": False,
                "at": instant("2026-06-01T09:00:00-06:00", "2026-06-01T15:00:00Z"),
                "source": "stop_reply",
                "note": "STOP",
            }
        ],
    }


def read(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_names_in_any_script_print_as_spelled():
    text = read(client_data_report_pdf(sample_data()))
    for name in ("Thị Hoa Nguyễn", "Małgorzata Wójcik", "Sérum Hydratant"):
        assert name in text


def test_values_are_written_for_reading():
    text = " ".join(read(client_data_report_pdf(sample_data())).split())
    for expected in (
        "Personal data held about you",
        "Thị Hoa Nguyễn, client number 7",
        "Prepared Jun 10, 2026 8:00 AM",
        "Phone: (406) 555-0123",
        "Starts at: May 5, 2026 10:00 AM",  # the clinic's wall clock, not UTC
        "Status: Late-cancelled",
        "Price: $300.00",
        "Total: $1,234.56",
        "Last four digits: 4242",
        "Granted: no",
        "Called at 4:30 PM the day before",
        "Late-cancellation and no-show fees (0)",
    ):
        assert expected in text, expected
    assert "None." in text  # an empty section says so
    assert "Notes: ·" not in text and "Rescheduled to id" not in text  # empty values are left out


def test_a_long_history_flows_over_letter_pages():
    reader = PdfReader(io.BytesIO(client_data_report_pdf(sample_data(visits=80))))
    assert len(reader.pages) > 2
    assert {(page.mediabox.width, page.mediabox.height) for page in reader.pages} == {(612, 792)}
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(f"Appointment id: {41 + n}" in text for n in range(80))
    assert "Changes to your record (0)" in text
