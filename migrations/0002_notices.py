"""Public referrals, parents' home-education notices and the email outbox."""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class Case(Model):
        class Meta:
            database = db
            table_name = "register_case"

    class Child(Model):
        class Meta:
            database = db
            table_name = "child"

    class School(Model):
        class Meta:
            database = db
            table_name = "school"

    class EheNotice(Model):
        reference = CharField(unique=True, max_length=20)
        submission_key = CharField(unique=True, max_length=64)
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        school = ForeignKeyField(School, null=True, on_delete="SET NULL")
        parent_name = CharField(max_length=200)
        relationship = CharField(max_length=50)
        phone = CharField(max_length=50, default="")
        email = CharField(max_length=254, default="")
        address = TextField(default="")
        postcode = CharField(max_length=10, default="")
        lives_with_child = BooleanField(default=True)
        effective_date = DateField()
        understands_responsibility = BooleanField(default=False)
        reason = TextField(default="")
        meeting_requested_with = CharField(max_length=20, default="")
        declaration_name = CharField(max_length=200)
        declaration_date = DateField()
        la_consent_required = BooleanField(default=False)
        meeting_offered_on = DateField(null=True)
        meeting_outcome = CharField(max_length=20, default="")
        leaver_recorded = BooleanField(default=False)
        submitted_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "ehe_notice"

    db.create_tables([EheNotice])

    class EmailMessage(Model):
        to = CharField(max_length=254)
        subject = CharField(max_length=200)
        body = TextField()
        status = CharField(index=True, max_length=10, default="pending")
        attempts = IntegerField(default=0)
        last_error = CharField(max_length=500, default="")
        created_at = UtcDateTimeField()
        sent_at = UtcDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "email_message"

    db.create_tables([EmailMessage])

    class PublicReferral(Model):
        reference = CharField(unique=True, max_length=20)
        submission_key = CharField(unique=True, max_length=64)
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        immediate_risk = BooleanField(default=False)
        safeguarding_contacted = CharField(max_length=20, default="")
        last_school = ForeignKeyField(School, null=True, on_delete="SET NULL")
        last_school_text = CharField(max_length=200, default="")
        last_seen_in_school = DateField(null=True)
        reasons = CharField(max_length=200, default="")
        concern = TextField(default="")
        referrer_relationship = CharField(max_length=30, default="")
        referrer_organisation = CharField(max_length=200, default="")
        referrer_name = CharField(max_length=200, default="")
        referrer_phone = CharField(max_length=50, default="")
        referrer_email = CharField(max_length=254, default="")
        family_may_be_told = BooleanField(default=False)
        submitted_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "public_referral"

    db.create_tables([PublicReferral])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("public_referral"))
    migrator.migrate(migrator.drop_table("email_message"))
    migrator.migrate(migrator.drop_table("ehe_notice"))
