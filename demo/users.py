"""Demo users for `manage.py loaddemo`. Names describe roles, never real people."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, Side, User
from districts.models import CollaborationArea, District, PoliceArea

DEMO_PASSWORD = "trygg-demo"
# Demo only, like the demo password: the authenticator secret `loaddemo` gives the demo users
# who need two-factor sign-in (README). Base32, as authenticator apps take it.
DEMO_TOTP_SECRET = "TRYGGDEMOTRYGGDEMOTRYGGDEMOTRYGG"
DEMO_DEVICE_NAME = "Demo"

# username, first name, last name, side, role, member of areas, directs districts, leads police areas
DEMO_USERS = [
    (
        "samordnare-angered",
        "Samordnare",
        "Angered",
        Side.CITY,
        Role.COORDINATOR,
        ["angered"],
        [],
        [],
    ),
    (
        "samordnare-centrum",
        "Samordnare",
        "Centrum",
        Side.CITY,
        Role.COORDINATOR,
        ["centrum"],
        [],
        [],
    ),
    (
        "kommunpolis-nordost",
        "Kommunpolis",
        "Nordost",
        Side.POLICE,
        Role.COMMUNITY_OFFICER,
        ["angered", "ostra-goteborg"],
        [],
        [],
    ),
    ("direktor-angered", "Direktör", "Angered", Side.CITY, Role.DIRECTOR, [], ["angered"], []),
    (
        "polischef-nordost",
        "Polischef",
        "Nordost",
        Side.POLICE,
        Role.POLICE_CHIEF,
        [],
        [],
        ["lpo-nordost"],
    ),
    (
        "utvecklingsledare",
        "Utvecklingsledare",
        "Staden",
        Side.CITY,
        Role.DEVELOPMENT_LEAD,
        [],
        [],
        [],
    ),
    ("admin", "Systemförvaltare", "Demo", Side.CITY, Role.ADMIN, [], [], []),
]


def create_demo_users(password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create or reset the demo users and their places in the structure (idempotent)."""
    users = {}
    for username, first, last, side, role, areas, districts, police_areas in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.tryggportal.invalid",
                "side": side,
                "role": role,
                "language": "sv",
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.areas.add(*CollaborationArea.objects.filter(slug__in=areas))
        user.directed_districts.add(*District.objects.filter(slug__in=districts))
        user.led_police_areas.add(*PoliceArea.objects.filter(slug__in=police_areas))
        users[username] = user
    return users


# Demo users who must sign in with a one-time code get the README's demo authenticator.
TWO_FACTOR_DEMO_USERS = ["kommunpolis-nordost", "polischef-nordost", "admin"]


def enrol_demo_user(user: User) -> TOTPDevice:
    """Give a demo user the README's demo authenticator (idempotent)."""
    key = base64.b32decode(DEMO_TOTP_SECRET).hex()
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    return device


def enrol_demo_two_factor(users: dict[str, User]) -> None:
    for username in TWO_FACTOR_DEMO_USERS:
        enrol_demo_user(users[username])
