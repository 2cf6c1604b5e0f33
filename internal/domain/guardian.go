package domain

import (
	"strings"
	"time"
)

// A guardian's consent (Law "On Volunteer Activity", art. 12): under an age the city chooses (18
// by default; the law's text names 14, some officials 16) a volunteer signs up for shifts only
// once a parent or guardian has agreed. The volunteer names the guardian's address, the guardian
// answers through a link, and erikti records who, when, how and which version of the text.

// DefaultGuardianAge is the age under which a volunteer needs a guardian's consent, when the
// server is given none.
const DefaultGuardianAge = AdultAge

// GuardianConsentVersion is the version of the consent text a guardian agrees to (the messages
// guardian_consent.*).
const GuardianConsentVersion = "2026-12-01"

// GuardianConsentTTL is how long the link sent to a guardian stays good.
const GuardianConsentTTL = 7 * 24 * time.Hour

// The states of a volunteer's guardian's consent.
const (
	GuardianNotNeeded = "not_needed" // old enough
	GuardianNeeded    = "needed"     // too young, and no consent asked for
	GuardianRequested = "requested"  // a link to a guardian is still good
	GuardianGiven     = "given"      // a guardian agreed
)

// The guardian's answers to the link.
const (
	GuardianConfirm = "confirm"
	GuardianDecline = "decline"
)

// NeedsGuardian reports whether someone born on birth is under guardianAge on the day of t, and
// so needs a guardian's consent to volunteer then. A guardianAge of 0 is DefaultGuardianAge.
func NeedsGuardian(birth, t time.Time, guardianAge int) bool {
	if guardianAge <= 0 {
		guardianAge = DefaultGuardianAge
	}
	return !birth.IsZero() && AgeOn(birth, t) < guardianAge
}

// GuardianRequest is what a young volunteer gives to ask a guardian's consent.
type GuardianRequest struct {
	Email string // the guardian's
	Name  string // the guardian's, as the volunteer writes it
}

// Validate checks a request from the volunteer whose own address is own, and normalizes it.
func (g *GuardianRequest) Validate(own string) error {
	var p Problems
	g.Email = strings.ToLower(strings.TrimSpace(g.Email))
	g.Name = strings.TrimSpace(g.Name)
	CheckEmail(&p, "email", g.Email)
	if !p.Has("email") && strings.EqualFold(g.Email, strings.TrimSpace(own)) {
		p.Add("email", "field.guardian_own_email", nil)
	}
	CheckLine(&p, "name", g.Name, 1, MaxNameLen)
	return p.Err()
}

// GuardianAnswer is the guardian's answer to the link: the decision and, to agree, their name.
type GuardianAnswer struct {
	Decision string
	Name     string
}

// Validate checks an answer and normalizes it.
func (g *GuardianAnswer) Validate() error {
	var p Problems
	g.Name = strings.TrimSpace(g.Name)
	switch g.Decision {
	case GuardianConfirm:
		CheckLine(&p, "name", g.Name, 1, MaxNameLen)
	case GuardianDecline:
		CheckLine(&p, "name", g.Name, 0, MaxNameLen)
	case "":
		p.Add("decision", "field.required", nil)
	default:
		p.Add("decision", "field.guardian_decision", nil)
	}
	return p.Err()
}
