# Styringsoverblik: `make run` and `make test` do all the set-up themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installeret
DATA ?= data
DEMO_KILDER := build/demo-kilder
PORT ?= 8501

.PHONY: run test lint demo bench load clean help

help:
	@echo "make run    installerer, bygger demo-snapshot hvis der ingen er, og starter dashboardet"
	@echo "make test   installerer og kører hele testsuiten"
	@echo "make lint   ruff og mypy"
	@echo "make demo   bygger demo-snapshots (budgetrevision 30/4 og opfølgning 30/9) på ny"
	@echo "make bench  måler hastighed og hukommelse (ikke en del af make test)"
	@echo "make load   belastningstest: 1, 25 og 100 samtidige brugere i 10 min hver, 2 replikaer bag nginx (VARIGHED=60 for kortere, LOAD_REPLIKAER=1 for én proces)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@if [ -z "$$(ls -d $(DATA)/snapshots/*/ 2>/dev/null)" ]; then $(MAKE) --no-print-directory demo; fi
	STYRINGSOVERBLIK_DATA=$(DATA) $(VENV)/bin/streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

demo: $(STAMP)
	rm -rf $(DEMO_KILDER)
	$(PY) -m modeller.demo $(DEMO_KILDER)/0430 --pr 2026-04-30
	$(PY) -m modeller.loader $(DEMO_KILDER)/0430 --data $(DATA) --etiket "Budgetrevision 30. april 2026"
	$(PY) -m modeller.demo $(DEMO_KILDER)/0930 --pr 2026-09-30
	$(PY) -m modeller.loader $(DEMO_KILDER)/0930 --data $(DATA) --etiket "Budgetopfølgning 30. september 2026"

test: $(STAMP)
	@if [ ! -x /usr/bin/chromium ]; then echo "Bemærk: Chromium (/usr/bin/chromium) er ikke installeret; browsertestene springes over. Installer med: apt-get install -y chromium"; fi
	$(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m tests.bench $(BENCH_ARGS)

VARIGHED ?= 600
LOAD_BRUGERE ?= 1,25,100
# Two replicas behind nginx, as deploy/ runs them on a 2-core machine (LOAD_REPLIKAER=1:
# one server process).
LOAD_REPLIKAER ?= 2
load: $(STAMP)
	$(PY) -m tests.samtidig --brugere $(LOAD_BRUGERE) --taenketid 2 --varighed $(VARIGHED) \
		--replikaer $(LOAD_REPLIKAER) \
		--json build/load/load-$$(date +%Y%m%dT%H%M%S).json $(LOAD_ARGS)

clean:
	rm -rf build $(VENV) .mypy_cache .ruff_cache .pytest_cache
