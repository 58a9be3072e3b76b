"""What an import will do, row by row, before it does it: the plan the preview shows, the
problem list, and the report written when it has run.

A plan is made twice: once to show (in a reading transaction), and again inside the import's
own writing transaction, so that what is written is judged against the books as they are at
that moment, not as they were when the preview was opened.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import DEFAULT_CHOICES, ProblemKind, Resolution
from medspa_desk.services.desk_errors import DeskRefusal


class RowAction(StrEnum):
    ADD = "add"
    MERGE = "merge"  # fills in a record already here (or one made from an earlier row)
    UNCHANGED = "unchanged"  # an earlier import brought this record in already
    SKIP = "skip"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    RowAction.ADD: "Added",
    RowAction.MERGE: "Merged",
    RowAction.UNCHANGED: "Already imported",
    RowAction.SKIP: "Skipped",
}


@dataclass(frozen=True)
class RowProblem:
    row_number: int  # in the file, the header row being 1
    kind: ProblemKind
    field: str  # the column's field key ("phone"); "" for the row as a whole
    message: str


@dataclass(frozen=True)
class ImportChoices:
    """The person's decisions: which column holds what, what to do about each kind of problem,
    and (bookings, visits) which of this clinic's providers and services the old names mean."""

    columns: Mapping[str, int]  # field key -> column index
    resolutions: Mapping[ProblemKind, Resolution] = field(default_factory=dict)
    providers: Mapping[str, int] = field(default_factory=dict)  # old name (folded) -> staff id
    services: Mapping[str, int] = field(default_factory=dict)  # old name (folded) -> service id

    def resolution(self, kind: ProblemKind) -> Resolution:
        chosen = self.resolutions.get(kind, DEFAULT_CHOICES[kind])
        return Resolution(chosen) if chosen in kind.choices else DEFAULT_CHOICES[kind]


@dataclass(frozen=True)
class PlannedRow:
    row_number: int
    action: RowAction
    stored: Mapping[str, str]  # what will be kept, field by field, as the preview shows it
    problems: tuple[RowProblem, ...] = ()
    why: str = ""  # for a merge, unchanged or skip: in words, for the report


@dataclass(frozen=True)
class ImportPlan:
    kind: ImportKind
    file_name: str
    rows: tuple[PlannedRow, ...]

    @property
    def problems(self) -> list[RowProblem]:
        return [problem for row in self.rows for problem in row.problems]

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action is action)

    def problem_counts(self) -> dict[ProblemKind, int]:
        counts: dict[ProblemKind, int] = {}
        for problem in self.problems:
            counts[problem.kind] = counts.get(problem.kind, 0) + 1
        return counts


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None for a dry run, or when nothing was new
    plan: ImportPlan

    @property
    def summary(self) -> str:
        """'1,204 added, 3 merged, 0 already imported, 12 skipped'."""
        return ", ".join(
            f"{self.plan.count(action):,} {words}"
            for action, words in (
                (RowAction.ADD, "added"),
                (RowAction.MERGE, "merged"),
                (RowAction.UNCHANGED, "already imported"),
                (RowAction.SKIP, "skipped"),
            )
        )


class ImportCancelled(DeskRefusal):
    """The person stopped the import: nothing of it was saved."""


# Called with (rows done, rows in all) as an import writes; raising ImportCancelled from it
# stops the import with nothing saved.
Progress = Callable[[int, int], None]


def report_csv(plan: ImportPlan) -> bytes:
    """Every row not simply added as it stood, and why: the report a manager keeps of an
    import, a line per problem (a row with none, merged or already imported, has one line).
    UTF-8 with a byte-order mark, so that Excel opens it with its accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Row", "Outcome", "Problem", "Field", "What was found", "What was done"])
    for row in plan.rows:
        if not row.problems and row.action is not RowAction.ADD:
            writer.writerow([row.row_number, row.action.label, "", "", "", row.why])
        for problem in row.problems:
            writer.writerow(
                [
                    row.row_number,
                    row.action.label,
                    problem.kind.label,
                    problem.field,
                    problem.message,
                    row.why or "Imported without this field.",
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
