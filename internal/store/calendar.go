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
// secret; it is not kept, so this is the one time it can be shown.
func (s *Store) RenewCalendarFeed(ctx context.Context, userID int64) (string, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	err = s.write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(`INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
			userID, hash, s.now().Unix()); err != nil {
			return err
		}
		return s.audit(tx, userID, "calendar.renew", "user", userID, nil)
	})
	if err != nil {
		return "", fmt.Errorf("store: renew calendar feed: %w", err)
	}
	return token, nil
}

// CalendarFeedSince is when userID's calendar address was made, or the zero time when they have none.
func (s *Store) CalendarFeedSince(ctx context.Context, userID int64) (time.Time, error) {
	var at int64
	err := s.read(ctx).QueryRow(`SELECT created_at FROM calendar_feeds WHERE user_id = ?`, userID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: calendar feed: %w", err)
	}
	return fromUnix(at), nil
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
