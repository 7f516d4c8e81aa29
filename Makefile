# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_SETTINGS := backoffice.settings.dev
PROFILE ?= S
DB ?= sqlite
# Test processes (pytest-xdist): the suite is CPU-bound and the CI machine has 2 cores.
TEST_WORKERS ?= 2

.PHONY: run test test-postgres bootstrap deps browser messages migrate demo check-deploy bench clean

$(STAMP): requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $(STAMP)

deps: $(STAMP)

# Compiled catalogues are built from the committed .po files (needs gettext's msgfmt).
messages: deps
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py compilemessages -v0 --ignore=.venv

bootstrap: deps messages
	mkdir -p var

migrate: bootstrap
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py setup_platform
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py erp_setup

# Demo accounts first, then the demo ERP package through the real importer (it links the demo rep
# and customers by ERP id / email). Both steps are idempotent: a re-run writes nothing.
DEMO_PACKAGE := var/erp/demo-package
demo: migrate
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_data
	test -f $(DEMO_PACKAGE)/manifest.json || DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py erp_generate --profile demo --out $(DEMO_PACKAGE)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py erp_import $(DEMO_PACKAGE)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_catalog
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_orders
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_shipping
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_pickup
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_payments
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_registration

# Web server on 127.0.0.1:8000 plus the django-q2 cluster; Ctrl+C stops both.
run: demo
	@echo "Starting the web server on http://127.0.0.1:8000 and the background worker (django-q2)..."
	@trap 'kill 0' INT TERM EXIT; \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py qcluster & \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:8000 --noreload & \
	wait

# Debian's chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)

test: bootstrap browser
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The same suite against PostgreSQL (DATABASE_URL must point at a server that lets us create a test DB).
test-postgres: bootstrap browser
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/b2b_ci} $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

check-deploy: bootstrap
	SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-but-long-enough-for-the-check ALLOWED_HOSTS=b2b.example.com \
	DJANGO_SETTINGS_MODULE=backoffice.settings.production $(PY) manage.py check --deploy --fail-level WARNING

bench: bootstrap
	$(PY) tests/bench/run.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/erp_import.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/pricing_bench.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/catalog_bench.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/cart_bench.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/order_bench.py --profile $(PROFILE) --db $(DB)
	$(PY) tests/bench/history_bench.py --profile $(PROFILE) --db $(DB)

clean:
	rm -rf $(VENV) var
