"""The tip, as the client says it: an amount ("20") or a percent ("18%") of the sale's services,
and, when the sale's services were done by several providers (or by none), whom it is for.

The tip applies as it is typed, so the total moves with it; how a percent rounds and how a
shared tip splits is the domain's (sale_math.tip_shares).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from medspa_desk.domain.money import parse_cents
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import NO_TIP, SaleInputError, Tip
from medspa_desk.ui.checkout.named_widgets import percent_in
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

PRESETS = (15, 18, 20)


def tip_from_text(text: str, provider_id: int | None) -> Tip:
    """'20' or '$20' is $20.00, '18%' or '18.5 %' a percent, '' no tip; SaleInputError otherwise."""
    if not text.strip():
        return NO_TIP
    points = percent_in(text)
    if points is not None:
        return Tip(percent_basis_points=points, provider_id=provider_id)
    try:
        return Tip(amount_cents=parse_cents(text), provider_id=provider_id)
    except ValueError:
        raise SaleInputError(
            f"The tip {text.strip()!r} is not an amount like 20.00 or a percent like 18%."
        ) from None


class TipEntry(QWidget):
    tip_changed = Signal(object)  # a domain Tip
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = named_field("Tip", "Amount, or percent like 18%")
        self.field.setToolTip(
            "An amount (20) or a percent of the services (18%); applied as you type (Ctrl+T)"
        )
        self.field.textEdited.connect(lambda _text: self._apply())
        presets = QHBoxLayout()
        presets.setSpacing(4)
        for percent in PRESETS:
            button = named_button(
                f"{percent}%", f"Tip {percent}%", f"Tip {percent}% of the services"
            )
            button.clicked.connect(
                lambda _checked=False, percent=percent: self._preset(f"{percent}%")
            )
            presets.addWidget(button)
        no_tip = named_button("No tip", "No tip")
        no_tip.clicked.connect(lambda: self._preset(""))
        presets.addWidget(no_tip)

        self._for_label = QLabel("Tip for:")
        self.provider = named_combo("Tip for")
        self.provider.setToolTip(
            "Whom the tip is for when several providers (or none) are on the sale"
        )
        self.provider.currentIndexChanged.connect(lambda _index: self._apply())
        self._for_label.setBuddy(self.provider)

        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addLayout(presets)
        who = QHBoxLayout()
        who.addWidget(self._for_label)
        who.addWidget(self.provider, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(who)
        self._show_provider_choice(False)
        self.setFocusProxy(self.field)

    def show_providers(self, lines, provider_names: dict[int, str]) -> None:
        """Offer a choice of provider when the sale's services are by several, or by nobody."""
        on_sale = list(
            dict.fromkeys(
                line.provider_id
                for line in lines
                if line.kind is LineKind.SERVICE and line.provider_id is not None
            )
        )
        if len(on_sale) == 1:
            choices: list[tuple[str, int | None]] = []
        elif on_sale:
            choices = [("Shared by the sale's providers", None)]
            choices += [(provider_names.get(who, f"Staff {who}"), who) for who in on_sale]
        else:
            choices = [(name, who) for who, name in provider_names.items()]
        current = self.provider.currentData()
        self.provider.blockSignals(True)  # a new list is not a new choice
        self.provider.clear()
        for name, who in choices:
            self.provider.addItem(name, who)
        self.provider.setCurrentIndex(max(self.provider.findData(current), 0))
        self.provider.blockSignals(False)
        self._show_provider_choice(bool(choices))

    def clear(self) -> None:
        self.field.clear()

    def _show_provider_choice(self, shown: bool) -> None:
        self._for_label.setVisible(shown)
        self.provider.setVisible(shown)

    def _preset(self, text: str) -> None:
        self.field.setText(text)
        self._apply()

    def _apply(self) -> None:
        provider = self.provider.currentData() if self.provider.isVisibleTo(self) else None
        try:
            tip = tip_from_text(self.field.text(), provider)
        except SaleInputError as refusal:
            self.refused.emit(str(refusal))
            return
        self.tip_changed.emit(tip)
