package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

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
		if code, err = issueCheckin(tx, signupID, shiftID); err != nil {
			return err
		}
		var hash string
		if token, hash, err = auth.NewToken(); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE checkins SET token_hash = ? WHERE signup_id = ?`, hash, signupID); err != nil {
			return fmt.Errorf("store: check-in pass: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return code, token, nil
}

// issueCheckin gives signupID, a signup on shiftID, its check-in row unless it has one, with a code
// unique on the shift and the hash of a token nobody holds (CheckinPass gives the volunteer a fresh
// one), and returns its code. The caller holds the shift's row.
func issueCheckin(tx *Tx, signupID, shiftID int64) (string, error) {
	var code string
	err := tx.QueryRow(`SELECT code FROM checkins WHERE signup_id = ?`, signupID).Scan(&code)
	if err == nil {
		return code, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: issue check-in: %w", err)
	}
	for {
		if code, err = domain.NewCheckinCode(); err != nil {
			return "", err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM checkins WHERE shift_id = ? AND code = ?`, shiftID, code).Scan(&n); err != nil {
			return "", fmt.Errorf("store: issue check-in: %w", err)
		}
		if n == 0 {
			break
		}
	}
	_, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	if _, err := tx.Exec(`INSERT INTO checkins (signup_id, shift_id, code, token_hash) VALUES (?, ?, ?, ?)`,
		signupID, shiftID, code, hash); err != nil {
		return "", fmt.Errorf("store: issue check-in: %w", err)
	}
	return code, nil
}

// CheckinCredential is what a coordinator types, scans or taps: a code, the QR's token (which
// wins), or the signup tapped on the desk's list (which wins over both).
type CheckinCredential struct {
	Code, Token string
	SignupID    int64
}

// checkinColumns are the columns checkinRow scans, of checkins c joined with signups g and users u.
const checkinColumns = `c.signup_id, c.shift_id, g.user_id, u.name, c.code, c.checked_in_at, c.checked_in_by, c.checked_out_at`

func scanCheckin(row interface{ Scan(...any) error }) (domain.Checkin, error) {
	var c domain.Checkin
	var in, out int64
	err := row.Scan(&c.SignupID, &c.ShiftID, &c.UserID, &c.UserName, &c.Code, &in, &c.CheckedInBy, &out)
	c.CheckedInAt, c.CheckedOutAt = fromUnix(in), fromUnix(out)
	return c, err
}

