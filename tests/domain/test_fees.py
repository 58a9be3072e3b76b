from medspa_desk.domain.fees import FeeKind


def test_every_fee_kind_has_its_label():
    assert {kind: kind.label for kind in FeeKind} == {
        FeeKind.LATE_CANCEL: "Late-cancellation fee",
        FeeKind.NO_SHOW: "No-show fee",
    }


def test_a_fee_kind_is_kept_as_the_text_the_books_hold():
    assert [kind.value for kind in FeeKind] == ["late_cancel", "no_show"]
    assert FeeKind("no_show") is FeeKind.NO_SHOW
