"""The shape of a client's data, as services.clients.held_data gathers it for the rights of
access and portability and documents.client_data_report lays it out.

JSON-ready: sections of records, a record's values plain (text, whole numbers, true/false, none),
an instant ({"utc": ..., "local": ...}) or a list of records (an appointment's status history,
a sale's lines).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

DataValue: TypeAlias = (
    "str | int | bool | None | Mapping[str, DataValue] | Sequence[Mapping[str, DataValue]]"
)
DataRecord: TypeAlias = Mapping[str, DataValue]
ClientData: TypeAlias = dict[str, list[DataRecord]]  # section name: its records
