"""clients privacy and consent; sales, tenders, gift cards, stock, day close

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 08:56:08.856033
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('counter',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_counter'))
    )
    op.create_table('gift_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('issued_at', sa.String(length=19), nullable=False),
    sa.Column('initial_cents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_card')),
    sa.UniqueConstraint('code', name=op.f('uq_gift_card_code'))
    )
    op.create_table('client_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('new_value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_client_change_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_client_change_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_change'))
    )
    with op.batch_alter_table('client_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_change_client_id'), ['client_id'], unique=False)

    op.create_table('day_close',
    sa.Column('business_day', sa.Date(), nullable=False),
    sa.Column('closed_at', sa.String(length=19), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('expected_cash_cents', sa.Integer(), nullable=False),
    sa.Column('counted_cash_cents', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['staff.id'], name=op.f('fk_day_close_closed_by_id_staff')),
    sa.PrimaryKeyConstraint('business_day', name=op.f('pk_day_close'))
    )
    op.create_table('marketing_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('granted', sa.Boolean(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_marketing_consent_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_marketing_consent_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_consent'))
    )
    with op.batch_alter_table('marketing_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_consent_client_id'), ['client_id'], unique=False)

    op.create_table('sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_number', sa.Integer(), nullable=False),
    sa.Column('business_day', sa.Date(), nullable=False),
    sa.Column('completed_at', sa.String(length=19), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('subtotal_cents', sa.Integer(), nullable=False),
    sa.Column('discount_cents', sa.Integer(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('tip_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('change_cents', sa.Integer(), nullable=False),
    sa.Column('refund_policy_version', sa.String(length=40), nullable=False),
    sa.Column('voided_at', sa.String(length=19), nullable=True),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_sale_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_sale_client_id_client')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_sale_staff_id_staff')),
    sa.ForeignKeyConstraint(['voided_by_id'], ['staff.id'], name=op.f('fk_sale_voided_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale')),
    sa.UniqueConstraint('receipt_number', name=op.f('uq_sale_receipt_number'))
    )
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_business_day'), ['business_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_sale_client_id'), ['client_id'], unique=False)

    op.create_table('gift_card_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gift_card_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['gift_card_id'], ['gift_card.id'], name=op.f('fk_gift_card_entry_gift_card_id_gift_card')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_gift_card_entry_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_card_entry'))
    )
    with op.batch_alter_table('gift_card_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_card_entry_gift_card_id'), ['gift_card_id'], unique=False)

    op.create_table('receipt_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('layout', sa.String(length=10), nullable=False),
    sa.Column('reprint', sa.Boolean(), nullable=False),
    sa.Column('refund_policy_version', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_receipt_print_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_receipt_print_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_print'))
    )
    with op.batch_alter_table('receipt_print', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_print_sale_id'), ['sale_id'], unique=False)

    op.create_table('sale_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('fee_id', sa.Integer(), nullable=True),
    sa.Column('gift_card_id', sa.Integer(), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.Column('discount_cents', sa.Integer(), nullable=False),
    sa.Column('discount_reason', sa.Text(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_sale_line_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['fee_id'], ['client_fee.id'], name=op.f('fk_sale_line_fee_id_client_fee')),
    sa.ForeignKeyConstraint(['gift_card_id'], ['gift_card.id'], name=op.f('fk_sale_line_gift_card_id_gift_card')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_sale_line_product_id_product')),
    sa.ForeignKeyConstraint(['provider_id'], ['staff.id'], name=op.f('fk_sale_line_provider_id_staff')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_line_sale_id_sale')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_sale_line_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_line'))
    )
    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_line_sale_id'), ['sale_id'], unique=False)

    op.create_table('sale_tender',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('cash_given_cents', sa.Integer(), nullable=False),
    sa.Column('card_brand', sa.String(length=20), nullable=False),
    sa.Column('card_last4', sa.String(length=4), nullable=False),
    sa.Column('approval_code', sa.String(length=20), nullable=False),
    sa.Column('gift_card_id', sa.Integer(), nullable=True),
    sa.Column('booking_payment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['booking_payment_id'], ['booking_payment.id'], name=op.f('fk_sale_tender_booking_payment_id_booking_payment')),
    sa.ForeignKeyConstraint(['gift_card_id'], ['gift_card.id'], name=op.f('fk_sale_tender_gift_card_id_gift_card')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_tender_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_tender'))
    )
    with op.batch_alter_table('sale_tender', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_tender_sale_id'), ['sale_id'], unique=False)

    op.create_table('sale_tip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['staff.id'], name=op.f('fk_sale_tip_provider_id_staff')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_tip_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_tip'))
    )
    with op.batch_alter_table('sale_tip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_tip_sale_id'), ['sale_id'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('sale_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_stock_movement_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_movement_product_id_product')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_stock_movement_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movement_product_id'), ['product_id'], unique=False)

    op.create_table('retail_exchange',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_line_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_retail_exchange_by_staff_id_staff')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_retail_exchange_product_id_product')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_line.id'], name=op.f('fk_retail_exchange_sale_line_id_sale_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retail_exchange'))
    )
    with op.batch_alter_table('retail_exchange', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retail_exchange_sale_line_id'), ['sale_line_id'], unique=False)

    # Plain ADD COLUMN, as in 0002: no rebuild of a table that others reference.
    op.add_column('client', sa.Column('emergency_contact_name', sa.String(length=120), nullable=False, server_default=''))
    op.add_column('client', sa.Column('emergency_contact_phone', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('client', sa.Column('anonymized_at', sa.String(length=19), nullable=True))
    op.execute(
        "ALTER TABLE client ADD COLUMN merged_into_id INTEGER"
        " CONSTRAINT fk_client_merged_into_id_client REFERENCES client (id)"
    )

    op.execute("INSERT INTO counter (name, next_value) VALUES ('receipt_number', 1)")
    for table in _KEEP_FOREVER:
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}"
            f" BEGIN SELECT RAISE(ABORT, 'the books are never deleted from: {table}'); END"
        )
    # A closed day is closed: its sales can be neither added nor changed (voids included).
    op.execute(
        "CREATE TRIGGER sale_closed_day_insert BEFORE INSERT ON sale"
        " WHEN EXISTS (SELECT 1 FROM day_close WHERE business_day = NEW.business_day)"
        " BEGIN SELECT RAISE(ABORT, 'that business day is closed'); END"
    )
    op.execute(
        "CREATE TRIGGER sale_closed_day_update BEFORE UPDATE ON sale"
        " WHEN EXISTS (SELECT 1 FROM day_close WHERE business_day = OLD.business_day)"
        " BEGIN SELECT RAISE(ABORT, 'that business day is closed'); END"
    )


_KEEP_FOREVER = (
    "sale", "sale_line", "sale_tip", "sale_tender", "gift_card", "gift_card_entry",
    "stock_movement", "retail_exchange", "day_close", "receipt_print", "client_change",
    "marketing_consent", "client_fee", "booking_payment", "account_credit_entry",
)


def downgrade() -> None:
    for trigger in ("sale_closed_day_insert", "sale_closed_day_update", *(f"{t}_no_delete" for t in _KEEP_FOREVER)):
        op.execute(f"DROP TRIGGER {trigger}")
    for column in ("merged_into_id", "anonymized_at", "emergency_contact_phone", "emergency_contact_name"):
        op.drop_column('client', column)
    op.drop_table('retail_exchange')
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movement_product_id'))

    op.drop_table('stock_movement')
    with op.batch_alter_table('sale_tip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_tip_sale_id'))

    op.drop_table('sale_tip')
    with op.batch_alter_table('sale_tender', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_tender_sale_id'))

    op.drop_table('sale_tender')
    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_line_sale_id'))

    op.drop_table('sale_line')
    with op.batch_alter_table('receipt_print', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_print_sale_id'))

    op.drop_table('receipt_print')
    with op.batch_alter_table('gift_card_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_card_entry_gift_card_id'))

    op.drop_table('gift_card_entry')
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_client_id'))
        batch_op.drop_index(batch_op.f('ix_sale_business_day'))

    op.drop_table('sale')
    with op.batch_alter_table('marketing_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_consent_client_id'))

    op.drop_table('marketing_consent')
    op.drop_table('day_close')
    with op.batch_alter_table('client_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_change_client_id'))

    op.drop_table('client_change')
    op.drop_table('gift_card')
    op.drop_table('counter')
