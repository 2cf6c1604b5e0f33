package domain

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// Check-in: a confirmed volunteer shows a coordinator of the shift's organization a short typed
// code (or its QR token) and is checked in, once, from CheckinOpensBefore the start until the end;
// checked out until CheckoutGrace after the end.
const (
	CheckinOpensBefore = 30 * time.Minute
	CheckoutGrace      = 30 * time.Minute
	// CheckinUndoWindow is how long after a check-in the coordinator who made it may take it back.
	CheckinUndoWindow = 2 * time.Minute
	// CheckinCodeLen characters from CheckinAlphabet: 25^7 ≈ 6·10⁹ codes, unique per shift.
	CheckinCodeLen = 7
	// CheckinAlphabet has no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
	CheckinAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"
)

// Checkin is one confirmed signup's attendance on a shift.
type Checkin struct {
	SignupID     int64
	ShiftID      int64
	UserID       int64
	UserName     string
	Code         string
	CheckedInAt  time.Time // zero until checked in
	CheckedInBy  int64     // the coordinator who checked in; 0 until checked in
	CheckedOutAt time.Time // zero until checked out
}

// NewCheckinCode draws a random code from CheckinAlphabet.
func NewCheckinCode() (string, error) {
	b := make([]byte, CheckinCodeLen)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("domain: check-in code: %w", err)
	}
	for i := range b {
		b[i] = CheckinAlphabet[int(b[i])%len(CheckinAlphabet)]
	}
	return string(b), nil
}

// NormalizeCheckinCode reads a typed code: case, spaces and dashes do not matter. A code that
// cannot be one is refused naming field.
func NormalizeCheckinCode(field, code string) (string, error) {
	c := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
	if c == "" {
		return "", FieldErr(Invalid, field, "checkin.code_required", nil)
	}
	if len(c) != CheckinCodeLen || strings.Trim(c, CheckinAlphabet) != "" {
		return "", FieldErr(Invalid, field, "checkin.code_unknown", nil)
	}
	return c, nil
}

// CheckinOpen reports, naming field, whether a check-in to sh is allowed at now.
func CheckinOpen(field string, sh Shift, now time.Time) error {
	if now.Before(sh.StartsAt.Add(-CheckinOpensBefore)) {
		return FieldErr(Invalid, field, "checkin.too_early", map[string]any{"minutes": int(CheckinOpensBefore / time.Minute)})
	}
	if now.After(sh.EndsAt) {
		return FieldErr(Invalid, field, "checkin.closed", nil)
	}
	return nil
}

// CheckoutOpen reports, naming field, whether a check-out from sh is allowed at now.
func CheckoutOpen(field string, sh Shift, now time.Time) error {
	if now.Before(sh.StartsAt.Add(-CheckinOpensBefore)) {
		return FieldErr(Invalid, field, "checkin.checkout_early", nil)
	}
	if now.After(sh.EndsAt.Add(CheckoutGrace)) {
		return FieldErr(Invalid, field, "checkin.checkout_closed", map[string]any{"minutes": int(CheckoutGrace / time.Minute)})
	}
	return nil
}

// NoShow reports whether a confirmed signup that was never checked in is a no-show at now.
func NoShow(sh Shift, c Checkin, now time.Time) bool {
	return c.CheckedInAt.IsZero() && now.After(sh.EndsAt)
}
