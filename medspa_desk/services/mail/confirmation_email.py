"""The confirmation email: the clinic's template (resources/mail, plain text and HTML) filled for
one booking, stating the cancellation, late-arrival and children-and-pet policies in the clinic's
own words (the published text in force), with the booking as an .ics invitation; queued when the
booking is made, to go out the confirmation lead before it (at once when it is nearer).

A confirmation is not marketing: it goes to a client who opted out of marketing. A client with no
email gets none; the worklist shows their phone instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from html import escape
from string import Template

from sqlalchemy.orm import Session

from medspa_desk.domain.confirmations import confirmation_deadline
from medspa_desk.domain.policy_text import PolicySection, split_into_sections
from medspa_desk.domain.time_wording import clock_time, day_and_time, weekday_and_date
from medspa_desk.services.clinic.bookable_time import clinic_days
from medspa_desk.services.clinic.published_policies import current_policies
from medspa_desk.services.desk import Desk
from medspa_desk.services.mail.mail_templates import (
    TEMPLATES,
    check_template,
    read_template,
    sample_fields,
)
from medspa_desk.services.mail.outbox import Composed, queue_message
from medspa_desk.storage.models import Appointment, Client, PolicyText, Service, Staff


def queue_confirmation(
    session: Session, desk: Desk, appointment: Appointment, now: datetime
) -> int | None:
    """Queue the booking's confirmation email in the caller's transaction; its queue id, or None
    for a client without an email."""
    client = session.get(Client, appointment.client_id)
    if client is None or not client.email or client.anonymized_at is not None:
        return None
    composed = compose_confirmation(session, desk, appointment, client)
    send_at = max(
        now, appointment.starts_at - timedelta(hours=desk.settings.confirmation_lead_hours)
    )
    message = queue_message(
        session,
        composed,
        now,
        domain=_domain(desk),
        appointment_id=appointment.id,
        client_id=client.id,
    )
    message.next_attempt_at = send_at
    return message.id


def compose_confirmation(
    session: Session, desk: Desk, appointment: Appointment, client: Client
) -> Composed:
    settings = desk.settings
    zone = settings.zone
    service = session.get(Service, appointment.service_id)
    provider = session.get(Staff, appointment.provider_id)
    day = appointment.starts_at.astimezone(zone).date()
    clinic = clinic_days(session, settings, day - timedelta(days=1), day)
    policies = _sections(session, appointment.policy_version)
    fields = {
        "first_name": client.first_name,
        "service": service.name if service else "your appointment",
        "provider": provider.display_name if provider else "us",
        "day": weekday_and_date(day),
        "time": clock_time(appointment.starts_at, zone),
        "deadline": day_and_time(confirmation_deadline(appointment.starts_at, clinic), zone),
        "clinic_name": settings.clinic_name,
        "clinic_address": f"{settings.address_line}, {settings.city_line}",
        "clinic_phone": settings.phone,
        "clinic_email": settings.email,
    }
    text, html = (read_template(session, name).text for name in TEMPLATES)
    filled_text, filled_html = fill(text, html, fields, _said(policies))
    return Composed(
        to_address=client.email or "",
        subject=f"Please confirm: {fields['service']} on {fields['day']} at {fields['time']}",
        text_body=filled_text,
        html_body=filled_html,
        calendar_ics=_invitation(appointment, fields, desk),
    )


def preview_confirmation(desk: Desk, text: str, html: str) -> tuple[str, str]:
    """The two templates as typed, filled for a made-up booking with the policies in force: what
    the manager sees before saving (check_template refuses what could not be filled)."""
    check_template(text)
    check_template(html)
    policies = split_into_sections(current_policies(desk).text)
    return fill(text, html, sample_fields(desk), _said(policies))


def fill(text: str, html: str, fields: dict[str, str], said: dict[str, str]) -> tuple[str, str]:
    """The plain text filled as it is; the HTML with every value escaped and the policies as
    paragraphs."""
    return (
        Template(text).substitute(fields | said),
        Template(html).substitute(
            {name: escape(value) for name, value in fields.items()}
            | {name: _paragraphs(value) for name, value in said.items()}
        ),
    )


def _said(policies: dict[PolicySection, str]) -> dict[str, str]:
    """The clinic's words: the cancellation section, the late-arrival paragraph of the
    appointment section, the children-and-pet section."""
    late = next(
        (
            p
            for p in policies.get(PolicySection.APPOINTMENT, "").split("\n\n")
            if "late" in p.lower()
        ),
        "",
    )
    return {
        "cancellation_policy": policies.get(PolicySection.CANCELATION, ""),
        "late_policy": late,
        "children_policy": policies.get(PolicySection.CHILDREN_AND_PETS, ""),
    }


def _sections(session: Session, version: str) -> dict[PolicySection, str]:
    """The policies the client agreed to by booking (the version the booking records), or the
    shipped text when that version is not kept."""
    from medspa_desk.domain.policy_text import PUBLISHED_POLICIES

    text = session.get(PolicyText, version)
    return _split(text.text if text is not None else PUBLISHED_POLICIES)


@lru_cache(maxsize=8)  # a clinic has a version or two in force; each booking quotes one
def _split(text: str) -> dict[PolicySection, str]:
    return split_into_sections(text)


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in text.split("\n\n") if paragraph)


def _invitation(appointment: Appointment, fields: dict[str, str], desk: Desk) -> str:
    from icalendar import Calendar, Event  # some 70 ms: imported at the first booking, not at start

    calendar = Calendar()
    calendar.add("prodid", "-//406MedicalSpa//medspa_desk//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@{_domain(desk)}")
    event.add("dtstamp", appointment.created_at)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add(
        "summary", f"{fields['service']} with {fields['provider']} at {fields['clinic_name']}"
    )
    event.add("location", f"{fields['clinic_name']}, {fields['clinic_address']}")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def _domain(desk: Desk) -> str:
    return desk.settings.email.partition("@")[2] or "medspa-desk.local"
