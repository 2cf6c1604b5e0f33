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
	CreatedAt   time.Time
}

// Registration is what a person gives to open an account.
type Registration struct {
	Email     string
	Password  string
	Name      string
	BirthDate string
	Locale    string
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
	switch n := utf8.RuneCountInString(r.Password); {
	case !utf8.ValidString(r.Password):
		p.Add("password", "field.encoding", nil)
	case n < MinPasswordLen:
		p.Add("password", "field.too_short", map[string]any{"min": MinPasswordLen})
	case n > MaxPasswordLen:
		p.Add("password", "field.too_long", map[string]any{"max": MaxPasswordLen})
	}
	r.Name = strings.TrimSpace(r.Name)
	CheckText(&p, "name", r.Name, 1, MaxNameLen)
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
	return email, birth, p.Err()
}

// ParseDate reads a calendar date "2006-01-02"; dates that do not exist are refused.
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
