package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// The seat rule, written once: a new signup is confirmed while its shift has a free seat and joins
// the end of the waitlist otherwise; when seats free up while people wait, the first in line take
// them. The functions of this file decide it on a shift's counters (capacity, confirmed_count,
// waitlisted_count) as read under the shift's lock, and count their decision into them; every path
// that moves a seat calls them — SignUp alone (signupWrite.alone), the signups of the SQLite group
// committer's line taken together (signupRun.take), CancelSignup (cancelInTx) and UpdateShift — and
// writes what they leave with writeSeats. The statements differ by need, the decision does not. See
// doc.go for every layer that keeps the promise.

// takeSeat decides the place of one new signup on sh — confirmed while a seat is free, else the end
// of the waitlist — and counts it into sh.
func takeSeat(sh *domain.Shift) domain.SignupStatus {
	if sh.PlacesLeft() > 0 {
		sh.Confirmed++
		return domain.SignupConfirmed
	}
	sh.Waitlisted++
	return domain.SignupWaitlisted
}

// promotable is how many of sh's waitlist move up: one for each free seat, while anyone waits.
func promotable(sh domain.Shift) int { return min(sh.PlacesLeft(), sh.Waitlisted) }

// leaveSeat takes a signup of status, cancelled at now, off sh's counters, and says how many of the
// waitlist move up into the seat it frees: none for a place in line, nor once the shift has started
// (a place freed during the shift is not offered on).
func leaveSeat(sh *domain.Shift, status domain.SignupStatus, now time.Time) (promote int) {
	switch status {
	case domain.SignupConfirmed:
		sh.Confirmed--
	case domain.SignupWaitlisted:
		sh.Waitlisted--
		return 0
	default:
		return 0
	}
	if !now.Before(sh.StartsAt) {
		return 0
	}
	return promotable(*sh)
}

// resizeSeats checks sh's new capacity against its counters, refusing one below its confirmed
// count, and says how many of the waitlist move up into the seats a higher one frees (even once the
// shift has started).
func resizeSeats(sh domain.Shift) (promote int, err error) {
	if sh.Capacity < sh.Confirmed {
		return 0, domain.FieldErr(domain.Conflict, "capacity", "field.capacity_below_confirmed", map[string]any{"confirmed": sh.Confirmed})
	}
	return promotable(sh), nil
}

// movedUp counts n of sh's waitlist moved up to confirmed.
func movedUp(sh *domain.Shift, n int) {
	sh.Confirmed += n
	sh.Waitlisted -= n
}

// writeSeats writes the counters of after over those of before, the shift's as the decision read
// them under its lock: only if the row still holds them, so that a decision made on counters that
// moved fails rather than books. The waitlist grows only at its end, so each volunteer who joined
// it takes the next waitlist_seq; seq is the last one given.
func writeSeats(tx *Tx, before, after domain.Shift) (seq int64, err error) {
	joined := max(after.Waitlisted-before.Waitlisted, 0)
	err = tx.QueryRow(`UPDATE shifts SET confirmed_count = ?, waitlisted_count = ?, waitlist_seq = waitlist_seq + ?
		WHERE id = ? AND capacity = ? AND confirmed_count = ? AND waitlisted_count = ? RETURNING waitlist_seq`,
		after.Confirmed, after.Waitlisted, joined, before.ID, before.Capacity, before.Confirmed, before.Waitlisted).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: seats of shift %d: its counters moved under its lock", before.ID)
	}
	if err != nil {
		return 0, fmt.Errorf("store: seats of shift %d: %w", before.ID, err)
	}
	return seq, nil
}

// settleSeats writes a change of a shift's seats that a cancellation or a capacity change decided:
// it moves the first n of the waitlist up to confirmed, writes the counters of after over those of
// before (the shift's as read under its lock), and tells the promoted. It returns their signup IDs
// and the counters written.
func (s *Store) settleSeats(tx *Tx, before, after domain.Shift, n int) ([]int64, domain.Shift, error) {
	var ids, users []int64
	if n > 0 {
		rows, err := tx.Query(`UPDATE signups SET status = 'confirmed', waitlist_seq = NULL, updated_at = ?
			WHERE id IN (SELECT id FROM signups WHERE shift_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT ?)
			RETURNING id, user_id`, s.now().Unix(), before.ID, n)
		if err != nil {
			return nil, after, fmt.Errorf("store: promote: %w", err)
		}
		for rows.Next() {
			var id, user int64
			if err := rows.Scan(&id, &user); err != nil {
				rows.Close()
				return nil, after, fmt.Errorf("store: promote: %w", err)
			}
			ids, users = append(ids, id), append(users, user)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, after, fmt.Errorf("store: promote: %w", err)
		}
		movedUp(&after, len(ids))
	}
	if after.Confirmed != before.Confirmed || after.Waitlisted != before.Waitlisted {
		if _, err := writeSeats(tx, before, after); err != nil {
			return nil, after, err
		}
	}
	return ids, after, s.notifyPromoted(tx, before.ID, users)
}
