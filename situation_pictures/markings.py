"""The secrecy markings of the measures a yearly picture lists, frozen with its facts.

Markings are documents' (`documents.models.SecrecyMarking`), and documents sits above this
app, so this app never imports it: documents registers how to read the markings of some
objects at start-up (`DocumentsConfig.ready`). Without it no measure could be shown marked,
so gathering facts then fails rather than freeze them without their markings.
"""

from collections.abc import Callable, Iterable

_markings_of: Callable[[Iterable], dict] | None = None


def register(lookup: Callable[[Iterable], dict]) -> None:
    """Set how to find the markings of objects of one model: {pk: marking with `provision`}."""
    global _markings_of
    _markings_of = lookup


def provisions(objects) -> dict[int, str]:
    """{pk: the provision of its marking} for those of `objects` (one model) that are marked."""
    if _markings_of is None:
        raise RuntimeError("no secrecy marking lookup registered (documents not installed?)")
    return {pk: marking.provision for pk, marking in _markings_of(objects).items()}
