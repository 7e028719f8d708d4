"""A secrecy marking travels with its object: every renderer that shows a marked report,
joint picture, incident or measure (its page, the lists, the PDFs, the exports, the joint
picture's page and PDF, the yearly picture's page and PDF) shows its marking. Each object is
marked with its own provision, so a renderer showing the wrong object's marking fails."""

import datetime as dt

import pytest

from documents import services
from situation_pictures.models import ActionPlanItem, SituationPicture
from tests.documents_helpers import incident, measure, pdf_text
from tests.report_factory import DAY, make_report

pytestmark = pytest.mark.django_db

PROVISIONS = {
    "city report": "1 kap. 1 §",
    "police report": "2 kap. 2 §",
    "picture": "3 kap. 3 §",
    "incident": "4 kap. 4 §",
    "police incident": "5 kap. 5 §",
    "measure": "6 kap. 6 §",
}
READERS = ["coordinator", "officer"]


def shown(name: str) -> str:
    return f"Sekretess enligt {PROVISIONS[name]} OSL"


@pytest.fixture
def marked(coordinator, officer, dev_lead):
    city = make_report(coordinator, status="shared", summary="Staden: oro vid torget.")
    police = make_report(officer, status="shared", level=3, summary="Polisen: förhöjt.")
    picture = services.joint_picture_for_marking(area=city.area, period=city.period)
    objects = {
        "city report": city,
        "police report": police,
        "picture": picture,
        "incident": incident(coordinator, "Klotter vid entrén"),
        "police incident": incident(officer, "Spaning", police_only=True),
        "measure": measure(coordinator, "Belysning vid torget", proposed_in=city),
    }
    for name, obj in objects.items():
        actor = officer if name.startswith("police") else coordinator
        services.marking_set(obj=obj, provision=PROVISIONS[name], actor=actor)
    yearly = SituationPicture.objects.create(
        district=city.area.district,
        year=DAY.year,
        window_start=dt.date(DAY.year, 1, 1),
        window_end=dt.date(DAY.year, 12, 31),
        created_by=dev_lead,
    )
    ActionPlanItem.objects.create(
        picture=yearly, text="Belysa torget", measure=objects["measure"], owner="Staden",
        due_date=dt.date(DAY.year, 12, 1),
    )  # fmt: skip
    return {**{k: v.pk for k, v in objects.items()}, "period": city.period.key, "yearly": yearly}


# (renderer, address, the objects it shows, readers) — `{name}` is that object's pk.
RENDERERS = [
    ("report page", "/reports/{city report}/", ["city report", "incident", "measure"], READERS),
    ("report PDF", "/reports/{city report}/pdf/", ["city report", "incident", "measure"], READERS),
    ("police report PDF", "/reports/{police report}/pdf/", ["police report"], READERS),
    ("report list", "/reports/", ["city report", "police report"], READERS),
    ("report export", "/reports/export.csv", ["city report", "police report"], READERS),
    ("report XLSX", "/reports/export.xlsx", ["city report", "police report"], READERS),
    (
        "joint picture page",
        "/areas/angered/picture/{period}/",
        ["picture", "city report", "police report", "incident", "measure"],
        READERS,
    ),
    (
        "joint picture PDF",
        "/areas/angered/picture/{period}/pdf/",
        ["picture", "city report", "police report", "incident", "measure"],
        READERS,
    ),
    ("incident page", "/incidents/{incident}/", ["incident"], READERS),
    ("incident list", "/incidents/", ["incident"], READERS),
    ("incident export", "/incidents/export.csv", ["incident"], READERS),
    ("police incident page", "/incidents/{police incident}/", ["police incident"], ["officer"]),
    ("police incident list", "/incidents/", ["police incident"], ["officer"]),
    (
        "police incident PDF",
        "/areas/angered/picture/{period}/pdf/",
        ["police incident"],
        ["officer"],
    ),
    ("police incident export", "/incidents/export.xlsx", ["police incident"], ["officer"]),
    ("measure page", "/measures/{measure}/", ["measure"], READERS),
    ("measure list", "/measures/", ["measure"], READERS),
    ("measure export", "/measures/export.csv", ["measure"], READERS),
    ("yearly page", "/situation-pictures/{yearly}/", ["measure"], ["dev_lead"]),
    ("yearly PDF", "/situation-pictures/{yearly}/pdf/", ["measure"], ["dev_lead"]),
]


def text_of(response) -> str:
    kind = response["Content-Type"]
    if kind == "application/pdf":
        return pdf_text(response)
    if kind.startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        return str([list(row) for row in sheet.iter_rows(values_only=True)])
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("renderer", "address", "names", "readers"), RENDERERS, ids=[r[0] for r in RENDERERS]
)
def test_every_renderer_shows_the_marking_of_every_marked_object_it_shows(
    request, client_for, marked, renderer, address, names, readers
):
    url = address.format(**{k: getattr(v, "pk", v) for k, v in marked.items()})
    for persona in readers:
        response = client_for(request.getfixturevalue(persona)).get(url)

        assert response.status_code == 200, (renderer, persona)
        text = text_of(response)
        for name in names:
            assert shown(name) in text, (renderer, persona, name)


def test_a_city_reader_never_sees_the_police_only_incidents_marking(client_for, marked, director):
    client = client_for(director)
    period = marked["period"]
    for url in ("/incidents/", "/incidents/export.csv", f"/areas/angered/picture/{period}/pdf/"):
        assert shown("police incident") not in text_of(client.get(url)), url


def test_a_decided_yearly_picture_keeps_the_marking_it_was_decided_with(
    client_for, marked, dev_lead
):
    yearly = marked["yearly"]
    client = client_for(dev_lead)
    decided = client.post(
        f"/situation-pictures/{yearly.pk}/decide/",
        {"decided_on": "2026-12-01", "deciding_body": "Kommunstyrelsen", "reference": "KS 1"},
    )
    assert decided.status_code == 302
    for url in (f"/situation-pictures/{yearly.pk}/", f"/situation-pictures/{yearly.pk}/pdf/"):
        assert shown("measure") in text_of(client.get(url)), url
