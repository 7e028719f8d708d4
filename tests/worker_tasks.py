"""Tasks only the test worker imports (`celery worker --include=tests.worker_tasks`)."""

from celery import shared_task


@shared_task
def create_district(code: str, name: str) -> int:
    import datetime as dt

    from districts.models import District

    district = District.objects.create(
        code=code, slug=code.lower(), name=name, valid_from=dt.date(2026, 1, 1)
    )
    return district.pk
