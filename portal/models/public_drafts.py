"""Answers of a public referral or a parent's home-education notice that is not sent yet.

People who never sign in keep their answers on the server, keyed by a random token held in their signed session
cookie: any worker on any host can carry on the journey, and nothing is lost in hidden form fields. Only a hash
of the token is stored, so the table alone cannot be used to take over someone's journey. The sweep deletes a
draft a day after it was last saved (personal data is kept no longer than the journey needs).
"""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now


class PublicDraft(BaseModel):
    token_hash = peewee.CharField(max_length=64, unique=True)
    journey = peewee.CharField(max_length=20)  # "refer" or "ehe"
    answers = peewee.TextField(default="{}")  # JSON: {answer key: value}
    # Issued with the check-answers page; the final POST must carry it, and the record made keeps it (unique), so
    # a refreshed or re-sent submission finds the record already made instead of making another.
    submission_key = peewee.CharField(max_length=64, default="")
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now, index=True)