// checkinFor finds the check-in of a confirmed signup on shiftID by the signup tapped, code or
// token; anything else (a forged code, another shift's, a cancelled signup's, an old token) is
// refused naming the field. A signup tapped gets its check-in row here if it has none yet.
func checkinFor(tx *Tx, shiftID int64, cred CheckinCredential) (domain.Checkin, string, error) {
	var field, where string
	var arg any
	switch {
	case cred.SignupID != 0:
		field, where, arg = "signup_id", "c.signup_id = ?", cred.SignupID
		var status domain.SignupStatus
		err := tx.QueryRow(`SELECT status FROM signups WHERE id = ? AND shift_id = ?`, cred.SignupID, shiftID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && status != domain.SignupConfirmed) {
			return domain.Checkin{}, field, domain.FieldErr(domain.Invalid, field, "checkin.signup_unknown", nil)
		}
		if err != nil {
			return domain.Checkin{}, field, fmt.Errorf("store: check-in: %w", err)
		}
		if _, err := issueCheckin(tx, cred.SignupID, shiftID); err != nil {
			return domain.Checkin{}, field, err
		}
	case cred.Token != "":
		field, where, arg = "token", "c.token_hash = ?", auth.HashToken(cred.Token)
	default:
		code, err := domain.NormalizeCheckinCode("code", cred.Code)
		if err != nil {
			return domain.Checkin{}, "code", err
		}
		field, where, arg = "code", "c.code = ?", code
	}
	c, err := scanCheckin(tx.QueryRow(`SELECT `+checkinColumns+`
		FROM checkins c JOIN signups g ON g.id = c.signup_id JOIN users u ON u.id = g.user_id
		WHERE c.shift_id = ? AND `+where+` AND g.status = 'confirmed'`, shiftID, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return c, field, domain.FieldErr(domain.Invalid, field, "checkin.code_unknown", nil)
	}
	if err != nil {
		return c, field, fmt.Errorf("store: check-in: %w", err)
	}
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
		c.CheckedInAt, c.CheckedInBy = fromUnix(now.Unix()), actorID
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
	rows, err := q.Query(`SELECT `+checkinColumns+`
		FROM checkins c JOIN signups g ON g.id = c.signup_id JOIN users u ON u.id = g.user_id
		WHERE g.status = 'confirmed' AND `+where+` ORDER BY c.signup_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: check-ins: %w", err)
	}
	defer rows.Close()
	out := []domain.Checkin{}
	for rows.Next() {
		c, err := scanCheckin(rows)
		if err != nil {
			return nil, fmt.Errorf("store: check-ins: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Checkin is the check-in of one confirmed signup; a signup without one (never issued a code nor
// tapped on the desk) or not confirmed is not found.
func (s *Store) Checkin(ctx context.Context, signupID int64) (domain.Checkin, error) {
	list, err := checkinsWhere(s.read(ctx), `c.signup_id = ?`, signupID)
	if err != nil {
		return domain.Checkin{}, err
	}
	if len(list) == 0 {
		return domain.Checkin{}, domain.Errorf(domain.NotFound, "not_found.checkin", nil)
	}
	return list[0], nil
}

// UndoCheckIn takes back a mistaken check-in of signupID to shiftID: only the coordinator who made
// it (actorID), within domain.CheckinUndoWindow of it, and while nothing rests on it (no check-out,
// whose claim of hours would, and no hours entered for the signup). Each refusal is a conflict
// naming "signup_id"; the undo is audited. The caller has checked that actorID may act for the shift's
// organization. In order:
//  1. lock the shift's row, under which check-ins and check-outs are written;
//  2. read the check-in, which must be of a confirmed signup of the shift;
//  3. refuse one not checked in, checked out, made by another, too old, or with hours;
//  4. clear the check-in (its code and QR token stay) and write the audit entry.
func (s *Store) UndoCheckIn(ctx context.Context, actorID, shiftID, signupID int64) (domain.Checkin, error) {
	var c domain.Checkin
	err := s.write(ctx, func(tx *Tx) error {
		if _, _, err := shiftByID(tx, shiftID, tx.forUpdate("s")); err != nil {
			return err
		}
		list, err := checkinsWhere(tx, `c.signup_id = ?`, signupID)
		if err != nil {
			return err
		}
		if len(list) == 0 || list[0].ShiftID != shiftID {
			// a confirmed signup of the shift never checked in (nor issued a code) has nothing to undo
			var status domain.SignupStatus
			err := tx.QueryRow(`SELECT status FROM signups WHERE id = ? AND shift_id = ?`, signupID, shiftID).Scan(&status)
			if err == nil && status == domain.SignupConfirmed {
				return domain.FieldErr(domain.Conflict, "signup_id", "checkin.not_in", nil)
			}
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store: undo check-in: %w", err)
			}
			return domain.Errorf(domain.NotFound, "not_found.checkin", nil)
		}
		c = list[0]
		now := s.now()
		switch {
		case c.CheckedInAt.IsZero():
			return domain.FieldErr(domain.Conflict, "signup_id", "checkin.not_in", nil)
		case !c.CheckedOutAt.IsZero():
			return domain.FieldErr(domain.Conflict, "signup_id", "checkin.undo_out", nil)
		case c.CheckedInBy != actorID:
			return domain.FieldErr(domain.Conflict, "signup_id", "checkin.undo_not_yours", nil)
		case now.Sub(c.CheckedInAt) > domain.CheckinUndoWindow:
			return domain.FieldErr(domain.Conflict, "signup_id", "checkin.undo_expired",
				map[string]any{"minutes": int(domain.CheckinUndoWindow / time.Minute)})
		}
		var hours int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM hours_ledger WHERE signup_id = ?`, signupID).Scan(&hours); err != nil {
			return fmt.Errorf("store: undo check-in: %w", err)
		}
		if hours > 0 {
			return domain.FieldErr(domain.Conflict, "signup_id", "checkin.undo_hours", nil)
		}
		res, err := tx.Exec(`UPDATE checkins SET checked_in_at = 0, checked_in_by = 0
			WHERE signup_id = ? AND checked_in_at = ? AND checked_out_at = 0`, signupID, c.CheckedInAt.Unix())
		if err != nil {
			return fmt.Errorf("store: undo check-in: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: undo check-in: %w", err)
		} else if n != 1 {
			return fmt.Errorf("store: undo check-in: %d rows changed, not 1", n)
		}
		detail := map[string]any{"shift": shiftID, "checked_in_at": c.CheckedInAt.Unix()}
		c.CheckedInAt, c.CheckedInBy = time.Time{}, 0
		return s.audit(tx, actorID, "shift.checkin_undone", "signup", signupID, detail)
	})
	return c, err
}
