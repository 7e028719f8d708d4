"""gunicorn's settings for Tryggportal, read from the working directory (the Dockerfile's,
docker-compose's and `make bench`'s gunicorn all start there).

Python's cyclic garbage collector now and then makes a full collection over everything a
worker holds (compiled templates, translation catalogues, cached choices), which added 40–60 ms
to about one request in twenty at ten years (report detail p95 73 ms against a p50 of 25 ms;
with the collector off, 28 ms). Full collections are therefore not left to chance in the middle
of a request: each worker makes one after every `FULL_COLLECTION_EVERY` requests, once the
response has been sent, and the young generations are collected as usual.
"""

import gc

FULL_COLLECTION_EVERY = 100


def post_fork(server, worker):
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)  # no full collection during a request


def post_request(worker, req, environ, resp):
    if worker.nr % FULL_COLLECTION_EVERY == 0:
        gc.collect()
