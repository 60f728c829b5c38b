# Entry points for developers and CI. The work is done by the scripts in scripts/.
#   make demo   the product on the program's real data, on http://$(HOST):$(PORT)/
#   make test   lint, then the test suite on SQLite and on PostgreSQL

HOST ?= 127.0.0.1
PORT ?= 8000
VENV ?= .venv
PYTHON ?= python3
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-k staff -x"
PYTEST_ARGS ?=

export VENV := $(abspath $(VENV))
export PYTHON

.DEFAULT_GOAL := help
.PHONY: help install install-test demo test test-sqlite test-postgres lint format migrations clean

help: ## Liste des cibles
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

install: ## Environnement virtuel, dépendances Python, bibliothèques des rapports PDF
	bash scripts/install.sh demo

install-test: ## Idem, plus les outils de test, PostgreSQL et Chromium
	bash scripts/install.sh test

demo: ## Migrations, import des vraies données, compte de l'équipe, serveur sur $(HOST):$(PORT)
	HOST=$(HOST) PORT=$(PORT) bash scripts/demo.sh

test: ## ruff, puis pytest sur SQLite, puis sur PostgreSQL
	bash scripts/test.sh $(PYTEST_ARGS)

test-sqlite: install-test ## pytest sur SQLite seulement
	env -u DATABASE_URL $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test-postgres: install-test ## pytest sur un PostgreSQL jetable seulement
	bash scripts/with-postgres.sh $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: install-test ## ruff check, ruff format --check et les couches (import-linter)
	$(VENV)/bin/ruff check --output-format concise .
	$(VENV)/bin/ruff format --check --output-format concise .
	$(VENV)/bin/lint-imports --no-cache

format: install-test ## Corrige ce que ruff sait corriger, puis formate
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations: install ## Crée des migrations, nommées : make migrations ARGS="cohorts --name add_x"
	$(VENV)/bin/python manage.py makemigrations $(ARGS)

clean: ## Supprime la base locale, les médias et les statiques collectés (pas le venv)
	rm -rf db.sqlite3 media staticfiles
