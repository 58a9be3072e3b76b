"""The clinic's email templates: the shipped ones (resources/mail), or the manager's own words,
kept in the books (clinic_setting, one row per template) and used from the next message on. A
template may use only the placeholders the desk fills; one it does not know is refused by name,
so no client receives a "$firstname" that was never filled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from importlib.resources import files
from string import Template

from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import ClinicSetting

TEMPLATES = ("confirmation.txt", "confirmation.html")
PLACEHOLDERS = (
    "first_name", "service", "provider", "day", "time", "deadline", "clinic_name",
    "clinic_address", "clinic_phone", "clinic_email", "cancellation_policy", "late_policy",
    "children_policy",
)  # fmt: skip
_KEY = "mail_template:"  # clinic_setting key: "mail_template:confirmation.txt"


@dataclass(frozen=True)
class MailTemplate:
    name: str
    text: str
    shipped: bool  # the app's own words, not the clinic's edit


@lru_cache(maxsize=len(TEMPLATES))  # read from the package once, not at every booking
def shipped_template(name: str) -> str:
    _known(name)
    return (files("medspa_desk.resources") / "mail" / name).read_text(encoding="utf-8")


def read_template(session: Session, name: str) -> MailTemplate:
    _known(name)
    kept = session.get(ClinicSetting, _KEY + name)
    if kept is None:
        return MailTemplate(name, shipped_template(name), shipped=True)
    return MailTemplate(name, kept.value, shipped=False)


def mail_templates(desk: Desk) -> list[MailTemplate]:
    with desk.db.reading() as session:
        return [read_template(session, name) for name in TEMPLATES]


def check_template(text: str) -> None:
    """Refuse a template that names a placeholder the desk does not fill, or is not a template."""
    unknown = sorted(set(Template(text).get_identifiers()) - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join(f"${name}" for name in unknown)
        raise DeskRefusal(
            f"The desk does not fill {names}: use only "
            + ", ".join(f"${name}" for name in PLACEHOLDERS)
            + " (write $$ for a dollar sign)."
        )
    if not Template(text).is_valid():
        raise DeskRefusal(
            "A $ must start a placeholder, like $first_name; write $$ for a dollar sign."
        )


def save_template(desk: Desk, name: str, text: str) -> None:
    save_templates(desk, {name: text})


def save_templates(desk: Desk, texts: Mapping[str, str]) -> None:
    """A manager keeps the clinic's own words for these templates, all or none, in one
    transaction; an empty text brings the shipped one back."""
    for name, text in texts.items():
        _known(name)
        check_template(text)
        refuse_card_number(text, "Template")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SETTINGS)
        for name, text in texts.items():
            kept = session.get(ClinicSetting, _KEY + name)
            shipped = not text.strip() or text == shipped_template(name)
            if shipped:
                if kept is not None:
                    session.delete(kept)
            elif kept is None:
                session.add(ClinicSetting(key=_KEY + name, value=text))
            else:
                kept.value = text
            record_audit(session, desk.staff_id, "clinic.mail_template_changed", "clinic:mail",
                         {"template": name, "shipped": shipped}, now)  # fmt: skip


def sample_fields(desk: Desk) -> dict[str, str]:
    """What a preview fills the placeholders with: a made-up booking tomorrow at 10:00."""
    settings = desk.settings
    tomorrow = desk.clock.now().astimezone(settings.zone).date() + timedelta(days=1)
    return {
        "first_name": "Sarah",
        "service": "Signature HydraFacial",
        "provider": "Maya Lindqvist",
        "day": f"{tomorrow:%a} {tomorrow:%b} {tomorrow.day}",
        "time": "10:00 AM",
        "deadline": "the end of business today",
        "clinic_name": settings.clinic_name,
        "clinic_address": f"{settings.address_line}, {settings.city_line}",
        "clinic_phone": settings.phone,
        "clinic_email": settings.email,
    }


def _known(name: str) -> None:
    if name not in TEMPLATES:
        raise DeskRefusal(f"There is no mail template called {name!r}.")
