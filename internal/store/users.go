package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"erikti/internal/domain"
)

const userColumns = `u.id, u.email, u.name, u.birth_date, u.locale, u.front_office, u.created_at,
	u.district, u.university, u.languages, u.skills, u.accessibility_needs, u.disabled_at, u.email_verified_at, u.totp_confirmed_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (domain.User, error) {
	var u domain.User
	var birth, langs string
	var created, disabled, verified, totp int64
	dest := append([]any{&u.ID, &u.Email, &u.Name, &birth, &u.Locale, &u.FrontOffice, &created,
		&u.District, &u.University, &langs, &u.Skills, &u.AccessibilityNeeds, &disabled, &verified, &totp}, extra...)
	if err := row.Scan(dest...); err != nil {
		return u, err
	}
	u.BirthDate, _ = domain.ParseDate(birth)
	u.CreatedAt = fromUnix(created)
	u.Disabled = disabled > 0
	u.EmailVerified = verified > 0
	u.TOTP = totp > 0
	if langs != "" {
		u.Languages = strings.Split(langs, ",")
	}
	return u, nil
}

// CreateUser stores a new account; its email must be new. It sets u.ID and u.CreatedAt. The
// consents given with the registration (only Kind, Version and Method are read) are recorded in
// the same transaction, and so is the mail with the link that verifies the address, unless
// u.EmailVerified says it needs none (an account an operator makes). An account made for the Front
// Office has the grant of that role in the audit log, like any other grant.
func (s *Store) CreateUser(ctx context.Context, u *domain.User, passwordHash string, consents ...Consent) error {
	return s.CreateUserWayBack(ctx, u, passwordHash, "", consents...)
}

// CreateUserWayBack is CreateUser for someone who was on their way somewhere on erikti when they
// registered: the link that verifies their address keeps wayBack (a local path the caller has
// checked), and VerifyEmailWayBack gives it back once the link is used.
func (s *Store) CreateUserWayBack(ctx context.Context, u *domain.User, passwordHash, wayBack string, consents ...Consent) error {
	u.CreatedAt = s.now().UTC().Truncate(time.Second)
	err := s.write(ctx, func(tx *Tx) error {
		verified := int64(0)
		if u.EmailVerified {
			verified = unix(u.CreatedAt)
		}
		err := tx.QueryRow(`INSERT INTO users (email, name, password_hash, birth_date, locale, front_office, created_at, email_verified_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Email, u.Name, passwordHash, u.BirthDate.Format(time.DateOnly), u.Locale, u.FrontOffice, unix(u.CreatedAt), verified).Scan(&u.ID)
		if err != nil {
			return err
		}
		if err := ensureMailPrefs(tx, u.ID); err != nil {
			return err
		}
		if !u.EmailVerified {
			if err := s.sendVerification(tx, *u, wayBack); err != nil {
				return err
			}
		}
		for _, c := range consents {
			if err := giveConsent(tx, u.ID, c.Kind, c.Version, c.Method, u.CreatedAt); err != nil {
				return err
			}
		}
		if u.FrontOffice { // a role granted with the account is granted all the same: in the audit log
			return s.audit(tx, 0, "user.front_office", "user", u.ID, map[string]any{"front_office": true})
		}
		return nil
	})
	if isUnique(err) {
		return domain.FieldErr(domain.Conflict, "email", "field.email_taken", nil)
	}
	if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

// UserByEmail returns the account with email and its password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (domain.User, string, error) {
	var hash string
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.email = ?`, email), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", domain.Errorf(domain.NotFound, "not_found.user", nil)
	}
	if err != nil {
		return u, "", fmt.Errorf("store: user by email: %w", err)
	}
	return u, hash, nil
}

// User returns the account with id.
func (s *Store) User(ctx context.Context, id int64) (domain.User, error) {
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.Errorf(domain.NotFound, "not_found.user", nil)
	}
	if err != nil {
		return u, fmt.Errorf("store: user: %w", err)
	}
	return u, nil
}

// SetFrontOffice grants or withdraws the Front Office role. No one withdraws their own (so that
// the city is never left without the Front Office by accident): a conflict.
func (s *Store) SetFrontOffice(ctx context.Context, actorID, userID int64, on bool) error {
	if !on && actorID == userID && actorID > 0 {
		return domain.Errorf(domain.Conflict, "people.own_role_refused", nil)
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET front_office = ? WHERE id = ?`, on, userID)
		if err != nil {
			return fmt.Errorf("store: set front office: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		return s.audit(tx, actorID, "user.front_office", "user", userID, map[string]any{"front_office": on})
	})
}

// CreateToken stores the hash of a new API token of userID; secondFactor records that the sign-in
// that asked for it was confirmed with a second factor.
func (s *Store) CreateToken(ctx context.Context, userID int64, tokenHash string, expires time.Time, secondFactor bool) error {
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at, second_factor, origin, agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			tokenHash, userID, s.now().Unix(), unix(expires), secondFactor, domain.CutText(originOf(ctx), auditOriginMax), agentOf(ctx))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create token: %w", err)
	}
	return nil
}

