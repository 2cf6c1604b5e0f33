package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// sessionTouchEvery is how stale a session's last_seen_at may get before a request refreshes it,
// so that browsing does not write on every page.
const sessionTouchEvery = time.Minute

// CreateSession stores a new browser session of userID under the hash of its cookie's token; it
// ends at expires whatever happens.
func (s *Store) CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error {
	now := s.now().Unix()
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, origin, agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			tokenHash, userID, now, now, unix(expires), domain.CutText(originOf(ctx), auditOriginMax), agentOf(ctx))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionUser returns the account of a live session: before its absolute end and seen within idle;
// SecondFactor is set when the session was confirmed with one. A session found dead is removed.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, idle time.Duration) (domain.User, error) {
	now := s.now()
	var lastSeen, expires int64
	var sf bool
	var consent sql.NullString
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+`, x.last_seen_at, x.expires_at, x.second_factor, `+privacyConsentColumn+`
		FROM sessions x JOIN users u ON u.id = x.user_id WHERE x.token_hash = ? AND u.disabled_at = 0`, tokenHash), &lastSeen, &expires, &sf, &consent)
	u.SecondFactor, u.PrivacyConsent, u.ConsentRead = sf, consent.String, true
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.Errorf(domain.Unauthorized, "auth.session_invalid", nil)
	}
	if err != nil {
		return u, fmt.Errorf("store: session: %w", err)
	}
	if now.Unix() >= expires || now.Sub(fromUnix(lastSeen)) > idle {
		if err := s.DeleteSession(ctx, tokenHash); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, domain.Errorf(domain.Unauthorized, "auth.session_invalid", nil)
	}
	if now.Sub(fromUnix(lastSeen)) >= sessionTouchEvery {
		err := s.write(ctx, func(tx *Tx) error {
			_, err := tx.Exec(`UPDATE sessions SET last_seen_at = ?, origin = ?, agent = ? WHERE token_hash = ?`, now.Unix(),
				domain.CutText(originOf(ctx), auditOriginMax), agentOf(ctx), tokenHash)
			return err
		})
		if err != nil {
			return domain.User{}, fmt.Errorf("store: touch session: %w", err)
		}
	}
	return u, nil
}

// DeleteSession ends a session; ending one that does not exist is not an error.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// SecondFactorSession replaces the session oldHash, once its person has passed the second factor,
// with a new one under newHash confirmed with it: a new token for the new privilege, as at every
// sign-in. The old session ends in the same transaction.
func (s *Store) SecondFactorSession(ctx context.Context, oldHash, newHash string, expires time.Time) error {
	now := s.now().Unix()
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, second_factor, origin, agent)
			SELECT ?, user_id, ?, ?, ?, TRUE, ?, ? FROM sessions WHERE token_hash = ?`, newHash, now, now, unix(expires),
			domain.CutText(originOf(ctx), auditOriginMax), agentOf(ctx), oldHash)
		if err != nil {
			return fmt.Errorf("store: second factor session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.Unauthorized, "auth.session_invalid", nil)
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, oldHash); err != nil {
			return fmt.Errorf("store: second factor session: %w", err)
		}
		return nil
	})
}
