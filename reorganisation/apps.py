from django.apps import AppConfig


class ReorganisationConfig(AppConfig):
    """Applying a district reorganisation plan across the apps: a YAML plan (`plans/`) is parsed
    (`plans.py`), checked against the database (`checks.py`) and applied in one transaction
    (`apply.py`, by `manage.py reorganise`): predecessor districts and collaboration areas end,
    successors begin with their members, directors and exchange schedule, open measures move
    and agreements in force follow. It sits on top because it writes to districts, measures and
    agreements; the record of what was applied (`Reorganisation`) and the lineage stay in
    `districts`. No models of its own."""

    name = "reorganisation"
