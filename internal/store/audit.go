package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
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
	At       int64
	ActorID  int64
	Action   string
	Entity   string
	EntityID int64
	Detail   string
}
