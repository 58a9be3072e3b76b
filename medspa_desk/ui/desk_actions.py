"""One path for a desk action in the window: run the service call, show a refusal in one place,
and tell every view what changed in the books.

In the spirit of Anki's CollectionOp and OpChanges, kept small: a view hands `run` the service
call and what the call changes; a refusal goes out on `refused` (the window shows it in its one
message line), a success on `books_changed` with a `BooksChanged`. Every view listens and reads
again what it shows when the notice concerns it, so no view shows the books as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from medspa_desk.domain.desk_permissions import DeskPermission, needs_a_manager
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import ManagerApproval, PermissionNeeded

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

Result = TypeVar("Result")


@dataclass(frozen=True)
class BooksChanged:
    """What a desk action changed: the bookings (by id and by day), the clients, the sales,
    whether the clinic's set-up (its menu, shelf, staff, hours) or its settings changed (then
    `desk.settings` is already the new), and the days whose bookable time changed (a block, a
    closure)."""

    appointment_ids: frozenset[int] = field(default_factory=frozenset)
    appointment_days: frozenset[date] = field(default_factory=frozenset)
    client_ids: frozenset[int] = field(default_factory=frozenset)
    sale_ids: frozenset[int] = field(default_factory=frozenset)
    clinic_set_up: bool = False
    clinic_settings: bool = False
    availability_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        *,
        appointments: Iterable[int | None] = (),
        days: Iterable[date | None] = (),
        clients: Iterable[int | None] = (),
        sales: Iterable[int | None] = (),
        clinic_set_up: bool = False,
        clinic_settings: bool = False,
        availability_days: Iterable[date] = (),
    ) -> BooksChanged:
        """A notice from whatever the action knows; an unknown (None) part is left out."""

        def known(values):
            return frozenset(value for value in values if value is not None)

        return cls(
            known(appointments),
            known(days),
            known(clients),
            known(sales),
            clinic_set_up,
            clinic_settings,
            frozenset(availability_days),
        )

    def touches_days(self, first: date, last: date) -> bool:
        """Whether a booking, or the bookable time, changed on a day from `first` to `last`."""
        return any(first <= day <= last for day in self.appointment_days | self.availability_days)


class DeskActions(QObject):
    """Owned by the main window and handed to every view: the one way a view changes the books."""

    books_changed = Signal(object)  # a BooksChanged, once an action's transaction is written
    refused = Signal(str)  # the sentence the desk reads when an action was refused

    def run(
        self,
        action: Callable[[], Result],
        changed: BooksChanged | Callable[[Result], BooksChanged],
        on_done: Callable[[Result], None] | None = None,
        *,
        refuse_here: Callable[[DeskRefusal], None] | None = None,
    ) -> bool:
        """Run one service call; True once it is done and every view has been told.

        `changed` may be worked out from the call's result (the new booking's id, say). `on_done`
        runs before the notice, so the view that acted shows its own result first. A screen that
        stays open for the desk to correct its input (the till, a dialog) passes `refuse_here` to
        show the refusal beside that input; otherwise it goes to the window's message line.
        `refuse_here` is handed the refusal itself, whose str is its sentence (MessageLine.refuse
        takes either), so a form can say each of a ClientRefused's problems under its own field.
        A question for the desk that is not a refusal (LateDecisionNeeded) is not caught here.
        """
        try:
            result = action()
        except DeskRefusal as refusal:
            if refuse_here is None:
                self.refused.emit(str(refusal))
            else:
                refuse_here(refusal)
            return False
        if on_done is not None:
            on_done(result)
        self.announce(changed(result) if callable(changed) else changed)
        return True

    def run_approved(
        self,
        desk: Desk,
        action: Callable[[ManagerApproval | None], Result],
        changed: BooksChanged | Callable[[Result], BooksChanged],
        on_done: Callable[[Result], None] | None = None,
        *,
        refuse_here: Callable[[DeskRefusal], None] | None = None,
        parent: QWidget | None = None,
    ) -> bool:
        """`run` for an action a manager may have to approve: tried on the sign-in at the desk
        first; if only a manager may do it, the approval prompt opens (over `parent`) and the
        action runs again with the manager's approval. True only when done at the first try."""

        def refused(refusal: DeskRefusal) -> None:
            if isinstance(refusal, PermissionNeeded) and needs_a_manager(refusal.permission):
                self.ask_approval(
                    desk,
                    refusal.permission,
                    lambda approval: self.run(
                        lambda: action(approval), changed, on_done, refuse_here=refuse_here
                    ),
                    parent,
                )
            elif refuse_here is None:
                self.refused.emit(str(refusal))
            else:
                refuse_here(refusal)

        return self.run(lambda: action(None), changed, on_done, refuse_here=refused)

    def ask_approval(
        self,
        desk: Desk,
        permission: DeskPermission,
        approved: Callable[[ManagerApproval], object],
        parent: QWidget | None = None,
    ) -> QDialog:
        """Open the manager's approval prompt (window-modal, never exec: no test can hang)."""
        from medspa_desk.ui.manager_approval import ManagerApprovalDialog

        owner = parent if parent is not None else self.parent()
        dialog = ManagerApprovalDialog(
            desk, permission, approved, owner if isinstance(owner, QWidget) else None
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def announce(self, changed: BooksChanged) -> None:
        """Tell every view what changed (run does, once its action is done)."""
        self.books_changed.emit(changed)

    def refuse(self, sentence: str) -> None:
        """A refusal found before any service call (nothing selected, say), shown in the one place."""
        self.refused.emit(sentence)
