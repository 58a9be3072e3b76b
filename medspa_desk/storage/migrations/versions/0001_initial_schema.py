"""initial schema: settings, staff, service menu, retail, clients, appointments, audit log

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 08:31:07.426370
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('search_name', sa.String(length=170), nullable=False),
    sa.Column('phone_e164', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=19), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client'))
    )
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_phone_e164'), ['phone_e164'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_search_name'), ['search_name'], unique=False)

    op.create_table('clinic_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_clinic_setting'))
    )
    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('brand', sa.String(length=60), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('stock_quantity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product')),
    sa.UniqueConstraint('sku', name=op.f('uq_product_sku'))
    )
    op.create_table('service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('name', name=op.f('uq_service_name'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('is_provider', sa.Boolean(), nullable=False),
    sa.Column('is_manager', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('calendar_order', sa.Integer(), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff'))
    )
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.String(length=19), nullable=False),
    sa.Column('ends_at', sa.String(length=19), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('policy_version', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=19), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_appointment_client_id_client')),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_appointment_created_by_id_staff')),
    sa.ForeignKeyConstraint(['provider_id'], ['staff.id'], name=op.f('fk_appointment_provider_id_staff')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_appointment_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_client_starts', ['client_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_appointment_provider_starts', ['provider_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_appointment_starts_at', ['starts_at'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_entry_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('service_provider',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_provider_service_id_service')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_service_provider_staff_id_staff')),
    sa.PrimaryKeyConstraint('service_id', 'staff_id', name=op.f('pk_service_provider'))
    )
    op.create_table('appointment_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=24), nullable=True),
    sa.Column('to_status', sa.String(length=24), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_appointment_status_change_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_appointment_status_change_by_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_status_change'))
    )
    with op.batch_alter_table('appointment_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_status_change_appointment_id'), ['appointment_id'], unique=False)

    # The books are append-only where the clinic's record must stand: SQLite itself refuses.
    for statement in _KEEP_FOREVER:
        op.execute(statement)


_KEEP_FOREVER = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER appointment_no_delete BEFORE DELETE ON appointment
       BEGIN SELECT RAISE(ABORT, 'appointments are never deleted: change their status'); END""",
    """CREATE TRIGGER appointment_status_change_no_delete BEFORE DELETE ON appointment_status_change
       BEGIN SELECT RAISE(ABORT, 'appointment history is never deleted'); END""",
]


def downgrade() -> None:
    for trigger in ("audit_entry_no_update", "audit_entry_no_delete", "appointment_no_delete",
                    "appointment_status_change_no_delete"):
        op.execute(f"DROP TRIGGER {trigger}")
    with op.batch_alter_table('appointment_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_status_change_appointment_id'))

    op.drop_table('appointment_status_change')
    op.drop_table('service_provider')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_starts_at')
        batch_op.drop_index('ix_appointment_provider_starts')
        batch_op.drop_index('ix_appointment_client_starts')

    op.drop_table('appointment')
    op.drop_table('staff')
    op.drop_table('service')
    op.drop_table('product')
    op.drop_table('clinic_setting')
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_search_name'))
        batch_op.drop_index(batch_op.f('ix_client_phone_e164'))
        batch_op.drop_index(batch_op.f('ix_client_email'))

    op.drop_table('client')
