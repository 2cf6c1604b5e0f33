#!/usr/bin/env bash
# Crash safety (issue 7): the flash crowd — 10,000 volunteers for 450 places from 256 clients —
# while erikti serve is killed with SIGKILL ten times in the middle of it and started again on the
# same database. Every signup answered before a kill must be stored with the status and place it
# was answered, the invariants must hold, and SQLite's integrity check must be clean;
# erikti-loadtest checks all of it from the database and exits non-zero otherwise. On SQLite, and on
# PostgreSQL too when ERIKTI_TEST_POSTGRES (or the default local server) answers. A short form runs
# with the tests: TestLoadTestCrashKeepsEveryAcknowledgedSignup in cmd/erikti-loadtest.
#
#   bash scripts/crash.sh [extra erikti-loadtest flags, e.g. -n 20000 --kills 20]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/" ./cmd/erikti ./cmd/erikti-loadtest # erikti-loadtest starts the erikti beside it
"$bin/erikti-loadtest" --scenario crash --kills 10 "$@"
pg=${ERIKTI_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
schema=erikti_crash_$$
if psql "$pg" -qc "CREATE SCHEMA $schema" 2>/dev/null; then
	trap 'psql "$pg" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1; rm -rf "$bin"' EXIT
	sep='?'; [[ $pg == *\?* ]] && sep='&'
	"$bin/erikti-loadtest" --scenario crash --kills 10 --db "$pg${sep}search_path=$schema" "$@"
else
	echo "crash.sh: PostgreSQL at $pg does not answer; SQLite only" >&2
fi
