package domain

import (
	"testing"
	"time"
)

// The rules of an event's input hold for every transport: a new event is a draft unless it says
// otherwise and never cancelled, only the Front Office sets the city programme, the problems found
// reading the input come before validation, and a change leaves absent fields as they are.
func TestEventInputRules(t *testing.T) {
	start := time.Date(2027, 3, 1, 4, 0, 0, 0, time.UTC)
	end := start.Add(3 * time.Hour)
	valid := func() EventInput {
		return EventInput{Direction: new("ecology"), Title: &Text{KK: "Сенбілік"}, Venue: &Text{KK: "Саябақ"}, District: new("medeu"),
			StartsAt: &start, EndsAt: &end}
	}
	field := func(err error) string {
		e, ok := err.(*Error)
		if !ok || len(e.Fields) == 0 {
			return ""
		}
		return string(e.Code) + " " + e.Fields[0].Field
	}

	in := valid()
	var p Problems
	e, err := in.NewEvent(7, false, &p)
	if err != nil || e.OrgID != 7 || e.Status != EventDraft || e.Venue.KK != "Саябақ" {
		t.Fatalf("a valid new event: %+v %v", e, err)
	}
	in.Status = new(EventCancelled)
	if _, err := in.NewEvent(7, true, &Problems{}); field(err) != "invalid status" {
		t.Fatalf("a new cancelled event: %v", err)
	}
	in = valid()
	in.CityProgramme = new(true)
	if _, err := in.NewEvent(7, false, &Problems{}); field(err) != "forbidden city_programme" {
		t.Fatalf("the city programme set by a coordinator: %v", err)
	}
	if e, err := in.NewEvent(7, true, &Problems{}); err != nil || !e.CityProgramme {
		t.Fatalf("the city programme set by the Front Office: %+v %v", e, err)
	}
	in = valid()
	in.Venue = &Text{}
	p = Problems{}
	p.Add("ends_at", "field.time", nil)
	if _, err := in.NewEvent(7, false, &p); field(err) != "invalid ends_at" || len(err.(*Error).Fields) != 1 {
		t.Fatalf("a problem reading the input is not reported first and alone: %v", err)
	}

	e.Silver = true
	change := EventInput{Venue: &Text{KK: "Абай алаңы"}}
	if err := change.Update(false, &Problems{})(&e); err != nil || e.Venue.KK != "Абай алаңы" || !e.Silver || e.Title.KK != "Сенбілік" {
		t.Fatalf("a change of the venue: %+v %v", e, err)
	}
	p = Problems{}
	p.Add("starts_at", "field.time", nil)
	if err := change.Update(false, &p)(&e); field(err) != "invalid starts_at" {
		t.Fatalf("a change with a problem reading it: %v", err)
	}

	capacity := 0
	sh, err := (&ShiftInput{Role: &Text{RU: "Фотограф"}, StartsAt: &start, EndsAt: &end, Capacity: &capacity}).NewShift(&e, &Problems{})
	if field(err) != "invalid capacity" || sh.Role.RU != "Фотограф" {
		t.Fatalf("a shift of no places: %+v %v", sh, err)
	}
}
