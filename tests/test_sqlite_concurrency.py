"""The embedded SQLite default takes two writers at once: both saves land, neither answers
"database is locked" (WAL, a busy timeout and immediate transactions; tryggportal/settings.py).

Each writer does what a save does: read (the version check), then write, in one transaction.
The second starts while the first is between its read and its write — the interleaving that
made the default configuration fail under the load test.
"""

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

ALIAS = "concurrency"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A connection alias on a SQLite file of its own, configured as given; one table."""

    def configure(options):
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
        configured = connections.configure_settings(
            {"default": connections.settings["default"], ALIAS: {**database, "OPTIONS": options}}
        )
        connections.settings[ALIAS] = configured[ALIAS]
        with django_db_blocker.unblock(), connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS saves (writer TEXT)")
        connections[ALIAS].close()

    yield configure
    if ALIAS in connections.settings:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def two_writers_at_once(django_db_blocker) -> tuple[list[str], list[Exception]]:
    first_has_read = threading.Event()
    second_is_done = threading.Event()
    errors = []

    def write(name, before_write=None):
        try:
            with (
                django_db_blocker.unblock(),
                transaction.atomic(using=ALIAS),
                connections[ALIAS].cursor() as cursor,
            ):
                cursor.execute("SELECT count(*) FROM saves")
                if before_write:
                    before_write()
                cursor.execute("INSERT INTO saves VALUES (%s)", [name])
        except OperationalError as error:
            errors.append(error)
        finally:
            connections[ALIAS].close()

    def first_waits():
        first_has_read.set()
        second_is_done.wait(timeout=2)  # with immediate transactions the second is still queued

    def second():
        first_has_read.wait(timeout=5)
        write("second")
        second_is_done.set()

    threads = [
        threading.Thread(target=write, args=("first", first_waits)),
        threading.Thread(target=second),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with django_db_blocker.unblock(), connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT writer FROM saves ORDER BY writer")
        saved = [row[0] for row in cursor.fetchall()]
    return saved, errors


def test_two_threads_writing_at_once_both_succeed_on_a_sqlite_file(sqlite_file, django_db_blocker):
    sqlite_file(settings.SQLITE_OPTIONS)
    saved, errors = two_writers_at_once(django_db_blocker)
    assert errors == []
    assert saved == ["first", "second"]
    with django_db_blocker.unblock(), connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_without_the_settings_the_same_writes_answer_database_is_locked(
    sqlite_file, django_db_blocker
):
    """Why the settings are there: Django's SQLite defaults lose one of the two saves."""
    sqlite_file({})
    saved, errors = two_writers_at_once(django_db_blocker)
    assert len(saved) == 1
    assert [str(error) for error in errors] == ["database is locked"]
