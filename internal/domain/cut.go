package domain

import "unicode/utf8"

// CutText returns s cut to at most max bytes, on a letter's boundary, with "…" at the end when it
// was cut (the mark counts within max). It bounds what a client's input can write where nothing is
// ever deleted, such as the audit log.
func CutText(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const mark = "…"
	n, end := max-len(mark), mark
	if n < 0 {
		n, end = max, ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + end
}
