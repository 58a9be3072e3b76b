"""How values the domain names are kept in SQLite's text columns.

Both types change what Python sees, not the schema: Alembic compares their `impl`, so a column
typed with them is the same `String(n)` column the migrations made.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import String, TypeDecorator
from sqlalchemy.engine import Dialect


class UtcDateTime(TypeDecorator[datetime]):
    """An aware instant, kept as UTC text ("YYYY-MM-DD HH:MM:SS", sortable in any SQLite tool)."""

    impl = String(19)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime: say which zone it is in")
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


class EnumText(TypeDecorator[StrEnum]):
    """A member of one of the domain's StrEnums, kept as its value in a `String(length)`.

    A value that is not one of the enum's is refused before it is written, and a row comes back
    as the member, so code compares members and never the strings.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int) -> None:
        super().__init__(length)
        self.enum = enum
        self.length = length

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        if value is None:
            return None
        return self.enum(value)

    def __repr__(self) -> str:
        return f"EnumText({self.enum.__name__}, {self.length})"
