package web

import (
	"strings"

	"erikti/internal/domain"
)

// How the coordinators' form of an organization is read into the domain; an event's and its
// shifts' are read in input.go, beside the API's JSON. The pages themselves are in
// organizations_pages.go, events_manage_pages.go and shifts_pages.go.

// localTime is how a time is written in a datetime-local field: Almaty time, to the minute.
const localTime = "2006-01-02T15:04"

func orgFromForm(f *form) domain.Organization {
	return domain.Organization{Name: f.Get("name"), Description: strings.TrimSpace(f.Values.Get("description")),
		Email: f.Get("email"), Phone: f.Get("phone"), Website: f.Get("website"), BIN: f.Get("bin")}
}
