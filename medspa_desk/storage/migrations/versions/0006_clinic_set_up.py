"""the clinic's own set-up: opening hours, closures, provider shifts and time off; a service's
cleanup buffer; a product's barcode, cost, tax category and reorder level; a staff member's
password hash; a booking allowed into unbookable time by a manager

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:20:00
"""

from datetime import time

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

DEFAULT_OPENS, DEFAULT_CLOSES = "08:00", "19:00"  # domain.settings.ClinicSettings' defaults


def upgrade() -> None:
    op.create_table(
        'opening_hours',
        sa.Column('weekday', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('opens', sa.Time(), nullable=False),
        sa.Column('closes', sa.Time(), nullable=False),
        sa.PrimaryKeyConstraint('weekday', name=op.f('pk_opening_hours')),
    )
    op.create_table(
        'clinic_closure',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_clinic_closure')),
    )
    op.create_table(
        'staff_shift',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=False),
        sa.Column('starts', sa.Time(), nullable=False),
        sa.Column('ends', sa.Time(), nullable=False),
        sa.ForeignKeyConstraint(
            ['staff_id'], ['staff.id'], name=op.f('fk_staff_shift_staff_id_staff')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_shift')),
    )
    op.create_index('ix_staff_shift_staff_weekday', 'staff_shift', ['staff_id', 'weekday'])
    op.create_table(
        'time_off',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sa.String(length=19), nullable=False),
        sa.Column('ends_at', sa.String(length=19), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('created_at', sa.String(length=19), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['created_by_id'], ['staff.id'], name=op.f('fk_time_off_created_by_id_staff')
        ),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_time_off_staff_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_time_off')),
    )
    op.create_index('ix_time_off_staff_starts', 'time_off', ['staff_id', 'starts_at'])
    # Plain ADD COLUMN, not a batch copy of the tables: the tables keep their guards.
    op.add_column('staff', sa.Column('password_hash', sa.Text(), nullable=True))
    op.add_column(
        'service', sa.Column('buffer_minutes', sa.Integer(), server_default='0', nullable=False)
    )
    op.add_column('product', sa.Column('barcode', sa.String(length=64), nullable=True))
    op.add_column(
        'product', sa.Column('cost_cents', sa.Integer(), server_default='0', nullable=False)
    )
    op.add_column(
        'product',
        sa.Column('tax_category', sa.String(length=20), server_default='retail', nullable=False),
    )
    op.add_column(
        'product', sa.Column('reorder_level', sa.Integer(), server_default='0', nullable=False)
    )
    op.create_index('ix_product_barcode', 'product', ['barcode'], unique=True)
    # (Alembic's add_column cannot name a foreign key on SQLite; SQLite itself can: 0002.)
    op.execute(
        "ALTER TABLE appointment ADD COLUMN availability_override_by_id INTEGER"
        " CONSTRAINT fk_appointment_availability_override_by_id_staff REFERENCES staff (id)"
    )
    op.add_column(
        'appointment',
        sa.Column('availability_override_reason', sa.Text(), server_default='', nullable=False),
    )
    _keep_the_hours_the_books_had()


def _keep_the_hours_the_books_had() -> None:
    """Books made before this revision were bookable every day, for every provider, from the
    opening to the closing time of their settings: they keep exactly that (nothing is closed
    that was open), until the clinic sets its own hours."""
    books = op.get_bind()
    stored: dict[str, str] = dict(
        books.execute(
            sa.text(
                "SELECT key, value FROM clinic_setting WHERE key IN ('opening_time', 'closing_time')"
            )
        ).all()
    )
    opens = time.fromisoformat(stored.get('opening_time', DEFAULT_OPENS))
    closes = time.fromisoformat(stored.get('closing_time', DEFAULT_CLOSES))
    op.bulk_insert(
        _OPENING_HOURS, [{'weekday': day, 'opens': opens, 'closes': closes} for day in range(7)]
    )
    providers = [row[0] for row in books.execute(sa.text("SELECT id FROM staff WHERE is_provider"))]
    op.bulk_insert(
        _STAFF_SHIFT,
        [
            {'staff_id': staff_id, 'weekday': day, 'starts': opens, 'ends': closes}
            for staff_id in providers
            for day in range(7)
        ],
    )


# The tables as they are at this revision (the models may change later).
_OPENING_HOURS = sa.table(
    'opening_hours',
    sa.column('weekday', sa.Integer),
    sa.column('opens', sa.Time),
    sa.column('closes', sa.Time),
)
_STAFF_SHIFT = sa.table(
    'staff_shift',
    sa.column('staff_id', sa.Integer),
    sa.column('weekday', sa.Integer),
    sa.column('starts', sa.Time),
    sa.column('ends', sa.Time),
)


def downgrade() -> None:
    op.drop_column('appointment', 'availability_override_reason')
    op.drop_column('appointment', 'availability_override_by_id')
    op.drop_index('ix_product_barcode', table_name='product')
    for column in ('reorder_level', 'tax_category', 'cost_cents', 'barcode'):
        op.drop_column('product', column)
    op.drop_column('service', 'buffer_minutes')
    op.drop_column('staff', 'password_hash')
    op.drop_index('ix_time_off_staff_starts', table_name='time_off')
    op.drop_table('time_off')
    op.drop_index('ix_staff_shift_staff_weekday', table_name='staff_shift')
    op.drop_table('staff_shift')
    op.drop_table('clinic_closure')
    op.drop_table('opening_hours')
