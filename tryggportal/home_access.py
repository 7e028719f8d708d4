"""The rules the home page (tryggportal/views.py: `access.…`) asks, each from its topic's
access module. Only a list of names: the rules themselves live with their topics."""

from districts.access import areas_visible_to
from documents.access import keeps_situation_pictures, situation_pictures_visible_to
from measures.access import overdue_measures_for
from reports.access import (
    joint_pictures_awaiting_signature,
    own_side_reports,
    report_areas_for,
    reports_awaiting_acknowledgement,
)

__all__ = [
    "areas_visible_to",
    "joint_pictures_awaiting_signature",
    "keeps_situation_pictures",
    "overdue_measures_for",
    "own_side_reports",
    "report_areas_for",
    "reports_awaiting_acknowledgement",
    "situation_pictures_visible_to",
]
