package web

import (
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// How the coordinators' forms of an organization, an event and its shifts are read into the
// domain. The pages themselves are in organizations_pages.go, events_manage_pages.go and
// shifts_pages.go.

// localTime is how a time is written in a datetime-local field: Almaty time, to the minute.
const localTime = "2006-01-02T15:04"

func orgFromForm(f *form) domain.Organization {
	return domain.Organization{Name: f.Get("name"), Description: strings.TrimSpace(f.Values.Get("description")),
		Email: f.Get("email"), Phone: f.Get("phone"), Website: f.Get("website"), BIN: f.Get("bin")}
}

// applyEventForm writes the form's event fields onto e, recording what cannot be read on p.
func applyEventForm(f *form, e *domain.Event, p *domain.Problems) {
	e.Direction, e.Venue, e.District = f.Get("direction"), f.Get("venue"), f.Get("district")
	for _, l := range domain.Languages() {
		*textIn(&e.Title, l) = f.Get("title_" + l)
		*textIn(&e.Description, l) = strings.TrimSpace(f.Values.Get("description_" + l))
	}
	e.StartsAt = formTime(p, "starts_at", f.Get("starts_at"))
	e.EndsAt = formTime(p, "ends_at", f.Get("ends_at"))
	e.Accessibility = f.Values["accessibility"]
	e.MinAge = formInt(p, "min_age", f.Get("min_age"), 0)
	e.Silver = f.Get("silver") == "1"
	e.Heavy = f.Get("heavy") == "1"
	e.Status = domain.EventStatus(f.Get("status"))
	e.ProjectID = 0
	if pid := f.Get("project_id"); pid != "" {
		n, err := strconv.ParseInt(pid, 10, 64)
		if err != nil || n < 1 {
			p.Add("project_id", "field.unknown_project", nil)
		}
		e.ProjectID = n
	}
}

// textIn points at the language lang of t.
func textIn(t *domain.Text, lang string) *string {
	switch lang {
	case "ru":
		return &t.RU
	case "en":
		return &t.EN
	}
	return &t.KK
}

// formTime reads a datetime-local field in Almaty time.
func formTime(p *domain.Problems, field, v string) time.Time {
	if v == "" {
		return time.Time{} // the domain's rules say it is required
	}
	t, ok := domain.ParseTime(v)
	if !ok {
		p.Add(field, "field.time", nil)
	}
	return t
}

// formInt reads a whole-number field; empty means def.
func formInt(p *domain.Problems, field, v string, def int) int {
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		p.Add(field, "request.type_integer", nil)
	}
	return n
}

// applyShiftForm reads the shift fields named with prefix, the role in the reader's language.
func applyShiftForm(f *form, prefix, lang string, sh *domain.Shift, p *domain.Problems) {
	*textIn(&sh.Role, lang) = f.Get(prefix + "role")
	sh.StartsAt = formTime(p, prefix+"starts_at", f.Get(prefix+"starts_at"))
	sh.EndsAt = formTime(p, prefix+"ends_at", f.Get(prefix+"ends_at"))
	sh.Capacity = formInt(p, prefix+"capacity", f.Get(prefix+"capacity"), 0)
}
