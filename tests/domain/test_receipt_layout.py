import pytest

from medspa_desk.domain.receipt_content import ReceiptLayout


def test_every_receipt_layout_has_a_label():
    assert [(layout.value, layout.label) for layout in ReceiptLayout] == [
        ("roll", "Roll (80 mm)"),
        ("letter", "Letter"),
    ]


def test_a_layout_named_as_text_is_the_layout_and_an_unknown_one_names_those_there_are():
    assert ReceiptLayout.named("letter") is ReceiptLayout.LETTER
    with pytest.raises(ValueError, match="one of roll, letter, not 'a4'"):
        ReceiptLayout.named("a4")
