package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// A guardian's consent is a row of consents of kind ConsentGuardian — the version of the text,
// when, how (MethodEmailLink), from where — with the guardian's address and the name they typed
// beside it in guardian_consents. The request for it is a link (TokenGuardianConsent) whose
// email_tokens row holds the guardian's address and the name the volunteer gave.

// ConsentGuardian is the kind of consent a parent or guardian gives to a young volunteer's
// volunteering.
const ConsentGuardian = "guardian"

// TokenGuardianConsent is the purpose of the link sent to a guardian.
const TokenGuardianConsent = "guardian_consent"

// MethodEmailLink is how a guardian gives consent: through the link mailed to them.
const MethodEmailLink = "email-link"

// How often a volunteer may ask: one link a minute, five a day, so that erikti cannot be made to
// write to someone's inbox over and over.
const (
	guardianLinksPerDay = 5
)

// GuardianState is where a volunteer stands with their guardian's consent.
type GuardianState struct {
	Status string // domain.GuardianNotNeeded, …Needed, …Requested, …Given
	// the standing consent, when given
	Consent *Consent
	// the newest link still good, when one is
	RequestedTo         string
	RequestedAt, Expiry time.Time
}

// GuardianLink is what a guardian's link stands for, read without spending it.
type GuardianLink struct {
	MinorID     int64
	MinorName   string
	MinorBirth  time.Time
	MinorLocale string
	Email       string // the guardian's
	Name        string // as the volunteer wrote it
	Expiry      time.Time
}

// hasGuardianConsent reports whether userID has a standing guardian's consent.
func hasGuardianConsent(tx *Tx, userID int64) (bool, error) {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM consents WHERE user_id = ? AND kind = ? AND withdrawn_at = 0`,
		userID, ConsentGuardian).Scan(&n); err != nil {
		return false, fmt.Errorf("store: guardian consent: %w", err)
	}
	return n > 0, nil
}

// GuardianState tells where userID stands: whether, under guardianAge (0: the default) today,
// they need a guardian's consent, have asked for it, or have it.
func (s *Store) GuardianState(ctx context.Context, userID int64, guardianAge int) (GuardianState, error) {
	var st GuardianState
	u, err := s.User(ctx, userID)
	if err != nil {
		return st, err
	}
	cs, err := s.Consents(ctx, userID)
	if err != nil {
		return st, err
	}
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Kind == ConsentGuardian && cs[i].WithdrawnAt.IsZero() {
			st.Consent = &cs[i]
			break
		}
	}
	now := s.now()
	var created, expires int64
	err = s.read(ctx).QueryRow(`SELECT email, created_at, expires_at FROM email_tokens
		WHERE user_id = ? AND purpose = ? AND used_at = 0 AND expires_at > ? ORDER BY created_at DESC LIMIT 1`,
		userID, TokenGuardianConsent, now.Unix()).Scan(&st.RequestedTo, &created, &expires)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("store: guardian state: %w", err)
	}
	st.RequestedAt, st.Expiry = fromUnix(created), fromUnix(expires)
	switch {
	case !domain.NeedsGuardian(u.BirthDate, now, guardianAge):
		st.Status = domain.GuardianNotNeeded
	case st.Consent != nil:
		st.Status = domain.GuardianGiven
	case st.RequestedTo != "":
		st.Status = domain.GuardianRequested
	default:
		st.Status = domain.GuardianNeeded
	}
	return st, nil
}

// RequestGuardianConsent sends the guardian named in g a link, good for
// domain.GuardianConsentTTL, to agree to userID's volunteering, in userID's language; older links
// still good are spent. It refuses an account that needs no consent under guardianAge or has it
// already; within a minute of the last link, or past five links a day, it sends nothing and
// reports false.
func (s *Store) RequestGuardianConsent(ctx context.Context, userID int64, guardianAge int, g domain.GuardianRequest) (bool, error) {
	sent := false
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`+tx.forUpdate(""), userID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if err != nil {
			return err
		}
		if err := g.Validate(u.Email); err != nil {
			return err
		}
		now := s.now()
		if guardianAge <= 0 {
			guardianAge = domain.DefaultGuardianAge
		}
		if !domain.NeedsGuardian(u.BirthDate, now, guardianAge) {
			return domain.Errorf(domain.Conflict, "guardian.not_needed", map[string]any{"age": guardianAge})
		}
		if ok, err := hasGuardianConsent(tx, userID); err != nil {
			return err
		} else if ok {
			return domain.Errorf(domain.Conflict, "guardian.already_given", nil)
		}
		var minute, day int
		if err := tx.QueryRow(`SELECT COUNT(CASE WHEN created_at > ? THEN 1 END), COUNT(*) FROM email_tokens
			WHERE user_id = ? AND purpose = ? AND created_at > ?`,
			now.Add(-time.Minute).Unix(), userID, TokenGuardianConsent, now.Add(-24*time.Hour).Unix()).Scan(&minute, &day); err != nil {
			return err
		}
		if minute > 0 || day >= guardianLinksPerDay {
			return nil
		}
		// only the newest link answers: the volunteer may have named another address
		if _, err := tx.Exec(`UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0`,
			now.Unix(), userID, TokenGuardianConsent); err != nil {
			return err
		}
		token, err := s.newEmailToken(tx, TokenGuardianConsent, userID, g.Email, g.Name, domain.GuardianConsentTTL)
		if err != nil {
			return err
		}
		if err := s.enqueueMail(tx, userID, domain.Mail{Kind: domain.MailGuardianConsent, To: g.Email, Name: g.Name, Locale: u.Locale,
			Params: map[string]string{"minor": u.Name, "age": strconv.Itoa(guardianAge), "days": strconv.Itoa(int(domain.GuardianConsentTTL.Hours() / 24))},
			Link:   "/guardian/consent?token=" + url.QueryEscape(token)}); err != nil {
			return err
		}
		sent = true
		return s.audit(tx, userID, "guardian.consent_requested", "user", userID, nil)
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return false, fmt.Errorf("store: request guardian consent: %w", err)
	}
	return sent, err
}

