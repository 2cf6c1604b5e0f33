package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// originKey carries the address a request came from, for the audit log.
type originKey struct{}

// WithOrigin returns ctx carrying the address of the person acting, which audit entries written
// under it record as "from where".
func WithOrigin(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, originKey{}, addr)
}

func originOf(ctx context.Context) string {
	s, _ := ctx.Value(originKey{}).(string)
	return s
}

// auditRow is what the chain's hash covers.
type auditRow struct {
	at       int64
	actorID  int64
	action   string
	entity   string
	entityID int64
	detail   string
	origin   string
}

// chainHash is the SHA-256 of the previous hash and the row's fields, each length-prefixed so
// that no two rows write the same bytes.
func chainHash(prev string, r auditRow) string {
	h := sha256.New()
	for _, f := range []string{prev, strconv.FormatInt(r.at, 10), strconv.FormatInt(r.actorID, 10), r.action, r.entity,
		strconv.FormatInt(r.entityID, 10), r.detail, r.origin} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// The audit log is never deleted from, so what one entry can hold of a client's input is bounded:
// each text of its detail, and its origin.
const (
	auditTextMax   = 4096
	auditOriginMax = 128
)

// audit records, inside the transaction of the change, who changed what, when and from where, as
// the next link of the chain.
func (s *Store) audit(tx *Tx, actorID int64, action, entity string, entityID int64, detail map[string]any) error {
	var d []byte
	if detail != nil {
		cut := make(map[string]any, len(detail))
		for k, v := range detail {
			if t, ok := v.(string); ok {
				v = domain.CutText(t, auditTextMax)
			}
			cut[k] = v
		}
		var err error
		if d, err = json.Marshal(cut); err != nil {
			return fmt.Errorf("store: audit detail: %w", err)
		}
	}
	r := auditRow{at: s.now().Unix(), actorID: actorID, action: action, entity: entity, entityID: entityID,
		detail: string(d), origin: domain.CutText(originOf(tx.ctx), auditOriginMax)}
	var prev string
	if err := tx.QueryRow(`SELECT hash FROM audit_head WHERE id = 1` + tx.forUpdate("")).Scan(&prev); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	return s.appendAudit(tx, prev, r)
}

func (s *Store) appendAudit(tx *Tx, prev string, r auditRow) error {
	hash := chainHash(prev, r)
	actor := sql.NullInt64{Int64: r.actorID, Valid: r.actorID > 0}
	var id int64
	if err := tx.QueryRow(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail, origin, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.at, actor, r.action, r.entity, r.entityID, r.detail, r.origin, prev, hash).Scan(&id); err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	if _, err := tx.Exec(`UPDATE audit_head SET hash = ?, last_id = ? WHERE id = 1`, hash, id); err != nil {
		return fmt.Errorf("store: audit head: %w", err)
	}
	return nil
}

// Record writes an audit entry of its own: a sign-in, a refused permission, an export.
func (s *Store) Record(ctx context.Context, actorID int64, action, entity string, entityID int64, detail map[string]any) error {
	return s.write(ctx, func(tx *Tx) error { return s.audit(tx, actorID, action, entity, entityID, detail) })
}

// chainLegacyAudit gives rows written before the chain existed their place in it, in order; it
// runs after the migrations, on their connection.
func (s *Store) chainLegacyAudit(ctx context.Context, conn *sql.Conn) error {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	tx := &Tx{ctx: ctx, tx: sqlTx, dialect: s.dialect}
	rows, err := tx.Query(`SELECT id, at, COALESCE(actor_id, 0), action, entity, entity_id, detail, origin
		FROM audit_log WHERE hash = '' ORDER BY id`)
	if err != nil {
		return err
	}
	type legacy struct {
		id int64
		auditRow
	}
	var todo []legacy
	for rows.Next() {
		var l legacy
		if err := rows.Scan(&l.id, &l.at, &l.actorID, &l.action, &l.entity, &l.entityID, &l.detail, &l.origin); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return err
	}
	var prev string
	if err := tx.QueryRow(`SELECT hash FROM audit_head WHERE id = 1`).Scan(&prev); err != nil {
		return err
	}
	for _, l := range todo {
		hash := chainHash(prev, l.auditRow)
		if _, err := tx.Exec(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?`, prev, hash, l.id); err != nil {
			return err
		}
		prev = hash
		if _, err := tx.Exec(`UPDATE audit_head SET hash = ?, last_id = ? WHERE id = 1`, hash, l.id); err != nil {
			return err
		}
	}
	return sqlTx.Commit()
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64
	ActorName string
	Action    string
	Entity    string
	EntityID  int64
	Detail    string
	Origin    string
}

// AuditFilter selects audit entries; zero fields select all.
type AuditFilter struct {
	ActorID  int64
	Action   string // a prefix of the action: organization. or auth.login, say
	Entity   string
	EntityID int64
	From, To time.Time
	Before   int64 // entries with a smaller id: the next page
	Limit    int
}

// AuditLog lists audit entries, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	if f.ActorID > 0 {
		where, args = append(where, `a.actor_id = ?`), append(args, f.ActorID)
	}
	if f.Action != "" {
		r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
		where, args = append(where, `a.action LIKE ? ESCAPE '\'`), append(args, r.Replace(f.Action)+"%")
	}
	if f.Entity != "" {
		where, args = append(where, `a.entity = ?`), append(args, f.Entity)
	}
	if f.EntityID > 0 {
		where, args = append(where, `a.entity_id = ?`), append(args, f.EntityID)
	}
	if !f.From.IsZero() {
		where, args = append(where, `a.at >= ?`), append(args, unix(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, `a.at < ?`), append(args, unix(f.To))
	}
	if f.Before > 0 {
		where, args = append(where, `a.id < ?`), append(args, f.Before)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.read(ctx).Query(`SELECT a.id, a.at, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, a.entity,
		a.entity_id, a.detail, a.origin FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE `+strings.Join(append(where, "TRUE"), " AND ")+` ORDER BY a.id DESC LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var a AuditEntry
		var at int64
		if err := rows.Scan(&a.ID, &at, &a.ActorID, &a.ActorName, &a.Action, &a.Entity, &a.EntityID, &a.Detail, &a.Origin); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		a.At = fromUnix(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ChainBreak is the first audit entry whose hash does not follow from the entries before it:
// one was edited, removed or inserted out of turn.
type ChainBreak struct {
	ID     int64 // the entry where the chain breaks; 0 when the head does not match the last entry
	Reason string
}

func (b *ChainBreak) Error() string {
	return fmt.Sprintf("audit chain broken at entry %d: %s", b.ID, b.Reason)
}

// VerifyAudit walks the whole chain and returns how many entries it checked, or a *ChainBreak.
func (s *Store) VerifyAudit(ctx context.Context) (int, error) {
	r := s.read(ctx)
	rows, err := r.Query(`SELECT id, at, COALESCE(actor_id, 0), action, entity, entity_id, detail, origin, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	prev, n, lastID := "", 0, int64(0)
	for rows.Next() {
		var a auditRow
		var id int64
		var prevHash, hash string
		if err := rows.Scan(&id, &a.at, &a.actorID, &a.action, &a.entity, &a.entityID, &a.detail, &a.origin, &prevHash, &hash); err != nil {
			return n, fmt.Errorf("store: verify audit: %w", err)
		}
		switch {
		case prevHash != prev:
			return n, &ChainBreak{ID: id, Reason: "it does not follow the entry before it (one was removed or inserted)"}
		case chainHash(prev, a) != hash:
			return n, &ChainBreak{ID: id, Reason: "its content does not match its hash (it was edited)"}
		}
		prev, lastID = hash, id
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: verify audit: %w", err)
	}
	var head string
	var headID int64
	if err := r.QueryRow(`SELECT hash, last_id FROM audit_head WHERE id = 1`).Scan(&head, &headID); err != nil {
		return n, fmt.Errorf("store: verify audit: %w", err)
	}
	if head != prev || headID != lastID {
		return n, &ChainBreak{Reason: "the last entries were removed"}
	}
	return n, nil
}
