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
	Actions      []AuditEntry // what they did, as the audit log has it
	Mails        []Job        // the mails erikti sent them or is to send, newest first
	Checkins     []PersonalCheckin
	Ledger       []PersonalLedgerEntry // every entry of their hours ledger, oldest first
	Certificates []domain.Certificate  // newest first
}

// PersonalCheckin is one of a person's check-ins (a code issued, and when they were checked in
// and out), with the shift it was for.
type PersonalCheckin struct {
	domain.Checkin
	ShiftStart time.Time
	EventTitle domain.Text
}

// PersonalLedgerEntry is one entry of a person's hours ledger, with the shift it is about.
type PersonalLedgerEntry struct {
	domain.LedgerEntry
	ShiftStart time.Time
	EventTitle domain.Text
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
	if d.Checkins, err = personalCheckins(r, userID); err != nil {
		return d, err
	}
	if d.Ledger, err = personalLedger(r, userID); err != nil {
		return d, err
	}
	if d.Certificates, err = s.UserCertificates(ctx, userID); err != nil {
		return d, err
	}
	return d, nil
}

// personalCheckins lists every check-in of userID's signups, cancelled ones too, by shift.
func personalCheckins(q queryer, userID int64) ([]PersonalCheckin, error) {
	rows, err := q.Query(`SELECT c.signup_id, c.shift_id, c.code, c.checked_in_at, c.checked_out_at, sh.starts_at, e.title_kk, e.title_ru, e.title_en
		FROM checkins c JOIN signups g ON g.id = c.signup_id JOIN shifts sh ON sh.id = c.shift_id JOIN events e ON e.id = sh.event_id
		WHERE g.user_id = ? ORDER BY sh.starts_at, c.signup_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: personal check-ins: %w", err)
	}
	defer rows.Close()
	out := []PersonalCheckin{}
	for rows.Next() {
		c := PersonalCheckin{Checkin: domain.Checkin{UserID: userID}}
		var in, outAt, start int64
		if err := rows.Scan(&c.SignupID, &c.ShiftID, &c.Code, &in, &outAt, &start, &c.EventTitle.KK, &c.EventTitle.RU, &c.EventTitle.EN); err != nil {
			return nil, fmt.Errorf("store: personal check-ins: %w", err)
		}
		c.CheckedInAt, c.CheckedOutAt, c.ShiftStart = fromUnix(in), fromUnix(outAt), fromUnix(start)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: personal check-ins: %w", err)
	}
	return out, nil
}

// personalLedger lists every entry of userID's hours ledger: claims, corrections and decisions.
func personalLedger(q queryer, userID int64) ([]PersonalLedgerEntry, error) {
	rows, err := q.Query(`SELECT l.id, l.user_id, l.signup_id, l.shift_id, l.org_id, l.kind, l.minutes, l.refers_to, l.reason, l.actor_id, l.created_at,
			sh.starts_at, e.title_kk, e.title_ru, e.title_en
		FROM hours_ledger l JOIN shifts sh ON sh.id = l.shift_id JOIN events e ON e.id = sh.event_id
		WHERE l.user_id = ? ORDER BY l.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: personal ledger: %w", err)
	}
	defer rows.Close()
	out := []PersonalLedgerEntry{}
	for rows.Next() {
		var e PersonalLedgerEntry
		var start int64
		if e.LedgerEntry, err = scanLedger(rows, &start, &e.EventTitle.KK, &e.EventTitle.RU, &e.EventTitle.EN); err != nil {
			return nil, fmt.Errorf("store: personal ledger: %w", err)
		}
		e.ShiftStart = fromUnix(start)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: personal ledger: %w", err)
	}
	return out, nil
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
