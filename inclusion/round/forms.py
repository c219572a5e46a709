"""Forms for the round: the audit window and a person's email settings."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField

from inclusion.ui.forms import GovukDateField


class WindowForm(FlaskForm):
    audit_opens_on = GovukDateField("The audit opens on")
    audit_due_on = GovukDateField("The audit is due on")
    checklist_opens_on = GovukDateField("The SEND Information Report checklist opens on")
    checklist_due_on = GovukDateField("The SEND Information Report checklist is due on")


def preference_form(kinds) -> FlaskForm:
    """One checkbox per kind of email a person may turn off, ticked when it is on."""

    class PreferenceForm(FlaskForm):
        pass

    for kind in kinds:
        setattr(PreferenceForm, kind.name, BooleanField(kind.label))
    return PreferenceForm
