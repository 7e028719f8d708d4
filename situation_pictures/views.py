"""The yearly situation picture and action plan's pages: list, page, draft form, decision and
PDF. Development leads and admins write drafts and decide them; every signed-in user reads a
decided version (`situation_pictures.access`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import audit
from districts.access import require
from tryggportal.lib.pdf import download_name

from . import services
from .access import (
    can_edit_situation_pictures,
    get_situation_picture_for_user,
    situation_pictures_visible_to,
)
from .forms import ActionPlanFormSet, PictureDecisionForm, SituationPictureForm
from .yearly import picture_facts


def situation_picture_list(request: HttpRequest) -> HttpResponse:
    pictures = situation_pictures_visible_to(request.user).for_list()
    page = Paginator(pictures, 25).get_page(request.GET.get("page"))
    context = {"page": page, "can_edit": can_edit_situation_pictures(request.user)}
    return render(request, "situation_pictures/situation_picture_list.html", context)


def _page(request, picture, decision_form=None, status=200) -> HttpResponse:
    facts = picture.snapshot if picture.is_decided else picture_facts(picture, request.user)
    can_edit = can_edit_situation_pictures(request.user) and not picture.is_decided
    context = {
        **services.situation_picture_document(picture, facts),
        "can_edit": can_edit,
        "decision_form": decision_form or (PictureDecisionForm() if can_edit else None),
    }
    return render(
        request, "situation_pictures/situation_picture_detail.html", context, status=status
    )


def situation_picture_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_situation_picture_for_user(request.user, pk))


def _edit(request: HttpRequest, picture=None) -> HttpResponse:
    # The home page's "Start" link names the city area whose version is due.
    initial = {"district": request.GET.get("district")} if picture is None else None
    form = SituationPictureForm(request.POST or None, instance=picture, initial=initial)
    items = ActionPlanFormSet(request.POST or None, instance=picture, prefix="items")
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            saved = services.situation_picture_save(
                form=form, items_formset=items, actor=request.user
            )
        except services.PictureDecidedError:
            require(False)
        audit.record(request, "change" if picture else "create", saved)
        messages.success(request, _("The situation picture was saved."))
        return redirect("situation_picture_detail", saved.pk)
    context = {"form": form, "items": items, "picture": picture}
    return render(request, "situation_pictures/situation_picture_form.html", context)


def situation_picture_new(request: HttpRequest) -> HttpResponse:
    require(can_edit_situation_pictures(request.user))
    return _edit(request)


def situation_picture_edit(request: HttpRequest, pk: int) -> HttpResponse:
    picture = get_situation_picture_for_user(request.user, pk)
    require(can_edit_situation_pictures(request.user) and not picture.is_decided)
    return _edit(request, picture)


def situation_picture_decide(request: HttpRequest, pk: int) -> HttpResponse:
    picture = get_situation_picture_for_user(request.user, pk)
    require(can_edit_situation_pictures(request.user) and not picture.is_decided)
    form = PictureDecisionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, picture, form, status=400 if request.method == "POST" else 200)
    try:
        picture = services.situation_picture_decide(
            picture=picture, actor=request.user, **form.cleaned_data
        )
    except services.PictureDecidedError:
        require(False)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, picture, form, status=400)
    audit.record(request, "change", picture, label=f"{picture} (decided)")
    messages.success(request, _("The situation picture was decided and frozen."))
    return redirect("situation_picture_detail", picture.pk)


def situation_picture_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    picture = get_situation_picture_for_user(request.user, pk)
    content = services.situation_picture_pdf(picture=picture, user=request.user)
    audit.record(request, "export", picture, label=f"{picture} (PDF)")
    name = download_name(
        picture._meta.verbose_name, picture.year, picture.scope_name, picture.get_status_display()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
