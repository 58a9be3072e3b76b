"""A mapping saved to a file and used again: which column is which field (by the column's
header, so a fresher export with its columns in another order still reads), what to do about
each kind of problem, and which of this clinic's providers and services the old names mean
(by name, so the file reads on any copy of the books).

    {"kind": "clients",
     "columns": {"first_name": "First Name", "phone": "Cell"},
     "problems": {"invalid-phone": "skip"},
     "providers": {"Kelsey B.": "Kelsey Brandt"},
     "services": {"Botox 20u": "Botox: frown lines"}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from medspa_desk.domain.import_columns import FIELDS, ImportKind, guess_mapping, header_key
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.moving_in.import_plan import ImportChoices


class MappingUnreadable(DeskRefusal):
    """The saved mapping cannot be used with this file; str() says why."""


def mapping_json(
    kind: ImportKind,
    headers: Sequence[str],
    choices: ImportChoices,
    provider_names: Mapping[int, str] | None = None,
    service_names: Mapping[int, str] | None = None,
) -> str:
    """The choices as a file to keep (names for ids: `provider_names`, `service_names`)."""
    data: dict[str, Any] = {
        "kind": kind.value,
        "columns": {key: headers[index] for key, index in choices.columns.items()},
        "problems": {kind.value: choice.value for kind, choice in choices.resolutions.items()},
    }
    if choices.providers and provider_names:
        data["providers"] = {old: provider_names[id_] for old, id_ in choices.providers.items()}
    if choices.services and service_names:
        data["services"] = {old: service_names[id_] for old, id_ in choices.services.items()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def choices_from_json(
    kind: ImportKind,
    headers: Sequence[str],
    text: str,
    providers: Mapping[str, int] | None = None,
    services: Mapping[str, int] | None = None,
) -> ImportChoices:
    """The saved choices for a file with these `headers`; the columns the mapping does not name
    are guessed as for a file without one. `providers` and `services`: this clinic's, by name."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"The mapping file is not JSON: {error.msg} (line {error.lineno})."
        raise MappingUnreadable(message) from None
    if not isinstance(data, dict) or data.get("kind", kind.value) != kind.value:
        found = data.get("kind") if isinstance(data, dict) else None
        raise MappingUnreadable(f"The mapping file is for {found or 'something else'}, not {kind}.")
    columns = guess_mapping(kind, headers)
    known = {field.key for field in FIELDS[kind]}
    by_header = {header_key(header): index for index, header in enumerate(headers)}
    for key, header in dict(data.get("columns", {})).items():
        if key not in known:
            raise MappingUnreadable(f"The mapping names a field {key!r} that {kind} files lack.")
        if header in (None, ""):
            columns.pop(key, None)
            continue
        if header_key(str(header)) not in by_header:
            raise MappingUnreadable(f"The mapping's column {header!r} is not in this file.")
        index = by_header[header_key(str(header))]
        columns = {other: column for other, column in columns.items() if column != index}
        columns[key] = index
    resolutions = {}
    for problem, choice in dict(data.get("problems", {})).items():
        try:
            resolutions[ProblemKind(problem)] = Resolution(choice)
        except ValueError:
            message = f"The mapping's choice {problem!r}: {choice!r} is not one."
            raise MappingUnreadable(message) from None
    return ImportChoices(
        columns,
        resolutions,
        _names(data.get("providers", {}), providers or {}, "provider"),
        _names(data.get("services", {}), services or {}, "service"),
    )


def _names(saved: Mapping[str, str], here: Mapping[str, int], what: str) -> dict[str, int]:
    folded = {fold_for_search(name): id_ for name, id_ in here.items()}
    mapped = {}
    for old, new in dict(saved).items():
        if fold_for_search(new) not in folded:
            raise MappingUnreadable(f"The mapping's {what} {new!r} is not this clinic's.")
        mapped[fold_for_search(old)] = folded[fold_for_search(new)]
    return mapped
