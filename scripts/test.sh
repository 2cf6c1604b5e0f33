#!/usr/bin/env bash
# Runs every test of erikti, as CI does: vet, staticcheck, gosec (scripts/gosec.sh), and the Go
# tests with the race detector on SQLite and on PostgreSQL. PostgreSQL is taken from
# ERIKTI_TEST_POSTGRES, by default the local server (postgres://postgres@127.0.0.1:5432/postgres);
# without one, its tests are skipped unless ERIKTI_REQUIRE_POSTGRES is set.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n $unformatted ]]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
echo "== go vet"
go vet ./...
echo "== staticcheck"
go tool staticcheck ./...
bash scripts/gosec.sh
# Chromium and axe-core for the real-browser tests (internal/browsertest); quick when installed.
bash scripts/setup-browser.sh
echo "== go test -race"
go test -race -count=1 -timeout 45m "$@" ./...
# every fuzz target for a short while (FUZZTIME each, 5s by default), seed corpora in testdata/fuzz
bash scripts/fuzz.sh
