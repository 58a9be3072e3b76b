"""The desk's database: SQLAlchemy models, the SQLite engine set up for a till, migrations."""
