// Package storetest opens a fresh, migrated store on every engine erikti supports, so that each
// test runs on SQLite and on PostgreSQL. A test binary migrates once per engine and gives each test
// a copy of its own (template.go); on PostgreSQL the role needs CREATEDB, and the copies are
// dropped in the background (dropper.go).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"erikti/internal/store"
)

// DefaultPostgres is the PostgreSQL the tests use when ERIKTI_TEST_POSTGRES is not set.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Engines lists the engines a test runs on.
func Engines() []string { return []string{"sqlite", "postgres"} }

// Each runs fn as a subtest once per engine, each time with a new, empty, migrated store.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			fn(t, Open(t, engine, store.Options{}))
		})
	}
}

// DSN returns a connection string to a new, empty database of engine, removed when t ends.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	if engine == "sqlite" {
		return filepath.Join(t.TempDir(), "erikti.db")
	}
	admin, base := postgresAdmin(t)
	schema := uniqueName()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a new, empty, migrated store of engine, closed when t ends.
func Open(t testing.TB, engine string, opt store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), migratedDSN(t, engine), opt)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresAdmin connects to the PostgreSQL of ERIKTI_TEST_POSTGRES (DefaultPostgres when unset),
// closed by the caller, and returns its connection string too. The test is skipped when the
// server is unreachable, or fails when ERIKTI_REQUIRE_POSTGRES is set.
func postgresAdmin(t testing.TB) (*sql.DB, string) {
	t.Helper()
	base := os.Getenv("ERIKTI_TEST_POSTGRES")
	if base == "" {
		base = DefaultPostgres
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.Ping()
	}
	if err != nil {
		if os.Getenv("ERIKTI_REQUIRE_POSTGRES") != "" {
			t.Fatalf("postgres: %s is unreachable: %v", base, err)
		}
		t.Skipf("postgres: %s is unreachable (%v); set ERIKTI_TEST_POSTGRES", base, err)
	}
	return admin, base
}

// uniqueName is a name for a test's own schema or database that no other test, in this binary or
// another running at once, takes.
func uniqueName() string {
	return "erikti_test_" + randomHex()
}

// randomHex is 12 random hexadecimal digits.
func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ReadOnly returns a connection string to a new, migrated database of engine that refuses every
// write: on SQLite a file its process may not write (mode 0444, and immutable when the test runs
// as root, whom file modes do not stop) in a folder it may; on PostgreSQL a database whose
// sessions are read-only (default_transaction_read_only, as on a standby). The test is skipped
// when the file cannot be made read-only.
func ReadOnly(t testing.TB, engine string) string {
	t.Helper()
	dsn := migratedDSN(t, engine)
	if engine != "sqlite" {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		return u.String()
	}
	if err := os.Chmod(dsn, 0o444); err != nil { // #nosec G302 -- a test's database made read-only, less than it was
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", dsn).CombinedOutput(); err != nil { // #nosec G204 -- a test's own temporary file
			t.Skipf("running as root, and chattr +i %s failed (%v: %s): the file cannot be made read-only", dsn, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dsn).Run() }) // #nosec G204 G104 -- a test's own temporary file; before TempDir's removal, which runs first-in, last-out
	}
	return dsn
}

// Raw opens the database at dsn straight with its driver, around the store, as someone with the
// database in hand would; it is closed when the test ends.
func Raw(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
