"""An agreement's page shows each reader only the measures they may see.

A whole-city agreement's citizen promise links an Angered and a Centrum measure; every demo
persona opens the agreement: each sees the measures of the areas they reach, and no other
area's measure title or link.
"""

import pytest

from measures.models import CitizenPromise
from tests.test_agreements import make_agreement
from tests.test_measures import make_measure

pytestmark = pytest.mark.django_db

ANGERED = "Kvällsvandringar i Angered centrum"
CENTRUM = "Belysning vid Brunnsparken"

# persona → (sees the Angered measure, sees the Centrum measure)
EXPECTED = {
    "samordnare-angered": (True, False),
    "samordnare-centrum": (False, True),
    "kommunpolis-nordost": (True, False),
    "direktor-angered": (True, False),
    "polischef-nordost": (True, False),
    "utvecklingsledare": (True, True),
    "admin": (True, True),
}


@pytest.fixture
def promise(users):
    agreement = make_agreement(users["utvecklingsledare"], areas=(), whole_city=True)
    promise = CitizenPromise.objects.create(
        agreement=agreement, slug="tryggare-torg", text="Tryggare torg", published=True
    )
    angered = make_measure(users["samordnare-angered"], area="angered", title=ANGERED, target=10)
    centrum = make_measure(users["samordnare-centrum"], area="centrum", title=CENTRUM, target=10)
    promise.measures.add(angered, centrum)
    return promise, angered, centrum


@pytest.mark.parametrize("username", EXPECTED)
def test_agreement_page_shows_only_measures_the_reader_may_see(client, users, promise, username):
    promise, angered, centrum = promise
    client.force_login(users[username])
    body = client.get(f"/agreements/{promise.agreement_id}/").content.decode()
    sees_angered, sees_centrum = EXPECTED[username]
    assert (ANGERED in body) is sees_angered
    assert (f'href="/measures/{angered.pk}/"' in body) is sees_angered
    assert (CENTRUM in body) is sees_centrum
    assert (f'href="/measures/{centrum.pk}/"' in body) is sees_centrum


def test_promise_progress_counts_every_linked_measure(client, users, promise):
    """The progress bar is the promise's own (public on /promises/<slug>/), not the reader's
    share of it: the Centrum coordinator sees the same target as the public page."""
    promise, _angered, _centrum = promise
    client.force_login(users["samordnare-centrum"])
    body = client.get(f"/agreements/{promise.agreement_id}/").content.decode()
    public = client.get("/promises/tryggare-torg/").content.decode()
    assert 'aria-valuemax="20' in body
    assert 'aria-valuemax="20' in public
