"""Imports run one way: the import-linter contracts in pyproject.toml hold for the package, and
they do catch a layer that imports the wrong way (so this test can fail)."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).parent.parent
CONFIG = REPO / "pyproject.toml"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the repo's contracts over the medspa_desk package in `package_parent`."""
    command = [
        sys.executable,
        "-c",
        "from importlinter.cli import lint_imports_command; lint_imports_command()",
        "--config",
        str(CONFIG),
        "--no-cache",
    ]
    environment = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        command, cwd=package_parent, env=environment, capture_output=True, text=True, timeout=300
    )


def contract_names() -> dict[str, str]:
    contracts = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]
    return {contract["id"]: contract["name"] for contract in contracts}


def test_the_layers_are_listed_from_the_window_down_to_the_domain():
    contracts = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(contract for contract in contracts if contract["id"] == "layers")
    assert layers["containers"] == ["medspa_desk"]
    assert layers["layers"] == [
        "cli",
        "ui | admin",
        "demo",
        "services",
        "documents",
        "storage",
        "domain",
    ]


def test_every_contract_is_kept_by_the_package():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in contract_names().values():
        assert f"{name} KEPT" in result.stdout


def test_an_import_the_wrong_way_breaks_its_contract(tmp_path):
    copy = tmp_path / "medspa_desk"
    shutil.copytree(REPO / "medspa_desk", copy, ignore=shutil.ignore_patterns("__pycache__"))
    # One wrong import per contract, each of a kind the code once had or could easily grow.
    (copy / "documents" / "wrong_way.py").write_text("import medspa_desk.services.till.receipts\n")
    (copy / "ui" / "wrong_way.py").write_text("import medspa_desk.storage.database\n")
    (copy / "services" / "wrong_way.py").write_text("import PySide6.QtCore\n")
    (copy / "domain" / "wrong_way.py").write_text("import sqlalchemy\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    names = contract_names()
    for contract in ("layers", "books-through-services", "no-qt-below-ui", "plain-domain"):
        assert f"{names[contract]} BROKEN" in result.stdout
    assert "medspa_desk.documents.wrong_way -> medspa_desk.services.till.receipts" in result.stdout
    assert "medspa_desk.ui.wrong_way -> medspa_desk.storage.database" in result.stdout


def test_the_architecture_page_names_every_contract():
    architecture = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for contract in contract_names():
        assert f"`{contract}`" in architecture
