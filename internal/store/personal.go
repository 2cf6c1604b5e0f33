package store

import (
	"context"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// PersonalData is everything erikti holds about one person, for them to download.
type PersonalData struct {
	User         domain.User
	Signups      []domain.Signup
	Memberships  []Membership
	Invitations  []Invitation // sent to their address, awaiting an answer
	Sessions     []SessionInfo
	APITokens    []TokenInfo
	Consents     []Consent
	Actions      []AuditEntry         // what they did, as the audit log has it
	Mails        []Job                // the mails erikti sent them or is to send, newest first
	Certificates []domain.Certificate // newest first
}

// SessionInfo is a browser session, without its secret.
type SessionInfo struct {
	CreatedAt, LastSeenAt, ExpiresAt time.Time
}

// TokenInfo is an API token, without its secret.
type TokenInfo struct {
	CreatedAt, ExpiresAt time.Time
}

// PersonalData collects what erikti holds about userID.
func (s *Store) PersonalData(ctx context.Context, userID int64) (PersonalData, error) {
	var d PersonalData
	var err error
	if d.User, err = s.User(ctx, userID); err != nil {
		return d, err
	}
	if d.Signups, err = s.UserSignups(ctx, userID); err != nil {
		return d, err
	}
	if d.Memberships, err = s.Memberships(ctx, userID); err != nil {
		return d, err
	}
	if d.Invitations, err = s.invitationsTo(ctx, d.User.Email); err != nil {
		return d, err
	}
	r := s.read(ctx)
	rows, err := r.Query(`SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = ? ORDER BY created_at`, userID)
	if err != nil {
		return d, fmt.Errorf("store: personal data: %w", err)
	}
	for rows.Next() {
		var c, l, e int64
		if err := rows.Scan(&c, &l, &e); err != nil {
			rows.Close()
			return d, fmt.Errorf("store: personal data: %w", err)
		}
		d.Sessions = append(d.Sessions, SessionInfo{fromUnix(c), fromUnix(l), fromUnix(e)})
	}
	rows.Close()
	rows, err = r.Query(`SELECT created_at, expires_at FROM api_tokens WHERE user_id = ? ORDER BY created_at`, userID)
	if err != nil {
		return d, fmt.Errorf("store: personal data: %w", err)
	}
	for rows.Next() {
		var c, e int64
		if err := rows.Scan(&c, &e); err != nil {
			rows.Close()
			return d, fmt.Errorf("store: personal data: %w", err)
		}
		d.APITokens = append(d.APITokens, TokenInfo{fromUnix(c), fromUnix(e)})
	}
	rows.Close()
	if d.Consents, err = s.Consents(ctx, userID); err != nil {
		return d, err
	}
	if d.Actions, err = s.AuditLog(ctx, AuditFilter{ActorID: userID, Limit: 10000}); err != nil {
		return d, err
	}
	if d.Mails, err = s.UserJobs(ctx, userID, 10000); err != nil {
		return d, err
	}
	if d.Certificates, err = s.UserCertificates(ctx, userID); err != nil {
		return d, err
	}
	return d, nil
}

// DeleteAccount removes a person's personal data and keeps the city's figures true: their signups
// for shifts still to come are cancelled (the waitlist moves up), past ones stay as counts of an
// anonymous account; name, email, birth date, profile, sessions, tokens, memberships, the links
// and mails sent to them, and the address and name of the guardian who consented, go; their
// certificates lose the name and are revoked ("account deleted"), so their pages say so and
// name no one. The audit log keeps the account's number, not who it was.
func (s *Store) DeleteAccount(ctx context.Context, userID int64) error {
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		rows, err := tx.Query(`SELECT g.id FROM signups g JOIN shifts s ON s.id = g.shift_id
			WHERE g.user_id = ? AND g.status <> 'cancelled' AND s.ends_at > ? ORDER BY g.shift_id`, userID, now.Unix())
		if err != nil {
			return fmt.Errorf("store: delete account: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: delete account: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if _, _, err := s.cancelInTx(tx, userID, id, func(domain.Signup, int64) error { return nil }); err != nil {
				return err
			}
		}
		// invitations sent to the address go with it
		if _, err := tx.Exec(`DELETE FROM invitations WHERE email = (SELECT email FROM users WHERE id = ?)`, userID); err != nil {
			return fmt.Errorf("store: delete account invitations: %w", err)
		}
		res, err := tx.Exec(`UPDATE users SET email = ?, name = '', birth_date = '', password_hash = '!', front_office = FALSE,
			district = '', university = '', languages = '', skills = '', accessibility_needs = '', disabled_at = ?,
			totp_secret = '', totp_confirmed_at = 0 WHERE id = ?`,
			fmt.Sprintf("deleted-%d@erikti.invalid", userID), now.Unix(), userID)
		if err != nil {
			return fmt.Errorf("store: delete account: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		revoked, err := forgetCertificates(tx, userID, now)
		if err != nil {
			return err
		}
		for _, table := range []string{"sessions", "api_tokens", "idempotency_keys", "memberships", "recovery_codes", "email_tokens",
			"jobs", "calendar_feeds", "mail_prefs", "guardian_consents"} {
			if _, err := tx.Exec(`DELETE FROM `+table+` WHERE user_id = ?`, userID); err != nil {
				return fmt.Errorf("store: delete account %s: %w", table, err)
			}
		}
		return s.audit(tx, userID, "user.delete", "user", userID, map[string]any{"cancelled_signups": len(ids), "revoked_certificates": revoked})
	})
}
