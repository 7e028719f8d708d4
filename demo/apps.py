from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data, on top of every other app: `loaddemo` loads the demo users
    (`users.py`), their reports, incidents, measures and notifications (`content.py`), the 2019
    conference (`conferences.py`) and, with `--history`, two years of the old districts and
    Göteborg's 2021 reorganisation (`history.py`); `generate_load` builds a large synthetic data
    set for benchmarks. Nothing here runs in production: both commands refuse to run with DEBUG
    off (`generate_load` unless forced, for a benchmark database). No models of its own."""

    name = "demo"
