package store_test

import (
	"context"
	"testing"

	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// A database that refuses writes is seen by CheckWrite, on both engines, and one that takes them
// keeps nothing of the check.
func TestCheckWriteSeesADatabaseThatRefusesWrites(t *testing.T) {
	ctx := context.Background()
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine, store.Options{})
			for range 3 { // the probe's row is rolled back each time: no conflict with the last
				if err := s.CheckWrite(ctx); err != nil {
					t.Fatalf("a writable database: %v", err)
				}
			}
			ro, err := store.Open(ctx, storetest.ReadOnly(t, engine), store.Options{})
			if err != nil {
				t.Fatalf("open read-only: %v", err)
			}
			defer ro.Close()
			if err := ro.Ping(ctx); err != nil {
				t.Fatalf("a read-only database still answers reads: %v", err)
			}
			if err := ro.CheckWrite(ctx); err == nil || !store.IsReadOnly(err) {
				t.Fatalf("a read-only database: CheckWrite says %v", err)
			}
		})
	}
}
