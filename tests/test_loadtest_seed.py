"""loadtest/seed.py gives its users the public demo password, so like `loaddemo` it refuses to
run with DEBUG off."""

import importlib.util
from pathlib import Path

import pytest

from accounts.models import User

SEED = Path(__file__).resolve().parent.parent / "loadtest" / "seed.py"


def load_seed_module():
    spec = importlib.util.spec_from_file_location("loadtest_seed", SEED)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_refuses_to_run_with_debug_off_and_creates_no_user(goteborg, settings, tmp_path):
    settings.DEBUG = False
    seed = load_seed_module()
    seed.SESSIONS = tmp_path / "sessions.json"

    with pytest.raises(SystemExit) as refused:
        seed.seed()

    assert "refuses to run with DEBUG off" in str(refused.value.code)
    assert not User.objects.filter(username__startswith="last-").exists()
    assert not seed.SESSIONS.exists()


def test_seed_creates_the_load_test_users_with_debug_on(goteborg, settings, tmp_path):
    settings.DEBUG = True
    seed = load_seed_module()
    seed.SESSIONS = tmp_path / "sessions.json"

    seed.seed()

    assert User.objects.filter(username__startswith="last-").count() == seed.USERS
    assert seed.SESSIONS.exists()
