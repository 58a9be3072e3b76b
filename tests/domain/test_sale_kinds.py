from medspa_desk.domain.sale_kinds import LineKind, TenderKind


def test_every_line_kind_has_the_name_the_days_totals_give_it():
    assert {kind: kind.total_label for kind in LineKind} == {
        LineKind.SERVICE: "Services",
        LineKind.RETAIL: "Retail",
        LineKind.GIFT_CARD: "Gift cards sold",
        LineKind.FEE: "Fees",
        LineKind.PREPAYMENT: "Prepayments",
        LineKind.DEPOSIT: "Deposits taken",
    }


def test_every_tender_kind_has_a_label():
    assert [kind.label for kind in TenderKind] == [
        "Cash",
        "Card",
        "Gift card",
        "Account credit",
        "Deposit",
    ]
