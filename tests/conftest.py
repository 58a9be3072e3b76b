"""Test-wide set-up: no real screen, and no test touches the user's own data folders."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# `mailbox`, a real SMTP server on localhost, and `credential_store`, one in memory: for the
# tests of outgoing mail.
pytest_plugins = ["tests.smtp_server", "tests.credential_store"]


@pytest.fixture(autouse=True)
def private_data_folders(tmp_path_factory, monkeypatch):
    """Point platformdirs (data, logs) and QSettings (config) at a folder of this test's own."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    return home
