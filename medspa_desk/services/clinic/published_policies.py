"""The clinic's published policies as the desk uses them: the text in force, and its versions.

The app ships the clinic's text (resources/clinic/published-policies.txt). A manager can publish
an edited text from the window; it is kept verbatim as a new version (PolicyText), and from then
on bookings are made under it and receipts state its Refund Policy. Every sale and booking keeps
the version it was made under, so a reprint states exactly what the first print said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.policy_text import (
    POLICY_VERSION,
    PUBLISHED_POLICIES,
    PolicySection,
    split_into_sections,
    version_of,
)
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import ClinicSetting, PolicyText

IN_FORCE_KEY = "policy_version"  # clinic_setting: the version in force, when not the shipped text
# What the desk quotes from the text: a published text must keep these headings.
REQUIRED_SECTIONS = (PolicySection.APPOINTMENT, PolicySection.CANCELATION, PolicySection.REFUND)


@dataclass(frozen=True)
class PublishedPolicies:
    version: str
    text: str
    shipped: bool  # the text that came with the app, unedited


def policy_in_force(session: Session, now: datetime) -> str:
    """The version a booking or sale made now is made under, kept verbatim on first use."""
    chosen = session.get(ClinicSetting, IN_FORCE_KEY)
    if chosen is not None and session.get(PolicyText, chosen.value) is not None:
        return chosen.value
    if session.get(PolicyText, POLICY_VERSION) is None:
        session.add(PolicyText(version=POLICY_VERSION, text=PUBLISHED_POLICIES, first_used_at=now))
    return POLICY_VERSION


def current_policies(desk: Desk) -> PublishedPolicies:
    with desk.db.reading() as session:
        chosen = session.get(ClinicSetting, IN_FORCE_KEY)
        text = chosen and session.scalar(
            select(PolicyText.text).where(PolicyText.version == chosen.value)
        )
    if not text:
        return PublishedPolicies(POLICY_VERSION, PUBLISHED_POLICIES, shipped=True)
    version = version_of(text)
    return PublishedPolicies(version, text, shipped=version == POLICY_VERSION)


def publish_policies(desk: Desk, text: str) -> PublishedPolicies:
    """Put an edited text in force (the person at the desk must be a manager)."""
    text = text.strip() + "\n"
    missing = [
        section.value for section in REQUIRED_SECTIONS if not split_into_sections(text).get(section)
    ]
    if missing:
        raise DeskRefusal(
            f"The text must keep the headings the desk quotes from, each with its wording: "
            f"{', '.join(missing)} is missing."
        )
    version = version_of(text)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.PUBLISH_POLICY)
        if session.get(PolicyText, version) is None:
            session.add(PolicyText(version=version, text=text, first_used_at=now))
        setting = session.get(ClinicSetting, IN_FORCE_KEY)
        if setting is None:
            session.add(ClinicSetting(key=IN_FORCE_KEY, value=version))
        else:
            setting.value = version
        record_audit(session, desk.staff_id, "policies.published", f"policy:{version}", {}, now)
    return PublishedPolicies(version, text, shipped=version == POLICY_VERSION)