// GuardianLinkOf reads what a guardian's link stands for without spending it; a link that is
// unknown, used or expired is refused naming the field token.
func (s *Store) GuardianLinkOf(ctx context.Context, token string) (GuardianLink, error) {
	var l GuardianLink
	var birth string
	var expires int64
	err := s.read(ctx).QueryRow(`SELECT u.id, u.name, u.birth_date, u.locale, t.email, t.data, t.expires_at
		FROM email_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at = 0 AND t.expires_at > ? AND u.disabled_at = 0`,
		auth.HashToken(token), TokenGuardianConsent, s.now().Unix()).Scan(&l.MinorID, &l.MinorName, &birth, &l.MinorLocale, &l.Email, &l.Name, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return l, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	if err != nil {
		return l, fmt.Errorf("store: guardian link: %w", err)
	}
	l.MinorBirth, _ = domain.ParseDate(birth)
	l.Expiry = fromUnix(expires)
	return l, nil
}

// AnswerGuardianConsent spends a guardian's link with their answer. To confirm records the
// consent — the volunteer, the guardian's address and typed name, domain.GuardianConsentVersion,
// when, MethodEmailLink, the request's address — and mails the volunteer; to decline records no
// consent (the audit log keeps the answer) and tells the volunteer, who may ask someone else. actorID is the signed-in person answering, if any:
// the volunteer themselves may not. It returns the volunteer's account.
func (s *Store) AnswerGuardianConsent(ctx context.Context, actorID int64, token string, a domain.GuardianAnswer) (int64, error) {
	var minorID int64
	err := s.write(ctx, func(tx *Tx) error {
		if err := a.Validate(); err != nil {
			return err
		}
		t, err := s.useEmailToken(tx, TokenGuardianConsent, token)
		if err != nil {
			return err
		}
		if actorID != 0 && actorID == t.UserID {
			return domain.Errorf(domain.Forbidden, "guardian_consent.not_yourself", nil)
		}
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`+tx.forUpdate(""), t.UserID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Disabled) {
			return domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
		}
		if err != nil {
			return err
		}
		minorID = u.ID
		if a.Decision == domain.GuardianDecline {
			if err := s.enqueueMail(tx, u.ID, domain.Mail{Kind: domain.MailGuardianDeclined, To: u.Email, Name: u.Name, Locale: u.Locale,
				Link: "/me/guardian"}); err != nil {
				return err
			}
			return s.audit(tx, 0, "guardian.consent_declined", "user", u.ID, nil)
		}
		return s.giveGuardianConsent(tx, u, t.Email, a.Name, MethodEmailLink, true)
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return 0, fmt.Errorf("store: answer guardian consent: %w", err)
	}
	return minorID, err
}

// giveGuardianConsent records a guardian's consent to u's volunteering and, with notify, tells u.
func (s *Store) giveGuardianConsent(tx *Tx, u domain.User, email, name, method string, notify bool) error {
	var consentID int64
	if err := tx.QueryRow(`INSERT INTO consents (user_id, kind, version, given_at, method, origin) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		u.ID, ConsentGuardian, domain.GuardianConsentVersion, s.now().Unix(), method, originOf(tx.ctx)).Scan(&consentID); err != nil {
		return fmt.Errorf("store: guardian consent: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO guardian_consents (consent_id, user_id, guardian_email, guardian_name) VALUES (?, ?, ?, ?)`,
		consentID, u.ID, email, name); err != nil {
		return fmt.Errorf("store: guardian consent: %w", err)
	}
	if notify {
		if err := s.enqueueMail(tx, u.ID, domain.Mail{Kind: domain.MailGuardianConfirmed, To: u.Email, Name: u.Name, Locale: u.Locale,
			Params: map[string]string{"guardian": name}, Link: "/me/guardian"}); err != nil {
			return err
		}
	}
	return s.audit(tx, 0, "guardian.consent_given", "user", u.ID, map[string]any{"method": method, "version": domain.GuardianConsentVersion})
}

// GiveGuardianConsent records a guardian's consent to userID's volunteering given by method
// other than the link (the demo's, or a paper form the Front Office enters); with notify the
// volunteer is told by mail.
func (s *Store) GiveGuardianConsent(ctx context.Context, userID int64, email, name, method string, notify bool) error {
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`+tx.forUpdate(""), userID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if err != nil {
			return err
		}
		return s.giveGuardianConsent(tx, u, email, name, method, notify)
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return fmt.Errorf("store: give guardian consent: %w", err)
	}
	return err
}
