"""`medspa-desk export-client CLIENT_ID --format json|csv|pdf --out FILE`: a client's data from
the command line, recorded in the audit log; an unknown client fails in one line."""

import csv
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from medspa_desk.cli import main
from medspa_desk.storage.models import AuditEntry
from tests.services.client_fixtures import FIRST, LAST


def export(desk, client_id, file_format, out, *extra) -> int:
    return main(
        [
            "export-client",
            str(client_id),
            "--format",
            file_format,
            "--out",
            str(out),
            "--database",
            str(desk.db.path),
            *extra,
        ]
    )


def test_each_format_is_saved_and_recorded(desk, hoa, tmp_path, capsys):
    for file_format in ("json", "csv", "pdf"):
        out = tmp_path / f"client.{file_format}"
        assert export(desk, hoa.client_id, file_format, out) == 0
        assert (
            capsys.readouterr().out
            == f"client {hoa.client_id}'s data saved to {out} ({file_format})\n"
        )

    data = json.loads((tmp_path / "client.json").read_text(encoding="utf-8"))
    assert (data["client"][0]["first_name"], data["client"][0]["last_name"]) == (FIRST, LAST)
    assert len(data["appointments"]) == 3
    rows = list(csv.reader(io.StringIO((tmp_path / "client.csv").read_text(encoding="utf-8-sig"))))
    assert (
        rows[0] == ["section", "record", "field", "value"]
        and ["client", "1", "last_name", LAST] in rows
    )
    assert (tmp_path / "client.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # for Excel
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "client.pdf").pages)
    assert f"{FIRST} {LAST}" in text
    with desk.db.reading() as session:
        exports = session.execute(
            select(AuditEntry.subject, AuditEntry.detail, AuditEntry.staff_id).where(
                AuditEntry.action == "client.exported"
            )
        ).all()
    assert exports == [
        (f"client:{hoa.client_id}", json.dumps({"format": f}), None) for f in ("json", "csv", "pdf")
    ]


def test_the_database_may_be_given_before_the_command(desk, hoa, tmp_path):
    out = tmp_path / "client.json"
    assert (
        main(
            [
                "--database",
                str(desk.db.path),
                "export-client",
                str(hoa.client_id),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert (
        json.loads(out.read_text(encoding="utf-8"))["client"][0]["client_id"] == hoa.client_id
    )  # json by default


def test_an_unknown_client_fails_in_one_line(desk, tmp_path, capsys):
    out = tmp_path / "nobody.json"
    assert export(desk, 999, "json", out) == 1
    assert capsys.readouterr().err == "medspa-desk: There is no client number 999 in the records.\n"
    assert not out.exists()


def test_an_unwritable_output_fails_in_one_line(desk, hoa, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "client.pdf"
    assert export(desk, hoa.client_id, "pdf", out) == 1
    assert capsys.readouterr().err.startswith(f"medspa-desk: cannot write {out}")
    with desk.db.reading() as session:
        assert (
            session.scalars(select(AuditEntry).where(AuditEntry.action == "client.exported")).all()
            == []
        )


def test_a_missing_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "nowhere.sqlite3"
    assert (
        main(["export-client", "1", "--out", str(tmp_path / "c.json"), "--database", str(missing)])
        == 1
    )
    assert "there is no clinic database at" in capsys.readouterr().err
    assert not missing.exists()


def test_the_command_is_listed(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "export-client" in capsys.readouterr().out
