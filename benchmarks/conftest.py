"""Benchmarks run with the test suite's own set-up: no real screen, no user data folders touched."""

from tests.conftest import private_data_folders  # noqa: F401 (the autouse fixture, shared)
