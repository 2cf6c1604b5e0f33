package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// The purposes of the links erikti sends by email.
const (
	TokenVerifyEmail   = "verify_email"
	TokenResetPassword = "reset_password"
)

// EmailToken is what a used link stood for.
type EmailToken struct {
	Purpose string
	UserID  int64
	Email   string
	Data    string
}

// newEmailToken stores the hash of a new single-use secret for purpose, good for ttl, and returns
// the secret to put in a link.
func (s *Store) newEmailToken(tx *Tx, purpose string, userID int64, email, data string, ttl time.Duration) (string, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	now := s.now()
	if _, err := tx.Exec(`INSERT INTO email_tokens (token_hash, purpose, user_id, email, data, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		hash, purpose, userID, email, data, now.Unix(), unix(now.Add(ttl))); err != nil {
		return "", fmt.Errorf("store: email token: %w", err)
	}
	return token, nil
}

// useEmailToken spends the link's secret token for purpose, inside the transaction of what it
// allows: a secret that is unknown, for another purpose, used already or expired is refused with
// the same error, naming the field token.
func (s *Store) useEmailToken(tx *Tx, purpose, token string) (EmailToken, error) {
	t := EmailToken{Purpose: purpose}
	now := s.now().Unix()
	err := tx.QueryRow(`UPDATE email_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at = 0 AND expires_at > ?
		RETURNING user_id, email, data`, now, auth.HashToken(token), purpose, now).Scan(&t.UserID, &t.Email, &t.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return t, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	if err != nil {
		return t, fmt.Errorf("store: use email token: %w", err)
	}
	return t, nil
}

// sendVerification writes a new link that verifies u's address and the mail that carries it; the
// link's token keeps wayBack, where the person was going when they registered.
func (s *Store) sendVerification(tx *Tx, u domain.User, wayBack string) error {
	token, err := s.newEmailToken(tx, TokenVerifyEmail, u.ID, u.Email, wayBack, domain.VerifyEmailTTL)
	if err != nil {
		return err
	}
	return s.enqueueMail(tx, u.ID, domain.Mail{Kind: domain.MailVerifyEmail, To: u.Email, Name: u.Name, Locale: u.Locale,
		Params: map[string]string{"hours": "48"}, Link: "/verify-email?token=" + url.QueryEscape(token)})
}

// ResendVerification sends userID a new link to verify their address, unless it is verified or a
// link went less than a minute ago (then it reports false and sends nothing).
func (s *Store) ResendVerification(ctx context.Context, userID int64) (bool, error) {
	sent := false
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`+tx.forUpdate(""), userID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if err != nil {
			return err
		}
		if u.EmailVerified || u.Email == "" {
			return nil
		}
		var recent int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM email_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?`,
			userID, TokenVerifyEmail, s.now().Add(-time.Minute).Unix()).Scan(&recent); err != nil {
			return err
		}
		if recent > 0 {
			return nil
		}
		sent = true
		// the new link keeps the way back of the last one, so that a resent mail leads the same way
		var wayBack string
		err = tx.QueryRow(`SELECT data FROM email_tokens WHERE user_id = ? AND purpose = ? ORDER BY created_at DESC, expires_at DESC LIMIT 1`,
			userID, TokenVerifyEmail).Scan(&wayBack)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return s.sendVerification(tx, u, wayBack)
	})
	if err != nil {
		return false, fmt.Errorf("store: resend verification: %w", err)
	}
	return sent, nil
}

// VerifyEmail spends a verification link and marks the address it was sent to as verified. It
// returns the account.
func (s *Store) VerifyEmail(ctx context.Context, token string) (int64, error) {
	userID, _, err := s.VerifyEmailWayBack(ctx, token)
	return userID, err
}

// VerifyEmailWayBack is VerifyEmail that also returns the way back the link kept (see
// CreateUserWayBack), "" for none.
func (s *Store) VerifyEmailWayBack(ctx context.Context, token string) (userID int64, wayBack string, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		t, err := s.useEmailToken(tx, TokenVerifyEmail, token)
		if err != nil {
			return err
		}
		wayBack = t.Data
		// the address must still be the account's: a link to an old address verifies nothing
		res, err := tx.Exec(`UPDATE users SET email_verified_at = ? WHERE id = ? AND email = ? AND email_verified_at = 0`,
			s.now().Unix(), t.UserID, t.Email)
		if err != nil {
			return err
		}
		userID = t.UserID
		if n, _ := res.RowsAffected(); n == 0 {
			var same int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM users WHERE id = ? AND email = ?`, t.UserID, t.Email).Scan(&same); err != nil {
				return err
			}
			if same == 0 {
				return domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
			}
			return nil // verified already
		}
		return s.audit(tx, t.UserID, "user.email_verified", "user", t.UserID, nil)
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return 0, "", fmt.Errorf("store: verify email: %w", err)
	}
	if err != nil {
		return userID, "", err
	}
	return userID, wayBack, nil
}

