package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// TOTP two-factor authentication: an account's secret (pending until confirmed with a code), the
// last time step a code was accepted for (a code is accepted once), and single-use recovery codes
// kept only as hashes.

// TOTP is an account's two-factor state.
type TOTP struct {
	Secret       string    // base32; "" when the account has none, pending or confirmed
	ConfirmedAt  time.Time // zero while the secret is pending
	LastStep     int64     // the last time step a code was accepted for
	RecoveryLeft int       // recovery codes not yet used
}

// Confirmed reports whether the account has confirmed its secret.
func (t TOTP) Confirmed() bool { return !t.ConfirmedAt.IsZero() }

// TOTP returns userID's two-factor state.
func (s *Store) TOTP(ctx context.Context, userID int64) (TOTP, error) {
	var t TOTP
	var confirmed int64
	err := s.read(ctx).QueryRow(`SELECT u.totp_secret, u.totp_confirmed_at, u.totp_last_step,
		(SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at = 0) FROM users u WHERE u.id = ?`, userID).
		Scan(&t.Secret, &confirmed, &t.LastStep, &t.RecoveryLeft)
	if errors.Is(err, sql.ErrNoRows) {
		return t, domain.Errorf(domain.NotFound, "not_found.user", nil)
	}
	if err != nil {
		return t, fmt.Errorf("store: totp: %w", err)
	}
	t.ConfirmedAt = fromUnix(confirmed)
	return t, nil
}

// BeginTOTP stores secret as userID's pending secret, in place of any pending one. An account
// that has confirmed one already must remove it first: Conflict.
func (s *Store) BeginTOTP(ctx context.Context, userID int64, secret string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ? AND totp_confirmed_at = 0`, secret, userID)
		if err != nil {
			return fmt.Errorf("store: begin totp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return s.totpMissing(tx, userID)
		}
		return nil
	})
}

// totpMissing explains why a statement about userID's pending secret changed nothing.
func (s *Store) totpMissing(tx *Tx, userID int64) error {
	var confirmed int64
	err := tx.QueryRow(`SELECT totp_confirmed_at FROM users WHERE id = ?`, userID).Scan(&confirmed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return domain.Errorf(domain.NotFound, "not_found.user", nil)
	case err != nil:
		return fmt.Errorf("store: totp: %w", err)
	case confirmed > 0:
		return domain.Errorf(domain.Conflict, "totp.already_on", nil)
	}
	return domain.FieldErr(domain.Conflict, "code", "totp.secret_changed", nil)
}

// ConfirmTOTP turns userID's pending secret, which must still be secret, into its confirmed one,
// after a code of time step step was right; the recovery codes (their hashes) replace any before.
// The account's sessions other than keepSession (the hash of the one that confirmed) and its API
// tokens without a second factor end: from now on every sign-in needs a code.
func (s *Store) ConfirmTOTP(ctx context.Context, userID int64, secret string, step int64, recoveryHashes []string, keepSession string) error {
	return s.write(ctx, func(tx *Tx) error {
		now := s.now().Unix()
		res, err := tx.Exec(`UPDATE users SET totp_confirmed_at = ?, totp_last_step = ? WHERE id = ? AND totp_secret = ? AND totp_secret <> ''
			AND totp_confirmed_at = 0`, now, step, userID, secret)
		if err != nil {
			return fmt.Errorf("store: confirm totp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return s.totpMissing(tx, userID)
		}
		if err := s.replaceRecoveryCodes(tx, userID, recoveryHashes); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keepSession); err != nil {
			return fmt.Errorf("store: confirm totp: end sessions: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM api_tokens WHERE user_id = ? AND second_factor = FALSE`, userID); err != nil {
			return fmt.Errorf("store: confirm totp: end tokens: %w", err)
		}
		return s.audit(tx, userID, "user.totp_enrolled", "user", userID, map[string]any{"recovery_codes": len(recoveryHashes)})
	})
}

