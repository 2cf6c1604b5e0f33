package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"erikti/internal/domain"
)

const certificateColumns = `id, code, user_id, name, lang, total_minutes, first_day, last_day, organizations, events, created_at, revoked_at, revoked_by, revoke_reason`

func scanCertificate(row interface{ Scan(...any) error }) (domain.Certificate, error) {
	var c domain.Certificate
	var first, last, orgs, events string
	var created, revoked int64
	if err := row.Scan(&c.ID, &c.Code, &c.UserID, &c.Name, &c.Lang, &c.TotalMinutes, &first, &last, &orgs, &events, &created, &revoked, &c.RevokedBy, &c.RevokeReason); err != nil {
		return c, err
	}
	c.FirstDay, _ = domain.ParseDate(first)
	c.LastDay, _ = domain.ParseDate(last)
	c.CreatedAt, c.RevokedAt = fromUnix(created), fromUnix(revoked)
	if err := json.Unmarshal([]byte(orgs), &c.Organizations); err != nil {
		return c, fmt.Errorf("certificate %d organizations: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(events), &c.Events); err != nil {
		return c, fmt.Errorf("certificate %d events: %w", c.ID, err)
	}
	return c, nil
}

// certificateFacts gathers what a certificate of userID says now, from the approved entries of
// the hours ledger: the total, the first and last day (in Almaty), the organizations and the
// events, each in the order of its first shift; the organizations named in lang (domain.Text.In).
func certificateFacts(q queryer, userID int64, lang string) (domain.Certificate, error) {
	c := domain.Certificate{UserID: userID, Organizations: []string{}, Events: []domain.Text{}}
	rows, err := q.Query(`SELECT a.minutes, s.starts_at, e.id, e.title_kk, e.title_ru, e.title_en, o.id, o.name_kk, o.name_ru, o.name_en
		FROM hours_ledger a JOIN shifts s ON s.id = a.shift_id JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = a.org_id
		WHERE a.user_id = ? AND a.kind = 'approved' ORDER BY s.starts_at, a.id`, userID)
	if err != nil {
		return c, fmt.Errorf("store: certificate facts: %w", err)
	}
	defer rows.Close()
	var events, orgs []int64
	for rows.Next() {
		var minutes int
		var starts, eventID, orgID int64
		var title domain.Text
		var org domain.Text
		if err := rows.Scan(&minutes, &starts, &eventID, &title.KK, &title.RU, &title.EN, &orgID, &org.KK, &org.RU, &org.EN); err != nil {
			return c, fmt.Errorf("store: certificate facts: %w", err)
		}
		day := fromUnix(starts).In(domain.Almaty())
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		if c.FirstDay.IsZero() {
			c.FirstDay = day
		}
		c.LastDay = day
		c.TotalMinutes += minutes
		if !slices.Contains(events, eventID) {
			events, c.Events = append(events, eventID), append(c.Events, title)
		}
		if !slices.Contains(orgs, orgID) {
			orgs, c.Organizations = append(orgs, orgID), append(c.Organizations, org.In(lang))
		}
	}
	return c, rows.Err()
}

// IssueCertificate issues userID a certificate in lang of every hour approved so far. Without an
// approved hour it is refused (409 cert.no_hours) and nothing is stored.
func (s *Store) IssueCertificate(ctx context.Context, userID int64, lang string) (domain.Certificate, error) {
	var c domain.Certificate
	if !domain.IsLanguage(lang) {
		return c, domain.FieldErr(domain.Invalid, "lang", "cert.lang_invalid", nil)
	}
	err := s.write(ctx, func(tx *Tx) error {
		var name string
		if err := tx.QueryRow(`SELECT name FROM users WHERE id = ?`+tx.forUpdate(""), userID).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.user", nil)
		} else if err != nil {
			return fmt.Errorf("store: issue certificate: %w", err)
		}
		var err error
		if c, err = certificateFacts(tx, userID, lang); err != nil {
			return err
		}
		if c.TotalMinutes == 0 {
			return domain.Errorf(domain.Conflict, "cert.no_hours", nil)
		}
		c.Name, c.Lang, c.CreatedAt = name, lang, fromUnix(s.now().Unix())
		orgs, err := json.Marshal(c.Organizations)
		if err != nil {
			return fmt.Errorf("store: issue certificate: %w", err)
		}
		events, err := json.Marshal(c.Events)
		if err != nil {
			return fmt.Errorf("store: issue certificate: %w", err)
		}
		// a new code until one is free: 60 random bits make a second try all but never needed
		for attempt := 0; ; attempt++ {
			c.Code = domain.NewCertificateCode()
			err := tx.QueryRow(`INSERT INTO certificates (code, user_id, name, lang, total_minutes, first_day, last_day, organizations, events, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING RETURNING id`,
				c.Code, userID, c.Name, lang, c.TotalMinutes, c.FirstDay.Format(time.DateOnly), c.LastDay.Format(time.DateOnly),
				string(orgs), string(events), c.CreatedAt.Unix()).Scan(&c.ID)
			if err == nil {
				break
			}
			if !errors.Is(err, sql.ErrNoRows) || attempt >= 4 {
				return fmt.Errorf("store: issue certificate: %w", err)
			}
		}
		return s.audit(tx, userID, "certificate.issue", "certificate", c.ID, map[string]any{"code": c.Code, "minutes": c.TotalMinutes, "lang": lang})
	})
	return c, err
}

