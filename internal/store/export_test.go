package store

import (
	"context"

	"erikti/internal/domain"
)

// ExecForTest runs a statement in a write transaction: tests use it to play someone who goes
// around the store, straight to the database.
func (s *Store) ExecForTest(ctx context.Context, query string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(query)
		return err
	})
}

// WriteForTest runs fn as a write of the store's own: on SQLite through the group committer.
func (s *Store) WriteForTest(ctx context.Context, fn func(tx *Tx) error) error {
	return s.write(ctx, fn)
}

// WritesInLine tells how many writes wait for the SQLite committer (0 on PostgreSQL).
func (s *Store) WritesInLine() int {
	if s.gc == nil {
		return 0
	}
	return len(s.gc.queue)
}

// Closing reports whether Close has asked the SQLite committer to stop.
func (s *Store) Closing() bool {
	if s.gc == nil {
		return false
	}
	select {
	case <-s.gc.quit:
		return true
	default:
		return false
	}
}

// AppendLedgerForTest writes e as the next link of its volunteer's chain, with no rule checked:
// tests use it to play the ledger an earlier version left (a second approval, one's own).
func (s *Store) AppendLedgerForTest(ctx context.Context, e domain.LedgerEntry) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		id, err = s.appendLedger(tx, e)
		return err
	})
	return id, err
}

// WriteSeatsForTest writes a shift's seat counters as every seat-moving path does (writeSeats):
// those of after, over before, the counters a decision read.
func (s *Store) WriteSeatsForTest(ctx context.Context, before, after domain.Shift) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := writeSeats(tx, before, after)
		return err
	})
}

// MigrateUpToForTest applies the migrations numbered up to last: a test fills an older schema,
// then migrates the rest.
func (s *Store) MigrateUpToForTest(ctx context.Context, last int) error {
	return s.migrateUpTo(ctx, last)
}
