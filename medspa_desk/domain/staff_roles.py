"""Who a staff member is at the clinic: their role, and how they show on the calendar.

The books keep a role as two flags on the staff row (`is_provider`, `is_manager`, which every
rule reads) and a job title beside them ("Nurse injector, RN", shown on the calendar's lane);
`StaffRole` is the desk's word for the flags, so a role chosen always sets both the same way.
"""

from __future__ import annotations

import re
from enum import StrEnum

DEFAULT_LANE_COLOUR = "#6b7f99"  # the books' own default (storage.models.Staff.colour)


class StaffRole(StrEnum):
    FRONT_DESK = "front_desk"  # books and sells; sees no clients
    PROVIDER = "provider"  # has a lane on the calendar, performs services
    MANAGER = "manager"  # a front desk who may change the clinic's set-up

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_provider(self) -> bool:
        return self is StaffRole.PROVIDER

    @property
    def is_manager(self) -> bool:
        return self is StaffRole.MANAGER


_LABELS = {
    StaffRole.FRONT_DESK: "Front desk",
    StaffRole.PROVIDER: "Provider",
    StaffRole.MANAGER: "Manager",
}


def role_of(is_provider: bool, is_manager: bool) -> StaffRole:
    """The role the flags say. Books made before roles may hold a provider who also manages:
    they read as a provider (their lane is what the desk sees), and keep managing until their
    role is changed."""
    if is_provider:
        return StaffRole.PROVIDER
    return StaffRole.MANAGER if is_manager else StaffRole.FRONT_DESK


COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
NAME_LENGTH = 80  # staff.display_name
TITLE_LENGTH = 40  # staff.role
LARGEST_ORDER = 999


def colour_problem(colour: str) -> str | None:
    if COLOUR.fullmatch(colour) is None:
        return f"The colour must be written #rrggbb, such as #6b7f99; {colour!r} is not."
    return None


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "The display name cannot be empty."
    if len(name.strip()) > NAME_LENGTH:
        return f"The display name can be at most {NAME_LENGTH} characters."
    return None


def title_problem(title: str) -> str | None:
    if len(title.strip()) > TITLE_LENGTH:
        return f"The job title can be at most {TITLE_LENGTH} characters."
    return None


def order_problem(order: int) -> str | None:
    if not 0 <= order <= LARGEST_ORDER:
        return f"The calendar order must be a whole number from 0 to {LARGEST_ORDER}."
    return None
