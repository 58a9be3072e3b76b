"""What ships: every package folder is in the wheel's list, and resources are found by import."""

import importlib.resources
import tomllib
from pathlib import Path

REPO = Path(__file__).parent.parent


def test_pyproject_lists_every_package_folder():
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "medspa_desk").rglob("__init__.py")
    }
    assert listed == on_disk | {"medspa_desk.resources"}


def test_clinic_texts_are_found_as_package_resources():
    policies = (
        importlib.resources.files("medspa_desk.resources") / "clinic" / "published-policies.txt"
    )
    assert "tardiness of more than 10 minutes" in policies.read_text(encoding="utf-8")
