package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Hours: a claim of minutes for a confirmed signup, from its check-in and check-out or entered by
// a coordinator, never more than the shift's length and HoursMargin; it counts once a coordinator
// of the shift's organization approves it. Hours are claimed and approved only once the shift has
// started, never approved by the volunteer they belong to, and a signup has at most one approved
// claim, so that what it counts never passes the cap: a correction replaces a pending claim.
const (
	HoursMargin     = 30 * time.Minute
	LedgerCheckin   = "checkin"  // a claim computed from the check-in and check-out
	LedgerEntered   = "entered"  // a claim a coordinator entered; it may correct an earlier one
	LedgerApproved  = "approved" // a decision on a claim
	LedgerRejected  = "rejected" // a decision on a claim, with a reason
	ClaimPending    = "pending"
	ClaimSuperseded = "superseded"
)

// LedgerEntry is one row of the append-only hours ledger.
type LedgerEntry struct {
	ID, UserID, SignupID, ShiftID, OrgID int64
	Kind                                 string
	Minutes                              int
	RefersTo                             int64 // the claim a decision or correction is about; 0 for a first claim
	Reason                               string
	ActorID                              int64
	CreatedAt                            time.Time
	Status                               string // of a claim: pending, approved, rejected or superseded
}

// CapMinutes is the most a claim for sh may hold.
func CapMinutes(sh Shift) int { return int((sh.EndsAt.Sub(sh.StartsAt) + HoursMargin) / time.Minute) }

// AttendedMinutes is what a check-in and a check-out give, cut to the cap.
func AttendedMinutes(sh Shift, in, out time.Time) int {
	m := int(out.Sub(in) / time.Minute)
	return max(0, min(m, CapMinutes(sh)))
}

// CheckMinutes refuses, naming the field minutes, a claim below zero or over the cap.
func CheckMinutes(sh Shift, minutes int) error {
	if minutes < 0 {
		return FieldErr(Invalid, "minutes", "hours.negative", nil)
	}
	if c := CapMinutes(sh); minutes > c {
		return FieldErr(Invalid, "minutes", "hours.over_cap", map[string]any{"max": c / 60, "min": c % 60})
	}
	return nil
}

// CheckStarted refuses hours for a shift that has not started at now: invalid (422) naming the
// shift's starts_at, hours.not_started, so that no approved hours, and so no certificate's period,
// lie after the moment they were approved.
func CheckStarted(sh Shift, now time.Time) error {
	if now.Before(sh.StartsAt) {
		return FieldErr(Invalid, "starts_at", "hours.not_started", nil)
	}
	return nil
}

// CheckNotOwn refuses (409 hours.own) a decision by the volunteer the hours belong to, whatever
// their role: nobody approves their own hours.
func CheckNotOwn(actorID int64, claim LedgerEntry) error {
	if actorID == claim.UserID {
		return Errorf(Conflict, "hours.own", nil)
	}
	return nil
}

// CheckReason refuses a rejection without a reason, with one too long, or with one of more than
// one line or with control characters (the page asks for one line; the mail quotes it).
func CheckReason(reason string) (string, error) {
	r := strings.TrimSpace(reason)
	if r == "" {
		return "", FieldErr(Invalid, "reason", "hours.reason_required", nil)
	}
	if HasLineBreakOrControl(r) {
		return "", FieldErr(Invalid, "reason", "field.control_chars", nil)
	}
	if utf8.RuneCountInString(r) > MaxReasonLen {
		return "", FieldErr(Invalid, "reason", "field.too_long", map[string]any{"max": MaxReasonLen})
	}
	return r, nil
}
