#!/usr/bin/env bash
# Installs Debian packages the tests need, only when missing: chromium, postgresql, prometheus.
set -euo pipefail
declare -A probe=(
  [chromium]=/usr/bin/chromium
  [postgresql]=/usr/lib/postgresql
  [prometheus]=/usr/bin/prometheus
)
missing=()
for pkg in "$@"; do
  [ -e "${probe[$pkg]:-/nonexistent}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[setup] apt-get install ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
