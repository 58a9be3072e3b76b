"""whether each receipt copy was printed on paper or saved as a PDF: only a paper copy makes the
next one a REPRINT

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: the table keeps its guards. The copies recorded before
    # are taken as paper, so the receipts already marked REPRINT stay marked as they were.
    op.add_column(
        'receipt_print',
        sa.Column('on_paper', sa.Boolean(), server_default=sa.true(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column('receipt_print', 'on_paper')
