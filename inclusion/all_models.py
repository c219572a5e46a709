"""Every model module, imported once so the metadata (and Alembic) sees the whole schema."""

from inclusion import background_work as background_work_models
from inclusion.api import models as api_models
from inclusion.area_partnerships import figures_models as area_figures_models
from inclusion.area_partnerships import models as area_partnership_models
from inclusion.audit import models as audit_models
from inclusion.auth import models as auth_models
from inclusion.auth import sso_models
from inclusion.graduated_response import ehc_models, sen_support_models
from inclusion.graduated_response import models as graduated_response_models
from inclusion.graduated_response import official_models as official_data_models
from inclusion.notifications import models as notification_models
from inclusion.round import models as round_models
from inclusion.schools import models as schools_models
from inclusion.security import models as security_models
from inclusion.send_report import models as send_report_models
from inclusion.ui import once as form_submission_models

__all__ = [
    "api_models",
    "area_figures_models",
    "area_partnership_models",
    "audit_models",
    "auth_models",
    "background_work_models",
    "ehc_models",
    "form_submission_models",
    "graduated_response_models",
    "notification_models",
    "official_data_models",
    "round_models",
    "schools_models",
    "security_models",
    "sen_support_models",
    "send_report_models",
    "sso_models",
]