// RequestPasswordReset sends a link to reset the password of the account of email, if there is
// one that is not disabled, and at most three in an hour; it says nothing of which, so that the
// answer tells no one whether an address has an account.
func (s *Store) RequestPasswordReset(ctx context.Context, email string) error {
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.email = ? AND u.disabled_at = 0`+tx.forUpdate(""), email))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		var recent int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM email_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?`,
			u.ID, TokenResetPassword, s.now().Add(-time.Hour).Unix()).Scan(&recent); err != nil {
			return err
		}
		if recent >= 3 {
			return nil
		}
		token, err := s.newEmailToken(tx, TokenResetPassword, u.ID, u.Email, "", domain.ResetPasswordTTL)
		if err != nil {
			return err
		}
		if err := s.enqueueMail(tx, u.ID, domain.Mail{Kind: domain.MailResetPassword, To: u.Email, Name: u.Name, Locale: u.Locale,
			Params: map[string]string{"minutes": "60"}, Link: "/password-reset/confirm?token=" + url.QueryEscape(token)}); err != nil {
			return err
		}
		return s.audit(tx, 0, "user.password_reset_requested", "user", u.ID, nil)
	})
	if err != nil {
		return fmt.Errorf("store: request password reset: %w", err)
	}
	return nil
}

// PasswordResetUser returns the account a reset link (not yet used, not expired) is for, without
// spending it, so that the new password can be checked against the account's email and name.
func (s *Store) PasswordResetUser(ctx context.Context, token string) (domain.User, error) {
	now := s.now().Unix()
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+` FROM users u JOIN email_tokens t ON t.user_id = u.id
		WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at = 0 AND t.expires_at > ? AND t.email = u.email`,
		auth.HashToken(token), TokenResetPassword, now))
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	if err != nil {
		return u, fmt.Errorf("store: password reset user: %w", err)
	}
	return u, nil
}

// ResetPassword spends a reset link and stores the new password hash; every session and API token
// of the account ends, and its address counts as verified (the link proved it). It returns the
// account.
func (s *Store) ResetPassword(ctx context.Context, token, passwordHash string) (int64, error) {
	var userID int64
	err := s.write(ctx, func(tx *Tx) error {
		t, err := s.useEmailToken(tx, TokenResetPassword, token)
		if err != nil {
			return err
		}
		now := s.now().Unix()
		res, err := tx.Exec(`UPDATE users SET password_hash = ?,
			email_verified_at = CASE WHEN email_verified_at = 0 THEN ? ELSE email_verified_at END
			WHERE id = ? AND email = ? AND disabled_at = 0`, passwordHash, now, t.UserID, t.Email)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = ?`, t.UserID); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM api_tokens WHERE user_id = ?`, t.UserID); err != nil {
			return err
		}
		// the other reset links of the account are spent with this one
		if _, err := tx.Exec(`UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0`,
			now, t.UserID, TokenResetPassword); err != nil {
			return err
		}
		userID = t.UserID
		return s.audit(tx, t.UserID, "user.password_reset", "user", t.UserID, nil)
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return 0, fmt.Errorf("store: reset password: %w", err)
	}
	return userID, err
}

// RegistrationOfTaken answers a registration with an address that already has an account: the
// account's owner gets a mail (in their language) saying so, and the attempt is in the audit log.
// It returns an id like the one a new account would have been given, for an answer that looks
// like a new account's. The caller limits how often it runs per address.
func (s *Store) RegistrationOfTaken(ctx context.Context, email string) (int64, error) {
	var decoy int64
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.email = ?`, email))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && !u.Disabled {
			if err := s.enqueueMail(tx, u.ID, domain.Mail{Kind: domain.MailAccountExists, To: u.Email, Name: u.Name, Locale: u.Locale,
				Link: "/login"}); err != nil {
				return err
			}
			if err := s.audit(tx, 0, "user.registration_of_taken", "user", u.ID, nil); err != nil {
				return err
			}
		}
		return tx.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM users`).Scan(&decoy)
	})
	if err != nil {
		return 0, fmt.Errorf("store: registration of a taken address: %w", err)
	}
	return decoy, nil
}
