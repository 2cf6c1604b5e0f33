package domain

import (
	"errors"
	"time"
)

// EventInput is an event as a coordinator gives it, through the API's JSON or the page's form: a
// nil field stays as it is. Each transport reads its own encoding into it, recording on a
// Problems what it cannot read (a time that is not one); the rules are here and in Event.Validate,
// once for both.
type EventInput struct {
	Direction     *string
	ProjectID     *int64
	Title         *Text
	Description   *Text
	Venue         *string
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

// Prefixed names the fields of a validation error as parts of a larger whole, such as
// shifts[2].capacity; other errors are returned as they are.
func Prefixed(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Fields = make([]FieldError, len(e.Fields))
	for i, f := range e.Fields {
		f.Field = prefix + f.Field
		out.Fields[i] = f
	}
	return &out
}
