package web

import "erikti/internal/domain"

// The JSON shapes of the API, documented in openapi.json.

type userView struct {
	ID          int64  `json:"id"`
	Email       string `json:"email"`
	Name        string `json:"name"`
	BirthDate   string `json:"birth_date"`
	Locale      string `json:"locale"`
	FrontOffice bool   `json:"front_office"`
	// EmailVerified: the person opened the link sent to their address.
	EmailVerified bool `json:"email_verified"`
	// GuardianConsent: not_needed, needed, requested or given (Law "On Volunteer Activity", art. 12).
	GuardianConsent string `json:"guardian_consent"`
}

// viewUser is u as the API shows it, with where they stand with a guardian's consent.
func viewUser(u domain.User, guardian string) userView {
	return userView{u.ID, u.Email, u.Name, u.BirthDate.Format("2006-01-02"), u.Locale, u.FrontOffice, u.EmailVerified, guardian}
}

type orgView struct {
	ID           int64       `json:"id"`
	Name         domain.Text `json:"name"`
	Description  domain.Text `json:"description"`
	Email        string      `json:"email"`
	Phone        string      `json:"phone"`
	Website      string      `json:"website"`
	BIN          string      `json:"bin"`
	Status       string      `json:"status"`
	StatusReason string      `json:"status_reason,omitempty"`
	CreatedAt    string      `json:"created_at"`
}

func viewOrg(o domain.Organization, showReason bool) orgView {
	v := orgView{o.ID, o.Name, o.Description, o.Email, o.Phone, o.Website, o.BIN, string(o.Status), "", formatTime(o.CreatedAt)}
	if showReason {
		v.StatusReason = o.StatusReason
	}
	return v
}

type shiftView struct {
	ID         int64       `json:"id"`
	EventID    int64       `json:"event_id"`
	Role       domain.Text `json:"role"`
	StartsAt   string      `json:"starts_at"`
	EndsAt     string      `json:"ends_at"`
	Capacity   int         `json:"capacity"`
	Confirmed  int         `json:"confirmed"`
	Waitlisted int         `json:"waitlisted"`
	PlacesLeft int         `json:"places_left"`
}

func viewShift(sh domain.Shift) shiftView {
	return shiftView{sh.ID, sh.EventID, sh.Role, formatTime(sh.StartsAt), formatTime(sh.EndsAt), sh.Capacity, sh.Confirmed, sh.Waitlisted, sh.PlacesLeft()}
}

type eventView struct {
	ID            int64       `json:"id"`
	Organization  orgRef      `json:"organization"`
	Direction     string      `json:"direction"`
	ProjectID     *int64      `json:"project_id"`
	Title         domain.Text `json:"title"`
	Description   domain.Text `json:"description"`
	Venue         domain.Text `json:"venue"`
	Address       domain.Text `json:"address"`
	Lat           *float64    `json:"lat"` // null when unknown
	Lon           *float64    `json:"lon"`
	District      string      `json:"district"`
	StartsAt      string      `json:"starts_at"`
	EndsAt        string      `json:"ends_at"`
	Accessibility []string    `json:"accessibility"`
	MinAge        int         `json:"min_age"`
	Silver        bool        `json:"silver"`
	Heavy         bool        `json:"heavy"`
	Status        string      `json:"status"`
	CityProgramme bool        `json:"city_programme"`
	Shifts        []shiftView `json:"shifts,omitempty"`
	PlacesLeft    *int        `json:"places_left,omitempty"` // in a list: free places on shifts not started
}

type orgRef struct {
	ID   int64       `json:"id"`
	Name domain.Text `json:"name"`
}

func viewEvent(e domain.Event, withShifts bool) eventView {
	v := eventView{ID: e.ID, Organization: orgRef{e.OrgID, e.OrgName}, Direction: e.Direction, Title: e.Title,
		Description: e.Description, Venue: e.Venue, Address: e.Address, District: e.District, StartsAt: formatTime(e.StartsAt),
		EndsAt: formatTime(e.EndsAt), Accessibility: e.Accessibility, MinAge: e.MinAge, Silver: e.Silver, Heavy: e.Heavy, Status: string(e.Status),
		CityProgramme: e.CityProgramme}
	if e.ProjectID > 0 {
		v.ProjectID = &e.ProjectID
	}
	if e.HasCoordinates() {
		v.Lat, v.Lon = &e.Lat, &e.Lon
	}
	if v.Accessibility == nil {
		v.Accessibility = []string{}
	}
	if e.Tally != nil {
		v.PlacesLeft = &e.Tally.PlacesLeft
	}
	if withShifts {
		v.Shifts = make([]shiftView, 0, len(e.Shifts))
		for _, sh := range e.Shifts {
			v.Shifts = append(v.Shifts, viewShift(sh))
		}
	}
	return v
}

type signupView struct {
	ID               int64        `json:"id"`
	ShiftID          int64        `json:"shift_id"`
	EventID          int64        `json:"event_id"`
	Status           string       `json:"status"`
	WaitlistPosition *int         `json:"waitlist_position"`
	CreatedAt        string       `json:"created_at"`
	CancelledAt      string       `json:"cancelled_at,omitempty"`
	Shift            *shiftView   `json:"shift,omitempty"`
	EventTitle       *domain.Text `json:"event_title,omitempty"`
	Volunteer        *volunteer   `json:"volunteer,omitempty"`
}

type volunteer struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

func viewSignup(sg domain.Signup) signupView {
	v := signupView{ID: sg.ID, ShiftID: sg.ShiftID, EventID: sg.EventID, Status: string(sg.Status),
		CreatedAt: formatTime(sg.CreatedAt), CancelledAt: formatTime(sg.CancelledAt)}
	if sg.Status == domain.SignupWaitlisted {
		pos := sg.WaitlistPosition
		v.WaitlistPosition = &pos
	}
	if sg.Shift != nil {
		sv := viewShift(*sg.Shift)
		v.Shift = &sv
		title := sg.EventTitle
		v.EventTitle = &title
	}
	return v
}

type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// listOf is items as the API lists them, each through view; an empty list is [], never null.
func listOf[T, V any](items []T, view func(T) V) list[V] {
	out := list[V]{Items: make([]V, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, view(it))
	}
	return out
}
