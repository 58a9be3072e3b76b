"""indexes for what a fee has been paid and for the records merged into a client

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:18:10
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain CREATE INDEX, not a batch copy of the tables: the tables keep their guards.
    # What a fee has been paid (services.clients.standing.unpaid_fees) read every sale line.
    op.create_index('ix_sale_line_fee_id', 'sale_line', ['fee_id'], unique=False)
    # The records merged into a client read every client. Partial: search's "merged_into_id IS
    # NULL" must not be planned through an index holding nearly every client.
    op.create_index(
        'ix_client_merged_into_id',
        'client',
        ['merged_into_id'],
        unique=False,
        sqlite_where=sa.text('merged_into_id IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_client_merged_into_id', table_name='client')
    op.drop_index('ix_sale_line_fee_id', table_name='sale_line')
