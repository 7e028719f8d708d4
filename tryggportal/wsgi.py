import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tryggportal.settings")
application = get_wsgi_application()

# What is loaded at start-up (settings, apps, models, and through the URLconf every view
# module) lives as long as the worker process. Freezing it keeps Python's cyclic garbage
# collector from rescanning it in each full collection, which otherwise adds 30–70 ms to an
# unlucky request on object-heavy pages (measured with `make bench`; see bench/README.md).
get_resolver().url_patterns  # noqa: B018 - imports the URLconf and the views now
gc.freeze()
