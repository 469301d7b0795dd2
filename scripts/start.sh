#!/usr/bin/env bash
# Starts the demo: simulated clusters (scenario "demo", ports 8441-8443), then the backend
# (:7007) and, unless --backend-only, the frontend dev server (:3000). Ctrl-C stops all.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
pd_setup_env
cd "$PD_ROOT"

backend_only=false
[ "${1:-}" = "--backend-only" ] && backend_only=true

mkdir -p .run
sim_pid=""
app_pid=""
# Each child runs in its own process group (setsid) so that stopping it stops everything
# it started (backend, dev server); stopped by PID, never by name.
cleanup() {
  for pid in $app_pid $sim_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in $app_pid $sim_pid; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${PD_NO_SIMULATOR:-}" ] && [ -f packages/cluster-simulator/src/cli.ts ]; then
  echo "[start] simulated clusters: eu-prod :8441, us-prod :8442, staging :8443 (log .run/simulator.log)"
  setsid yarn workspace @pdelivery/cluster-simulator start \
    --scenario demo --port 8441 --clock-speed "${PD_DEMO_CLOCK_SPEED:-1}" \
    --kubeconfig "$PD_ROOT/.run/demo.kubeconfig" >.run/simulator.log 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 120); do
    if (echo >/dev/tcp/127.0.0.1/8443) 2>/dev/null; then break; fi
    kill -0 "$sim_pid" 2>/dev/null || { echo "[start] simulator exited:"; tail -20 .run/simulator.log; exit 1; }
    sleep 0.5
  done
else
  echo "[start] starting without simulated clusters"
fi

if $backend_only; then
  echo "[start] backend on http://localhost:7007"
  setsid yarn workspace backend start &
else
  echo "[start] portal on http://localhost:3000 (backend http://localhost:7007)"
  setsid yarn backstage-cli repo start &
fi
app_pid=$!
wait "$app_pid"
