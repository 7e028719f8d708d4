"""The joint picture of an area and period: both sides' reports side by side, the differences
marked, and the joint summary both sides sign."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audit
from reports import access
from tryggportal.lib.kept_forms import keeps_posted_form, pop_kept_form

from . import services
from .comparison import compare
from .forms import (
    JointPictureSignForm,
    JointSummaryForm,
)
from .views import restored_message


def _picture_page(request, area, period, *, summary_form=None, status=200) -> HttpResponse:
    user = request.user
    by_side = {r.side: r for r in access.joint_picture_reports(user, area, period)}
    # The joint picture shows both reports in full: a view of each, in one INSERT.
    label = f"{area}: joint picture {period.key}"
    audit.record_many(request, "view", list(by_side.values()), label=label)
    picture = access.get_joint_picture(area, period)
    version = picture.version if picture else 1
    can_work = access.can_work_on_joint_picture(user, area)
    if can_work and summary_form is None:
        path = reverse("joint_picture_summary", args=[area.slug, period.key])
        kept = pop_kept_form(request, path)
        if kept is not None:
            restored_message(request)
        initial = {"summary": picture.summary if picture else "", "version": version}
        summary_form = JointSummaryForm(kept, initial=initial)
    may_sign = can_work and picture and picture.summary and not picture.signed_at(user.side)
    editing = summary_form is not None and summary_form.is_bound
    context = {
        "area": area,
        "period": period,
        # The navigation stays inside the area's exchange: no link before it began or past now.
        "previous_key": period.previous().key if period != area.first_period() else None,
        "next_key": period.next().key if period != area.last_period(timezone.localdate()) else None,
        # Both sides' rows and every way they differ: the PDF shows the same (comparison.py).
        **compare(by_side),
        "summary_editing": editing or not (picture and picture.summary),
        "signed_any": bool(picture and (picture.city_signed_at or picture.police_signed_at)),
        "picture": picture,
        "summary_form": summary_form if can_work else None,
        "sign_form": JointPictureSignForm(initial={"version": version}) if may_sign else None,
    }
    return render(request, "reports/picture.html", context, status=status)


def joint_picture(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    area, period = access.get_joint_picture_period_for_user(request.user, slug, period_key)
    return _picture_page(request, area, period)


@keeps_posted_form(exists=access.joint_picture_period_exists)
@require_POST
def joint_picture_summary(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    area, period = access.get_joint_picture_period_for_user(request.user, slug, period_key)
    if not access.can_work_on_joint_picture(request.user, area):
        raise PermissionDenied
    form = JointSummaryForm(request.POST)
    if not form.is_valid():
        return _picture_page(request, area, period, summary_form=form, status=400)
    try:
        services.joint_picture_save_summary(
            area=area,
            period=period,
            actor=request.user,
            summary=form.cleaned_data["summary"],
            expected_version=form.cleaned_data["version"],
        )
    except services.JointPictureConflict as conflict:
        data = request.POST.copy()
        data["version"] = conflict.current.version
        messages.error(
            request,
            _(
                "Someone changed the joint summary while you were writing. Your text is in the "
                "form; the current text is shown above it. Save again to replace it."
            ),
        )
        form = JointSummaryForm(data)
        return _picture_page(request, area, period, summary_form=form, status=409)
    audit.record(request, "change", area, label=f"{area}: joint picture {period.key}")
    messages.success(request, _("The joint summary is saved."))
    return redirect("joint_picture", area.slug, period.key)


@require_POST
def joint_picture_sign(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    area, period = access.get_joint_picture_period_for_user(request.user, slug, period_key)
    if not access.can_work_on_joint_picture(request.user, area):
        raise PermissionDenied
    form = JointPictureSignForm(request.POST)
    if not form.is_valid():
        return redirect("joint_picture", area.slug, period.key)
    try:
        picture = services.joint_picture_sign(
            area=area,
            period=period,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except services.JointPictureConflict:
        messages.error(
            request, _("The joint summary changed before you signed it. Read it again, then sign.")
        )
    else:
        audit.record(request, "change", picture)
        if picture.is_agreed:
            messages.success(request, _("Both sides have signed: the joint picture is agreed."))
        else:
            messages.success(request, _("Signed for your side."))
    return redirect("joint_picture", area.slug, period.key)
