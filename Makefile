# Chợ Phụ Nữ Khởi Nghiệp — `make run` serves the shop, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
PO_FILES := $(wildcard app/translations/*/LC_MESSAGES/messages.po app/*/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
STATIC_FILES := $(shell find static -type f ! -name '*.gz' ! -name '*.br')
STATIC_STAMP := instance/.static-compressed

.PHONY: run serve test lint format migrate seed translations static extract-messages clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

translations: $(MO_FILES)

# Brotli and gzip copies next to every stylesheet, script and icon, which WhiteNoise sends to
# browsers that accept them.
$(STATIC_STAMP): $(STATIC_FILES) $(VENV)/.installed
	$(BIN)/python -m whitenoise.compress -q static
	@mkdir -p instance && touch $@

static: $(STATIC_STAMP)

migrate: $(VENV)/.installed translations
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo --if-empty

run: seed static
	$(FLASK) run --host 127.0.0.1 --port $(PORT) --with-threads

# `serve` starts the shop as production does: migrations, then gunicorn; never the demo data
# (`make run` loads it into an empty database for development).
serve: migrate static
	$(BIN)/gunicorn --worker-class gthread --workers $${WORKERS:-2} --threads $${THREADS:-8} \
		--bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.installed-dev translations static lint
	$(BIN)/pytest -n $${TEST_WORKERS:-auto} --dist loadfile $(PYTEST_ARGS)

# Page benchmark on the generated data set (bench/generate.py makes it when missing): see README.
bench: $(VENV)/.installed translations static
	@command -v wrk >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

extract-messages: $(VENV)/.installed
	$(BIN)/python -m app.i18n_tools extract

clean:
	rm -rf $(VENV) instance/cho.db $(STATIC_STAMP)
	find static -name '*.gz' -delete -o -name '*.br' -delete
