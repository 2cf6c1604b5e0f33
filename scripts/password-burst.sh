#!/usr/bin/env bash
# password-burst.sh BINARY [N] — the peak memory of `erikti serve` under a burst of password work
# (issue 14, finding 4). Starts BINARY serve on a fresh SQLite file, registers one account, then
#   1. sends N (200) sign-ins with wrong passwords for that account at once, from one address;
#   2. sends N registrations of new addresses at once, from one address (each hashes a password).
# It prints the answers' status counts, the server's resident memory (VmRSS) at rest and its peak
# (VmHWM) after each burst — reset between the two — and how long each took (with the starting of
# N curl processes, which dominates when the server answers fast). Extra serve flags come from ERIKTI_* variables
# (for example ERIKTI_REGISTRATIONS_PER_HOUR=1000, so that burst 2 reaches the hasher).
set -euo pipefail
bin=$(realpath "$1")
n=${2:-200}
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
"$bin" serve --db "$dir/erikti.db" --addr "127.0.0.1:$port" --log-level error >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
mem() { grep -E "^$1:" "/proc/$pid/status" | awk '{printf "%.0f MB", $2/1024}'; }
post() { curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' -d "$2" "$base$1" || true; }
export -f post
export base
post /api/v1/auth/register '{"email":"victim@example.kz","password":"Ақ жол 2026!","name":"Айгерім","birth_date":"2000-01-01","locale":"kk","accept_privacy_policy":true}' >/dev/null
echo "at rest: VmRSS $(mem VmRSS), VmHWM $(mem VmHWM)"
start=$(date +%s.%N)
seq "$n" | xargs -P "$n" -I{} bash -c 'post /api/v1/auth/token "{\"email\":\"victim@example.kz\",\"password\":\"wrong guess {}\"}"' |
	sort | uniq -c | awk '{printf "%s×%s ", $2, $1}'
echo "— $n wrong passwords in $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s: VmRSS $(mem VmRSS), peak VmHWM $(mem VmHWM)"
echo 5 >"/proc/$pid/clear_refs" # the peak starts again from the present
start=$(date +%s.%N)
seq "$n" | xargs -P "$n" -I{} bash -c 'post /api/v1/auth/register "{\"email\":\"burst{}@example.kz\",\"password\":\"Ақ жол 2026!\",\"name\":\"Ерлан\",\"birth_date\":\"2000-01-01\",\"locale\":\"kk\",\"accept_privacy_policy\":true}"' |
	sort | uniq -c | awk '{printf "%s×%s ", $2, $1}'
echo "— $n registrations in $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s: VmRSS $(mem VmRSS), peak VmHWM $(mem VmHWM)"
