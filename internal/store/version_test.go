package store

import "testing"

// erikti refuses SQLite older than 3.51.3, which fixes a WAL-reset corruption bug.
func TestVersionGate(t *testing.T) {
	for _, c := range []struct {
		version string
		refused bool
	}{
		{"3.51.2", true}, {"3.50.9", true}, {"3.9.0", true}, {"2.99.99", true},
		{"3.51.3", false}, {"3.51.10", false}, {"3.54.1", false}, {"4.0", false},
	} {
		if got := versionLess(c.version, minSQLite); got != c.refused {
			t.Errorf("SQLite %s refused: %v, want %v", c.version, got, c.refused)
		}
	}
}
