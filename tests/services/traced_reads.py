"""What SQLite runs on a desk's connections, as it runs it: to count how often the client table
is read whole (the client index reads it through the driver's cursor, which SQLAlchemy's events
do not see)."""

from __future__ import annotations

import re
import sqlite3

from sqlalchemy import event

from medspa_desk.services.desk import Desk


def traced_statements(desk: Desk) -> list[str]:
    """Every statement run on the desk's connections from now on."""
    statements: list[str] = []
    desk.db.engine.dispose()  # the connections opened from now on are traced

    @event.listens_for(desk.db.engine, "connect")
    def trace(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    return statements


def whole_client_table_reads(statements: list[str]) -> int:
    return sum(
        1
        for statement in statements
        if re.search(r"FROM client\b", statement) and "client.id IN" not in statement
    )
