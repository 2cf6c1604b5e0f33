package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"erikti/internal/store"
)

// Migrating a schema takes most of a store test's time, so a test binary migrates once per engine,
// into a template, and gives every test a copy of it: on SQLite the template file's bytes, on
// PostgreSQL a database created from a template database. The templates are this binary's cache,
// built on first use; they are the only state storetest keeps between tests.
var (
	sqliteTemplate   template
	postgresTemplate template
)

// template is a migrated database built once: on SQLite the file's bytes, on PostgreSQL the name
// of the template database.
type template struct {
	once  sync.Once
	bytes []byte
	name  string
	err   error
}

// templateLock is the PostgreSQL advisory lock under which a test binary looks for the template
// database and builds it when missing, so that test binaries started together build it once. It
// differs from the store's migration lock.
const templateLock = 8011201

// migratedDSN returns a connection string to a new database of engine holding a copy of the
// migrated template, removed when t ends.
func migratedDSN(t testing.TB, engine string) string {
	t.Helper()
	if engine == "sqlite" {
		return sqliteCopy(t)
	}
	return postgresCopy(t)
}

// sqliteCopy writes the migrated template file into t's own folder.
func sqliteCopy(t testing.TB) string {
	t.Helper()
	sqliteTemplate.once.Do(func() { sqliteTemplate.bytes, sqliteTemplate.err = migratedSQLite() })
	if sqliteTemplate.err != nil {
		t.Fatalf("sqlite template: %v", sqliteTemplate.err)
	}
	path := filepath.Join(t.TempDir(), "erikti.db")
	if err := os.WriteFile(path, sqliteTemplate.bytes, 0o600); err != nil {
		t.Fatalf("sqlite: copy the template: %v", err)
	}
	return path
}

// migratedSQLite migrates a new SQLite file and returns its bytes; the file is removed.
func migratedSQLite() ([]byte, error) {
	dir, err := os.MkdirTemp("", "erikti-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "erikti.db")
	if err := migrate(path); err != nil {
		return nil, err
	}
	// closing the last connection checkpoints the write-ahead log into the file and removes it
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, fmt.Errorf("the write-ahead log outlived the store")
	}
	return os.ReadFile(path) // #nosec G304 -- a test helper reading the file it made in its own temporary folder
}

// migrate opens the store at dsn, migrates it and closes it.
func migrate(dsn string) error {
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// postgresCopy creates a database from the template database, dropped when t ends.
func postgresCopy(t testing.TB) string {
	t.Helper()
	admin, base := postgresAdmin(t)
	postgresTemplate.once.Do(func() { postgresTemplate.name, postgresTemplate.err = postgresTemplateDB(admin, base) })
	if postgresTemplate.err != nil {
		admin.Close()
		t.Fatalf("postgres template: %v", postgresTemplate.err)
	}
	dropper, err := startDropper(base)
	if err != nil {
		admin.Close()
		t.Fatalf("postgres: start dropping test databases: %v", err)
	}
	name := dropper.name()
	_, err = admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + postgresTemplate.name)
	admin.Close()
	if err != nil {
		t.Fatalf("postgres: create a database from the template: %v", err)
	}
	t.Cleanup(func() { dropper.drop(name) })
	dsn, err := withDatabase(base, name)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	return dsn
}

// postgresTemplateDB returns the name of the template database of the embedded migrations,
// building it when no test binary has yet. Its name holds the migrations' digest, so a binary of
// other migrations (another branch's) builds its own. It is kept after the tests, for the next
// run; it takes no connections, so that copying it never finds it busy.
func postgresTemplateDB(admin *sql.DB, base string) (string, error) {
	ctx := context.Background()
	name := "erikti_tmpl_" + store.MigrationsDigest()[:16]
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, templateLock); err != nil {
		return "", fmt.Errorf("lock: %w", err)
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, templateLock) // #nosec G104 -- closing the connection unlocks too
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", fmt.Errorf("look for %s: %w", name, err)
	}
	if exists {
		return name, nil
	}
	// built under another name and renamed when whole: a binary killed while migrating leaves
	// no half-migrated template behind, only a build the next one drops
	build := name + "_build"
	for _, stmt := range []string{
		`DROP DATABASE IF EXISTS ` + build + ` WITH (FORCE)`,
		`CREATE DATABASE ` + build,
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return "", fmt.Errorf("%s: %w", stmt, err)
		}
	}
	dsn, err := withDatabase(base, build)
	if err != nil {
		return "", err
	}
	if err := migrate(dsn); err != nil {
		return "", fmt.Errorf("migrate %s: %w", build, err)
	}
	for _, stmt := range []string{
		`ALTER DATABASE ` + build + ` WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`,
		`ALTER DATABASE ` + build + ` RENAME TO ` + name,
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return "", fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return name, nil
}

// withDatabase is the connection string base with its database replaced by name, and with
// commits that do not wait for the disk (synchronous_commit off): a test's database is dropped
// when the test ends, so it needs no durability, and waiting for a flush at every commit took
// most of a PostgreSQL test's time. What a transaction sees, and when it commits, is unchanged.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("synchronous_commit", "off") // pgx passes unknown parameters to the server as settings
	u.RawQuery = q.Encode()
	return u.String(), nil
}
