"""`medspa-desk receipt NUMBER --out FILE.pdf`: any past receipt as a PDF, REPRINT once its paper
original was printed."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from medspa_desk.cli import main
from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.receipts import receipt_data, record_receipt_print
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.till_models import ReceiptPrint


@pytest.fixture
def one_sale(till):
    cart = walk_in_cart(till.desk, till.ids.hoa)
    cart.add(scanned_line(till.desk, "SKN-004"))
    complete_sale(till.desk, cart, [Tender.card(4_200, "Visa", "4242", "OK1")])
    return till


def text_of(path):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_a_pdf_is_a_file_copy_marked_reprint_once_the_paper_original_was_printed(
    one_sale, tmp_path, capsys
):
    database = str(one_sale.db.path)
    first, second, third = (tmp_path / f"{name}.pdf" for name in ("first", "second", "third"))
    assert main(["receipt", "1", "--out", str(first), "--database", database]) == 0
    assert capsys.readouterr().out.strip() == f"receipt 1 saved to {first}"
    text = text_of(first)
    assert "Nguyễn Thị Hoa" in text and "REPRINT" not in text
    assert "We do not offer refunds on any services rendered." in text
    assert main(["receipt", "1", "--out", str(second), "--database", database]) == 0
    assert "REPRINT" not in text_of(second)  # a file saved is not the receipt handed over

    # The desk prints the original on paper; from then on every copy says REPRINT.
    record_receipt_print(one_sale.desk, receipt_data(one_sale.desk, 1), "roll", on_paper=True)
    assert (
        main(["--database", database, "receipt", "1", "--out", str(third), "--layout", "letter"])
        == 0
    )
    assert "(marked REPRINT)" in capsys.readouterr().out
    assert "REPRINT" in text_of(third)
    assert PdfReader(third).pages[0].mediabox.width == 612
    with one_sale.db.reading() as session:
        prints = session.execute(
            select(ReceiptPrint.layout, ReceiptPrint.on_paper, ReceiptPrint.reprint)
            .where(ReceiptPrint.by_staff_id.is_(None))  # the command's: nobody signed in
            .order_by(ReceiptPrint.id)
        ).all()
    assert prints == [("roll", False, False), ("roll", False, False), ("letter", False, True)]


def test_an_unknown_receipt_number_fails_in_one_line(one_sale, tmp_path, capsys):
    out = tmp_path / "nothing.pdf"
    assert main(["receipt", "99", "--out", str(out), "--database", str(one_sale.db.path)]) == 1
    error = capsys.readouterr().err
    assert error == "medspa-desk: There is no receipt number 99.\n"
    assert not out.exists()


def test_a_missing_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "nowhere.sqlite3"
    assert main(["receipt", "1", "--out", str(tmp_path / "r.pdf"), "--database", str(missing)]) == 1
    assert "there is no clinic database at" in capsys.readouterr().err
    assert not missing.exists()


def test_an_unwritable_output_fails_in_one_line(one_sale, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "r.pdf"
    assert main(["receipt", "1", "--out", str(out), "--database", str(one_sale.db.path)]) == 1
    assert capsys.readouterr().err.startswith(f"medspa-desk: cannot write {out}")
    with one_sale.db.reading() as session:
        assert session.scalars(select(ReceiptPrint)).all() == []  # nothing saved, nothing recorded


def test_the_command_is_listed(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "receipt" in capsys.readouterr().out
