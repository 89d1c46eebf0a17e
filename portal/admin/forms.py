from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput
from wtforms import BooleanField

from portal.forms import GovCheckboxInput


class SchoolsImportForm(FlaskForm):
    extract = FileField(
        "Get Information About Schools extract",
        description="The 'all establishment data' CSV file, as downloaded",
        validators=[FileRequired("Select the extract file"), FileAllowed(["csv"], "The file must be a CSV file")],
        widget=GovFileInput(),
    )
    skip_bad = BooleanField("Import the good rows even if some rows are wrong", widget=GovCheckboxInput())
