#!/usr/bin/env bash
# Runs every Go fuzz target of erikti for a short while, one after the other (go test fuzzes one
# target of one package per invocation). The targets are found, not listed: every
# `func FuzzXxx(f *testing.F)` in a *_test.go file, so a new one runs without editing this script.
# FUZZTIME is how long each runs, in go test's -fuzztime syntax (default 5s; 30s, 100000x, ...).
# Stops at the first target that fails and names it; go test has then written the failing input
# under that package's testdata/fuzz/<target>/, where a plain go test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-5s}"
# "dir name" pairs, e.g. "./internal/web FuzzDecode"
targets=$({ grep -rEo --include='*_test.go' --exclude-dir=node_modules --exclude-dir=testdata --exclude-dir=.git \
  '^func Fuzz[A-Za-z0-9_]*\([A-Za-z_][A-Za-z0-9_]* \*testing\.F\)' . || true; } |
  sed -E 's#^(.*)/[^/]*:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort -u)
if [[ -z $targets ]]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi

start=$SECONDS
n=0
while read -r dir name; do
  n=$((n + 1))
  echo "== fuzz $name ($dir, $fuzztime)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$dir/"; then
    echo "fuzz: FAILED: $name in $dir — the failing input is in $dir/testdata/fuzz/$name/;" \
      "replay it with: go test -run '^$name/' $dir/" >&2
    exit 1
  fi
done <<<"$targets"
echo "== fuzz: $n targets passed in $((SECONDS - start))s"