// UserCertificates lists userID's certificates, newest first.
func (s *Store) UserCertificates(ctx context.Context, userID int64) ([]domain.Certificate, error) {
	return certificatesWhere(s.read(ctx), `user_id = ? ORDER BY id DESC`, userID)
}

// CertificateFilter selects certificates for the Front Office; zero fields select all.
type CertificateFilter struct {
	Code  string // a part of the code, as typed: case, hyphens and spaces do not matter
	Limit int    // 100 when 0
}

// Certificates lists certificates, newest first.
func (s *Store) Certificates(ctx context.Context, f CertificateFilter) ([]domain.Certificate, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	part := strings.NewReplacer("-", "", " ", "").Replace(strings.ToUpper(f.Code))
	part = strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(part)
	part = strings.TrimPrefix(part, domain.CertificatePrefix)
	part = strings.Map(func(r rune) rune {
		if strings.ContainsRune(domain.CertificateAlphabet, r) {
			return r
		}
		return -1
	}, part)
	return certificatesWhere(s.read(ctx), `REPLACE(code, '-', '') LIKE ? ORDER BY id DESC LIMIT ?`, "%"+part+"%", f.Limit)
}

// CertificateByCode returns the certificate with code, as a person typed it.
func (s *Store) CertificateByCode(ctx context.Context, code string) (domain.Certificate, error) {
	norm, err := domain.ParseCertificateCode(code)
	if err != nil {
		return domain.Certificate{}, err
	}
	return certificateOne(s.read(ctx), `code = ?`, norm)
}

// Certificate returns the certificate with id.
func (s *Store) Certificate(ctx context.Context, id int64) (domain.Certificate, error) {
	return certificateOne(s.read(ctx), `id = ?`, id)
}

func certificateOne(q queryer, where string, arg any) (domain.Certificate, error) {
	c, err := scanCertificate(q.QueryRow(`SELECT `+certificateColumns+` FROM certificates WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.FieldErr(domain.NotFound, "code", "cert.not_found", nil)
	}
	if err != nil {
		return c, fmt.Errorf("store: certificate: %w", err)
	}
	return c, nil
}

func certificatesWhere(q queryer, where string, args ...any) ([]domain.Certificate, error) {
	rows, err := q.Query(`SELECT `+certificateColumns+` FROM certificates WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: certificates: %w", err)
	}
	defer rows.Close()
	out := []domain.Certificate{}
	for rows.Next() {
		c, err := scanCertificate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: certificates: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: certificates: %w", err)
	}
	return out, nil
}

// RevokeCertificate revokes the certificate with code, for a reason; the caller has checked that
// actorID is the Front Office. A reason is required (422 naming reason); a certificate revoked
// already is 409, and keeps its first revocation.
func (s *Store) RevokeCertificate(ctx context.Context, actorID int64, code, reason string) (domain.Certificate, error) {
	var c domain.Certificate
	norm, err := domain.ParseCertificateCode(code)
	if err != nil {
		return c, err
	}
	r, err := domain.CheckRevokeReason(reason)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		var err error
		if c, err = certificateOne(tx, `code = ?`+tx.forUpdate(""), norm); err != nil {
			return err
		}
		if c.Revoked() {
			return domain.FieldErr(domain.Conflict, "code", "cert.already_revoked", nil)
		}
		c.RevokedAt, c.RevokedBy, c.RevokeReason = fromUnix(s.now().Unix()), actorID, r
		if _, err := tx.Exec(`UPDATE certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?`,
			c.RevokedAt.Unix(), actorID, r, c.ID); err != nil {
			return fmt.Errorf("store: revoke certificate: %w", err)
		}
		return s.audit(tx, actorID, "certificate.revoke", "certificate", c.ID, map[string]any{"code": c.Code, "reason": r})
	})
	return c, err
}

// forgetCertificates, inside the deletion of userID's account, removes the name from their
// certificates and revokes those still valid: a certificate whose holder is gone proves nothing
// about anyone, and its page must not keep their name.
func forgetCertificates(tx *Tx, userID int64, at time.Time) (int64, error) {
	res, err := tx.Exec(`UPDATE certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE user_id = ? AND revoked_at = 0`,
		at.Unix(), userID, domain.CertificateDeletedReason, userID)
	if err != nil {
		return 0, fmt.Errorf("store: delete account certificates: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := tx.Exec(`UPDATE certificates SET name = '' WHERE user_id = ?`, userID); err != nil {
		return 0, fmt.Errorf("store: delete account certificates: %w", err)
	}
	return n, nil
}
