#!/usr/bin/env bash
# Installs what the real-browser tests (internal/browsertest) need: Debian's Chromium and axe-core
# from the npm registry; Debian's python3-openpyxl, which reads the XLSX exports back; and Debian's
# poppler-utils, whose pdftotext reads the certificate PDFs back.
# Idempotent, and quick when all are already there.
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

# openpyxl reads back the XLSX exports in internal/web's tests: a reader that is not excelize.
if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  echo "== installing python3-openpyxl"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq python3-openpyxl >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq python3-openpyxl >/dev/null
  fi
fi

# pdftotext (poppler) reads back the certificate PDFs in internal/web's tests: a reader that is not fpdf.
if [[ ! -x /usr/bin/pdftotext ]]; then
  echo "== installing poppler-utils"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq poppler-utils >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq poppler-utils >/dev/null
  fi
fi

if [[ ! -f internal/browsertest/node_modules/axe-core/axe.min.js ]]; then
  echo "== installing axe-core"
  (cd internal/browsertest && npm ci --no-audit --no-fund --loglevel=error)
fi
