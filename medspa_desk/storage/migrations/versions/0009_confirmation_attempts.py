"""each attempt to have a booking confirmed (call, text, email: who, when, what the client said),
and the channel a client prefers

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('confirmation_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_confirmation_attempt_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_confirmation_attempt_by_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confirmation_attempt'))
    )
    op.create_index(op.f('ix_confirmation_attempt_appointment_id'), 'confirmation_attempt', ['appointment_id'], unique=False)
    # The record that the clinic tried before it cancelled for want of an answer: kept.
    op.execute(
        "CREATE TRIGGER confirmation_attempt_no_delete BEFORE DELETE ON confirmation_attempt"
        " BEGIN SELECT RAISE(ABORT, 'the books are never deleted from: confirmation_attempt'); END"
    )
    # Plain ADD COLUMN, not a batch copy: the client table keeps its guards.
    op.add_column('client', sa.Column('preferred_channel', sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column('client', 'preferred_channel')
    op.execute("DROP TRIGGER confirmation_attempt_no_delete")
    op.drop_index(op.f('ix_confirmation_attempt_appointment_id'), table_name='confirmation_attempt')
    op.drop_table('confirmation_attempt')
