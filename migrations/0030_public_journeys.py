"""Public journeys: drafts kept on the server, and the columns the referral, the EHE notice and the outbox need."""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class PublicDraft(Model):
        token_hash = CharField(unique=True, max_length=64)
        journey = CharField(max_length=20)
        answers = TextField(default="{}")
        submission_key = CharField(max_length=64, default="")
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField(index=True)

        class Meta:
            database = db
            table_name = "public_draft"

    db.create_tables([PublicDraft])

    migrator.migrate(migrator.add_column("ehe_notice", "immediate_risk", BooleanField(default=False)))
    migrator.migrate(migrator.add_column("ehe_notice", "safeguarding_contacted", CharField(max_length=20, default="")))
    migrator.migrate(migrator.add_column("ehe_notice", "school_text", CharField(max_length=200, default="")))
    migrator.migrate(migrator.add_column("ehe_notice", "placed_by_la", CharField(max_length=10, default="")))
    migrator.migrate(migrator.add_column("email_message", "kind", CharField(max_length=30, default="")))
    migrator.migrate(
        migrator.add_column("email_message", "reference", CharField(index=True, max_length=20, default=""))
    )
    migrator.migrate(migrator.add_column("email_message", "next_attempt_at", UtcDateTimeField(null=True)))
    migrator.migrate(
        migrator.add_column("public_referral", "relationship_detail", CharField(max_length=200, default=""))
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_index("email_message", "email_message_reference"))
    migrator.migrate(migrator.drop_column("public_referral", "relationship_detail"))
    migrator.migrate(migrator.drop_column("email_message", "next_attempt_at"))
    migrator.migrate(migrator.drop_column("email_message", "reference"))
    migrator.migrate(migrator.drop_column("email_message", "kind"))
    migrator.migrate(migrator.drop_column("ehe_notice", "placed_by_la"))
    migrator.migrate(migrator.drop_column("ehe_notice", "school_text"))
    migrator.migrate(migrator.drop_column("ehe_notice", "safeguarding_contacted"))
    migrator.migrate(migrator.drop_column("ehe_notice", "immediate_risk"))
    migrator.migrate(migrator.drop_table("public_draft"))
