package domain

import (
	"math"
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
	OrgName       Text // of the organization, read with the event
	Direction     string
	ProjectID     int64 // 0: none
	Title         Text
	Description   Text
	Venue         Text    // the place's name
	Address       Text    // its street address; may be empty
	Lat, Lon      float64 // its coordinates; both 0 when unknown
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
	OrgStatus     OrgStatus   // of the organization, read with the event
	Tally         *EventTally // its places and attendance, read with a programme list; nil otherwise
	Cover         Image       // its cover picture, read with the event; none when not uploaded
}

// EventTally is an event's places summed over its shifts, as a programme card shows them.
type EventTally struct {
	Shifts     int // all its shifts
	OpenShifts int // its shifts that have not started
	PlacesLeft int // free places on the shifts that have not started
	Waiting    int // people on the waitlists of those shifts
	Came       int // people checked in at any of its shifts
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

// CheckCoordinates records a problem unless lat and lon are a point on Earth, given both or
// neither (0 and 0: unknown).
func CheckCoordinates(p *Problems, lat, lon float64) {
	switch {
	case math.IsNaN(lat) || lat < -90 || lat > 90:
		p.Add("lat", "texts.coordinate_range", map[string]any{"min": -90, "max": 90})
	case math.IsNaN(lon) || lon < -180 || lon > 180:
		p.Add("lon", "texts.coordinate_range", map[string]any{"min": -180, "max": 180})
	case (lat == 0) != (lon == 0):
		p.Add("lat", "texts.coordinates_both", nil)
	}
}

// Place is the event's venue and, when known, its address, in lang (Text.In's fallback order):
// what a calendar's location and a map search are given.
func (e Event) Place(lang string) string {
	if a := e.Address.In(lang); a != "" {
		return e.Venue.In(lang) + ", " + a
	}
	return e.Venue.In(lang)
}

// HasCoordinates reports whether the event's place has known coordinates.
func (e Event) HasCoordinates() bool { return e.Lat != 0 || e.Lon != 0 }

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
	CheckLocalizedLine(&p, "venue", e.Venue, true, MaxVenueLen)
	CheckLocalizedLine(&p, "address", e.Address, false, MaxVenueLen)
	CheckCoordinates(&p, e.Lat, e.Lon)
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

// EventInput is an event as a coordinator gives it, through the API's JSON or the page's form: a
// nil field stays as it is. Each transport reads its own encoding into it, recording on a
// Problems what it cannot read (a time that is not one); the rules are here and in Event.Validate,
// once for both.
type EventInput struct {
	Direction     *string
	ProjectID     *int64
	Title         *Text
	Description   *Text
	Venue         *Text
	Address       *Text
	Lat, Lon      *float64
	District      *string
	StartsAt      *time.Time
	EndsAt        *time.Time
	Accessibility *[]string
	MinAge        *int
	Silver        *bool
	Heavy         *bool
	Status        *EventStatus
	CityProgramme *bool
}

// Apply writes the given fields onto e. Only the Front Office curates the city programme.
func (in *EventInput) Apply(e *Event, frontOffice bool) error {
	if in.CityProgramme != nil && !frontOffice {
		return FieldErr(Forbidden, "city_programme", "forbidden.front_office", nil)
	}
	set(&e.Direction, in.Direction)
	set(&e.ProjectID, in.ProjectID)
	set(&e.Title, in.Title)
	set(&e.Description, in.Description)
	set(&e.Venue, in.Venue)
	set(&e.Address, in.Address)
	set(&e.Lat, in.Lat)
	set(&e.Lon, in.Lon)
	set(&e.District, in.District)
	set(&e.StartsAt, in.StartsAt)
	set(&e.EndsAt, in.EndsAt)
	set(&e.Accessibility, in.Accessibility)
	set(&e.MinAge, in.MinAge)
	set(&e.Silver, in.Silver)
	set(&e.Heavy, in.Heavy)
	set(&e.Status, in.Status)
	set(&e.CityProgramme, in.CityProgramme)
	return nil
}

// NewEvent makes a new event of orgID from the input: a draft unless the input says otherwise, and
// never cancelled (an event is cancelled later, with its signups). The problems found reading the
// input (p) are reported with that rule's, before the event is validated; when there are some,
// the event is returned as read, for a form to check the rest.
func (in *EventInput) NewEvent(orgID int64, frontOffice bool, p *Problems) (Event, error) {
	e := Event{OrgID: orgID, Status: EventDraft}
	if err := in.Apply(&e, frontOffice); err != nil {
		return e, err
	}
	if e.Status == EventCancelled {
		p.Add("status", "field.unknown_status", nil)
	}
	if err := p.Err(); err != nil {
		return e, err
	}
	return e, e.Validate()
}

// Update is the change to an event the input asks for, as UpdateEvent's mutate: the problems
// found reading the input (p) refuse it; the store validates the result.
func (in *EventInput) Update(frontOffice bool, p *Problems) func(*Event) error {
	return func(e *Event) error {
		if err := in.Apply(e, frontOffice); err != nil {
			return err
		}
		return p.Err()
	}
}

// ShiftInput is a shift as a coordinator gives it, through the API's JSON or the page's form: a
// nil field stays as it is.
type ShiftInput struct {
	Role     *Text
	StartsAt *time.Time
	EndsAt   *time.Time
	Capacity *int
}

// Apply writes the given fields onto sh.
func (in *ShiftInput) Apply(sh *Shift) {
	set(&sh.Role, in.Role)
	set(&sh.StartsAt, in.StartsAt)
	set(&sh.EndsAt, in.EndsAt)
	set(&sh.Capacity, in.Capacity)
}

// Update is the change to a shift the input asks for, as UpdateShift's mutate: the problems found
// reading the input (p) refuse it; the store validates the result.
func (in *ShiftInput) Update(p *Problems) func(*Shift) error {
	return func(sh *Shift) error {
		in.Apply(sh)
		return p.Err()
	}
}

// NewShift makes a new shift of the event e from the input. The problems found reading the input
// (p) come first; then the shift is validated against e.
func (in *ShiftInput) NewShift(e *Event, p *Problems) (Shift, error) {
	sh := Shift{EventID: e.ID}
	in.Apply(&sh)
	if err := p.Err(); err != nil {
		return sh, err
	}
	return sh, sh.Validate(e)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
