#!/usr/bin/env bash
# Load test (`make loadtest`): 50 signed-in users for 60 s against gunicorn on PostgreSQL.
# Creates its own database (tp_loadtest), migrates, seeds the demo and 50 load-test users,
# serves on 127.0.0.1:8101, runs locust headless, then checks every acknowledged save and the
# goals below, and prints LOAD TEST PASSED or FAILED.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
DB=${LOADTEST_DB:-tp_loadtest}
PORT=${LOADTEST_PORT:-8101}
export LOADTEST_USERS=${LOADTEST_USERS:-50}
USERS=$LOADTEST_USERS
DURATION=${LOADTEST_DURATION:-70s}  # 10 s ramp-up (5 users/s), then 60 s with all 50
RESULTS=loadtest/results
# The goals on this 2-core machine (issue 27): throughput and p95 over every request of the
# run, no errors, no acknowledged save missing from the database; and each kind of write
# (new report, draft save, share, report edit, incident) at least 50 acknowledged saves and at
# least 90 % of its tries acknowledged (a form shown again is a try that did not land).
export LOADTEST_GOAL_RPS=${LOADTEST_GOAL_RPS:-60}
export LOADTEST_GOAL_P95_MS=${LOADTEST_GOAL_P95_MS:-1000}
export LOADTEST_GOAL_ACKNOWLEDGED=${LOADTEST_GOAL_ACKNOWLEDGED:-50}
export LOADTEST_GOAL_LANDED_SHARE=${LOADTEST_GOAL_LANDED_SHARE:-0.9}
export LOADTEST_RESULTS=$RESULTS
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export SECRET_KEY="load-test-only-not-a-secret-$(date +%s)-0123456789abcdefghijklmnop"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false
export EMAIL_URL=dummymail:// LOG_LEVEL=WARNING CONN_MAX_AGE=60
export LOADTEST_ACKED="$RESULTS/acked.json"
unset REDIS_URL  # tasks run in-process, as on one machine

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
DEBUG=true $PY manage.py migrate --no-input -v 0
DEBUG=true $PY manage.py loaddemo > /dev/null
DEBUG=true $PY loadtest/seed.py
if [ ! -f staticfiles/staticfiles.json ] || [ -n "$(find static -newer staticfiles/staticfiles.json | head -1)" ]; then
  DEBUG=false $PY manage.py collectstatic --no-input -v 0
fi

DEBUG=false .venv/bin/gunicorn tryggportal.wsgi --bind "127.0.0.1:$PORT" --workers 4 \
  --threads 2 --worker-class gthread --keep-alive 30 --access-logfile /dev/null --error-logfile "$RESULTS/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

.venv/bin/locust -f loadtest/locustfile.py --headless --users "$USERS" --spawn-rate 5 \
  --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --csv "$RESULTS/locust" \
  --stop-timeout 20 --only-summary --exit-code-on-error 0 2>&1 | tail -n 40

DEBUG=false $PY loadtest/check.py
