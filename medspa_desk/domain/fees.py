"""The fees the clinic's policy charges a client, by kind."""

from __future__ import annotations

from enum import StrEnum


class FeeKind(StrEnum):
    LATE_CANCEL = "late_cancel"  # called off with less notice than the policy asks
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        """'Late-cancellation fee', as a sale line, the Fees to charge list and a refusal say."""
        return _FEE_LABELS[self]


_FEE_LABELS = {
    FeeKind.LATE_CANCEL: "Late-cancellation fee",
    FeeKind.NO_SHOW: "No-show fee",
}
