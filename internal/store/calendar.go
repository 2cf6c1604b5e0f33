package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// RenewCalendarFeed gives userID a new secret calendar address, ending the old one, and returns its
// secret. The secret is kept readable beside its hash, so that its owner sees the address on every
// visit (docs/security.md, "Calendar addresses"); the feed is still found by the hash.
func (s *Store) RenewCalendarFeed(ctx context.Context, userID int64) (string, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	err = s.write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(`INSERT INTO calendar_feeds (user_id, token_hash, token, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, token = excluded.token, created_at = excluded.created_at`,
			userID, hash, token, s.now().Unix()); err != nil {
			return err
		}
		return s.audit(tx, userID, "calendar.renew", "user", userID, nil)
	})
	if err != nil {
		return "", fmt.Errorf("store: renew calendar feed: %w", err)
	}
	return token, nil
}

// CalendarFeed is a person's calendar address as its owner sees it.
type CalendarFeed struct {
	Since time.Time // when it was made; zero when they have none
	Token string    // its secret; "" for none, and for an address made before secrets were kept (migration 0024)
}

// CalendarFeed is userID's calendar address; the zero CalendarFeed when they have none.
func (s *Store) CalendarFeed(ctx context.Context, userID int64) (CalendarFeed, error) {
	var f CalendarFeed
	var at int64
	err := s.read(ctx).QueryRow(`SELECT created_at, token FROM calendar_feeds WHERE user_id = ?`, userID).Scan(&at, &f.Token)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("store: calendar feed: %w", err)
	}
	f.Since = fromUnix(at)
	return f, nil
}

// UserByCalendarFeed is the account whose calendar address has the secret token; not found for
// an unknown, renewed or disabled one.
func (s *Store) UserByCalendarFeed(ctx context.Context, token string) (domain.User, error) {
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+` FROM calendar_feeds f JOIN users u ON u.id = f.user_id
		WHERE f.token_hash = ? AND u.disabled_at = 0`, auth.HashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.Errorf(domain.NotFound, "not_found.calendar", nil)
	}
	if err != nil {
		return u, fmt.Errorf("store: calendar feed: %w", err)
	}
	return u, nil
}