// UserByToken returns the account whose unexpired API token hashes to tokenHash, with
// SecondFactor set when the token was confirmed with one. The token's last use (and from where)
// is written when it is a minute old or more, as a session's is, so that use does not write on
// every request.
func (s *Store) UserByToken(ctx context.Context, tokenHash string) (domain.User, error) {
	var sf bool
	var consent sql.NullString
	var used int64
	now := s.now()
	u, err := scanUser(s.read(ctx).QueryRow(`SELECT `+userColumns+`, t.second_factor, t.last_used_at, `+privacyConsentColumn+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at > ? AND u.disabled_at = 0`, tokenHash, now.Unix()), &sf, &used, &consent)
	u.SecondFactor, u.PrivacyConsent, u.ConsentRead = sf, consent.String, true
	if errors.Is(err, sql.ErrNoRows) {
		return u, domain.Errorf(domain.Unauthorized, "auth.token_invalid", nil)
	}
	if err != nil {
		return u, fmt.Errorf("store: user by token: %w", err)
	}
	if now.Sub(fromUnix(used)) >= sessionTouchEvery {
		err := s.write(ctx, func(tx *Tx) error {
			_, err := tx.Exec(`UPDATE api_tokens SET last_used_at = ?, origin = ?, agent = ? WHERE token_hash = ?`, now.Unix(),
				domain.CutText(originOf(ctx), auditOriginMax), agentOf(ctx), tokenHash)
			return err
		})
		if err != nil {
			return domain.User{}, fmt.Errorf("store: touch token: %w", err)
		}
	}
	return u, nil
}

// MemberRole is userID's role in orgID, or "" when not a member.
func (s *Store) MemberRole(ctx context.Context, orgID, userID int64) (string, error) {
	var role string
	err := s.read(ctx).QueryRow(`SELECT role FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: member role: %w", err)
	}
	return role, nil
}

// AddMember makes userID a member of orgID with role, or changes the role.
func (s *Store) AddMember(ctx context.Context, actorID, orgID, userID int64, role string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`, orgID, userID, role, s.now().Unix())
		if err != nil {
			return fmt.Errorf("store: add member: %w", err)
		}
		return s.audit(tx, actorID, "member.add", "organization", orgID, map[string]any{"user_id": userID, "role": role})
	})
}

// UpdateProfile changes the name, language and profile of the account id; what is not valid is
// refused, naming its field.
func (s *Store) UpdateProfile(ctx context.Context, id int64, name, locale string, p domain.Profile) error {
	if err := p.ValidateAccount(name, locale); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET name = ?, locale = ?, district = ?, university = ?, languages = ?, skills = ?,
			accessibility_needs = ? WHERE id = ?`,
			name, locale, p.District, p.University, strings.Join(p.Languages, ","), p.Skills, p.AccessibilityNeeds, id)
		if err != nil {
			return fmt.Errorf("store: update profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		return nil
	})
}

// Membership is a user's role in an organization.
type Membership struct {
	Org  domain.Organization
	Role string
}

// Memberships lists the organizations userID is a member of, by name.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]Membership, error) {
	rows, err := s.read(ctx).Query(`SELECT `+prefixed("o.", orgColumns)+`, m.role FROM memberships m
		JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name_kk, o.name_ru, o.name_en, o.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if m.Org, err = scanOrg(rows, &m.Role); err != nil {
			return nil, fmt.Errorf("store: memberships: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetDisabled disables or enables the account userID. Disabling ends every session and API token
// of the account on the server, in the same transaction. No one disables their own account here:
// a conflict.
func (s *Store) SetDisabled(ctx context.Context, actorID, userID int64, disabled bool) error {
	if disabled && actorID == userID && actorID > 0 {
		return domain.Errorf(domain.Conflict, "people.own_account_refused", nil)
	}
	at := int64(0)
	if disabled {
		at = s.now().Unix()
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET disabled_at = ? WHERE id = ?`, at, userID)
		if err != nil {
			return fmt.Errorf("store: disable user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if disabled {
			if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
				return fmt.Errorf("store: end sessions: %w", err)
			}
			if _, err := tx.Exec(`DELETE FROM api_tokens WHERE user_id = ?`, userID); err != nil {
				return fmt.Errorf("store: end tokens: %w", err)
			}
		}
		return s.audit(tx, actorID, "user.disabled", "user", userID, map[string]any{"disabled": disabled})
	})
}

// SetPassword stores a new password hash for userID and ends every session and API token of the
// account but the session keepSession (the hash of the one that changed it; "" for none).
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash, keepSession string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID)
		if err != nil {
			return fmt.Errorf("store: set password: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		}
		if _, err := tx.Exec(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keepSession); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM api_tokens WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: end tokens: %w", err)
		}
		return s.audit(tx, userID, "user.password", "user", userID, nil)
	})
}
