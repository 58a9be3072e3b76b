"""Alembic environment: the app hands over an open connection; developers use alembic.ini."""

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool

from medspa_desk.storage.schema import BOOKS_METADATA

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=BOOKS_METADATA,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), poolclass=pool.NullPool
    )
    with engine.connect() as developer_connection:
        run(developer_connection)
