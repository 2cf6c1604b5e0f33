package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// TokenInvitation is the purpose of the link that invites a person into an organization.
const TokenInvitation = "invitation"

// Invitation asks the owner of an email address to join an organization with a role.
type Invitation struct {
	ID         int64
	OrgID      int64
	OrgName    domain.Text
	Email      string
	Role       string
	InvitedBy  int64
	Inviter    string // the inviter's name
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt time.Time
	RevokedAt  time.Time
}

// Pending reports whether the invitation still waits for its answer at now.
func (i Invitation) Pending(now time.Time) bool {
	return i.AcceptedAt.IsZero() && i.RevokedAt.IsZero() && now.Before(i.ExpiresAt)
}

const invitationColumns = `i.id, i.org_id, o.name_kk, o.name_ru, o.name_en, i.email, i.role, i.invited_by, COALESCE(u.name, ''), i.created_at, i.expires_at,
	i.accepted_at, i.revoked_at`

const invitationFrom = ` FROM invitations i JOIN organizations o ON o.id = i.org_id LEFT JOIN users u ON u.id = i.invited_by`

func scanInvitation(row interface{ Scan(...any) error }) (Invitation, error) {
	var i Invitation
	var created, expires, accepted, revoked int64
	if err := row.Scan(&i.ID, &i.OrgID, &i.OrgName.KK, &i.OrgName.RU, &i.OrgName.EN, &i.Email, &i.Role, &i.InvitedBy, &i.Inviter, &created, &expires, &accepted, &revoked); err != nil {
		return i, err
	}
	i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt = fromUnix(created), fromUnix(expires), fromUnix(accepted), fromUnix(revoked)
	return i, nil
}

// Member is a person's membership of an organization, as its people see it.
type Member struct {
	UserID int64
	Name   string
	Email  string
	Role   string
	Since  time.Time
}

