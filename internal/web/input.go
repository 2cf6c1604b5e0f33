package web

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// The API's JSON and the pages' forms are read here into the domain's inputs (domain.EventInput,
// domain.ShiftInput), which hold the rules: a transport only reads its encoding, recording what
// it cannot read on a domain.Problems. The event form's labels and the values it shows are here
// too, beside the code that reads it back, so that a new field of an event is added to the web in
// this file (and views.go for the API's answer).

// eventInput is an event as a client sends it; absent fields stay as they are.
type eventInput struct {
	Direction     *string       `json:"direction"`
	ProjectID     *int64        `json:"project_id"`
	Title         *domain.Text  `json:"title"`
	Description   *domain.Text  `json:"description"`
	Venue         *domain.Text  `json:"venue"`
	Address       *domain.Text  `json:"address"`
	Lat           *float64      `json:"lat"`
	Lon           *float64      `json:"lon"`
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

// input reads the JSON into the domain's input.
func (in *eventInput) input(p *domain.Problems) *domain.EventInput {
	if in.ProjectID != nil && *in.ProjectID < 0 {
		p.Add("project_id", "field.id", nil)
	}
	out := &domain.EventInput{Direction: in.Direction, ProjectID: in.ProjectID, Title: in.Title, Description: in.Description,
		Venue: in.Venue, Address: in.Address, Lat: in.Lat, Lon: in.Lon, District: in.District, StartsAt: readTime(p, "starts_at", in.StartsAt), EndsAt: readTime(p, "ends_at", in.EndsAt),
		Accessibility: in.Accessibility, MinAge: in.MinAge, Silver: in.Silver, Heavy: in.Heavy, CityProgramme: in.CityProgramme}
	if in.Status != nil {
		out.Status = new(domain.EventStatus(*in.Status))
	}
	return out
}

// apply writes the given fields onto e. Only the Front Office curates the city programme.
func (in *eventInput) apply(e *domain.Event, p *domain.Problems, frontOffice bool) error {
	return in.input(p).Apply(e, frontOffice)
}

// shiftInput is a shift as a client sends it; absent fields stay as they are.
type shiftInput struct {
	Role     *domain.Text `json:"role"`
	StartsAt *string      `json:"starts_at"`
	EndsAt   *string      `json:"ends_at"`
	Capacity *int         `json:"capacity"`
}

// input reads the JSON into the domain's input.
func (in *shiftInput) input(p *domain.Problems) *domain.ShiftInput {
	return &domain.ShiftInput{Role: in.Role, StartsAt: readTime(p, "starts_at", in.StartsAt),
		EndsAt: readTime(p, "ends_at", in.EndsAt), Capacity: in.Capacity}
}

func (in *shiftInput) apply(sh *domain.Shift, p *domain.Problems) { in.input(p).Apply(sh) }

// readTime reads a time given as text, if given; an empty one is the zero time, which the
// domain's rules require.
func readTime(p *domain.Problems, field string, v *string) *time.Time {
	if v == nil {
		return nil
	}
	return new(parseTime(p, field, *v))
}

// eventForm reads the event form into the domain's input. A form sends every field: an unticked
// box is false, an empty project none.
func eventForm(f *form, p *domain.Problems) *domain.EventInput {
	in := &domain.EventInput{Direction: new(f.Get("direction")), Title: &domain.Text{}, Description: &domain.Text{},
		Venue: new(formText(f, "venue_")), Address: new(formText(f, "address_")),
		Lat: new(formFloat(p, "lat", f.Get("lat"))), Lon: new(formFloat(p, "lon", f.Get("lon"))), District: new(f.Get("district")),
		StartsAt: readTime(p, "starts_at", new(f.Get("starts_at"))), EndsAt: readTime(p, "ends_at", new(f.Get("ends_at"))),
		Accessibility: new(f.Values["accessibility"]), MinAge: new(formInt(p, "min_age", f.Get("min_age"), 0)),
		Silver: new(f.Get("silver") == "1"), Heavy: new(f.Get("heavy") == "1"), Status: new(domain.EventStatus(f.Get("status"))),
		ProjectID: new(int64(0))}
	for _, l := range domain.Languages() {
		*textIn(in.Title, l) = f.Get("title_" + l)
		*textIn(in.Description, l) = strings.TrimSpace(f.Values.Get("description_" + l))
	}
	if pid := f.Get("project_id"); pid != "" {
		n, err := strconv.ParseInt(pid, 10, 64)
		if err != nil || n < 1 {
			p.Add("project_id", "field.unknown_project", nil)
		}
		*in.ProjectID = n
	}
	return in
}

// eventLabels are the message keys of the event form's labels.
var eventLabels = map[string]string{"direction": "programme.direction", "title_kk": "event.title_kk", "title_ru": "event.title_ru",
	"title_en": "event.title_en", "description_kk": "event.description_kk", "description_ru": "event.description_ru",
	"description_en": "event.description_en", "venue": "event.venue", "venue_kk": "texts.venue_kk", "venue_ru": "texts.venue_ru",
	"venue_en": "texts.venue_en", "address_kk": "texts.address_kk", "address_ru": "texts.address_ru", "address_en": "texts.address_en",
	"lat": "texts.lat", "lon": "texts.lon", "district": "programme.district",
	"starts_at": "event.starts_at", "ends_at": "event.ends_at", "accessibility": "programme.access",
	"min_age": "event.min_age", "status": "event.status", "project_id": "event.project"}

// eventValues writes an event into form values.
func eventValues(e domain.Event) url.Values {
	vals := url.Values{"direction": {e.Direction}, "district": {e.District},
		"starts_at": {localValue(e.StartsAt)}, "ends_at": {localValue(e.EndsAt)}, "min_age": {strconv.Itoa(e.MinAge)},
		"status": {string(e.Status)}, "accessibility": e.Accessibility}
	for _, l := range domain.Languages() {
		vals.Set("title_"+l, e.Title.Get(l))
		vals.Set("description_"+l, e.Description.Get(l))
		vals.Set("venue_"+l, e.Venue.Get(l))
		vals.Set("address_"+l, e.Address.Get(l))
	}
	if e.HasCoordinates() {
		vals.Set("lat", strconv.FormatFloat(e.Lat, 'f', -1, 64))
		vals.Set("lon", strconv.FormatFloat(e.Lon, 'f', -1, 64))
	}
	if e.ProjectID > 0 {
		vals.Set("project_id", strconv.FormatInt(e.ProjectID, 10))
	}
	if e.Silver {
		vals.Set("silver", "1")
	}
	if e.Heavy {
		vals.Set("heavy", "1")
	}
	return vals
}

// shiftForm reads the shift fields named with prefix into the domain's input. The role is given
// in one or more languages, in the fields prefix+"role_kk", "role_ru" and "role_en", as the event's
// title is; a language left empty has no role in it.
func shiftForm(f *form, prefix string, p *domain.Problems) *domain.ShiftInput {
	return &domain.ShiftInput{Role: new(formText(f, prefix+"role_")), StartsAt: readTime(p, prefix+"starts_at", new(f.Get(prefix+"starts_at"))),
		EndsAt:   readTime(p, prefix+"ends_at", new(f.Get(prefix+"ends_at"))),
		Capacity: new(formInt(p, prefix+"capacity", f.Get(prefix+"capacity"), 0))}
}

// applyShiftForm writes the shift fields named with prefix onto sh.
func applyShiftForm(f *form, prefix string, sh *domain.Shift, p *domain.Problems) {
	shiftForm(f, prefix, p).Apply(sh)
}

// shiftBlank reports whether a shift row named with prefix was left blank: no role, no capacity,
// and times either empty or the event's own (start and end, as proposed to the row).
func shiftBlank(f *form, prefix, eventStart, eventEnd string) bool {
	for _, n := range []string{"role_kk", "role_ru", "role_en", "capacity"} {
		if f.Get(prefix+n) != "" {
			return false
		}
	}
	if v := f.Get(prefix + "starts_at"); v != "" && v != eventStart {
		return false
	}
	if v := f.Get(prefix + "ends_at"); v != "" && v != eventEnd {
		return false
	}
	return true
}

// proposeShiftTimes fills the empty times of the shift row named with prefix with the event's
// (written as the form writes them; empty when the event's could not be read), so that a row
// with a role and no times takes the event's, and a form shown again proposes them.
func proposeShiftTimes(f *form, prefix, eventStart, eventEnd string) {
	if f.Get(prefix+"starts_at") == "" && eventStart != "" {
		f.Values.Set(prefix+"starts_at", eventStart)
	}
	if f.Get(prefix+"ends_at") == "" && eventEnd != "" {
		f.Values.Set(prefix+"ends_at", eventEnd)
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

// formText reads a text given in one or more languages, from the fields prefix+"kk", "ru", "en".
func formText(f *form, prefix string) domain.Text {
	var t domain.Text
	for _, l := range domain.Languages() {
		*textIn(&t, l) = f.Get(prefix + l)
	}
	return t
}

// formFloat reads a decimal field (a coordinate, with a point or a comma); empty means 0, unknown.
func formFloat(p *domain.Problems, field, v string) float64 {
	v = strings.TrimSpace(strings.Replace(v, ",", ".", 1))
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		p.Add(field, "texts.type_number", nil)
	}
	return n
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

// orgInput is an organization as a client sends it to create one; the store validates it.
type orgInput struct {
	Name        domain.Text `json:"name"`
	Description domain.Text `json:"description"`
	Email       string      `json:"email"`
	Phone       string      `json:"phone"`
	Website     string      `json:"website"`
	BIN         string      `json:"bin"`
}

func (in orgInput) organization() domain.Organization {
	return domain.Organization{Name: in.Name, Description: in.Description, Email: in.Email, Phone: in.Phone, Website: in.Website, BIN: in.BIN}
}

// An organization's form, read into the domain (the store validates it).

// localTime is how a time is written in a datetime-local field: Almaty time, to the minute.
const localTime = "2006-01-02T15:04"

func orgFromForm(f *form) domain.Organization {
	var desc domain.Text
	for _, l := range domain.Languages() {
		*textIn(&desc, l) = strings.TrimSpace(f.Values.Get("description_" + l))
	}
	return domain.Organization{Name: formText(f, "name_"), Description: desc,
		Email: f.Get("email"), Phone: f.Get("phone"), Website: f.Get("website"), BIN: f.Get("bin")}
}

// registrationInput is a new account as a client sends it; domain.Registration validates it.
type registrationInput struct {
	Email     string `json:"email"`
	Password  string `json:"password"`
	Name      string `json:"name"`
	BirthDate string `json:"birth_date"`
	Locale    string `json:"locale"`
	Accept    bool   `json:"accept_privacy_policy"`
}

func (in registrationInput) registration() domain.Registration {
	return domain.Registration{Email: in.Email, Password: in.Password, Name: in.Name, BirthDate: in.BirthDate, Locale: in.Locale,
		AcceptPrivacyPolicy: in.Accept}
}
