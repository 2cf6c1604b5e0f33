package domain

import (
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Asia/Almaty must resolve on machines without a zone database
)

// EventStatus is an event's publication status.
type EventStatus string

// Event statuses.
const (
	EventDraft     EventStatus = "draft"
	EventPublished EventStatus = "published"
	EventCancelled EventStatus = "cancelled"
)

// Project is a flagship series, such as "100 good meetings" with a target of 100.
type Project struct {
	ID          int64
	Slug        string
	Name        Text
	Description Text
	Target      int // 0: no target
}

// Event is one event of an organization.
type Event struct {
	ID            int64
	OrgID         int64
	OrgName       string
	Direction     string
	ProjectID     int64 // 0: none
	Title         Text
	Description   Text
	Venue         string
	District      string
	StartsAt      time.Time
	EndsAt        time.Time
	Accessibility []string
	MinAge        int
	Silver        bool // suitable for volunteers aged SilverAge and over
	Heavy         bool // heavy or hazardous work: not for under-18s
	Status        EventStatus
	CityProgramme bool
	CreatedAt     time.Time
	Shifts        []Shift
	OrgStatus     OrgStatus // of the organization, read with the event
}

// Public reports whether anyone may see the event: it is not a draft and its organization is
// verified. The others are seen only by the organization's members and the Front Office.
func (e Event) Public() bool { return e.Status != EventDraft && e.OrgStatus == OrgVerified }

// Shift is a slot of an event that volunteers sign up for.
type Shift struct {
	ID         int64
	EventID    int64
	Role       Text
	StartsAt   time.Time
	EndsAt     time.Time
	Capacity   int
	Confirmed  int
	Waitlisted int
}

// Limits on events and shifts.
const (
	MaxTitleLen    = 200
	MaxVenueLen    = 300
	MaxRoleLen     = 120
	MaxCapacity    = 100000
	MaxMinAge      = 100
	MaxEventLength = 366 * 24 * time.Hour
	MaxShiftLength = 7 * 24 * time.Hour
)

// Almaty is the zone every event time is given in; times are stored as UTC.
func Almaty() *time.Location { return almaty() }

var almaty = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Almaty")
	if err != nil { // time/tzdata is embedded, so this cannot happen
		panic(err)
	}
	return loc
})

// ParseTime reads a time as RFC 3339 with an offset, or as "2006-01-02T15:04" (seconds optional)
// in Asia/Almaty time. Dates that do not exist (30 February) are refused.
func ParseTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return inRange(t.UTC())
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, Almaty()); err == nil {
			return inRange(t.UTC())
		}
	}
	return time.Time{}, false
}

// inRange keeps times that erikti can write back as they were read: from 1970 (Almaty's offset
// was not whole minutes before 1924) to 9998 (a year of five digits is not RFC 3339).
func inRange(t time.Time) (time.Time, bool) {
	if t.Year() < 1970 || t.Year() > 9998 {
		return time.Time{}, false
	}
	return t, true
}

// CheckLocalized records problems with a text given in several languages: at least one language
// when required, each within maxLen.
func CheckLocalized(p *Problems, field string, t Text, required bool, maxLen int) {
	checkLocalized(p, field, t, required, maxLen, CheckText)
}

// CheckLocalizedLine is CheckLocalized for a text of one line in each language (a title).
func CheckLocalizedLine(p *Problems, field string, t Text, required bool, maxLen int) {
	checkLocalized(p, field, t, required, maxLen, CheckLine)
}

func checkLocalized(p *Problems, field string, t Text, required bool, maxLen int, check func(*Problems, string, string, int, int)) {
	if required && strings.TrimSpace(t.KK) == "" && strings.TrimSpace(t.RU) == "" && strings.TrimSpace(t.EN) == "" {
		p.Add(field, "field.required_any_language", nil)
		return
	}
	for _, l := range Languages() {
		check(p, field+"."+l, t.Get(l), 0, maxLen)
	}
}

// CheckSpan records problems with a start and end: both given, end after start, at most maxLen apart.
func CheckSpan(p *Problems, start, end time.Time, maxLen time.Duration) {
	if start.IsZero() {
		p.Add("starts_at", "field.required", nil)
	}
	if end.IsZero() {
		p.Add("ends_at", "field.required", nil)
	}
	if start.IsZero() || end.IsZero() {
		return
	}
	if !end.After(start) {
		p.Add("ends_at", "field.end_before_start", nil)
	} else if end.Sub(start) > maxLen {
		p.Add("ends_at", "field.span_too_long", map[string]any{"hours": int(maxLen.Hours())})
	}
}

// Validate checks an event's fields.
func (e *Event) Validate() error {
	var p Problems
	if !IsDirection(e.Direction) {
		p.Add("direction", "field.unknown_direction", nil)
	}
	CheckLocalizedLine(&p, "title", e.Title, true, MaxTitleLen)
	CheckLocalized(&p, "description", e.Description, false, MaxDescriptionLen)
	CheckLine(&p, "venue", e.Venue, 1, MaxVenueLen)
	if !IsDistrict(e.District) {
		p.Add("district", "field.unknown_district", nil)
	}
	CheckSpan(&p, e.StartsAt, e.EndsAt, MaxEventLength)
	seen := map[string]bool{}
	for _, f := range e.Accessibility {
		if !IsAccessibilityFeature(f) || seen[f] {
			p.Add("accessibility", "field.unknown_accessibility", map[string]any{"value": f})
			break
		}
		seen[f] = true
	}
	if e.MinAge < 0 || e.MinAge > MaxMinAge {
		p.Add("min_age", "field.range", map[string]any{"min": 0, "max": MaxMinAge})
	}
	switch e.Status {
	case EventDraft, EventPublished, EventCancelled:
	default:
		p.Add("status", "field.unknown_status", nil)
	}
	return p.Err()
}

// Validate checks a shift's fields against its event.
func (s *Shift) Validate(e *Event) error {
	var p Problems
	CheckLocalizedLine(&p, "role", s.Role, true, MaxRoleLen)
	CheckSpan(&p, s.StartsAt, s.EndsAt, MaxShiftLength)
	if s.Capacity < 1 || s.Capacity > MaxCapacity {
		p.Add("capacity", "field.range", map[string]any{"min": 1, "max": MaxCapacity})
	}
	if !p.Has("starts_at") && !p.Has("ends_at") && e != nil &&
		(s.StartsAt.Before(e.StartsAt) || s.EndsAt.After(e.EndsAt)) {
		p.Add("starts_at", "field.shift_outside_event", nil)
	}
	return p.Err()
}

// PlacesLeft is how many more volunteers the shift can confirm.
func (s *Shift) PlacesLeft() int {
	if n := s.Capacity - s.Confirmed; n > 0 {
		return n
	}
	return 0
}