// Members lists the people of orgID, admins first, then by name.
func (s *Store) Members(ctx context.Context, orgID int64) ([]Member, error) {
	rows, err := s.read(ctx).Query(`SELECT u.id, u.name, u.email, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = ? ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, u.name, u.id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		var since int64
		if err := rows.Scan(&m.UserID, &m.Name, &m.Email, &m.Role, &since); err != nil {
			return nil, fmt.Errorf("store: members: %w", err)
		}
		m.Since = fromUnix(since)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MaxInvitationsPerHour is how many invitations one organization sends in an hour at most, so
// that erikti cannot be made to mail addresses in bulk.
const MaxInvitationsPerHour = 50

// NewInvitation is what an inviter gives.
type NewInvitation struct {
	OrgID  int64
	Email  string
	Role   string
	Locale string // the inviter's language: the mail's, unless the address has an account
}

// Invite records an invitation of in.Email into in.OrgID with in.Role by actorID and, in the same
// transaction, the mail with its link (good for domain.InvitationTTL), in the language of the
// invitee's account or, without one, the inviter's. An invalid address or role, or an address
// whose account is a member already, is refused naming the field; past MaxInvitationsPerHour of
// the organization, a conflict. Inviting an address again revokes the invitation that waited, and
// its link.
func (s *Store) Invite(ctx context.Context, actorID int64, in NewInvitation) (Invitation, error) {
	var inv Invitation
	email := strings.ToLower(strings.TrimSpace(in.Email))
	var p domain.Problems
	domain.CheckEmail(&p, "email", email)
	domain.CheckRole(&p, "role", in.Role)
	if err := p.Err(); err != nil {
		return inv, err
	}
	err := s.write(ctx, func(tx *Tx) error {
		o, err := scanOrg(tx.QueryRow(`SELECT `+orgColumns+` FROM organizations WHERE id = ?`+lockOrg(tx), in.OrgID))
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.organization", nil)
		}
		if err != nil {
			return err
		}
		var recent int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM invitations WHERE org_id = ? AND created_at > ?`,
			o.ID, s.now().Add(-time.Hour).Unix()).Scan(&recent); err != nil {
			return err
		}
		if recent >= MaxInvitationsPerHour {
			return domain.Errorf(domain.Conflict, "people.too_many_invitations", map[string]any{"n": MaxInvitationsPerHour})
		}
		var inviter string
		if err := tx.QueryRow(`SELECT name FROM users WHERE id = ?`, actorID).Scan(&inviter); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		invitee, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.email = ?`, email))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			invitee = domain.User{}
		case err != nil:
			return err
		default:
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM memberships WHERE org_id = ? AND user_id = ?`, o.ID, invitee.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return domain.FieldErr(domain.Invalid, "email", "field.already_member", nil)
			}
		}
		if err := s.revokeWaiting(tx, `org_id = ? AND email = ?`, o.ID, email); err != nil {
			return err
		}
		now := s.now()
		inv = Invitation{OrgID: o.ID, OrgName: o.Name, Email: email, Role: in.Role, InvitedBy: actorID, Inviter: inviter,
			CreatedAt: now.UTC().Truncate(time.Second), ExpiresAt: now.Add(domain.InvitationTTL).UTC().Truncate(time.Second)}
		if err := tx.QueryRow(`INSERT INTO invitations (org_id, email, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			o.ID, email, in.Role, actorID, now.Unix(), unix(now.Add(domain.InvitationTTL))).Scan(&inv.ID); err != nil {
			return err
		}
		token, err := s.newEmailToken(tx, TokenInvitation, invitee.ID, email, strconv.FormatInt(inv.ID, 10), domain.InvitationTTL)
		if err != nil {
			return err
		}
		lang := in.Locale
		if invitee.ID > 0 {
			lang = invitee.Locale
		}
		if !domain.IsLanguage(lang) {
			lang = "kk"
		}
		if err := s.enqueueMail(tx, invitee.ID, domain.Mail{Kind: domain.MailInvitation, To: email, Name: invitee.Name, Locale: lang,
			Texts:     map[string]domain.Text{"organization": o.Name},
			Params:    map[string]string{"inviter": inviter, "days": strconv.Itoa(int(domain.InvitationTTL / (24 * time.Hour)))},
			ParamKeys: map[string]string{"role": "role." + in.Role},
			Link:      "/invitations/accept?token=" + url.QueryEscape(token)}); err != nil {
			return err
		}
		return s.audit(tx, actorID, "invitation.create", "organization", o.ID, map[string]any{"invitation_id": inv.ID, "email": email, "role": in.Role})
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return inv, fmt.Errorf("store: invite: %w", err)
	}
	return inv, err
}

// revokeWaiting revokes the invitations that wait and match where, and spends their links.
func (s *Store) revokeWaiting(tx *Tx, where string, args ...any) error {
	now := s.now().Unix()
	rows, err := tx.Query(`UPDATE invitations SET revoked_at = ? WHERE accepted_at = 0 AND revoked_at = 0 AND `+where+` RETURNING id`,
		append([]any{now}, args...)...)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.Exec(`UPDATE email_tokens SET used_at = ? WHERE purpose = ? AND data = ? AND used_at = 0`, now, TokenInvitation, id); err != nil {
			return err
		}
	}
	return nil
}

// Invitations lists the invitations of orgID that wait for an answer (expired ones too, until
// they are revoked or sent again), newest first.
func (s *Store) Invitations(ctx context.Context, orgID int64) ([]Invitation, error) {
	rows, err := s.read(ctx).Query(`SELECT `+invitationColumns+invitationFrom+`
		WHERE i.org_id = ? AND i.accepted_at = 0 AND i.revoked_at = 0 ORDER BY i.id DESC`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		i, err := scanInvitation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: invitations: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// invitationsTo lists the invitations sent to email that await an answer, newest first.
func (s *Store) invitationsTo(ctx context.Context, email string) ([]Invitation, error) {
	rows, err := s.read(ctx).Query(`SELECT `+invitationColumns+invitationFrom+`
		WHERE i.email = ? AND i.accepted_at = 0 AND i.revoked_at = 0 ORDER BY i.id DESC`, email)
	if err != nil {
		return nil, fmt.Errorf("store: invitations to: %w", err)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		i, err := scanInvitation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: invitations to: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// RevokeInvitation withdraws the waiting invitation invID of orgID and spends its link. An
// invitation of another organization is not found; one answered or revoked already is a conflict.
func (s *Store) RevokeInvitation(ctx context.Context, actorID, orgID, invID int64) error {
	err := s.write(ctx, func(tx *Tx) error {
		var accepted, revoked int64
		err := tx.QueryRow(`SELECT accepted_at, revoked_at FROM invitations WHERE id = ? AND org_id = ?`+tx.forUpdate(""), invID, orgID).Scan(&accepted, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.invitation", nil)
		}
		if err != nil {
			return err
		}
		if accepted > 0 || revoked > 0 {
			return domain.Errorf(domain.Conflict, "invitation.not_pending", nil)
		}
		if err := s.revokeWaiting(tx, `id = ?`, invID); err != nil {
			return err
		}
		return s.audit(tx, actorID, "invitation.revoke", "organization", orgID, map[string]any{"invitation_id": invID})
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return fmt.Errorf("store: revoke invitation: %w", err)
	}
	return err
}

// InvitationByToken reads the invitation a link's secret stands for, without spending it: a
// secret that is unknown, spent or expired, or an invitation revoked, is refused naming the field
// token.
func (s *Store) InvitationByToken(ctx context.Context, token string) (Invitation, error) {
	return s.invitationByToken(s.read(ctx), token, "")
}

// invitationByToken reads the invitation of a link's secret; lock, when given, locks the
// invitation's row (the order every change of invitations takes: the invitation, then its link).
func (s *Store) invitationByToken(q queryer, token, lock string) (Invitation, error) {
	t, err := peekEmailToken(q, s.now(), TokenInvitation, token)
	if err != nil {
		return Invitation{}, err
	}
	id, err := strconv.ParseInt(t.Data, 10, 64)
	if err != nil {
		return Invitation{}, fmt.Errorf("store: invitation token data %q: %w", t.Data, err)
	}
	inv, err := scanInvitation(q.QueryRow(`SELECT `+invitationColumns+invitationFrom+` WHERE i.id = ?`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	if err != nil {
		return inv, fmt.Errorf("store: invitation by token: %w", err)
	}
	if !inv.Pending(s.now()) {
		return inv, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	return inv, nil
}

// peekEmailToken reads what an unspent, unexpired link's secret stands for, without spending it.
func peekEmailToken(q queryer, now time.Time, purpose, token string) (EmailToken, error) {
	t := EmailToken{Purpose: purpose}
	err := q.QueryRow(`SELECT user_id, email, data FROM email_tokens WHERE token_hash = ? AND purpose = ? AND used_at = 0 AND expires_at > ?`,
		auth.HashToken(token), purpose, now.Unix()).Scan(&t.UserID, &t.Email, &t.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return t, domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
	}
	if err != nil {
		return t, fmt.Errorf("store: read email token: %w", err)
	}
	return t, nil
}

// AcceptInvitation spends an invitation's link for userID and makes them a member of its
// organization with its role. Only the account whose address the invitation was sent to may
// accept it: anyone else is refused and nothing is spent. Someone who became a member meanwhile
// keeps the role they have.
func (s *Store) AcceptInvitation(ctx context.Context, userID int64, token string) (Invitation, error) {
	var inv Invitation
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		inv, err = s.invitationByToken(tx, token, tx.forUpdate("i"))
		if err != nil {
			return err
		}
		var email string
		if err := tx.QueryRow(`SELECT email FROM users WHERE id = ? AND disabled_at = 0`, userID).Scan(&email); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		} else if err != nil {
			return err
		}
		if !strings.EqualFold(email, inv.Email) {
			return domain.Errorf(domain.Forbidden, "invitation.other_address", nil)
		}
		if _, err := s.useEmailToken(tx, TokenInvitation, token); err != nil {
			return err
		}
		now := s.now().Unix()
		if _, err := tx.Exec(`UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?`, now, userID, inv.ID); err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (org_id, user_id) DO NOTHING`,
			inv.OrgID, userID, inv.Role, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := tx.QueryRow(`SELECT role FROM memberships WHERE org_id = ? AND user_id = ?`, inv.OrgID, userID).Scan(&inv.Role); err != nil {
				return err
			}
		}
		return s.audit(tx, userID, "invitation.accept", "organization", inv.OrgID, map[string]any{"invitation_id": inv.ID, "role": inv.Role})
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return inv, fmt.Errorf("store: accept invitation: %w", err)
	}
	return inv, err
}

