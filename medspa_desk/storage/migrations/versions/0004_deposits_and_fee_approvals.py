"""the deposit a service asks for; the terminal's approval code of a fee charged to the card

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy of the tables: client_fee keeps its never-delete guard.
    op.add_column('service', sa.Column('deposit_cents', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('client_fee', sa.Column('card_approval_code', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('client_fee', sa.Column('card_approved_at', sa.String(length=19), nullable=True))
    op.execute(
        "ALTER TABLE client_fee ADD COLUMN card_approved_by_id INTEGER"
        " CONSTRAINT fk_client_fee_card_approved_by_id_staff REFERENCES staff (id)"
    )
    # Fees charged to a card before approval codes were kept were run at the terminal then: they
    # do not go on the "to charge" worklist; their code is simply not known.
    op.execute(
        "UPDATE client_fee SET card_approval_code = 'UNRECORDED' WHERE card_charge_cents > 0"
    )


def downgrade() -> None:
    with op.batch_alter_table('client_fee', schema=None) as batch_op:
        batch_op.drop_column('card_approved_by_id')
        batch_op.drop_column('card_approved_at')
        batch_op.drop_column('card_approval_code')
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_column('deposit_cents')
