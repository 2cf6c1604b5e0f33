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
