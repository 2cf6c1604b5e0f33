package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A hasher runs no more hashes at once than its memory budget holds: one that finds no room in
// time is refused with ErrBusy, and nothing is computed for it.
func TestHasherBoundsConcurrency(t *testing.T) {
	p := Params{Memory: 1024, Time: 1, Threads: 1}
	h := NewHasher(p, 2<<20, 20*time.Millisecond) // two hashes of 1 MiB
	if h.Slots() != 2 {
		t.Fatalf("slots %d, want 2", h.Slots())
	}
	hash, err := h.Hash(context.Background(), "Ақ жол 2026!")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := h.Check(context.Background(), "Ақ жол 2026!", hash); !ok || err != nil {
		t.Fatalf("check: %v %v", ok, err)
	}
	if ok, err := h.Check(context.Background(), "not it", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA"); ok || err != nil {
		t.Fatalf("a hash erikti could not have written: %v %v", ok, err)
	}
	if h.Computed() != 2 {
		t.Fatalf("computed %d, want 2 (a malformed hash costs nothing)", h.Computed())
	}
	// the budget in use: a hash of the hasher's cost waits, then gives up
	if err := h.sem.Acquire(context.Background(), 2048); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := h.Check(context.Background(), "Ақ жол 2026!", hash); !errors.Is(err, ErrBusy) {
		t.Fatalf("a full budget: %v", err)
	}
	if waited := time.Since(start); waited < 20*time.Millisecond {
		t.Fatalf("gave up after %s, before the wait", waited)
	}
	if h.Computed() != 2 {
		t.Fatal("a refused hash was computed")
	}
	// a request that ends while waiting gets its own error, not ErrBusy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "x"); err == nil || errors.Is(err, ErrBusy) {
		t.Fatalf("an ended request: %v", err)
	}
	// room for one again: it runs; a hash costlier than the whole budget waits for all of it
	h.sem.Release(1024)
	if _, err := h.Hash(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
	h.sem.Release(1024)
	big, err := HashPassword("y", Params{Memory: 4096, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := h.Check(context.Background(), "y", big); !ok || err != nil {
		t.Fatalf("a hash over the budget: %v %v", ok, err)
	}
}
