package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ConsentPrivacy is the kind of consent to the processing of personal data.
const ConsentPrivacy = "privacy"

// Consent is one consent a person gave: to what, which version of the text, when, how, from where,
// and when they withdrew it (zero while it stands).
type Consent struct {
	Kind        string
	Version     string
	GivenAt     time.Time
	WithdrawnAt time.Time
	Method      string // form, api, email-link
	Origin      string
	// a guardian's consent (kind guardian): who gave it
	GuardianEmail, GuardianName string
}

func giveConsent(tx *Tx, userID int64, kind, version, method string, at time.Time) error {
	if _, err := tx.Exec(`INSERT INTO consents (user_id, kind, version, given_at, method, origin) VALUES (?, ?, ?, ?, ?, ?)`,
		userID, kind, version, unix(at), method, originOf(tx.ctx)); err != nil {
		return fmt.Errorf("store: consent: %w", err)
	}
	return nil
}

// GiveConsent records userID's consent of kind to version of its text.
func (s *Store) GiveConsent(ctx context.Context, userID int64, kind, version, method string) error {
	return s.write(ctx, func(tx *Tx) error { return giveConsent(tx, userID, kind, version, method, s.now()) })
}

// WithdrawConsent ends userID's standing consent of kind; withdrawing none changes nothing.
func (s *Store) WithdrawConsent(ctx context.Context, userID int64, kind string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE consents SET withdrawn_at = ? WHERE user_id = ? AND kind = ? AND withdrawn_at = 0`, s.now().Unix(), userID, kind)
		if err != nil {
			return fmt.Errorf("store: withdraw consent: %w", err)
		}
		return nil
	})
}

// privacyConsentColumn reads, beside a user u, the version of their standing privacy consent
// (NULL when none): what ConsentVersion(u.id, ConsentPrivacy) answers, in the query that reads the
// user by session or token, so that a request does not pay a second query for it.
const privacyConsentColumn = `(SELECT c.version FROM consents c WHERE c.user_id = u.id AND c.kind = '` + ConsentPrivacy + `'
		AND c.withdrawn_at = 0 ORDER BY c.id DESC LIMIT 1)`

// ConsentVersion is the version of userID's standing consent of kind, or "" when there is none.
func (s *Store) ConsentVersion(ctx context.Context, userID int64, kind string) (string, error) {
	var v string
	err := s.read(ctx).QueryRow(`SELECT version FROM consents WHERE user_id = ? AND kind = ? AND withdrawn_at = 0
		ORDER BY id DESC LIMIT 1`, userID, kind).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: consent: %w", err)
	}
	return v, nil
}

// Consents lists every consent userID gave, oldest first.
func (s *Store) Consents(ctx context.Context, userID int64) ([]Consent, error) {
	rows, err := s.read(ctx).Query(`SELECT c.kind, c.version, c.given_at, c.withdrawn_at, c.method, c.origin,
		COALESCE(g.guardian_email, ''), COALESCE(g.guardian_name, '')
		FROM consents c LEFT JOIN guardian_consents g ON g.consent_id = c.id
		WHERE c.user_id = ? ORDER BY c.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: consents: %w", err)
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		var given, withdrawn int64
		if err := rows.Scan(&c.Kind, &c.Version, &given, &withdrawn, &c.Method, &c.Origin, &c.GuardianEmail, &c.GuardianName); err != nil {
			return nil, fmt.Errorf("store: consents: %w", err)
		}
		c.GivenAt, c.WithdrawnAt = fromUnix(given), fromUnix(withdrawn)
		out = append(out, c)
	}
	return out, rows.Err()
}
