# Tryggportal: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# make run: SQLite and eager tasks, whatever the shell has exported.
RUN_ENV := env -u DATABASE_URL -u REDIS_URL DEBUG=true

.PHONY: run test lint format messages translations install install-dev browser-deps pdf-deps bench loadtest clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's chromium for browser tests and gettext for translations; never a downloaded browser.
browser-deps:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing$$missing from Debian"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Cannot install$$missing here: browser tests will be skipped."; fi; \
	fi

# Debian's pango, harfbuzz and DejaVu fonts for WeasyPrint's PDFs (tryggportal/lib/pdf.py).
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core
pdf-deps:
	@missing=""; for deb in $(PDF_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" || missing="$$missing $$deb"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing$$missing from Debian"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Cannot install$$missing here: PDF downloads and their tests will fail."; fi; \
	fi

# After adding UI strings: collect them into locale/sv, then fill in the Swedish msgstr.
translations: $(VENV)/.installed
	$(RUN_ENV) $(MANAGE) makemessages -l sv --ignore=.venv --ignore=tests --no-location -v 0
	sed -i '/^#~/d' locale/sv/LC_MESSAGES/django.po

messages: $(VENV)/.installed
	$(RUN_ENV) $(MANAGE) compilemessages --ignore=.venv -v 0

run: install pdf-deps messages
	$(RUN_ENV) $(MANAGE) migrate --no-input -v 0
	$(RUN_ENV) $(MANAGE) loaddemo
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run -v 1

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install-dev browser-deps pdf-deps messages lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Benchmarks (bench/README.md): PostgreSQL at 1 and 10 years of 50 areas, gunicorn on 127.0.0.1:8102-8103.
# Drops and creates the databases tp_bench and tp_bench_1y; BENCH_ARGS passes options, e.g. --requests 20.
bench: install pdf-deps messages
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Load test (loadtest/run.sh): 50 signed-in users for 60 s against gunicorn on PostgreSQL
# (database tp_loadtest, 127.0.0.1:8101); fails on any server error or lost save.
loadtest: install-dev messages
	bash loadtest/run.sh