// lockOrg is the clause that locks an organization's row while its people change: on PostgreSQL
// FOR NO KEY UPDATE, which keeps such changes one at a time without blocking the key-share locks
// of rows that refer to the organization (a membership being inserted), so no two transactions
// wait on each other; SQLite's one writer is the lock.
func lockOrg(tx *Tx) string {
	if tx.dialect == Postgres {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// lockAdmins locks orgID's row so that changes to its admins happen one at a time, and counts
// its admins. It reports NotFound for no such organization.
func lockAdmins(tx *Tx, orgID int64) (int, error) {
	var id int64
	if err := tx.QueryRow(`SELECT id FROM organizations WHERE id = ?`+lockOrg(tx), orgID).Scan(&id); errors.Is(err, sql.ErrNoRows) {
		return 0, domain.Errorf(domain.NotFound, "not_found.organization", nil)
	} else if err != nil {
		return 0, err
	}
	var n int
	err := tx.QueryRow(`SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'admin'`, orgID).Scan(&n)
	return n, err
}

// memberRoleTx is userID's role in orgID inside tx, NotFound (of the field user) when none.
func memberRoleTx(tx *Tx, orgID, userID int64) (string, error) {
	var role string
	err := tx.QueryRow(`SELECT role FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", domain.FieldErr(domain.NotFound, "user", "not_found.member", nil)
	}
	return role, err
}

// RemoveMember ends userID's membership of orgID. The organization's last admin cannot be
// removed: a conflict. The person's next request to the organization is refused.
func (s *Store) RemoveMember(ctx context.Context, actorID, orgID, userID int64) error {
	err := s.write(ctx, func(tx *Tx) error {
		admins, err := lockAdmins(tx, orgID)
		if err != nil {
			return err
		}
		role, err := memberRoleTx(tx, orgID, userID)
		if err != nil {
			return err
		}
		if role == domain.RoleAdmin && admins <= 1 {
			return domain.Errorf(domain.Conflict, "people.last_admin", nil)
		}
		if _, err := tx.Exec(`DELETE FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID); err != nil {
			return err
		}
		return s.audit(tx, actorID, "member.remove", "organization", orgID, map[string]any{"user_id": userID, "role": role})
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return fmt.Errorf("store: remove member: %w", err)
	}
	return err
}

// SetMemberRole changes the role of userID, a member of orgID. The organization's last admin
// cannot become a coordinator: a conflict.
func (s *Store) SetMemberRole(ctx context.Context, actorID, orgID, userID int64, role string) error {
	var p domain.Problems
	domain.CheckRole(&p, "role", role)
	if err := p.Err(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *Tx) error {
		admins, err := lockAdmins(tx, orgID)
		if err != nil {
			return err
		}
		old, err := memberRoleTx(tx, orgID, userID)
		if err != nil {
			return err
		}
		if old == role {
			return nil
		}
		if old == domain.RoleAdmin && admins <= 1 {
			return domain.Errorf(domain.Conflict, "people.last_admin", nil)
		}
		if _, err := tx.Exec(`UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?`, role, orgID, userID); err != nil {
			return err
		}
		return s.audit(tx, actorID, "member.role", "organization", orgID, map[string]any{"user_id": userID, "role": role, "was": old})
	})
	if err != nil && domain.ErrorCode(err) == domain.Internal {
		return fmt.Errorf("store: set member role: %w", err)
	}
	return err
}
