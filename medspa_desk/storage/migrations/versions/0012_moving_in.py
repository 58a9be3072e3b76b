"""moving in: import batches, the old system's ids, past visits, client address, opening balances

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 18:37:48.090106
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('at', sa.String(length=19), nullable=False),
    sa.Column('by_staff_id', sa.Integer(), nullable=True),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('rows_added', sa.Integer(), nullable=False),
    sa.Column('rows_merged', sa.Integer(), nullable=False),
    sa.Column('rows_unchanged', sa.Integer(), nullable=False),
    sa.Column('rows_skipped', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['by_staff_id'], ['staff.id'], name=op.f('fk_import_batch_by_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    op.create_table('imported_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('old_id', sa.String(length=200), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_imported_record_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_record'))
    )
    with op.batch_alter_table('imported_record', schema=None) as batch_op:
        batch_op.create_index('ix_imported_record_kind_old_id', ['kind', 'old_id'], unique=True)

    op.create_table('past_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('provider_name', sa.String(length=120), nullable=False),
    sa.Column('service_name', sa.String(length=120), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_past_visit_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_past_visit_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_past_visit'))
    )
    with op.batch_alter_table('past_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_past_visit_client_id'), ['client_id'], unique=False)

    # Plain ADD COLUMN, not batch mode: rebuilding these tables would drop their never-delete
    # triggers (see 0002).
    for table in ('account_credit_entry', 'gift_card_entry'):
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN import_batch_id INTEGER"
            f" CONSTRAINT fk_{table}_import_batch_id_import_batch REFERENCES import_batch (id)"
        )
    op.add_column('client', sa.Column('address', sa.Text(), server_default='', nullable=False))
    # What was brought in, and the visits it brought, stay on record. The old system's ids are
    # not kept forever: a client's data deleted takes theirs too.
    for table in ('import_batch', 'past_visit'):
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}"
            f" BEGIN SELECT RAISE(ABORT, 'the books are never deleted from: {table}'); END"
        )


def downgrade() -> None:
    for table in ('import_batch', 'past_visit'):
        op.execute(f"DROP TRIGGER {table}_no_delete")
    op.drop_column('client', 'address')
    for table in ('account_credit_entry', 'gift_card_entry'):
        op.drop_column(table, 'import_batch_id')
    with op.batch_alter_table('past_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_past_visit_client_id'))

    op.drop_table('past_visit')
    with op.batch_alter_table('imported_record', schema=None) as batch_op:
        batch_op.drop_index('ix_imported_record_kind_old_id')

    op.drop_table('imported_record')
    op.drop_table('import_batch')
