package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// audit records, inside the transaction of the change, who changed what.
func (s *Store) audit(tx *Tx, actorID int64, action, entity string, entityID int64, detail map[string]any) error {
	var d []byte
	if detail != nil {
		var err error
		if d, err = json.Marshal(detail); err != nil {
			return fmt.Errorf("store: audit detail: %w", err)
		}
	}
	actor := sql.NullInt64{Int64: actorID, Valid: actorID > 0}
	if _, err := tx.Exec(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		s.now().Unix(), actor, action, entity, entityID, string(d)); err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	ActorID  int64
	Action   string
	Entity   string
	EntityID int64
	Detail   string
}

// AuditLog lists what actorID changed, oldest first.
func (s *Store) AuditLog(ctx context.Context, actorID int64) ([]AuditEntry, error) {
	rows, err := s.read(ctx).Query(`SELECT id, at, COALESCE(actor_id, 0), action, entity, entity_id, detail
		FROM audit_log WHERE actor_id = ? ORDER BY id`, actorID)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var a AuditEntry
		var at int64
		if err := rows.Scan(&a.ID, &at, &a.ActorID, &a.Action, &a.Entity, &a.EntityID, &a.Detail); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		a.At = fromUnix(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
