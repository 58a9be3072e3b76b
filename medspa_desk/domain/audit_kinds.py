"""The kinds of audit entry a manager filters the audit trail by, each a set of actions.

An action ("appointment.checked_in") is named `area.what_happened`. A kind claims actions by
patterns: one ending in "." claims every action starting with it, any other exactly that action.
An action belongs to the kind of its most specific pattern (an exact action before a prefix, a
longer prefix before a shorter), so a check-in is a check-in and not also a booking, and each
action falls under one kind only: the trail filtered kind by kind shows every entry once.
"""

from __future__ import annotations

from enum import Enum


class AuditKind(Enum):
    BOOKINGS = ("Bookings and the waiting list", ("appointment.", "waiting_list."))
    CHECK_INS = ("Check-ins and no-shows", ("appointment.checked_in", "appointment.no_show"))
    FEES = ("Fees and waivers", ("fee.",))
    SALES = ("Sales, voids and exchanges", ("sale.", "retail.", "day."))
    STOCK = ("Retail stock", ("stock.",))
    CLIENTS = ("Client records", ("client.",))
    PROFILES_OPENED = ("Client profiles opened", ("client.viewed",))
    CARDS = ("Cards on file", ("card.",))
    CONSENTS = ("Consents", ("consent.",))
    EXPORTS = ("Client data exports", ("client.exported",))
    SETTINGS = ("Settings and set-up", ("clinic.", "menu.", "shelf."))
    STAFF = ("Staff and sign-in", ("staff.", "time_off.", "sign_in."))
    POLICIES = ("Policies", ("policies.",))
    BACKUPS = ("Backups and restores", ("backup.",))
    APPROVALS = ("Manager approvals", ("approval.",))
    AUDIT_EXPORTS = ("Audit trail exports", ("audit.",))
    MOVING_IN_AND_OUT = ("Imports and exports of the books", ("import.", "export."))

    def __init__(self, label: str, patterns: tuple[str, ...]) -> None:
        self.label = label
        self.patterns = patterns

    @property
    def excluded(self) -> tuple[str, ...]:
        """Other kinds' patterns that this kind's patterns would claim too, but which are more
        specific: the actions under them are not this kind's ("appointment.no_show" for
        bookings)."""
        return tuple(
            theirs
            for other in AuditKind
            if other is not self
            for theirs in other.patterns
            for mine in self.patterns
            if _more_specific(theirs, mine)
        )


def matches(pattern: str, action: str) -> bool:
    """Whether `pattern` claims `action`: a prefix ending in ".", or the action itself."""
    return action.startswith(pattern) if pattern.endswith(".") else action == pattern


def kind_of(action: str) -> AuditKind | None:
    """The one kind `action` belongs to; None for an action no kind claims (a test holds every
    action the desk writes to one)."""
    claims = [
        (_specificity(pattern), kind)
        for kind in AuditKind
        for pattern in kind.patterns
        if matches(pattern, action)
    ]
    return max(claims, key=lambda claim: claim[0])[1] if claims else None


def kind_label(action: str) -> str:
    """What an action is, for a person reading the trail: its kind's label, or the action."""
    kind = kind_of(action)
    return kind.label if kind is not None else action


def _specificity(pattern: str) -> tuple[bool, int]:
    return (not pattern.endswith("."), len(pattern))


def _more_specific(theirs: str, mine: str) -> bool:
    """Whether every action `theirs` claims is also claimed by `mine`, `theirs` winning it."""
    if theirs == mine or not mine.endswith("."):
        return False
    return theirs.startswith(mine)
