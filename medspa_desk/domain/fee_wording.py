"""Where a late-cancellation or no-show fee goes, in the desk's words: the call-off preview says
it before the desk confirms, and the action's sentence says it once the fee is written."""

from __future__ import annotations

from medspa_desk.domain.cancellation_policy import FeeCollection
from medspa_desk.domain.money import format_cents


def fee_destination(
    collection: FeeCollection, card_label: str | None, *, approval_code: str | None = None
) -> str:
    """'charged to Visa ending 4242', or each part with its amount when the fee is split
    ('$50.00 from the deposit and $25.00 to charge to Visa ending 4242').

    `card_label` is the card on file (None: there is none; a label with no chargeable card means
    it has expired). `approval_code` is for a fee already written: the terminal's code once the
    charge ran, "" while it waits on the Fees to charge list. None words a fee still to come.
    """
    card = card_label or "the card on file"
    parts: list[tuple[int, str]] = []
    if collection.from_deposit_cents:
        parts.append((collection.from_deposit_cents, "from the deposit"))
    if collection.charge_card_cents:
        if approval_code is None:
            charge = f"charged to {card}"
        elif approval_code:
            charge = f"charged to {card}, approval {approval_code}"
        else:  # not run at the terminal yet: it waits on the Fees to charge list
            charge = f"to charge to {card}"
        parts.append((collection.charge_card_cents, charge))
    if collection.owed_on_account_cents:
        why = "the card on file has expired" if card_label is not None else "no card on file"
        parts.append((collection.owed_on_account_cents, f"owed on the account ({why})"))
    if len(parts) == 1:
        return parts[0][1]
    said = [f"{format_cents(cents)} {where}" for cents, where in parts]
    return ", ".join(said[:-1]) + " and " + said[-1]
