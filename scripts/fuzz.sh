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

# go1.26's fuzz coordinator can fail a target with a bare "context deadline exceeded" when
# -fuzztime runs out while a worker is busy, with no failing input (golang/go#75804, fixed in
# go1.27). Only a failure that wrote a reproducer to testdata/fuzz/ is a finding; such a flake is
# run once more and, if it happens again without a reproducer, reported and passed over.
# (a target with no seed corpus yet has no folder: find fails, and that is 0 inputs, not an error)
inputs() { { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fuzz_one() { go test -run '^$' -fuzz "^${2}\$" -fuzztime "$fuzztime" "$1/" >"$out" 2>&1; }

start=$SECONDS
n=0
flakes=0
while read -r dir name; do
  n=$((n + 1))
  echo "== fuzz $name ($dir, $fuzztime)"
  for attempt in 1 2; do
    before=$(inputs "$dir" "$name")
    if fuzz_one "$dir" "$name"; then
      cat "$out"
      break
    fi
    if (($(inputs "$dir" "$name") > before)); then
      cat "$out"
      echo "fuzz: FAILED: $name in $dir — the failing input is in $dir/testdata/fuzz/$name/;" \
        "replay it with: go test -run '^$name/' $dir/" >&2
      exit 1
    fi
    # not a finding: shown, but not as a test's failure, so that the counts of the run stay true
    sed -E 's/^(\s*)--- FAIL/\1--- FLAKE/; s/^FAIL/FLAKE/' "$out"
    echo "fuzz: $name stopped without a failing input (golang/go#75804), attempt $attempt" >&2
    if ((attempt == 2)); then
      flakes=$((flakes + 1))
    fi
  done
done <<<"$targets"
echo "== fuzz: $n targets run in $((SECONDS - start))s; $flakes stopped twice on go's deadline race without a finding"
