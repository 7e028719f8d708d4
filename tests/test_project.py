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


def _contracts() -> list[dict]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_the_layers_contract_counts_every_module_of_tryggportal_but_lib_as_the_top():
    """No app imports tryggportal/ (settings, URLs, views, the audit log) but its `lib/`: the
    layers contract names each of its modules as the top layer, so every one must be named."""
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    top = {name.strip() for name in layers["layers"][0].split(":")}
    modules = {
        f"tryggportal.{path.stem}"
        for path in (ROOT / "tryggportal").glob("*.py")
        if path.stem != "__init__"
    } | {f"tryggportal.{path.parent.name}" for path in (ROOT / "tryggportal").glob("*/__init__.py")}
    assert top == modules - {"tryggportal.lib"}
    assert "ignore_imports" not in layers
    assert not any("ignore_imports" in c for c in _contracts())
