package storetest

import "testing"

// A test's PostgreSQL database commits without waiting for the disk, and starts as a copy of the
// migrated template.
func TestPostgresCopyCommitsWithoutFlush(t *testing.T) {
	db := Raw(t, migratedDSN(t, "postgres"))
	var setting string
	if err := db.QueryRow(`SHOW synchronous_commit`).Scan(&setting); err != nil {
		t.Fatal(err)
	}
	if setting != "off" {
		t.Errorf("synchronous_commit = %q, want off", setting)
	}
	var migrated bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'users')`).Scan(&migrated); err != nil {
		t.Fatal(err)
	}
	if !migrated {
		t.Error("the copy has no users table")
	}
}

// A binary drops the databases of binaries that have exited, not those of one still running.
func TestLeftoversAreThoseOfExitedBinaries(t *testing.T) {
	admin, base := postgresAdmin(t)
	defer admin.Close()
	ctx := t.Context()
	const exited, running = 0x7ffffff0, 0x7ffffff1
	lock, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if _, err := lock.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, binaryLock, running); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, id := range []uint32{exited, running} {
		name := (&dropper{id: id}).name()
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatal(err)
		}
		defer admin.Exec(`DROP DATABASE IF EXISTS ` + name)
		names = append(names, name)
	}
	db := Raw(t, base)
	d := &dropper{id: 0x7ffffff2}
	if d.conn, err = db.Conn(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.conn.Close()
	leftovers, err := d.leftovers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, name := range leftovers {
		found[name] = true
	}
	if !found[names[0]] || found[names[1]] {
		t.Errorf("leftovers %v: want %s and not %s", leftovers, names[0], names[1])
	}
}
