package web

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"erikti/internal/store"
)

// The home page's figures are counted once, then served from memory until they are ttl old; then
// the next page gets the last count at once while one count runs behind it, and the pages after
// that get the new one. Another year is counted on its own.
func TestFiguresMemo(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	m := &figuresMemo{ttl: 30 * time.Second, now: func() time.Time { return now }}
	var counts atomic.Int64
	release := make(chan struct{}, 10)
	count := func(ctx context.Context, from, to time.Time) (store.Figures, error) {
		n := counts.Add(1)
		if n > 1 {
			<-release
		}
		return store.Figures{Planned: int(n)}, nil
	}
	ctx := context.Background()
	y2026 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	y2027 := y2026.AddDate(1, 0, 0)
	get := func(from time.Time) int {
		t.Helper()
		f, err := m.get(ctx, from, from.AddDate(1, 0, 0), count)
		if err != nil {
			t.Fatal(err)
		}
		return f.Planned
	}
	if got := get(y2026); got != 1 || counts.Load() != 1 {
		t.Fatalf("first page: count %d, %d counts", got, counts.Load())
	}
	now = now.Add(29 * time.Second)
	if got := get(y2026); got != 1 || counts.Load() != 1 {
		t.Fatalf("29 s on: count %d, %d counts; want the kept one", got, counts.Load())
	}
	now = now.Add(time.Second)
	if got := get(y2026); got != 1 {
		t.Fatalf("30 s on: count %d; want the kept one while it is counted again", got)
	}
	if got := get(y2026); got != 1 {
		t.Fatalf("during the count: %d", got)
	}
	release <- struct{}{}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if m.mu.TryLock() {
			done := !m.refreshing && m.val.Planned == 2
			m.mu.Unlock()
			if done {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the count behind the page did not finish")
		}
	}
	if got := get(y2026); got != 2 || counts.Load() != 2 {
		t.Fatalf("after the count: %d, %d counts; want the new one, counted once", got, counts.Load())
	}
	release <- struct{}{}
	if got := get(y2027); got != 3 {
		t.Fatalf("another year: %d; want its own count", got)
	}
}

// A count that takes long is made again only after ten times its length, not after ttl: a
// country's year takes seconds to count, and counting it every 30 s would keep a core busy.
func TestFiguresMemoCountsALongCountLessOften(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	m := &figuresMemo{ttl: 30 * time.Second, now: func() time.Time { return now }}
	var counts atomic.Int64
	count := func(ctx context.Context, from, to time.Time) (store.Figures, error) {
		now = now.Add(12 * time.Second) // the count takes 12 s
		return store.Figures{Planned: int(counts.Add(1))}, nil
	}
	y2026 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := m.get(context.Background(), y2026, y2026.AddDate(1, 0, 0), count); err != nil {
		t.Fatal(err)
	}
	now = now.Add(119 * time.Second)
	if _, err := m.get(context.Background(), y2026, y2026.AddDate(1, 0, 0), count); err != nil || counts.Load() != 1 {
		t.Fatalf("119 s after a count of 12 s: %d counts (%v); want the kept one", counts.Load(), err)
	}
	now = now.Add(time.Second)
	if _, err := m.get(context.Background(), y2026, y2026.AddDate(1, 0, 0), count); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); counts.Load() != 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("120 s after a count of 12 s: no count behind the page")
		}
	}
}
