"""The first schema: schools, users, the calendar, children, cases and the audit trail.

Generated from the models with pwmigrate, then reviewed. Timestamp defaults (utc_now) live in the models, not the
schema, so the generated notes about them were removed.
"""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class AuditEvent(Model):
        at = UtcDateTimeField(index=True)
        user_id = IntegerField(index=True, null=True)
        user_email = CharField(max_length=254, default="")
        action = CharField(max_length=30)
        object_type = CharField(max_length=40)
        object_id = CharField(max_length=40)
        child_id = IntegerField(index=True, null=True)
        changes = TextField(default="")
        request_id = CharField(max_length=40, default="")

        class Meta:
            database = db
            table_name = "audit_event"
            indexes = ((("object_type", "object_id"), False),)

    db.create_tables([AuditEvent])

    class School(Model):
        urn = IntegerField(unique=True)
        name = CharField(max_length=200)
        la_code = CharField(index=True, max_length=3)
        la_name = CharField(max_length=100)
        establishment_number = CharField(max_length=4, default="")
        type_name = CharField(max_length=100, default="")
        type_group = CharField(max_length=100, default="")
        phase = CharField(max_length=50, default="")
        statutory_low_age = IntegerField(null=True)
        statutory_high_age = IntegerField(null=True)
        street = CharField(max_length=200, default="")
        locality = CharField(max_length=200, default="")
        town = CharField(max_length=100, default="")
        postcode = CharField(max_length=10, default="")
        is_open = BooleanField(default=True)
        closed_on = DateField(null=True)
        is_special = BooleanField(default=False)
        contact_email = CharField(max_length=254, default="")
        link_officer_id = IntegerField(index=True, null=True)

        class Meta:
            database = db
            table_name = "school"
            indexes = ((("name",), False),)

    db.create_tables([School])

    class Child(Model):
        first_name = CharField(max_length=100)
        middle_names = CharField(max_length=200, default="")
        last_name = CharField(max_length=100)
        first_name_key = CharField(index=True, max_length=100)
        last_name_key = CharField(index=True, max_length=100)
        other_names = TextField(default="")
        date_of_birth = DateField(index=True, null=True)
        approximate_age = IntegerField(null=True)
        sex = CharField(max_length=20, default="")
        upn = CharField(index=True, null=True, max_length=13)
        nhs_number = CharField(null=True, max_length=10)
        current_postcode = CharField(index=True, max_length=10, default="")
        school = ForeignKeyField(School, null=True, on_delete="SET NULL")
        created_at = UtcDateTimeField()
        anonymised_at = UtcDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "child"

    db.create_tables([Child])

    class User(Model):
        email = CharField(unique=True, max_length=254)
        name = CharField(max_length=200)
        role = CharField(max_length=10)
        school = ForeignKeyField(School, null=True, on_delete="RESTRICT")
        job_title = CharField(max_length=100, default="")
        password_hash = CharField()
        is_active = BooleanField(default=True)
        session_token = CharField(max_length=64)
        failed_sign_ins = IntegerField(default=0)
        locked_at = UtcDateTimeField(null=True)
        last_signed_in_at = UtcDateTimeField(null=True)
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "app_user"

    db.create_tables([User])

    class Case(Model):
        reference = CharField(unique=True, max_length=20)
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case_type = CharField(index=True, max_length=20)
        source = CharField(index=True, max_length=20)
        status = CharField(index=True, max_length=20)
        risk_level = CharField(index=True, max_length=10, default="standard")
        school = ForeignKeyField(School, null=True, on_delete="SET NULL")
        assigned_to = ForeignKeyField(User, null=True, on_delete="SET NULL")
        last_day_in_education = DateField(null=True)
        next_action = CharField(max_length=200, default="")
        next_action_date = DateField(index=True, null=True)
        summary = TextField(default="")
        opened_at = UtcDateTimeField(index=True)
        closed_at = UtcDateTimeField(null=True)
        closure_reason = CharField(max_length=20, default="")
        closure_detail = TextField(default="")
        version = IntegerField(default=1)
        updated_at = UtcDateTimeField()
        updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        la_decision = CharField(max_length=20, default="")
        la_decision_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        la_decision_at = UtcDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "register_case"
            indexes = (
                (("status", "risk_level", "opened_at"), False),
                (("school", "status"), False),
                (("assigned_to", "status"), False),
            )

    db.create_tables([Case])

    class CaseEvent(Model):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        at = UtcDateTimeField()
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        actor_label = CharField(max_length=200, default="")
        kind = CharField(max_length=30)
        summary = CharField(max_length=300)
        detail = TextField(default="")

        class Meta:
            database = db
            table_name = "case_event"
            indexes = ((("case", "at"), False),)

    db.create_tables([CaseEvent])

    class ChildAddress(Model):
        child = ForeignKeyField(Child, on_delete="CASCADE")
        line_1 = CharField(max_length=200, default="")
        line_2 = CharField(max_length=200, default="")
        town = CharField(max_length=100, default="")
        postcode = CharField(max_length=10, default="")
        country = CharField(max_length=100, default="United Kingdom")
        from_date = DateField(null=True)
        to_date = DateField(null=True)
        is_current = BooleanField(default=True)
        note = CharField(max_length=200, default="")

        class Meta:
            database = db
            table_name = "child_address"

    db.create_tables([ChildAddress])

    class ChildContact(Model):
        child = ForeignKeyField(Child, on_delete="CASCADE")
        name = CharField(max_length=200)
        relationship = CharField(max_length=100, default="")
        phone = CharField(max_length=50, default="")
        email = CharField(max_length=254, default="")
        address = CharField(max_length=400, default="")
        lives_with_child = BooleanField(default=False)
        has_parental_responsibility = BooleanField(default=False)
        is_emergency_contact = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "child_contact"

    db.create_tables([ChildContact])

    class ChildFlag(Model):
        child = ForeignKeyField(Child, on_delete="CASCADE")
        flag = CharField(max_length=40)
        note = CharField(max_length=200, default="")

        class Meta:
            database = db
            table_name = "child_flag"
            indexes = ((("child", "flag"), True),)

    db.create_tables([ChildFlag])

    class ClosureDay(Model):
        day = DateField(unique=True)
        reason = CharField(max_length=100)

        class Meta:
            database = db
            table_name = "closure_day"

    db.create_tables([ClosureDay])

    class Enquiry(Model):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        party = CharField(max_length=10)
        kind = CharField(max_length=40)
        done_on = DateField(null=True)
        made_by = CharField(max_length=200, default="")
        outcome = CharField(max_length=300, default="")
        note = TextField(default="")
        recorded_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "enquiry"

    db.create_tables([Enquiry])

    class LaSetting(Model):
        key = CharField(unique=True, max_length=100)
        value = TextField()

        class Meta:
            database = db
            table_name = "la_setting"

    db.create_tables([LaSetting])

    class SafeguardingReferral(Model):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        referred_on = DateField()
        reference = CharField(max_length=100, default="")
        acknowledged_on = DateField(null=True)
        outcome = CharField(max_length=30, default="")
        recorded_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "safeguarding_referral"

    db.create_tables([SafeguardingReferral])

    class Sibling(Model):
        child = ForeignKeyField(Child, on_delete="CASCADE")
        name = CharField(max_length=200)
        date_of_birth = DateField(null=True)
        school_name = CharField(max_length=200, default="")
        linked_child = ForeignKeyField(Child, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "sibling"

    db.create_tables([Sibling])

    class TermDate(Model):
        name = CharField(max_length=100)
        first_day = DateField(unique=True)
        last_day = DateField()

        class Meta:
            database = db
            table_name = "term_date"

    db.create_tables([TermDate])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("term_date"))
    migrator.migrate(migrator.drop_table("sibling"))
    migrator.migrate(migrator.drop_table("safeguarding_referral"))
    migrator.migrate(migrator.drop_table("la_setting"))
    migrator.migrate(migrator.drop_table("enquiry"))
    migrator.migrate(migrator.drop_table("closure_day"))
    migrator.migrate(migrator.drop_table("child_flag"))
    migrator.migrate(migrator.drop_table("child_contact"))
    migrator.migrate(migrator.drop_table("child_address"))
    migrator.migrate(migrator.drop_table("case_event"))
    migrator.migrate(migrator.drop_table("register_case"))
    migrator.migrate(migrator.drop_table("app_user"))
    migrator.migrate(migrator.drop_table("child"))
    migrator.migrate(migrator.drop_table("school"))
    migrator.migrate(migrator.drop_table("audit_event"))
