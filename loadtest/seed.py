"""Load-test users on top of the demo: 25 safety coordinators and 25 community police officers,
spread over the collaboration areas; the officers sign in with a one-time code (TOTP) whose
secret is derived from their user name, so the load test can compute it.

The first FORM_SIGN_INS users sign in through the real form (password hashing and all) during
the test; the others start from a session made here, as if they had signed in before the
measured minute, so the minute measures work rather than a queue of password hashes.

Run by loadtest/run.sh as `DEBUG=true python loadtest/seed.py` with the load test's
DATABASE_URL; like `manage.py loaddemo` it refuses to run with DEBUG off.
"""

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggportal.settings")

import django  # noqa: E402

django.setup()

import json  # noqa: E402
import time  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from accounts import two_factor  # noqa: E402
from accounts.models import Role, Side, User  # noqa: E402
from demo.users import DEMO_PASSWORD  # noqa: E402
from districts.models import CollaborationArea  # noqa: E402

USERS = 50
FORM_SIGN_INS = 10
SESSIONS = Path(os.environ.get("LOADTEST_SESSIONS", "loadtest/results/sessions.json"))


def totp_key(username: str) -> str:
    return hashlib.sha1(username.encode()).hexdigest()  # 20 bytes, as TOTPDevice expects


def seed() -> None:
    if not settings.DEBUG:
        # The users get the public demo password: never on a production database.
        sys.exit("seed.py refuses to run with DEBUG off: load-test users are not for production.")
    areas = list(CollaborationArea.objects.order_by("pk"))
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    sessions = {}
    for i in range(1, USERS + 1):
        police = i % 2 == 0
        username = f"last-{i:02d}"
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": "Last",
                "last_name": f"{i:02d}",
                "side": Side.POLICE if police else Side.CITY,
                "role": Role.COMMUNITY_OFFICER if police else Role.COORDINATOR,
                "email": f"{username}@loadtest.invalid",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.areas.set([areas[(i // 2) % len(areas)]])
        device = None
        if police:
            device, _ = TOTPDevice.objects.update_or_create(
                user=user, name="Load test", defaults={"key": totp_key(username), "confirmed": True}
            )
        if i > FORM_SIGN_INS:
            session = store()
            now = int(time.time())
            session.update(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                    two_factor.PENDING_KEY: False,
                    two_factor.STARTED_KEY: now,
                    two_factor.SEEN_KEY: now,
                }
            )
            if device is not None:
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.create()
            sessions[username] = session.session_key
    SESSIONS.parent.mkdir(parents=True, exist_ok=True)
    SESSIONS.write_text(json.dumps(sessions))
    print(f"{USERS} load-test users over {len(areas)} areas, {FORM_SIGN_INS} sign in by the form")


if __name__ == "__main__":
    seed()
