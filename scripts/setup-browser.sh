#!/usr/bin/env bash
# Installs what the real-browser tests (internal/browsertest) need: Debian's Chromium and axe-core
# from the npm registry. Idempotent, and quick when both are already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  echo "== installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq chromium >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
fi

if [[ ! -f internal/browsertest/node_modules/axe-core/axe.min.js ]]; then
  echo "== installing axe-core"
  (cd internal/browsertest && npm ci --no-audit --no-fund --loglevel=error)
fi
