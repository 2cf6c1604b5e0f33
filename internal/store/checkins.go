package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// CheckinPass returns the typed check-in code of a volunteer's confirmed signup, issuing it on the
// first ask, with a fresh QR token: only the token's SHA-256 is kept, so each ask replaces the one
// before (the code stays). A signup that is not the volunteer's, or not confirmed, is not found.
func (s *Store) CheckinPass(ctx context.Context, userID, signupID int64) (code, token string, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		var shiftID int64
		var status domain.SignupStatus
		err := tx.QueryRow(`SELECT shift_id, status FROM signups WHERE id = ? AND user_id = ?`, signupID, userID).Scan(&shiftID, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && status != domain.SignupConfirmed) {
			return domain.Errorf(domain.NotFound, "not_found.signup", nil)
		}
		if err != nil {
			return fmt.Errorf("store: check-in pass: %w", err)
		}
		// the shift's row is the lock under which its codes are drawn
		if _, _, err := shiftByID(tx, shiftID, tx.forUpdate("s")); err != nil {
			return err
		}
		var hash string
		token, hash, err = auth.NewToken()
		if err != nil {
			return err
		}
		err = tx.QueryRow(`SELECT code FROM checkins WHERE signup_id = ?`, signupID).Scan(&code)
		if err == nil {
			if _, err := tx.Exec(`UPDATE checkins SET token_hash = ? WHERE signup_id = ?`, hash, signupID); err != nil {
				return fmt.Errorf("store: check-in pass: %w", err)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: check-in pass: %w", err)
		}
		for {
			if code, err = domain.NewCheckinCode(); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM checkins WHERE shift_id = ? AND code = ?`, shiftID, code).Scan(&n); err != nil {
				return fmt.Errorf("store: check-in pass: %w", err)
			}
			if n == 0 {
				break
			}
		}
		if _, err := tx.Exec(`INSERT INTO checkins (signup_id, shift_id, code, token_hash) VALUES (?, ?, ?, ?)`,
			signupID, shiftID, code, hash); err != nil {
			return fmt.Errorf("store: check-in pass: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return code, token, nil
}

// CheckinCredential is what a coordinator types or scans: a code, or the QR's token (which wins).
type CheckinCredential struct {
	Code, Token string
}

// checkinFor finds the check-in of a confirmed signup on shiftID by code or token; anything else
// (a forged code, another shift's, a cancelled signup's, an old token) is refused naming the field.
func checkinFor(tx *Tx, shiftID int64, cred CheckinCredential) (domain.Checkin, string, error) {
	field, where, arg := "code", "c.code = ?", ""
	if cred.Token != "" {
		field, where, arg = "token", "c.token_hash = ?", auth.HashToken(cred.Token)
	} else {
		code, err := domain.NormalizeCheckinCode("code", cred.Code)
		if err != nil {
			return domain.Checkin{}, field, err
		}
		arg = code
	}
	var c domain.Checkin
	var in, out int64
	err := tx.QueryRow(`SELECT c.signup_id, c.shift_id, g.user_id, u.name, c.code, c.checked_in_at, c.checked_out_at
		FROM checkins c JOIN signups g ON g.id = c.signup_id JOIN users u ON u.id = g.user_id
		WHERE c.shift_id = ? AND `+where+` AND g.status = 'confirmed'`, shiftID, arg).
		Scan(&c.SignupID, &c.ShiftID, &c.UserID, &c.UserName, &c.Code, &in, &out)
	if errors.Is(err, sql.ErrNoRows) {
		return c, field, domain.FieldErr(domain.Invalid, field, "checkin.code_unknown", nil)
	}
	if err != nil {
		return c, field, fmt.Errorf("store: check-in: %w", err)
	}
	c.CheckedInAt, c.CheckedOutAt = fromUnix(in), fromUnix(out)
	return c, field, nil
}

// CheckIn checks a confirmed volunteer in to shiftID, once, inside the shift's window. The caller
// has checked that actorID may act for the shift's organization.
func (s *Store) CheckIn(ctx context.Context, actorID, shiftID int64, cred CheckinCredential) (domain.Checkin, error) {
	var c domain.Checkin
	err := s.write(ctx, func(tx *Tx) error {
		sh, _, err := shiftByID(tx, shiftID, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		var field string
		if c, field, err = checkinFor(tx, shiftID, cred); err != nil {
			return err
		}
		now := s.now()
		if err := domain.CheckinOpen(field, sh, now); err != nil {
			return err
		}
		if !c.CheckedInAt.IsZero() {
			return domain.FieldErr(domain.Conflict, field, "checkin.already", nil)
		}
		if _, err := tx.Exec(`UPDATE checkins SET checked_in_at = ?, checked_in_by = ? WHERE signup_id = ? AND checked_in_at = 0`,
			now.Unix(), actorID, c.SignupID); err != nil {
			return fmt.Errorf("store: check-in: %w", err)
		}
		c.CheckedInAt = fromUnix(now.Unix())
		return s.audit(tx, actorID, "shift.checkin", "signup", c.SignupID, map[string]any{"shift": shiftID})
	})
	return c, err
}

// CheckOut checks a checked-in volunteer out of shiftID, once, until domain.CheckoutGrace after
// its end.
func (s *Store) CheckOut(ctx context.Context, actorID, shiftID int64, cred CheckinCredential) (domain.Checkin, error) {
	var c domain.Checkin
	err := s.write(ctx, func(tx *Tx) error {
		sh, orgID, err := shiftByID(tx, shiftID, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		var field string
		if c, field, err = checkinFor(tx, shiftID, cred); err != nil {
			return err
		}
		now := s.now()
		if err := domain.CheckoutOpen(field, sh, now); err != nil {
			return err
		}
		if c.CheckedInAt.IsZero() {
			return domain.FieldErr(domain.Conflict, field, "checkin.not_in", nil)
		}
		if !c.CheckedOutAt.IsZero() {
			return domain.FieldErr(domain.Conflict, field, "checkin.already_out", nil)
		}
		if _, err := tx.Exec(`UPDATE checkins SET checked_out_at = ?, checked_out_by = ? WHERE signup_id = ? AND checked_out_at = 0`,
			now.Unix(), actorID, c.SignupID); err != nil {
			return fmt.Errorf("store: check-out: %w", err)
		}
		c.CheckedOutAt = fromUnix(now.Unix())
		if err := s.claimFromCheckin(tx, sh, orgID, c, actorID); err != nil {
			return err
		}
		return s.audit(tx, actorID, "shift.checkout", "signup", c.SignupID, map[string]any{"shift": shiftID})
	})
	return c, err
}

// CheckOutAll checks out everyone still checked in to shiftID, each with their claim of hours, and
// reports how many.
func (s *Store) CheckOutAll(ctx context.Context, actorID, shiftID int64) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		sh, orgID, err := shiftByID(tx, shiftID, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		now := s.now()
		if err := domain.CheckoutOpen("all", sh, now); err != nil {
			return err
		}
		in, err := checkinsWhere(tx, `c.shift_id = ? AND c.checked_in_at > 0 AND c.checked_out_at = 0`, shiftID)
		if err != nil {
			return err
		}
		for _, c := range in {
			if _, err := tx.Exec(`UPDATE checkins SET checked_out_at = ?, checked_out_by = ? WHERE signup_id = ? AND checked_out_at = 0`,
				now.Unix(), actorID, c.SignupID); err != nil {
				return fmt.Errorf("store: check out all: %w", err)
			}
			c.CheckedOutAt = fromUnix(now.Unix())
			if err := s.claimFromCheckin(tx, sh, orgID, c, actorID); err != nil {
				return err
			}
			n++
		}
		return s.audit(tx, actorID, "shift.checkout_all", "shift", shiftID, map[string]any{"checked_out": n})
	})
	return n, err
}

// Checkins lists the check-ins of a shift's confirmed signups (those never issued a code have none).
func (s *Store) Checkins(ctx context.Context, shiftID int64) ([]domain.Checkin, error) {
	return checkinsWhere(s.read(ctx), `c.shift_id = ?`, shiftID)
}

// UserCheckins maps each of a volunteer's signups that has a check-in code to its check-in.
func (s *Store) UserCheckins(ctx context.Context, userID int64) (map[int64]domain.Checkin, error) {
	list, err := checkinsWhere(s.read(ctx), `g.user_id = ?`, userID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]domain.Checkin, len(list))
	for _, c := range list {
		out[c.SignupID] = c
	}
	return out, nil
}

func checkinsWhere(q queryer, where string, arg any) ([]domain.Checkin, error) {
	rows, err := q.Query(`SELECT c.signup_id, c.shift_id, g.user_id, u.name, c.code, c.checked_in_at, c.checked_out_at
		FROM checkins c JOIN signups g ON g.id = c.signup_id JOIN users u ON u.id = g.user_id
		WHERE g.status = 'confirmed' AND `+where+` ORDER BY c.signup_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: check-ins: %w", err)
	}
	defer rows.Close()
	out := []domain.Checkin{}
	for rows.Next() {
		var c domain.Checkin
		var in, outAt int64
		if err := rows.Scan(&c.SignupID, &c.ShiftID, &c.UserID, &c.UserName, &c.Code, &in, &outAt); err != nil {
			return nil, fmt.Errorf("store: check-ins: %w", err)
		}
		c.CheckedInAt, c.CheckedOutAt = fromUnix(in), fromUnix(outAt)
		out = append(out, c)
	}
	return out, rows.Err()
}
