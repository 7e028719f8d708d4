import pytest

from districts.models import District
from tests.worker_tasks import create_district

pytestmark = [pytest.mark.worker]


def test_a_real_worker_writes_a_row_the_test_reads(celery_worker_process):
    result = create_district.delay("TEST-WORKER", "Arbetarstaden")
    result_id = None
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        district = District.objects.filter(code="TEST-WORKER").first()
        if district:
            result_id = district.pk
            break
        time.sleep(0.2)
    assert result_id is not None, "the worker never wrote the row"
    assert District.objects.get(pk=result_id).name == "Arbetarstaden"
    assert result.id
