package store

import "context"

// ExecForTest runs a statement in a write transaction: tests use it to play someone who goes
// around the store, straight to the database.
func (s *Store) ExecForTest(ctx context.Context, query string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(query)
		return err
	})
}
