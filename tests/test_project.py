"""The project as a whole: deploy settings, compose file, translations, lint rules."""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


TEST_ONLY_VARIABLES = {
    "DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY",
}  # fmt: skip


def run(*args, env=None):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return env | {"DEBUG": "false", "ALLOWED_HOSTS": "tryggportal.example.se"} | extra


def test_check_deploy_is_clean_with_production_settings():
    secret = "a-long-random-production-secret-" + "x9Qz" * 12
    result = run(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
                 env=production_env(SECRET_KEY=secret))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    env.pop("SECRET_KEY", None)
    result = run(sys.executable, "manage.py", "check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_docker_compose_file_is_valid():
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = run(str(checker), "--builtin-schema", "vendor.compose-spec", "docker-compose.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_swedish_translation_is_filled_in():
    po = polib.pofile(str(ROOT / "locale/sv/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po if not e.translated()]
    assert missing == []


def test_gunicorn_workers_make_full_collections_only_between_requests(monkeypatch):
    # gunicorn reads ./gunicorn.conf.py by default; its hooks keep a full collection (40-60 ms
    # at ten years) out of the middle of a request and make one after every 100th.
    import gc
    import runpy
    from types import SimpleNamespace

    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        hooks["post_fork"](None, None)
        assert gc.get_threshold()[2] >= 1_000_000
    finally:
        gc.set_threshold(*threshold)

    collections = []
    monkeypatch.setattr(gc, "collect", lambda: collections.append(1))
    for served in range(1, 251):
        hooks["post_request"](SimpleNamespace(nr=served), None, None, None)
    assert len(collections) == 2
