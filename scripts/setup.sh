#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian machine with Node 20 and npm: system packages the tests
# need (Chromium for the UI tests, Redis for the distributed job mode), pnpm at the pinned version, the
# workspace's dependencies (better-sqlite3 compiled against the local Node headers), and the web build
# of the app that the server serves.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ "${RLAB_SKIP_APT:-0}" != 1 ] && [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need_apt[*]} (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (apt-get install ${need_apt[*]}); the UI and Redis tests need them" >&2
  fi
fi

want_pnpm="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm@$want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null 2>&1 || npm install -g "pnpm@$want_pnpm"
fi

# native addons build against the installed Node headers (no download); Electron's binary cannot be fetched here
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ "${CI:-}" = true ]; then pnpm install --frozen-lockfile; else pnpm install; fi

if [ -f desktop/package.json ] && node -e "process.exit(require('./desktop/package.json').scripts?.build ? 0 : 1)"; then
  echo "setup: building the app (desktop/dist/renderer)"
  pnpm --filter @rlab/desktop build >/dev/null
fi
