package domain

import "time"

// SignupStatus is where a volunteer stands on a shift.
type SignupStatus string

// Signup statuses.
const (
	SignupConfirmed  SignupStatus = "confirmed"
	SignupWaitlisted SignupStatus = "waitlisted"
	SignupCancelled  SignupStatus = "cancelled"
)

// Signup is a volunteer's place, or place in line, on a shift.
type Signup struct {
	ID               int64
	ShiftID          int64
	EventID          int64
	UserID           int64
	UserName         string
	UserEmail        string
	Status           SignupStatus
	WaitlistPosition int // 1-based while waitlisted, else 0
	CreatedAt        time.Time
	CancelledAt      time.Time
	Shift            *Shift
	EventTitle       Text
}

// SignupTarget is what the signup rules need to know of a shift, read inside the signup's transaction.
type SignupTarget struct {
	Shift       Shift
	EventStatus EventStatus
	EventMinAge int
	Direction   string
	Heavy       bool // heavy or hazardous work
	OrgStatus   OrgStatus
}

// AdultAge is the age from which a volunteer may take part in emergency relief and heavy or
// hazardous work (Law "On Volunteer Activity", art. 12).
const AdultAge = 18

// CheckSignup applies the rules that decide whether a volunteer born on birth may sign up for a
// shift at now. It does not decide confirmed or waitlisted: the store takes the seat atomically.
func CheckSignup(t SignupTarget, birth time.Time, now time.Time) error {
	if t.OrgStatus == OrgSuspended {
		return Errorf(Conflict, "signup.org_suspended", nil)
	}
	if t.OrgStatus != OrgVerified {
		return Errorf(Conflict, "signup.org_not_verified", nil)
	}
	if t.EventStatus != EventPublished {
		return Errorf(Conflict, "signup.event_not_open", nil)
	}
	if !now.Before(t.Shift.StartsAt) {
		return Errorf(Conflict, "signup.closed", nil)
	}
	age := AgeOn(birth, t.Shift.StartsAt)
	if (t.Direction == DirectionEmergency || t.Heavy) && age < AdultAge {
		return Errorf(Forbidden, "signup.adults_only", nil)
	}
	if t.EventMinAge > 0 && age < t.EventMinAge {
		return Errorf(Forbidden, "signup.too_young", map[string]any{"age": t.EventMinAge})
	}
	return nil
}

// OverlapError is the conflict of holding two shifts at once; it names the other shift as a
// person knows it, by its event's title, its role and its time (starts as a moment, ends as the
// time of day in Almaty); shift_id and event_id are for programs.
func OverlapError(other Shift, title Text) *Error {
	return &Error{Code: Conflict, Key: "signup.overlap", Params: map[string]any{
		"shift_id": other.ID, "event_id": other.EventID, "title": title, "role": other.Role,
		"starts": other.StartsAt, "ends": other.EndsAt.In(Almaty()).Format("15:04"),
	}}
}

// AgeOn is the age in whole years on the calendar day of t in Almaty of someone born on birth.
func AgeOn(birth, t time.Time) int {
	t = t.In(Almaty())
	age := t.Year() - birth.Year()
	if t.Month() < birth.Month() || (t.Month() == birth.Month() && t.Day() < birth.Day()) {
		age--
	}
	return age
}
