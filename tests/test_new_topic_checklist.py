"""The README's "New topic checklist": every app is registered in each place a test can check,
so that a new topic missing from one of them fails here rather than passing unchecked (a page
left out of the hostile-input sweep, an app outside the layers contract)."""

import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tests import test_admin_visibility, test_hostile_input

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py") if p.parent.name != "tryggportal")
# Secrecy markings have no reach of their own: a marking is seen with its object, through that
# object's topic (documents/markings.py asks the object's access module).
NO_ACCESS_MODULE = {"documents"}


def _contracts() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {"root": config["root_packages"], **{c["name"]: c for c in config["contracts"]}}


def _has_models(app: str) -> bool:
    return any(True for _ in apps.get_app_config(app).get_models())


def test_the_checklist_knows_every_app():
    assert {"reports", "incidents", "situation_pictures", "documents", "demo"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_the_app_is_installed(app):
    assert app in settings.INSTALLED_APPS


@pytest.mark.parametrize("app", APPS)
def test_the_app_has_its_place_in_the_layers(app):
    contracts = _contracts()
    assert app in contracts["root"]
    layers = contracts["Apps depend downwards only"]["layers"]
    named = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    assert app in named
    forbidden = contracts["No models module imports an access module"]
    if (ROOT / app / "access.py").exists():
        assert f"{app}.access" in forbidden["forbidden_modules"]
    if (ROOT / app / "models.py").exists() and _has_models(app):
        assert f"{app}.models" in forbidden["source_modules"]


@pytest.mark.parametrize("app", APPS)
def test_the_apps_pages_are_in_the_root_urls(app):
    if not (ROOT / app / "urls.py").exists():
        pytest.skip(f"{app} serves no pages")
    assert f'include("{app}.urls")' in (ROOT / "tryggportal" / "urls.py").read_text()


@pytest.mark.parametrize("app", APPS)
def test_an_app_with_models_has_its_access_module_and_sweeps(app):
    if not _has_models(app):
        pytest.skip(f"{app} has no models")
    if app not in NO_ACCESS_MODULE:
        assert (ROOT / app / "access.py").exists()
    assert app in test_hostile_input.PROJECT_APPS
    assert app in test_admin_visibility._portal_apps()


@pytest.mark.parametrize("app", APPS)
def test_the_app_is_described(app):
    assert (ROOT / app / "README.md").exists()
    readme = (ROOT / "README.md").read_text()
    assert f"| `{app}/` |" in readme
    assert "### New topic checklist" in readme
