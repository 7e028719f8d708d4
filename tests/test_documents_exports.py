"""CSV and XLSX downloads of the report, incident and measure lists: the filtered list's rows
and only those, police-only incidents kept from city readers, cells neutralised, audited."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.models import AuditEvent
from incidents.models import Incident
from measures.models import Measure
from reports.models import SituationReport
from tests.documents_helpers import incident, measure
from tests.report_factory import make_report

pytestmark = pytest.mark.django_db

PERSONAS = [
    "coordinator", "other_coordinator", "officer", "director", "chief", "dev_lead", "admin_user",
]  # fmt: skip
POLICE = {"officer", "chief"}
SECRET = "Spaningsuppgift X"


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.fixture
def data(coordinator, other_coordinator, officer):
    make_report(coordinator, status="shared", summary='=HYPERLINK("http://x","y")')
    make_report(coordinator, weeks_back=1, status="shared", level=3, summary="Förhöjt.")
    make_report(officer, status="shared", level=4, summary="Polisens bild.")
    make_report(other_coordinator, area="centrum", status="shared", summary="Centrum.")
    make_report(coordinator, weeks_back=2, summary="Stadens utkast.")
    incident(coordinator, "Klotter vid entrén")
    incident(coordinator, "+1+cmd|' /C calc'!A0", category="violence")
    incident(officer, SECRET, police_only=True)
    incident(other_coordinator, "I Centrum.", area="centrum")
    measure(coordinator, "@SUM(A1)")
    measure(officer, "Kvällspatruller", status="completed")
    measure(other_coordinator, "Centrums åtgärd", area="centrum")


def ids_in(rows) -> set[int]:
    return {int(row[0]) for row in rows[1:]}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_export_holds_exactly_what_the_reader_may_see(request, client_for, data, persona, fmt):
    from incidents import access as incidents_access
    from measures import access as measures_access
    from reports import access as reports_access

    user = request.getfixturevalue(persona)
    client = client_for(user)
    read = csv_rows if fmt == "csv" else xlsx_rows
    expected = {
        "reports": set(reports_access.reports_visible_to(user).values_list("pk", flat=True)),
        "incidents": set(incidents_access.incidents_visible_to(user).values_list("pk", flat=True)),
        "measures": set(measures_access.measures_visible_to(user).values_list("pk", flat=True)),
    }
    for name, ids in expected.items():
        response = client.get(f"/{name}/export.{fmt}")
        assert response.status_code == 200
        assert ids_in(read(response)) == ids
    incident_text = str(read(client.get(f"/incidents/export.{fmt}")))
    assert (SECRET in incident_text) is (persona in POLICE)


def test_a_city_users_incident_export_never_holds_a_police_only_incident(
    client_for, data, dev_lead, admin_user
):
    for user in (dev_lead, admin_user):
        rows = csv_rows(client_for(user).get("/incidents/export.csv?visibility=police_only"))
        assert SECRET not in str(rows)
        assert ids_in(rows) == set(
            Incident.objects.exclude(visibility="police_only").values_list("pk", flat=True)
        )


def _listed_ids(client, path, model, query=""):
    """The ids a list page shows across all its pages, as a user browsing it would see."""
    ids, page = [], 1
    while True:
        response = client.get(f"{path}?{query}&page={page}")
        rows = response.context["page"].object_list
        ids += [obj.pk for obj in rows]
        if not response.context["page"].has_next():
            return ids
        page += 1


@pytest.mark.parametrize(
    "path,model,query",
    [
        ("/reports/", SituationReport, "side=city&level=3"),
        ("/reports/", SituationReport, "status=shared&q=Polisens"),
        ("/reports/", SituationReport, ""),
        ("/incidents/", Incident, "category=__violence__"),
        ("/incidents/", Incident, ""),
        ("/measures/", Measure, "status=open"),
        ("/measures/", Measure, ""),
    ],
)
def test_exports_equal_the_filtered_lists_rows(client_for, data, director, path, model, query):
    from reports.models import Category

    query = query.replace("__violence__", str(Category.objects.get(code="violence").pk))
    client = client_for(director)

    listed = _listed_ids(client, path, model, query)
    exported = [int(row[0]) for row in csv_rows(client.get(f"{path}export.csv?{query}"))[1:]]
    xlsx = [row[0] for row in xlsx_rows(client.get(f"{path}export.xlsx?{query}"))[1:]]

    assert exported == listed == xlsx
    assert listed  # each filter picks something


def test_formula_cells_are_neutralised_in_csv_and_xlsx(client_for, data, coordinator):
    client = client_for(coordinator)
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        reports = str(read(client.get(f"/reports/export.{fmt}")))
        incidents = str(read(client.get(f"/incidents/export.{fmt}")))
        measures = str(read(client.get(f"/measures/export.{fmt}")))
        assert "'=HYPERLINK" in reports
        assert "'+1+cmd" in incidents
        assert "'@SUM(A1)" in measures


def test_numbers_and_dates_stay_values_in_xlsx(client_for, data, coordinator):
    rows = xlsx_rows(client_for(coordinator).get("/reports/export.xlsx"))
    heading = rows[0]
    first = rows[1]
    assert isinstance(first[heading.index("Samlad nivå")], int)
    assert first[heading.index("Periodens början")].year == 2026


def test_each_download_is_audited_with_its_filter(client_for, data, officer, coordinator):
    client_for(officer).get("/incidents/export.xlsx?severity=2")
    client_for(coordinator).get("/reports/export.csv?side=city")

    police, city = AuditEvent.objects.filter(action="export").order_by("pk")
    assert police.object_type == "incidents.incident" and police.police_only
    assert "XLSX" in police.object_label and "filter severity=2" in police.object_label
    assert police.path == "/incidents/export.xlsx?severity=2"
    assert city.object_type == "reports.situationreport" and not city.police_only
    assert "filter side=city" in city.object_label


def test_an_unknown_format_is_404(client_for, coordinator):
    assert client_for(coordinator).get("/reports/export.pdf").status_code == 404


def test_list_pages_link_to_their_exports_with_the_filter(client_for, data, director):
    client = client_for(director)
    assert (
        'href="/reports/export.csv?side=city"' in client.get("/reports/?side=city").content.decode()
    )
    assert (
        'href="/measures/export.xlsx?status=open"'
        in client.get("/measures/?status=open").content.decode()
    )
    assert 'href="/incidents/export.csv"' in client.get("/incidents/").content.decode()


@pytest.mark.parametrize("extra", [0, 15])
def test_export_query_counts_do_not_grow(
    client_for, data, coordinator, officer, django_assert_num_queries, extra
):
    for i in range(extra):
        make_report(coordinator, weeks_back=3 + i, status="shared")
        incident(coordinator, f"Händelse {i}")
        measure(coordinator, f"Åtgärd {i}")
    client = client_for(officer)
    client.get("/")
    for path, count in EXPORT_QUERIES.items():
        with django_assert_num_queries(count):
            assert client.get(path).status_code == 200


EXPORT_QUERIES = {
    "/reports/export.csv": 5,
    "/incidents/export.xlsx": 5,
    "/measures/export.csv": 6,
}
