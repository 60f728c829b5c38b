#!/usr/bin/env bash
# Everything CI checks: lint, then the test suite on SQLite, then again on PostgreSQL.
#   scripts/test.sh [PYTEST ARGS...]
# DATABASE_URL, when set, names the PostgreSQL server to use; otherwise a throwaway one is started.
# PYTEST_WORKERS sets the number of parallel pytest processes (0: none).
# Every step runs even when an earlier one failed; the exit code is non-zero if any failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bash "$ROOT_DIR/scripts/install.sh" test
cd "$ROOT_DIR"
export PATH="$VENV/bin:$PATH"

WORKERS="${PYTEST_WORKERS:-2}"
pytest_args=()
if [[ "$WORKERS" != "0" ]]; then
    pytest_args+=(-n "$WORKERS")
fi
pytest_args+=("$@")

REPORTS="$(mktemp -d "${TMPDIR:-/tmp}/eig-test.XXXXXX")"
trap 'rm -rf "$REPORTS"' EXIT

failed=()
timings=()

# step NAME COMMAND...: run a step, note its duration and whether it failed.
step() {
    local name="$1" start=$SECONDS status=0
    shift
    log "$name"
    "$@" || status=$?
    if [[ $status -eq 5 ]]; then
        log "$name : aucun test collecté"
        status=0
    fi
    [[ $status -eq 0 ]] || failed+=("$name")
    timings+=("$(printf '%-26s %4d s  %s' "$name" $((SECONDS - start)) "$([[ $status -eq 0 ]] && echo ok || echo ÉCHEC)")")
}

step "ruff check" ruff check --output-format concise .
step "ruff format --check" ruff format --check --output-format concise .
step "import-linter (couches)" lint-imports --no-cache
# The browser tests run once, against PostgreSQL (the production database); everything else runs
# on both. EIG_E2E_ON_SQLITE=1 runs them on SQLite too.
sqlite_args=()
if [[ "${EIG_E2E_ON_SQLITE:-0}" != "1" ]]; then
    sqlite_args+=(-m "not e2e")
fi
step "pytest (SQLite)" env -u DATABASE_URL \
    python -m pytest "${sqlite_args[@]}" "${pytest_args[@]}" --junit-xml="$REPORTS/sqlite.xml"
if [[ -n "${DATABASE_URL:-}" ]]; then
    step "pytest (PostgreSQL)" python -m pytest "${pytest_args[@]}" --junit-xml="$REPORTS/postgresql.xml"
else
    step "pytest (PostgreSQL)" bash scripts/with-postgres.sh \
        python -m pytest "${pytest_args[@]}" --junit-xml="$REPORTS/postgresql.xml"
fi

echo
log "Bilan"
printf '  %s\n' "${timings[@]}"
# One closing line for both runs, counted from pytest's own reports.
python - "$REPORTS" <<'PY'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for report in sorted(Path(sys.argv[1]).glob("*.xml")):
    for suite in ET.parse(report).getroot().iter("testsuite"):
        for key in total:
            total[key] += int(suite.get(key, 0))
failed = total["failures"] + total["errors"]
passed = total["tests"] - failed - total["skipped"]
print(f"Total: {passed} passed, {failed} failed, {total['skipped']} skipped")
PY

if [[ ${#failed[@]} -gt 0 ]]; then
    log "Échec : ${failed[*]}"
    exit 1
fi
