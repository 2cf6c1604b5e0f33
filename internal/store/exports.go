package store

import (
	"context"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// SignupFilter chooses the signups an export reads: one shift's, one event's, one organization's,
// or, with every id zero, the whole city's. Cancelled signups are left out unless asked for.
type SignupFilter struct {
	ShiftID, EventID, OrgID int64
	Cancelled               bool
}

// SignupRow is one line of a roster or signups export.
type SignupRow struct {
	SignupID         int64
	EventID          int64
	EventTitle       domain.Text
	ShiftID          int64
	ShiftRole        domain.Text
	ShiftStart       time.Time
	OrgID            int64
	OrgName          domain.Text
	VolunteerName    string
	VolunteerEmail   string
	Status           domain.SignupStatus
	WaitlistPosition int // 1 for the first in line; 0 for anyone not waiting
	SignedUpAt       time.Time
}

// EachSignupRow calls fn with each signup the filter chooses, in the programme's order (event,
// shift, then the confirmed before the waitlist in its order), straight from the database's
// cursor: no slice of the rows is built, so memory stays flat however many there are. An error
// from fn stops the reading and is returned.
func (s *Store) EachSignupRow(ctx context.Context, f SignupFilter, fn func(SignupRow) error) error {
	where, args := "1 = 1", []any{}
	switch {
	case f.ShiftID != 0:
		where, args = "g.shift_id = ?", append(args, f.ShiftID)
	case f.EventID != 0:
		where, args = "sh.event_id = ?", append(args, f.EventID)
	case f.OrgID != 0:
		where, args = "e.org_id = ?", append(args, f.OrgID)
	}
	if !f.Cancelled {
		where += " AND g.status <> 'cancelled'"
	}
	// The waitlist position is the signup's rank among its shift's waitlisted, by a window over
	// the rows already sorted, not a count per row.
	rows, err := s.read(ctx).Query(`SELECT g.id, e.id, e.title_kk, e.title_ru, e.title_en, sh.id, sh.role_kk, sh.role_ru, sh.role_en,
			sh.starts_at, o.id, o.name_kk, o.name_ru, o.name_en, u.name, u.email, g.status,
			CASE WHEN g.status = 'waitlisted' THEN ROW_NUMBER() OVER (PARTITION BY g.shift_id, g.status ORDER BY g.waitlist_seq) ELSE 0 END,
			g.created_at
		FROM signups g JOIN shifts sh ON sh.id = g.shift_id JOIN events e ON e.id = sh.event_id
		JOIN organizations o ON o.id = e.org_id JOIN users u ON u.id = g.user_id
		WHERE `+where+`
		ORDER BY e.starts_at, e.id, sh.starts_at, sh.id,
			CASE g.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, g.waitlist_seq, g.id`, args...)
	if err != nil {
		return fmt.Errorf("store: signup rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r SignupRow
		var start, created int64
		if err := rows.Scan(&r.SignupID, &r.EventID, &r.EventTitle.KK, &r.EventTitle.RU, &r.EventTitle.EN,
			&r.ShiftID, &r.ShiftRole.KK, &r.ShiftRole.RU, &r.ShiftRole.EN, &start, &r.OrgID, &r.OrgName.KK, &r.OrgName.RU, &r.OrgName.EN,
			&r.VolunteerName, &r.VolunteerEmail, &r.Status, &r.WaitlistPosition, &created); err != nil {
			return fmt.Errorf("store: signup rows: %w", err)
		}
		r.ShiftStart, r.SignedUpAt = fromUnix(start), fromUnix(created)
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: signup rows: %w", err)
	}
	return nil
}

// HoursFilter chooses the claims of hours an export reads: one organization's, or, with OrgID
// zero, the whole city's.
type HoursFilter struct {
	OrgID int64
}

// HoursRow is one claim of hours in an export, with what became of it.
type HoursRow struct {
	ClaimID       int64
	Kind          string // domain.LedgerCheckin or domain.LedgerEntered
	Status        string // domain.ClaimPending, ClaimSuperseded, LedgerApproved or LedgerRejected
	Replaces      int64  // the claim an entered correction replaces; 0 for a first claim
	OrgID         int64
	OrgName       domain.Text
	EventID       int64
	EventTitle    domain.Text
	Direction     string
	ShiftID       int64
	ShiftStart    time.Time
	VolunteerName string
	Minutes       int
	EnteredAt     time.Time
	DecidedAt     time.Time // zero while no decision was written
	Reason        string    // a rejection's reason
}

// EachHoursRow calls fn with each claim of hours (a check-out's or a coordinator's entry) the
// filter chooses, with its current status, in the programme's order (shift start, shift, claim),
// by one query read straight from the database's cursor: memory stays flat however many rows
// there are. A claim's decision (there is at most one: a decided claim takes no other) is joined
// by the index on refers_to; a claim with no decision that a later entry corrects is superseded.
// An error from fn stops the reading and is returned.
func (s *Store) EachHoursRow(ctx context.Context, f HoursFilter, fn func(HoursRow) error) error {
	where, args := "c.kind IN ('checkin', 'entered')", []any{}
	if f.OrgID != 0 {
		where, args = where+" AND c.org_id = ?", append(args, f.OrgID)
	}
	rows, err := s.read(ctx).Query(`SELECT c.id, c.kind, c.refers_to, o.id, o.name_kk, o.name_ru, o.name_en, e.id, e.title_kk, e.title_ru, e.title_en, e.direction,
			sh.id, sh.starts_at, u.name, c.minutes, c.created_at,
			COALESCE(d.kind, CASE WHEN EXISTS (SELECT 1 FROM hours_ledger x WHERE x.refers_to = c.id AND x.kind = 'entered') THEN 'superseded' ELSE 'pending' END),
			COALESCE(d.created_at, 0), COALESCE(d.reason, '')
		FROM hours_ledger c JOIN shifts sh ON sh.id = c.shift_id JOIN events e ON e.id = sh.event_id
		JOIN organizations o ON o.id = c.org_id JOIN users u ON u.id = c.user_id
		LEFT JOIN hours_ledger d ON d.id = (SELECT MIN(y.id) FROM hours_ledger y WHERE y.refers_to = c.id AND y.kind IN ('approved', 'rejected'))
		WHERE `+where+`
		ORDER BY sh.starts_at, sh.id, c.id`, args...)
	if err != nil {
		return fmt.Errorf("store: hours rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r HoursRow
		var start, entered, decided int64
		if err := rows.Scan(&r.ClaimID, &r.Kind, &r.Replaces, &r.OrgID, &r.OrgName.KK, &r.OrgName.RU, &r.OrgName.EN, &r.EventID, &r.EventTitle.KK, &r.EventTitle.RU, &r.EventTitle.EN,
			&r.Direction, &r.ShiftID, &start, &r.VolunteerName, &r.Minutes, &entered, &r.Status, &decided, &r.Reason); err != nil {
			return fmt.Errorf("store: hours rows: %w", err)
		}
		r.ShiftStart, r.EnteredAt, r.DecidedAt = fromUnix(start), fromUnix(entered), fromUnix(decided)
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: hours rows: %w", err)
	}
	return nil
}
