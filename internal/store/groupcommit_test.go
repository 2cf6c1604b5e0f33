package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

var errProbe = errors.New("the write gives up")

func probeTable(t *testing.T, s *store.Store) {
	t.Helper()
	if err := s.ExecForTest(ctx, `CREATE TABLE gc_probe (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
}

func insertProbe(id int) func(tx *store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO gc_probe (id, v) VALUES (?, ?)`, id, id)
		return err
	}
}

func probeIDs(t *testing.T, s *store.Store) map[int]bool {
	t.Helper()
	ids := map[int]bool{}
	err := s.WriteForTest(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(`SELECT id FROM gc_probe`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids[id] = true
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// Writes made at the same time each get their own answer: one that fails leaves nothing of itself
// behind — not the row it wrote before failing — and takes nothing from the others, even when they
// shared its transaction. On SQLite they did share: fewer commits than writes.
func TestConcurrentWritesFailAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		probeTable(t, s)
		commits0, writes0 := s.WriteStats()
		const n = 300
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				errs[i] = s.WriteForTest(ctx, func(tx *store.Tx) error {
					if err := insertProbe(i)(tx); err != nil {
						return err
					}
					switch i % 3 {
					case 1:
						return errProbe // gives up after writing
					case 2:
						return insertProbe(i)(tx) // breaks the primary key after writing
					}
					return nil
				})
			})
		}
		wg.Wait()
		ids := probeIDs(t, s)
		for i, err := range errs {
			switch i % 3 {
			case 0:
				if err != nil || !ids[i] {
					t.Errorf("write %d: %v, stored %v; want it stored", i, err, ids[i])
				}
			case 1:
				if !errors.Is(err, errProbe) || ids[i] {
					t.Errorf("write %d: %v, stored %v; want its own error and nothing stored", i, err, ids[i])
				}
			case 2:
				if err == nil || ids[i] {
					t.Errorf("write %d: %v, stored %v; want the unique violation and nothing stored", i, err, ids[i])
				}
			}
		}
		if len(ids) != n/3 {
			t.Errorf("%d rows stored, want %d", len(ids), n/3)
		}
		commits, writes := s.WriteStats()
		commits, writes = commits-commits0, writes-writes0
		if s.Dialect() == store.SQLite && (writes < n/3 || commits >= writes) {
			t.Errorf("SQLite: %d writes answered in %d commits; want at least %d in fewer commits than writes", writes, commits, n/3)
		}
	})
}

// A write whose request is given up before it starts changes nothing and answers so.
func TestCancelledWriteChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		probeTable(t, s)
		c, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.WriteForTest(c, insertProbe(1)); !errors.Is(err, context.Canceled) {
			t.Fatalf("a cancelled write: %v, want context.Canceled", err)
		}
		if ids := probeIDs(t, s); len(ids) != 0 {
			t.Fatalf("stored %v", ids)
		}
	})
}

// holdCommitter starts a write that waits until release is called; on SQLite the committer then
// runs nothing else, and writes made meanwhile wait in line.
func holdCommitter(t *testing.T, s *store.Store) (release func()) {
	t.Helper()
	running, hold := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.WriteForTest(ctx, func(tx *store.Tx) error {
			close(running)
			<-hold
			return nil
		})
	}()
	<-running
	return func() {
		close(hold)
		if err := <-done; err != nil {
			t.Errorf("the holding write: %v", err)
		}
	}
}

func waitInLine(t *testing.T, s *store.Store, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); s.WritesInLine() < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d writes in line, want %d", s.WritesInLine(), n)
		}
	}
}

// The group committer (SQLite only; PostgreSQL runs each write in a transaction of its own): a
// write given up while it waits in line never runs; the others of its batch do.
func TestGroupCommitDropsWritesGivenUpInLine(t *testing.T) {
	s := storetest.Open(t, "sqlite", store.Options{})
	probeTable(t, s)
	release := holdCommitter(t, s)
	c, cancel := context.WithCancel(ctx)
	answers := make(chan error, 3)
	go func() { answers <- s.WriteForTest(ctx, insertProbe(1)) }()
	waitInLine(t, s, 1)
	go func() { answers <- s.WriteForTest(c, insertProbe(2)) }()
	waitInLine(t, s, 2)
	go func() { answers <- s.WriteForTest(ctx, insertProbe(3)) }()
	waitInLine(t, s, 3)
	cancel()
	for deadline := time.Now().Add(10 * time.Second); len(answers) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the cancelled write did not answer while in line")
		}
	}
	if err := <-answers; !errors.Is(err, context.Canceled) {
		t.Fatalf("the first answer, while the committer is held: %v, want the cancelled write's context.Canceled", err)
	}
	release()
	for range 2 {
		if err := <-answers; err != nil {
			t.Errorf("a write of the batch: %v", err)
		}
	}
	if ids := probeIDs(t, s); fmt.Sprint(ids) != fmt.Sprint(map[int]bool{1: true, 3: true}) {
		t.Fatalf("stored %v, want 1 and 3", ids)
	}
}

// A write that breaks the shared transaction itself (here by ending it) fails the batch; then each
// of the batch's writes runs again alone, so the others are stored and only it fails.
func TestGroupCommitSurvivesAWriteThatBreaksTheBatch(t *testing.T) {
	s := storetest.Open(t, "sqlite", store.Options{})
	probeTable(t, s)
	release := holdCommitter(t, s)
	answers := make([]chan error, 3)
	for i := range answers {
		answers[i] = make(chan error, 1)
	}
	go func() { answers[0] <- s.WriteForTest(ctx, insertProbe(1)) }()
	waitInLine(t, s, 1)
	go func() {
		answers[1] <- s.WriteForTest(ctx, func(tx *store.Tx) error {
			if err := insertProbe(2)(tx); err != nil {
				return err
			}
			_, err := tx.Exec(`ROLLBACK`)
			return err
		})
	}()
	waitInLine(t, s, 2)
	go func() { answers[2] <- s.WriteForTest(ctx, insertProbe(3)) }()
	waitInLine(t, s, 3)
	release()
	if err := <-answers[0]; err != nil {
		t.Errorf("write 1: %v", err)
	}
	if err := <-answers[1]; err == nil {
		t.Errorf("the write that ended the transaction answered no error")
	}
	if err := <-answers[2]; err != nil {
		t.Errorf("write 3: %v", err)
	}
	if ids := probeIDs(t, s); fmt.Sprint(ids) != fmt.Sprint(map[int]bool{1: true, 3: true}) {
		t.Fatalf("stored %v, want 1 and 3", ids)
	}
}

// Closing the store answers the writes still in line instead of leaving them waiting, and runs none.
func TestGroupCommitCloseAnswersTheLine(t *testing.T) {
	dsn := storetest.DSN(t, "sqlite")
	s, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	probeTable(t, s)
	release := holdCommitter(t, s)
	answer := make(chan error, 1)
	go func() { answer <- s.WriteForTest(ctx, insertProbe(1)) }()
	waitInLine(t, s, 1)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	for deadline := time.Now().Add(10 * time.Second); !s.Closing(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("Close did not ask the committer to stop")
		}
	}
	release()
	if err := <-answer; err == nil {
		t.Errorf("a write in line at Close answered no error")
	}
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	s2, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if ids := probeIDs(t, s2); len(ids) != 0 {
		t.Fatalf("stored %v after Close", ids)
	}
	if err := s.WriteForTest(ctx, insertProbe(2)); err == nil {
		t.Fatal("a write after Close answered no error")
	}
}
