"""The check-answers page's form: the one-time submission key and the honeypot."""

from __future__ import annotations

from wtforms import HiddenField
from wtforms.validators import Length

from portal.public.forms import JourneyForm


class SendForm(JourneyForm):
    submission_key = HiddenField(validators=[Length(max=64)])
