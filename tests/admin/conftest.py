"""The commands are tried on the small clinic and the till of the service tests: their fixtures,
offered to every test here."""

from tests.services.conftest import clinic, desk, hoa, template, till, till_template  # noqa: F401
