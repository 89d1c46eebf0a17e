"""School records: journey drafts, leavers, pupils abroad and their stages, CME referrals, part-time timetables, AP placements and pupils not attending."""

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

    class EheNotice(Model):
        class Meta:
            database = db
            table_name = "ehe_notice"

    class School(Model):
        class Meta:
            database = db
            table_name = "school"

    class User(Model):
        class Meta:
            database = db
            table_name = "app_user"

    class AbroadRecord(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        cme_case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        source_draft_id = IntegerField(index=True, null=True)
        date_left = DateField()
        reason = TextField(default="")
        country = CharField(max_length=100)
        address_abroad = TextField(default="")
        responsible_adult = CharField(max_length=200, default="")
        relationship = CharField(max_length=100, default="")
        phone = CharField(max_length=50, default="")
        email = CharField(max_length=254, default="")
        return_date = DateField(null=True)
        return_evidence = TextField(default="")
        contact_schedule = TextField(default="")
        letter_1_sent_on = DateField()
        response_due = DateField(null=True)
        stage = CharField(index=True, max_length=20)
        escalated_at = UtcDateTimeField(null=True)
        escalation_reason = CharField(max_length=200, default="")
        returned_on = DateField(null=True)
        removed_on = DateField(null=True)
        removal_ground = CharField(max_length=2, default="")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "abroad_record"

    db.create_tables([AbroadRecord])

    class AbroadStage(Model):
        record = ForeignKeyField(AbroadRecord, on_delete="CASCADE")
        stage = CharField(max_length=20)
        on = DateField()
        note = TextField(default="")
        recorded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        recorded_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "abroad_stage"

    db.create_tables([AbroadStage])

    class ApPlacement(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        source_draft_id = IntegerField(index=True, null=True)
        first_name = CharField(max_length=100)
        last_name = CharField(max_length=100)
        date_of_birth = DateField()
        upn = CharField(null=True, max_length=13)
        year_group = IntegerField(null=True)
        provider = CharField(max_length=200)
        provider_address = TextField(default="")
        arranged_by = CharField(max_length=10)
        hours_per_week = FloatField()
        start_date = DateField()
        end_date = DateField(null=True)
        status = CharField(index=True, max_length=10, default="active")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "ap_placement"

    db.create_tables([ApPlacement])

    class Leaver(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        ehe_case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        ehe_notice = ForeignKeyField(EheNotice, null=True, on_delete="SET NULL")
        source_draft_id = IntegerField(index=True, null=True)
        ground = CharField(max_length=30)
        destination = CharField(max_length=20)
        year_group = IntegerField(null=True)
        last_attended = DateField()
        deletion_date = DateField()
        outcome = CharField(index=True, max_length=30)
        information_due = DateField(index=True, null=True)
        missing = TextField(default="[]")
        tasks = TextField(default="[]")
        answers = TextField(default="{}")
        new_school = ForeignKeyField(School, null=True, on_delete="SET NULL")
        new_school_name = CharField(max_length=200, default="")
        admission_confirmed_on = DateField(null=True)
        submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        submitted_at = UtcDateTimeField()
        referred_at = UtcDateTimeField(null=True)
        completed_at = UtcDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "school_leaver"
            indexes = ((("school", "submitted_at"), False),)

    db.create_tables([Leaver])

    class PartTimeTimetable(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        source_draft_id = IntegerField(index=True, null=True)
        first_name = CharField(max_length=100)
        last_name = CharField(max_length=100)
        date_of_birth = DateField()
        upn = CharField(null=True, max_length=13)
        year_group = IntegerField(null=True)
        flags = CharField(max_length=500, default="")
        social_worker_name = CharField(max_length=200, default="")
        reason = CharField(max_length=30)
        reason_detail = TextField(default="")
        start_date = DateField()
        planned_end_date = DateField()
        hours_per_week = FloatField()
        normal_hours_per_week = FloatField()
        parent_name = CharField(max_length=200)
        parent_agreed_on = DateField()
        other_provision = TextField(default="")
        authorised_by = CharField(max_length=200, default="")
        next_review_on = DateField(index=True, null=True)
        review_overdue_since = DateField(null=True)
        status = CharField(index=True, max_length=10, default="active")
        ended_on = DateField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "part_time_timetable"

    db.create_tables([PartTimeTimetable])

    class PartTimeEvent(Model):
        timetable = ForeignKeyField(PartTimeTimetable, on_delete="CASCADE")
        kind = CharField(max_length=10)
        on = DateField()
        note = TextField(default="")
        new_end_date = DateField(null=True)
        next_review_on = DateField(null=True)
        recorded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        recorded_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "part_time_event"

    db.create_tables([PartTimeEvent])

    class PupilNotAttending(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        source_draft_id = IntegerField(index=True, null=True)
        first_name = CharField(max_length=100)
        last_name = CharField(max_length=100)
        date_of_birth = DateField()
        upn = CharField(null=True, max_length=13)
        year_group = IntegerField(null=True)
        reason = CharField(max_length=20)
        reason_detail = TextField(default="")
        since = DateField()
        actions = TextField(default="")
        status = CharField(index=True, max_length=10, default="open")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "pupil_not_attending"

    db.create_tables([PupilNotAttending])

    class SchoolDraft(Model):
        school = ForeignKeyField(School, on_delete="CASCADE")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        journey = CharField(max_length=20)
        answers = TextField(default="{}")
        pupil_name = CharField(max_length=300, default="")
        subject_id = IntegerField(null=True)
        created_at = UtcDateTimeField()
        updated_at = UtcDateTimeField(index=True)

        class Meta:
            database = db
            table_name = "school_draft"
            indexes = ((("school", "journey"), False),)

    db.create_tables([SchoolDraft])

    class SchoolReferral(Model):
        reference = CharField(unique=True, max_length=20)
        school = ForeignKeyField(School, on_delete="RESTRICT")
        child = ForeignKeyField(Child, on_delete="RESTRICT")
        case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
        source_draft_id = IntegerField(index=True, null=True)
        immediate_risk = BooleanField(default=False)
        safeguarding_referred_on = DateField(null=True)
        safeguarding_reference = CharField(max_length=100, default="")
        last_attended = DateField(null=True)
        concern = TextField(default="")
        move_claimed = BooleanField(default=False)
        submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        submitted_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "school_referral"

    db.create_tables([SchoolReferral])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("school_referral"))
    migrator.migrate(migrator.drop_table("school_draft"))
    migrator.migrate(migrator.drop_table("pupil_not_attending"))
    migrator.migrate(migrator.drop_table("part_time_event"))
    migrator.migrate(migrator.drop_table("part_time_timetable"))
    migrator.migrate(migrator.drop_table("school_leaver"))
    migrator.migrate(migrator.drop_table("ap_placement"))
    migrator.migrate(migrator.drop_table("abroad_stage"))
    migrator.migrate(migrator.drop_table("abroad_record"))
