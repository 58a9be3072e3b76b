"""The whole schema of the books: every model module, so that one metadata names every table.

Alembic (migrations/env.py) and the schema tests compare a database with BOOKS_METADATA. A model
module left out of MODEL_MODULES would make its tables look like tables to drop, and the schema
test (tests/storage/test_database.py) fails on exactly that.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from medspa_desk.storage import models, till_models

MODEL_MODULES = (models, till_models)
BOOKS_METADATA: MetaData = models.Base.metadata