func (s *Store) replaceRecoveryCodes(tx *Tx, userID int64, hashes []string) error {
	if _, err := tx.Exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: recovery codes: %w", err)
	}
	now := s.now().Unix()
	for _, h := range hashes {
		if _, err := tx.Exec(`INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)`, userID, h, now); err != nil {
			return fmt.Errorf("store: recovery codes: %w", err)
		}
	}
	return nil
}

// NewRecoveryCodes replaces userID's recovery codes, used or not, with new ones (their hashes);
// the account must have confirmed TOTP.
func (s *Store) NewRecoveryCodes(ctx context.Context, userID int64, hashes []string) error {
	return s.write(ctx, func(tx *Tx) error {
		var confirmed int64
		if err := tx.QueryRow(`SELECT totp_confirmed_at FROM users WHERE id = ?`+tx.forUpdate(""), userID).Scan(&confirmed); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return domain.Errorf(domain.NotFound, "not_found.user", nil)
			}
			return fmt.Errorf("store: recovery codes: %w", err)
		}
		if confirmed == 0 {
			return domain.Errorf(domain.Conflict, "totp.not_on", nil)
		}
		if err := s.replaceRecoveryCodes(tx, userID, hashes); err != nil {
			return err
		}
		return s.audit(tx, userID, "user.recovery_codes", "user", userID, map[string]any{"recovery_codes": len(hashes)})
	})
}

// UseTOTPStep records that a code of time step step was accepted for userID. It reports false,
// and changes nothing, when the account has no confirmed secret or has already used that step or
// a later one: a code is accepted once, even when two requests bring it at the same moment.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	var ok bool
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_confirmed_at > 0 AND totp_last_step < ?`, step, userID, step)
		if err != nil {
			return fmt.Errorf("store: use totp step: %w", err)
		}
		n, _ := res.RowsAffected()
		ok = n == 1
		return nil
	})
	return ok, err
}

// UseRecoveryCode spends the recovery code of userID that hashes to hash, and reports whether
// there was one not yet used, and how many are left. Its use is in the audit log.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash string) (ok bool, left int, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at = 0
			AND EXISTS (SELECT 1 FROM users WHERE id = ? AND totp_confirmed_at > 0)`, s.now().Unix(), userID, hash, userID)
		if err != nil {
			return fmt.Errorf("store: use recovery code: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		ok = true
		if err := tx.QueryRow(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at = 0`, userID).Scan(&left); err != nil {
			return fmt.Errorf("store: use recovery code: %w", err)
		}
		return s.audit(tx, userID, "auth.recovery_code_used", "user", userID, map[string]any{"left": left})
	})
	return ok, left, err
}

// RemoveTOTP removes userID's secret, pending or confirmed, and its recovery codes; actorID did it.
// With endSessions (a reset for someone who lost their phone and codes) every session and API
// token of the account ends too, in the same transaction.
func (s *Store) RemoveTOTP(ctx context.Context, actorID, userID int64, endSessions bool) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET totp_secret = '', totp_confirmed_at = 0, totp_last_step = 0 WHERE id = ?`, userID)
		if err != nil {
			return fmt.Errorf("store: remove totp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if _, err := tx.Exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: remove totp: %w", err)
		}
		if endSessions {
			for _, table := range []string{"sessions", "api_tokens"} {
				if _, err := tx.Exec(`DELETE FROM `+table+` WHERE user_id = ?`, userID); err != nil {
					return fmt.Errorf("store: remove totp: end %s: %w", table, err)
				}
			}
		}
		return s.audit(tx, actorID, "user.totp_removed", "user", userID, map[string]any{"reset": endSessions})
	})
}

// HoldsRole reports whether userID acts in a role: the Front Office, or a member (any role) of an
// organization. Such a person needs a second factor for every sign-in.
func (s *Store) HoldsRole(ctx context.Context, userID int64) (bool, error) {
	var fo bool
	var n int
	err := s.read(ctx).QueryRow(`SELECT u.front_office, (SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id)
		FROM users u WHERE u.id = ?`, userID).Scan(&fo, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, domain.Errorf(domain.NotFound, "not_found.user", nil)
	}
	if err != nil {
		return false, fmt.Errorf("store: holds role: %w", err)
	}
	return fo || n > 0, nil
}
