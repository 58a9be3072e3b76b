"""The commands are tried on the small clinic and the till of the service tests, and on the demo
books of tests/admin/command_books: their fixtures, offered to every test here."""

from tests.admin.command_books import demo_books, two_clinics  # noqa: F401
from tests.services.conftest import clinic, desk, hoa, template, till, till_template  # noqa: F401
