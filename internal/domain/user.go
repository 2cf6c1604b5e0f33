package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// User is a person with an account.
type User struct {
	ID          int64
	Email       string
	Name        string
	BirthDate   time.Time // a calendar date, at midnight UTC
	Locale      string
	FrontOffice bool
	Disabled    bool // signs in no more
	// EmailVerified: the person opened the link erikti sent to Email (or an operator made the account).
	EmailVerified bool
	CreatedAt     time.Time
	// TOTP: the account has confirmed TOTP two-factor authentication; every sign-in then needs a code.
	TOTP bool
	// SecondFactor: the session or API token the account was read by was confirmed with a second
	// factor. It belongs to the request, not the account: the store sets it when it reads a user by
	// session or token, and only such a request may act in a role (organization member, Front Office).
	SecondFactor bool
	// PrivacyConsent is the version of the privacy policy the person's standing consent is to (""
	// when none), read with the session or token in the same query when ConsentRead is set.
	PrivacyConsent string
	ConsentRead    bool
	Profile
}

// Profile is what a volunteer tells about themselves so that organizations can find the right
// shift for them; every field may stay empty.
type Profile struct {
	District           string   // one of Districts(), or ""
	University         string   // one of Almaty's universities or colleges, as the volunteer writes it
	Languages          []string // codes of SpokenLanguages()
	Skills             string
	AccessibilityNeeds string
}

// Limits on a profile.
const (
	MaxUniversityLen = 200
	MaxSkillsLen     = 1000
	MaxNeedsLen      = 1000
)

// Validate checks a profile's fields.
func (p *Profile) Validate() error {
	var ps Problems
	p.check(&ps)
	return ps.Err()
}

// ValidateAccount checks a profile as its owner changes it, with their name and language.
func (p *Profile) ValidateAccount(name, locale string) error {
	var ps Problems
	p.check(&ps)
	CheckLine(&ps, "name", name, 1, MaxNameLen)
	if !IsLanguage(locale) {
		ps.Add("locale", "field.locale", nil)
	}
	return ps.Err()
}

func (p *Profile) check(ps *Problems) {
	if p.District != "" && !IsDistrict(p.District) {
		ps.Add("district", "field.unknown_district", nil)
	}
	p.University = strings.TrimSpace(p.University)
	CheckLine(ps, "university", p.University, 0, MaxUniversityLen)
	seen := map[string]bool{}
	for _, l := range p.Languages {
		if !IsSpokenLanguage(l) || seen[l] {
			ps.Add("languages", "field.unknown_language", map[string]any{"value": l})
			break
		}
		seen[l] = true
	}
	CheckText(ps, "skills", p.Skills, 0, MaxSkillsLen)
	CheckText(ps, "accessibility_needs", p.AccessibilityNeeds, 0, MaxNeedsLen)
}

// PrivacyPolicyVersion is the version of the privacy policy that erikti's messages (privacy.*)
// hold; people agree to it at registration, and again when it changes.
const PrivacyPolicyVersion = "2026-11-01"

// SilverAge is the age from which a volunteer belongs to the "silver" programme.
const SilverAge = 55

// Silver reports whether the user is a "silver" volunteer on the given day.
func (u *User) Silver(on time.Time) bool {
	return !u.BirthDate.IsZero() && AgeOn(u.BirthDate, on) >= SilverAge
}

// Registration is what a person gives to open an account.
type Registration struct {
	Email               string
	Password            string
	Name                string
	BirthDate           string
	Locale              string
	AcceptPrivacyPolicy bool // consent to the processing of personal data, which registering needs
}

// Limits on accounts.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
	MinAge         = 7
	MaxAge         = 120
)

// Validate checks a registration and returns the normalized email and the birth date.
func (r *Registration) Validate(now time.Time) (email string, birth time.Time, err error) {
	var p Problems
	email = strings.ToLower(strings.TrimSpace(r.Email))
	CheckEmail(&p, "email", email)
	CheckPassword(&p, "password", r.Password)
	r.Name = strings.TrimSpace(r.Name)
	CheckLine(&p, "name", r.Name, 1, MaxNameLen)
	birth, ok := ParseDate(r.BirthDate)
	switch {
	case r.BirthDate == "":
		p.Add("birth_date", "field.required", nil)
	case !ok:
		p.Add("birth_date", "field.date", nil)
	default:
		if age := AgeOn(birth, now); age < MinAge || age > MaxAge {
			p.Add("birth_date", "field.age_range", map[string]any{"min": MinAge, "max": MaxAge})
		}
	}
	if r.Locale == "" {
		r.Locale = "kk"
	} else if !IsLanguage(r.Locale) {
		p.Add("locale", "field.locale", nil)
	}
	if !r.AcceptPrivacyPolicy {
		p.Add("accept_privacy_policy", "field.consent_required", nil)
	}
	return email, birth, p.Err()
}

// CheckPassword records problems with a new password: valid UTF-8 of MinPasswordLen to
// MaxPasswordLen characters of any script; it is never truncated.
func CheckPassword(p *Problems, field, password string) {
	switch n := utf8.RuneCountInString(password); {
	case !utf8.ValidString(password):
		p.Add(field, "field.encoding", nil)
	case n < MinPasswordLen:
		p.Add(field, "field.too_short", map[string]any{"min": MinPasswordLen})
	case n > MaxPasswordLen:
		p.Add(field, "field.too_long", map[string]any{"max": MaxPasswordLen})
	}
}

// ParseDate reads a calendar date "2006-01-02"; dates that do not exist are refused.
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
