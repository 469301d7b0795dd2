#!/usr/bin/env bash
# Provisions the toolchain and installs dependencies. Safe and fast to re-run.
#   scripts/setup.sh            Node 22 + Yarn 4 + yarn install --immutable
#   scripts/setup.sh --browser  also Debian's Chromium (end-to-end tests)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
pd_setup_env
cd "$PD_ROOT"

pd_log "node $(node --version), yarn $(yarn --version)"

# Skip the install when node_modules already matches the committed lockfile.
stamp="node_modules/.pd-install-stamp"
want="$(sha256sum yarn.lock package.json | sha256sum | cut -c1-16)-$(node --version)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  pd_log "dependencies up to date"
else
  pd_log "yarn install --immutable"
  yarn install --immutable
  echo "$want" >"$stamp"
fi

for arg in "$@"; do
  case "$arg" in
    --browser) bash "$PD_ROOT/scripts/install-debian.sh" chromium ;;
  esac
done
