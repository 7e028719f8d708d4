from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    CITY = "city", _("City")
    POLICE = "police", _("Police")

    @property
    def other(self) -> "Side":
        return Side.POLICE if self == Side.CITY else Side.CITY


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Safety coordinator")
    COMMUNITY_OFFICER = "community_officer", _("Community police officer")
    DIRECTOR = "director", _("District director")
    POLICE_CHIEF = "police_chief", _("Local police area chief")
    DEVELOPMENT_LEAD = "development_lead", _("Development lead")
    ADMIN = "admin", _("System administrator")


# The side each role works on; admins may be on either and say so on their user.
ROLE_SIDE = {
    Role.COORDINATOR: Side.CITY,
    Role.COMMUNITY_OFFICER: Side.POLICE,
    Role.DIRECTOR: Side.CITY,
    Role.POLICE_CHIEF: Side.POLICE,
    Role.DEVELOPMENT_LEAD: Side.CITY,
}
CITYWIDE_ROLES = {Role.DEVELOPMENT_LEAD, Role.ADMIN}
AUTHOR_ROLES = {Role.COORDINATOR, Role.COMMUNITY_OFFICER}


class User(AbstractUser):
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="sv"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_citywide(self) -> bool:
        return self.role in CITYWIDE_ROLES or self.is_superuser

    @property
    def is_author(self) -> bool:
        """Coordinators and community officers file their side's reports for their areas."""
        return self.role in AUTHOR_ROLES

    @property
    def is_police(self) -> bool:
        return self.side == Side.POLICE
