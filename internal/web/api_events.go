package web

import (
	"errors"

	"erikti/internal/domain"
)

// eventInput is an event as a client sends it; absent fields stay as they are.
type eventInput struct {
	Direction     *string       `json:"direction"`
	ProjectID     *int64        `json:"project_id"`
	Title         *domain.Text  `json:"title"`
	Description   *domain.Text  `json:"description"`
	Venue         *string       `json:"venue"`
	District      *string       `json:"district"`
	StartsAt      *string       `json:"starts_at"`
	EndsAt        *string       `json:"ends_at"`
	Accessibility *[]string     `json:"accessibility"`
	MinAge        *int          `json:"min_age"`
	Silver        *bool         `json:"silver"`
	Heavy         *bool         `json:"heavy"`
	Status        *string       `json:"status"`
	CityProgramme *bool         `json:"city_programme"`
	Shifts        *[]shiftInput `json:"shifts"`
}

// apply writes the given fields onto e. Only the Front Office curates the city programme.
func (in *eventInput) apply(e *domain.Event, p *domain.Problems, frontOffice bool) error {
	if in.CityProgramme != nil && !frontOffice {
		return domain.FieldErr(domain.Forbidden, "city_programme", "forbidden.front_office", nil)
	}
	set(&e.Direction, in.Direction)
	if in.ProjectID != nil {
		if *in.ProjectID < 0 {
			p.Add("project_id", "field.id", nil)
		}
		e.ProjectID = *in.ProjectID
	}
	set(&e.Title, in.Title)
	set(&e.Description, in.Description)
	set(&e.Venue, in.Venue)
	set(&e.District, in.District)
	if in.StartsAt != nil {
		e.StartsAt = parseTime(p, "starts_at", *in.StartsAt)
	}
	if in.EndsAt != nil {
		e.EndsAt = parseTime(p, "ends_at", *in.EndsAt)
	}
	if in.Accessibility != nil {
		e.Accessibility = *in.Accessibility
	}
	set(&e.MinAge, in.MinAge)
	set(&e.Silver, in.Silver)
	set(&e.Heavy, in.Heavy)
	if in.Status != nil {
		e.Status = domain.EventStatus(*in.Status)
	}
	set(&e.CityProgramme, in.CityProgramme)
	return nil
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// shiftInput is a shift as a client sends it; absent fields stay as they are.
type shiftInput struct {
	Role     *domain.Text `json:"role"`
	StartsAt *string      `json:"starts_at"`
	EndsAt   *string      `json:"ends_at"`
	Capacity *int         `json:"capacity"`
}

func (in *shiftInput) apply(sh *domain.Shift, p *domain.Problems) {
	set(&sh.Role, in.Role)
	if in.StartsAt != nil {
		sh.StartsAt = parseTime(p, "starts_at", *in.StartsAt)
	}
	if in.EndsAt != nil {
		sh.EndsAt = parseTime(p, "ends_at", *in.EndsAt)
	}
	set(&sh.Capacity, in.Capacity)
}

// prefixed names the fields of a validation error as parts of a larger one, such as shifts[2].capacity.
func prefixed(err error, prefix string) error {
	var e *domain.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Fields = make([]domain.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		f.Field = prefix + f.Field
		out.Fields[i] = f
	}
	return &out
}
