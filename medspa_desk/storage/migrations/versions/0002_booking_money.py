"""booking money: cards on file, booking payments, fees, account credit, policy texts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 08:49:50.992148
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('policy_text',
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('first_used_at', sa.String(length=19), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_policy_text'))
    )
    op.create_table('card_on_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('brand', sa.String(length=20), nullable=False),
    sa.Column('last4', sa.String(length=4), nullable=False),
    sa.Column('expiry_month', sa.Integer(), nullable=False),
    sa.Column('expiry_year', sa.Integer(), nullable=False),
    sa.Column('cardholder_name', sa.String(length=120), nullable=False),
    sa.Column('terminal_reference', sa.String(length=120), nullable=False),
    sa.Column('added_at', sa.String(length=19), nullable=False),
    sa.Column('removed_at', sa.String(length=19), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_card_on_file_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_on_file'))
    )
    with op.batch_alter_table('card_on_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_on_file_client_id'), ['client_id'], unique=False)

    op.create_table('booking_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('tender', sa.String(length=20), nullable=False),
    sa.Column('card_brand', sa.String(length=20), nullable=False),
    sa.Column('card_last4', sa.String(length=4), nullable=False),
    sa.Column('approval_code', sa.String(length=20), nullable=False),
    sa.Column('paid_at', sa.String(length=19), nullable=False),
    sa.Column('taken_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('outcome_at', sa.String(length=19), nullable=True),
    sa.Column('outcome_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_booking_payment_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_booking_payment_client_id_client')),
    sa.ForeignKeyConstraint(['taken_by_id'], ['staff.id'], name=op.f('fk_booking_payment_taken_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_payment'))
    )
    with op.batch_alter_table('booking_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_payment_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_payment_client_id'), ['client_id'], unique=False)

    op.create_table('client_fee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('from_deposit_cents', sa.Integer(), nullable=False),
    sa.Column('charged_to_card_id', sa.Integer(), nullable=True),
    sa.Column('card_charge_cents', sa.Integer(), nullable=False),
    sa.Column('owed_cents', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.String(length=19), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('waived_at', sa.String(length=19), nullable=True),
    sa.Column('waived_by_id', sa.Integer(), nullable=True),
    sa.Column('waived_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_client_fee_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['charged_to_card_id'], ['card_on_file.id'], name=op.f('fk_client_fee_charged_to_card_id_card_on_file')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_fee_client_id_client')),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_client_fee_created_by_id_staff')),
    sa.ForeignKeyConstraint(['waived_by_id'], ['staff.id'], name=op.f('fk_client_fee_waived_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_fee'))
    )
    with op.batch_alter_table('client_fee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_fee_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_fee_client_id'), ['client_id'], unique=False)

    op.create_table('account_credit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('booking_payment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_account_credit_entry_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['booking_payment_id'], ['booking_payment.id'], name=op.f('fk_account_credit_entry_booking_payment_id_booking_payment')),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_account_credit_entry_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_account_credit_entry_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_credit_entry'))
    )
    with op.batch_alter_table('account_credit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_credit_entry_client_id'), ['client_id'], unique=False)

    # Plain ADD COLUMN, not batch mode: rebuilding the appointment table would drop its
    # never-delete trigger, and with foreign keys on, SQLite cannot drop a referenced table.
    # (Alembic's add_column cannot name a foreign key on SQLite; SQLite itself can.)
    op.execute(
        "ALTER TABLE appointment ADD COLUMN rescheduled_to_id INTEGER"
        " CONSTRAINT fk_appointment_rescheduled_to_id_appointment REFERENCES appointment (id)"
    )
    op.execute(
        "ALTER TABLE appointment ADD COLUMN prepayment_waived_by_id INTEGER"
        " CONSTRAINT fk_appointment_prepayment_waived_by_id_staff REFERENCES staff (id)"
    )
    op.add_column('appointment', sa.Column(
        'prepayment_waived_reason', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    op.drop_column('appointment', 'prepayment_waived_reason')
    op.drop_column('appointment', 'prepayment_waived_by_id')
    op.drop_column('appointment', 'rescheduled_to_id')
    for table in ('account_credit_entry', 'client_fee', 'booking_payment', 'card_on_file', 'policy_text'):
        op.drop_table(table)
