"""Refusals: what the desk asked for cannot be done, said in a sentence the desk can act on.

A refusal is raised before the action's transaction commits, so nothing of the action is saved.
The window shows str() of it as it is; a dialog may read the extra attributes of a subclass
(the prepayment asked for, the field that is wrong) to offer the next step.
"""

from __future__ import annotations

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.desk_refusal import DeskRefusal

__all__ = ["DeskRefusal", "FieldsRefused", "refuse_card_number", "required_text"]


class FieldsRefused(DeskRefusal):
    """Fields of a form are not right (a client record, a service on the menu, a product).

    `problems` maps each wrong field (the dataclass field's name) to what is wrong with it, in
    the form's order; `field` is the first of them, and str() says what is wrong with that one.
    A form shows each sentence under its own field (ui.clients.field_problems).
    """

    def __init__(self, field: str, sentence: str, problems: dict[str, str] | None = None):
        self.field = field
        self.problems = problems or {field: sentence}
        super().__init__(sentence)


def refuse_card_number(text: str, what: str, refusal: type[DeskRefusal] = DeskRefusal) -> None:
    """Refuse free text that holds a card number (DESIGN: card numbers are never stored).

    `what` names the field for the desk ("Reason" gives "Reason: This looks like a card ...").
    """
    if contains_card_number(text):
        raise refusal(f"{what}: {CARD_NUMBER_REFUSAL}")


def required_text(text: str, sentence: str, refusal: type[DeskRefusal] = DeskRefusal) -> str:
    """`text` without surrounding spaces; `sentence` is the refusal when nothing is left."""
    stripped = text.strip()
    if not stripped:
        raise refusal(sentence)
    return stripped
