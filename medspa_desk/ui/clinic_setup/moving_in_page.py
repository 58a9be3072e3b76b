"""Clinic set-up's "Moving in" page: the old system's export brought in (services.moving_in),
and the books exported again.

Choose what the file holds and the file; the page guesses which column is which, shows the
first rows as they will be stored at once, and lists every problem by kind, each kind with its
choice (skip the row, import without the field, merge, or as it stands); bookings list the old
names of providers and services this clinic does not know, each to be matched to one of its
own. Every change plans the import again. Reading the file, planning all of it and importing
run off the GUI thread, with progress; an import can be cancelled until it commits, leaving
nothing of it. Only a manager imports or exports (the service refuses anyone else too).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.import_columns import FIELDS, ImportKind, guess_mapping
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.moving_in.books_export import ExportFormat, ExportKind, export_books
from medspa_desk.services.moving_in.import_files import ImportTable, read_import_file
from medspa_desk.services.moving_in.import_plan import (
    ImportCancelled,
    ImportChoices,
    ImportPlan,
    ImportResult,
    RowAction,
    report_csv,
)
from medspa_desk.services.moving_in.imports import names_to_map, preview_import, run_import
from medspa_desk.services.moving_in.saved_mappings import choices_from_json, mapping_json
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.side_windows import fill_rows, row_table

NOT_IN_FILE = "— not in the file —"
PREVIEW_ROWS = 20
_SHOWN_PROBLEMS = 500  # the rest are in the report
_UNKNOWN_NAMES = (ProblemKind.UNKNOWN_PROVIDER, ProblemKind.UNKNOWN_SERVICE)
_FILES = "Export files (*.csv *.txt *.xlsx);;All files (*)"


class MovingInPage(QWidget):
    _imported_rows = Signal(int, int)  # from the import's thread to the progress bar

    def __init__(
        self, desk: Desk, desk_actions: DeskActions, runner: Runner = run_in_background
    ) -> None:
        super().__init__()
        self.setAccessibleName("Moving in")
        self._desk, self._actions, self._runner = desk, desk_actions, runner
        self._table: ImportTable | None = None
        self._plan: ImportPlan | None = None  # of every row, once planned
        self._planning = 0  # which plan is the newest asked for: an older one is dropped
        self._cancel = False
        self._resolutions: dict[ProblemKind, Resolution] = {}
        self._names: dict[tuple[str, str], int] = {}  # (field, old name) -> this clinic's id
        # What the tables of choices show: rebuilt only when these change, so that a choice
        # being made is not replaced under the person making it.
        self._names_shown: list[tuple[str, str]] = []
        self._kinds_shown: list[ProblemKind] = []

        self.kind = QComboBox()
        self.kind.setAccessibleName("What the file holds")
        for kind in ImportKind:
            self.kind.addItem(kind.label, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.file_name = QLabel("No file chosen.")
        self.choose = self._button("Choose file…", self._choose_file)
        self.columns = row_table("Column mapping", ("Field", "Column in the file"))
        self.names = row_table("Name mapping", ("Old name", "This clinic's"))
        self.problem_choices = row_table("Problem choices", ("Problem", "Rows", "What to do"))
        self.preview = row_table("Import preview", ("Row", "Outcome"))
        self.problems = row_table(
            "Problem list", ("Row", "Problem", "What was found"), set_widths={"Problem": 220}
        )
        self.message = MessageLine("Import message")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.start = self._button("Import", self._start_import)
        self.cancel = self._button("Cancel import", self._cancel_import)
        self.cancel.hide()
        self.save_mapping = self._button("Save mapping…", self._choose_mapping_to_save)
        self.load_mapping = self._button("Load mapping…", self._choose_mapping_to_load)
        self.save_report = self._button("Save report…", self._choose_report)
        self.export_kind = QComboBox()
        self.export_kind.setAccessibleName("What to export")
        for kind in ExportKind:
            self.export_kind.addItem(kind.value.capitalize(), kind)
        self.export_format = QComboBox()
        self.export_format.setAccessibleName("Export format")
        self.export_format.addItem("CSV", ExportFormat.CSV)
        self.export_format.addItem("Excel (.xlsx)", ExportFormat.XLSX)
        self.export = self._button("Export…", self._choose_export)
        self._imported_rows.connect(self._show_progress)
        self._lay_out()
        self._enable()

    # --- what a person does ------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        """Read the file (off the GUI thread), guess its columns, and plan its import."""
        self.message.note(f"Reading {path.name}…")
        self._runner(
            lambda: read_import_file(path),
            self._file_read,
            lambda error: self.message.refuse(_said(error)),
        )

    def import_now(self) -> None:
        self._start_import()

    # --- the file and its mapping ----------------------------------------------------------

    def _file_read(self, table: ImportTable) -> None:
        self._table = table
        self.file_name.setText(f"{table.file_name}: {len(table.rows):,} rows ({table.encoding})")
        self._show_columns(guess_mapping(self._kind(), table.headers))
        self._plan_again()

    def _kind_changed(self) -> None:
        self._names.clear()
        if self._table is not None:
            self._show_columns(guess_mapping(self._kind(), self._table.headers))
            self._plan_again()

    def _show_columns(self, mapping: dict[str, int]) -> None:
        assert self._table is not None
        fields = FIELDS[self._kind()]
        fill_rows(self.columns, [[field.label, ""] for field in fields])
        for row, field in enumerate(fields):
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {field.label}")
            combo.addItem(NOT_IN_FILE, None)
            for index, header in enumerate(self._table.headers):
                combo.addItem(header or f"Column {index + 1}", index)
            if field.key in mapping:
                combo.setCurrentIndex(mapping[field.key] + 1)
            combo.currentIndexChanged.connect(self._plan_again)
            self.columns.setCellWidget(row, 1, combo)

    def _show_names(self) -> None:
        """The old names this clinic does not know, each with a choice of this clinic's own."""
        unknown = list(self._names)
        for row in self._plan.rows if self._plan is not None else ():
            for problem in row.problems:
                name = row.stored.get(problem.field, "")
                known = (problem.field, name) in unknown
                if problem.kind in _UNKNOWN_NAMES and name and not known:
                    unknown.append((problem.field, name))
        self.names.parentWidget().setVisible(bool(unknown))
        if unknown == self._names_shown:  # the same names: their choices stand as they are
            return
        self._names_shown = unknown
        providers, services = names_to_map(self._desk)
        fill_rows(self.names, [[name, ""] for _field, name in unknown])
        for row, (field, name) in enumerate(unknown):
            combo = QComboBox()
            combo.setAccessibleName(f"This clinic's {field} for {name}")
            combo.addItem("— skip its rows —", None)
            for own, own_id in sorted((providers if field == "provider" else services).items()):
                combo.addItem(own, own_id)
            combo.setCurrentIndex(max(combo.findData(self._names.get((field, name))), 0))
            combo.currentIndexChanged.connect(
                lambda _index, combo=combo, key=(field, name): self._name_chosen(key, combo)
            )
            self.names.setCellWidget(row, 1, combo)

    def _name_chosen(self, key: tuple[str, str], combo: QComboBox) -> None:
        if combo.currentData() is None:
            self._names.pop(key, None)
        else:
            self._names[key] = combo.currentData()
        self._plan_again()

    def _choices(self) -> ImportChoices:
        columns = {}
        for row, field in enumerate(FIELDS[self._kind()]):
            combo = self.columns.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and combo.currentData() is not None:
                columns[field.key] = combo.currentData()
        names = self._names.items()
        return ImportChoices(
            columns,
            dict(self._resolutions),
            {fold_for_search(name): id_ for (f, name), id_ in names if f == "provider"},
            {fold_for_search(name): id_ for (f, name), id_ in names if f == "service"},
        )

    def _kind(self) -> ImportKind:
        return ImportKind(self.kind.currentData())

    # --- planning ---------------------------------------------------------------------------

    def _plan_again(self) -> None:
        """The first rows at once, then every row off the GUI thread (a newer plan wins)."""
        if self._table is None:
            return
        table, kind, choices = self._table, self._kind(), self._choices()
        self._planning += 1
        planning = self._planning
        self._plan = None
        self._enable()
        try:
            first = preview_import(self._desk, kind, table, choices, limit=PREVIEW_ROWS)
        except DeskRefusal as refusal:
            self.message.refuse(refusal)
            fill_rows(self.preview, [])
            return
        self._show_preview(first)
        self.message.note(f"Checking all {len(table.rows):,} rows…")
        self._runner(
            lambda: preview_import(self._desk, kind, table, choices),
            lambda plan: self._planned(planning, plan),
            lambda error: self.message.refuse(_said(error)),
        )

    def _planned(self, planning: int, plan: ImportPlan) -> None:
        if planning != self._planning:
            return  # the mapping changed since: a newer plan is on its way
        self._plan = plan
        self._show_problem_choices(plan)
        self._show_problems(plan)
        self._show_names()
        self.message.note(f"{plan.file_name}: {_summary(plan, 'would be')}.")
        self._enable()

    def _show_preview(self, plan: ImportPlan) -> None:
        keys = list(dict.fromkeys(key for row in plan.rows for key in row.stored))
        self.preview.setColumnCount(2 + len(keys) + 1)
        labels = {field.key: field.label for field in FIELDS[plan.kind]}
        headers = ["Row", "Outcome", *(labels.get(key, key.capitalize()) for key in keys)]
        self.preview.setHorizontalHeaderLabels([*headers, "Problems"])
        fill_rows(
            self.preview,
            [
                [
                    str(row.row_number),
                    row.action.label,
                    *(row.stored.get(key, "").replace("\n", " / ") for key in keys),
                    "; ".join(problem.kind.label for problem in row.problems),
                ]
                for row in plan.rows
            ],
        )

    def _show_problem_choices(self, plan: ImportPlan) -> None:
        counts = plan.problem_counts()
        if list(counts) == self._kinds_shown:  # the same kinds: only their counts change
            for row, count in enumerate(counts.values()):
                self.problem_choices.item(row, 1).setText(f"{count:,}")
            return
        self._kinds_shown = list(counts)
        fill_rows(self.problem_choices, [[k.label, f"{n:,}", ""] for k, n in counts.items()])
        for row, kind in enumerate(counts):
            combo = QComboBox()
            combo.setAccessibleName(f"What to do: {kind.label}")
            for resolution in kind.choices:
                combo.addItem(resolution.label, resolution)
            combo.setCurrentIndex(max(combo.findData(self._resolutions.get(kind)), 0))
            combo.currentIndexChanged.connect(
                lambda _index, combo=combo, kind=kind: self._resolution_chosen(kind, combo)
            )
            self.problem_choices.setCellWidget(row, 2, combo)

    def _resolution_chosen(self, kind: ProblemKind, combo: QComboBox) -> None:
        self._resolutions[kind] = Resolution(combo.currentData())
        self._plan_again()

    def _show_problems(self, plan: ImportPlan) -> None:
        problems = plan.problems
        shown = [[str(p.row_number), p.kind.label, p.message] for p in problems[:_SHOWN_PROBLEMS]]
        if len(problems) > _SHOWN_PROBLEMS:
            shown.append(["", f"and {len(problems) - _SHOWN_PROBLEMS:,} more", "in the report"])
        fill_rows(self.problems, shown)

    # --- importing ----------------------------------------------------------------------------

    def _start_import(self) -> None:
        if self._table is None or self._plan is None:
            return
        table, kind, choices = self._table, self._kind(), self._choices()
        self._cancel = False
        self._busy(True)
        self.message.note(f"Importing {table.file_name}…")

        def progress(done: int, total: int) -> None:
            if self._cancel:
                raise ImportCancelled("Import cancelled: nothing of the file was saved.")
            self._imported_rows.emit(done, total)

        self._runner(
            lambda: run_import(self._desk, kind, table, choices, progress=progress),
            self._imported,
            self._import_failed,
        )

    def _cancel_import(self) -> None:
        self._cancel = True
        self.message.note("Cancelling: nothing of the file will be saved…")

    def _imported(self, result: ImportResult) -> None:
        self._busy(False)
        self._plan = result.plan
        if result.batch_id is None:
            self.message.note(f"Nothing new in {result.plan.file_name}: {result.summary}.")
            return
        self.message.note(f"Imported {result.plan.file_name}: {result.summary}.")
        # Thousands of records at once: every view reads its books again.
        self._actions.announce(BooksChanged(clinic_set_up=True))

    def _import_failed(self, error: Exception) -> None:
        self._busy(False)
        self.message.refuse(_said(error))

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.cancel.setVisible(busy)
        for widget in (self.kind, self.choose, self.start, self.load_mapping, self.columns):
            widget.setEnabled(not busy)

    def _enable(self) -> None:
        manager = may(self._desk, DeskPermission.IMPORT_RECORDS)
        planned = self._plan is not None
        new = planned and any(
            row.action in (RowAction.ADD, RowAction.MERGE)
            for row in self._plan.rows  # type: ignore[union-attr]
        )
        self.start.setEnabled(manager and new)
        self.start.setText(f"Import {self._plan.count(RowAction.ADD):,} new" if new else "Import")  # type: ignore[union-attr]
        self.start.setToolTip("" if manager else "A manager imports: sign in as one")
        self.save_report.setEnabled(planned)
        self.save_mapping.setEnabled(self._table is not None)
        self.export.setEnabled(may(self._desk, DeskPermission.EXPORT_BOOKS))

    # --- files chosen ---------------------------------------------------------------------------

    def _choose_file(self) -> None:
        _ask_for_path(self, "Choose the export to import", _FILES, False, self.open_file)

    def _choose_mapping_to_save(self) -> None:
        _ask_for_path(self, "Save the mapping", "Mappings (*.json)", True, self.save_mapping_to)

    def _choose_mapping_to_load(self) -> None:
        _ask_for_path(self, "Load a mapping", "Mappings (*.json)", False, self.load_mapping_from)

    def _choose_export(self) -> None:
        kind = ExportKind(self.export_kind.currentData())
        file_format = ExportFormat(self.export_format.currentData())
        _ask_for_path(
            self,
            f"Export {kind.value}",
            f"{self.export_format.currentText()} (*.{file_format.value})",
            True,
            lambda path: self.export_to(kind, file_format, path),
        )

    def _choose_report(self) -> None:
        _ask_for_path(self, "Save the report", "CSV (*.csv)", True, self.save_report_to)

    def save_mapping_to(self, path: Path) -> None:
        if self._table is None:
            return
        providers, services = names_to_map(self._desk)
        text = mapping_json(
            self._kind(),
            self._table.headers,
            self._choices(),
            {i: n for n, i in providers.items()},
            {i: n for n, i in services.items()},
        )
        self._write(path, text.encode("utf-8"), f"Mapping saved to {path.name}.")

    def load_mapping_from(self, path: Path) -> None:
        if self._table is None:
            self.message.refuse("Choose the file to import first, then the mapping for it.")
            return
        providers, services = names_to_map(self._desk)
        try:
            text = path.read_text(encoding="utf-8")
            choices = choices_from_json(
                self._kind(), self._table.headers, text, providers, services
            )
        except (OSError, DeskRefusal) as problem:
            self.message.refuse(_said(problem))
            return
        self._resolutions = dict(choices.resolutions)
        self._names = {}
        for old, id_ in choices.providers.items():
            self._names[("provider", old)] = id_
        for old, id_ in choices.services.items():
            self._names[("service", old)] = id_
        self._show_columns(dict(choices.columns))
        self._plan_again()

    def save_report_to(self, path: Path) -> None:
        if self._plan is not None:
            self._write(path, report_csv(self._plan), f"Report saved to {path.name}.")

    def export_to(self, kind: ExportKind, file_format: ExportFormat, path: Path) -> None:
        try:
            content, count = export_books(self._desk, kind, file_format)
        except DeskRefusal as refusal:
            self.message.refuse(refusal)
            return
        self._write(path, content, f"{count:,} {kind.value} exported to {path.name}.")

    def _write(self, path: Path, content: bytes, done: str) -> None:
        from medspa_desk.services.books.files import create_private_file

        try:
            create_private_file(path)  # clients' data: the owner's alone
            path.write_bytes(content)
        except OSError as error:
            self.message.refuse(f"Cannot write {path}: {error.strerror}.")
            return
        self.message.note(done)

    # --- layout ---------------------------------------------------------------------------------

    def _button(self, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("What the file holds:"))
        chooser.addWidget(self.kind)
        chooser.addWidget(self.choose)
        chooser.addWidget(self.file_name, 1)
        chooser.addWidget(self.load_mapping)
        chooser.addWidget(self.save_mapping)
        chooser.addSpacing(24)
        chooser.addWidget(QLabel("Export:"))
        chooser.addWidget(self.export_kind)
        chooser.addWidget(self.export_format)
        chooser.addWidget(self.export)
        grid = QGridLayout()
        grid.addWidget(_titled("Which column is which", self.columns), 0, 0, 2, 1)
        grid.addWidget(_titled("First rows, as they will be kept", self.preview), 0, 1)
        grid.addWidget(_titled("Problems, by kind", self.problem_choices), 1, 1)
        beside = QVBoxLayout()  # the old names, when there are any, under every problem
        beside.addWidget(_titled("Every problem", self.problems), 3)
        beside.addWidget(_titled("Old names: which of this clinic's", self.names), 2)
        self.names.parentWidget().hide()
        grid.addLayout(beside, 0, 2, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.progress)
        for button in (self.cancel, self.save_report, self.start):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)


def _titled(title: str, table: QTableWidget) -> QGroupBox:
    box = QGroupBox(title)
    inner = QVBoxLayout(box)
    inner.addWidget(table)
    return box


def _ask_for_path(parent: QWidget, title: str, filters: str, save: bool, chosen) -> None:  # type: ignore[no-untyped-def]
    """A file dialog that does not block the window (open(), not exec()): the path chosen is
    handed to `chosen`."""
    dialog = QFileDialog(parent, title, str(Path.home()), filters)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()


def _summary(plan: ImportPlan, verb: str) -> str:
    return (
        ", ".join(f"{plan.count(action):,} {action.label.lower()}" for action in RowAction)
        + f" ({verb})"
    )


def _said(error: Exception) -> str:
    return str(error) if isinstance(error, DeskRefusal) else f"That did not work: {error}"
