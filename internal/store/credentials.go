package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"erikti/internal/domain"
)

// A person's credentials are their browser sessions and API tokens; /me/security lists them and
// ends any one, or all but the session in use.

// agentKey carries the User-Agent of the request acting, kept with a session or token it opens.
type agentKey struct{}

// agentMax bounds the User-Agent kept with a credential.
const agentMax = 256

// WithAgent returns ctx carrying the client's User-Agent.
func WithAgent(ctx context.Context, agent string) context.Context {
	return context.WithValue(ctx, agentKey{}, agent)
}

func agentOf(ctx context.Context) string {
	s, _ := ctx.Value(agentKey{}).(string)
	return domain.CutText(s, agentMax)
}

// credentialHandleLen is how much of a credential's token hash names it on /me/security: 16 hex
// digits, enough to tell one's own apart, and a hash of a hash — it opens nothing.
const credentialHandleLen = 16

// Credential is one session or API token of a person.
type Credential struct {
	Kind         string // "session" or "token"
	Handle       string // the first 16 hex digits of the token's hash
	CreatedAt    time.Time
	LastUsedAt   time.Time // zero for a token never used since it was made
	ExpiresAt    time.Time
	Origin       string // the address it was opened or last used from
	Agent        string // the client's User-Agent
	SecondFactor bool
	Current      bool // the session this request comes with
}

// Credentials lists userID's live sessions and tokens, the most recently used first; current is the
// hash of the session in use (marked Current).
func (s *Store) Credentials(ctx context.Context, userID int64, current string) ([]Credential, error) {
	now := s.now().Unix()
	rows, err := s.read(ctx).Query(`
		SELECT 'session', token_hash, created_at, last_seen_at, expires_at, origin, agent, second_factor FROM sessions WHERE user_id = ? AND expires_at > ?
		UNION ALL
		SELECT 'token', token_hash, created_at, last_used_at, expires_at, origin, agent, second_factor FROM api_tokens WHERE user_id = ? AND expires_at > ?`,
		userID, now, userID, now)
	if err != nil {
		return nil, fmt.Errorf("store: credentials: %w", err)
	}
	defer rows.Close()
	var out []Credential
	for rows.Next() {
		var c Credential
		var hash string
		var created, used, expires int64
		if err := rows.Scan(&c.Kind, &hash, &created, &used, &expires, &c.Origin, &c.Agent, &c.SecondFactor); err != nil {
			return nil, fmt.Errorf("store: credentials: %w", err)
		}
		c.Handle, c.Current = hash[:min(len(hash), credentialHandleLen)], c.Kind == "session" && hash == current
		c.CreatedAt, c.ExpiresAt = fromUnix(created), fromUnix(expires)
		if used > 0 {
			c.LastUsedAt = fromUnix(used)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: credentials: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Current != out[j].Current {
			return out[i].Current
		}
		return max(out[i].LastUsedAt.Unix(), out[i].CreatedAt.Unix()) > max(out[j].LastUsedAt.Unix(), out[j].CreatedAt.Unix())
	})
	return out, nil
}

// EndCredential ends userID's session or token named by its handle: 404 when they have none such
// (someone else's is none of theirs). Audited.
func (s *Store) EndCredential(ctx context.Context, userID int64, kind, handle string) error {
	table := map[string]string{"session": "sessions", "token": "api_tokens"}[kind]
	if table == "" || len(handle) != credentialHandleLen {
		return domain.Errorf(domain.NotFound, "not_found.credential", nil)
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`DELETE FROM `+table+` WHERE user_id = ? AND substr(token_hash, 1, 16) = ?`, userID, handle)
		if err != nil {
			return fmt.Errorf("store: end credential: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.credential", nil)
		}
		return s.audit(tx, userID, "user.credential_ended", "user", userID, map[string]any{"kind": kind, "handle": handle})
	})
}

// EndOtherCredentials ends every session of userID but keepSession (the hash of the one in use)
// and every API token, and tells how many ended. Audited.
func (s *Store) EndOtherCredentials(ctx context.Context, userID int64, keepSession string) (int, error) {
	var ended int
	err := s.write(ctx, func(tx *Tx) error {
		n, err := endOthers(tx, userID, keepSession)
		if err != nil {
			return err
		}
		ended = n
		return s.audit(tx, userID, "user.credentials_ended", "user", userID, map[string]any{"ended": n})
	})
	return ended, err
}

// endOthers deletes userID's sessions but keepSession and all their API tokens, within tx.
func endOthers(tx *Tx, userID int64, keepSession string) (int, error) {
	total := 0
	for _, q := range []string{`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, `DELETE FROM api_tokens WHERE user_id = ? AND token_hash <> ?`} {
		res, err := tx.Exec(q, userID, keepSession)
		if err != nil {
			return 0, fmt.Errorf("store: end other credentials: %w", err)
		}
		n, _ := res.RowsAffected()
		total += int(n)
	}
	return total, nil
}
