#!/usr/bin/env bash
# Sets up the toolchain and runs every check: tsc, lint, prettier, unit tests, end-to-end.
# Ends with one line "N passed, N failed" (unit + end-to-end tests; a failed tsc, lint or
# prettier step counts as one failure). Exit status is non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --browser || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/env.sh
source scripts/env.sh
pd_setup_env

mkdir -p test-results
passed=0
failed=0
steps=()

step() {
  local name="$1"
  shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then
    steps+=("ok    $name ($((SECONDS - start))s)")
    return 0
  fi
  steps+=("FAIL  $name ($((SECONDS - start))s)")
  return 1
}

count_jest() {
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)}`);
  ' "$1" 2>/dev/null || echo "0 1"
}

count_playwright() {
  node -e '
    const s = require(process.argv[1]).stats;
    console.log(`${s.expected + s.flaky} ${s.unexpected}`);
  ' "$1" 2>/dev/null || echo "0 1"
}

step "tsc" yarn tsc || failed=$((failed + 1))
step "lint" yarn lint || failed=$((failed + 1))
step "prettier" yarn prettier:check || failed=$((failed + 1))

# Prometheus (and promtool) for the SLO tests, from Debian.
bash scripts/install-debian.sh prometheus || echo "Prometheus could not be installed; the SLO tests will fail"

# PostgreSQL for the audit store tests (SQLite always runs too); stopped again by PID.
trap 'bash scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
if bash scripts/postgres.sh start; then
  eval "$(bash scripts/postgres.sh env)"
else
  echo "PostgreSQL could not be started; the audit tests will fail"
fi

rm -f test-results/unit-results.json
step "unit tests" env CI=true PD_REQUIRE_POSTGRES=1 PD_REQUIRE_PROMETHEUS=1 yarn test --json --outputFile="$ROOT/test-results/unit-results.json"
bash scripts/postgres.sh stop >/dev/null 2>&1 || true
read -r p f < <(count_jest "$ROOT/test-results/unit-results.json")
passed=$((passed + p))
failed=$((failed + f))

rm -f test-results/e2e-results.json
step "end-to-end" env CI=true yarn e2e
read -r p f < <(count_playwright "$ROOT/test-results/e2e-results.json")
passed=$((passed + p))
failed=$((failed + f))

echo
printf '%s\n' "${steps[@]}"
echo "screenshots: test-results/screenshots/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
