"""the outgoing-mail queue: each message kept with its state, attempts and the reason of the
last failure, written with the change that caused it

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 17:03:57.142951
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outgoing_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(length=250), nullable=False),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=False),
    sa.Column('calendar_ics', sa.Text(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.String(length=19), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.String(length=19), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.String(length=19), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_outgoing_message_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_outgoing_message_client_id_client')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_message')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outgoing_message_message_id'))
    )
    with op.batch_alter_table('outgoing_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_message_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_outgoing_message_state_next', ['state', 'next_attempt_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outgoing_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outgoing_message_state_next')
        batch_op.drop_index(batch_op.f('ix_outgoing_message_client_id'))

    op.drop_table('outgoing_message')
