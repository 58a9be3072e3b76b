"""the waiting list: clients waiting for a service, with their wishes, and each offer of a freed
slot made to them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:36:46.042067
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('waiting_list_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('provider_ids', sa.String(length=200), nullable=False),
    sa.Column('weekdays', sa.String(length=20), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('added_at', sa.String(length=19), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.String(length=19), nullable=True),
    sa.Column('closed_reason', sa.String(length=20), nullable=False),
    sa.Column('booked_appointment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['staff.id'], name=op.f('fk_waiting_list_entry_added_by_id_staff')),
    sa.ForeignKeyConstraint(['booked_appointment_id'], ['appointment.id'], name=op.f('fk_waiting_list_entry_booked_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_waiting_list_entry_client_id_client')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_waiting_list_entry_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waiting_list_entry'))
    )
    with op.batch_alter_table('waiting_list_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiting_list_entry_client_id'), ['client_id'], unique=False)

    op.create_table('waiting_list_offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_waiting_list_offer_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['entry_id'], ['waiting_list_entry.id'], name=op.f('fk_waiting_list_offer_entry_id_waiting_list_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waiting_list_offer'))
    )
    with op.batch_alter_table('waiting_list_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiting_list_offer_entry_id'), ['entry_id'], unique=False)
    # Who was offered what stays on record; an entry is closed, not deleted.
    for table in ('waiting_list_entry', 'waiting_list_offer'):
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}"
            f" BEGIN SELECT RAISE(ABORT, 'the books are never deleted from: {table}'); END"
        )



def downgrade() -> None:
    for table in ('waiting_list_entry', 'waiting_list_offer'):
        op.execute(f"DROP TRIGGER {table}_no_delete")
    with op.batch_alter_table('waiting_list_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiting_list_offer_entry_id'))

    op.drop_table('waiting_list_offer')
    with op.batch_alter_table('waiting_list_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiting_list_entry_client_id'))

    op.drop_table('waiting_list_entry')
