"""who is at the desk: a staff member's sign-in (a password or a PIN, whether a PIN is allowed,
a secret to change at next sign-in, a disabled account, failed attempts and a lockout); the
workstation an audit entry was made at, and the indexes the manager's audit screen reads by

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy of the tables: the tables keep their guards (the audit
    # trail's refusal of UPDATE and DELETE above all).
    op.add_column('staff', sa.Column('secret_kind', sa.String(length=8), nullable=True))
    for column in ('pin_allowed', 'must_change_secret', 'sign_in_disabled'):
        op.add_column(
            'staff', sa.Column(column, sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.add_column(
        'staff', sa.Column('failed_sign_ins', sa.Integer(), server_default='0', nullable=False)
    )
    op.add_column('staff', sa.Column('locked_until', sa.String(length=19), nullable=True))
    # A password set before this revision (the first-start assistant's manager) is a password.
    op.execute("UPDATE staff SET secret_kind = 'password' WHERE password_hash IS NOT NULL")
    op.add_column('audit_entry', sa.Column('workstation', sa.String(length=60), nullable=True))
    op.create_index('ix_audit_entry_staff_at', 'audit_entry', ['staff_id', 'at'])
    op.create_index('ix_audit_entry_subject_at', 'audit_entry', ['subject', 'at'])
    op.create_index('ix_audit_entry_action_at', 'audit_entry', ['action', 'at'])


def downgrade() -> None:
    op.drop_index('ix_audit_entry_action_at', table_name='audit_entry')
    op.drop_index('ix_audit_entry_subject_at', table_name='audit_entry')
    op.drop_index('ix_audit_entry_staff_at', table_name='audit_entry')
    op.drop_column('audit_entry', 'workstation')
    for column in (
        'locked_until',
        'failed_sign_ins',
        'sign_in_disabled',
        'must_change_secret',
        'pin_allowed',
        'secret_kind',
    ):
        op.drop_column('staff', column)
