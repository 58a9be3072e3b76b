"""What the client-record tests type in: a card on file, Emma's edit, and a field refused with
nothing saved."""

from __future__ import annotations

from medspa_desk.services.clients.records import ClientEdit, ClientRefused
from tests.refusals import refused

CARD = dict(
    brand="Amex",
    last4="0005",
    expiry_month=6,
    expiry_year=2026,
    cardholder_name="Zoe O'Brien",
    terminal_reference="tok_9f2c",
)


def field_refused(desk, field, sentence, action, *args, **kwargs):
    """`action` refuses with `sentence` about the one `field`, and saves nothing."""
    refusal = refused(desk.db, lambda: action(desk, *args, **kwargs), sentence, ClientRefused)
    assert refusal.field == field
    assert refusal.problems == {field: str(refusal)}


def emma_edit(**changes) -> ClientEdit:
    fields = dict(first_name="Emma", last_name="Sanders", phone="", email="")
    return ClientEdit(**{**fields, **changes})
