package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The public pages of events: the programme with its filters, and an event's page.

type programmeData struct {
	Events    []domain.Event
	Next      string // the next page's URL, or ""
	First     string // the first page's URL when this is not it
	Filtering bool
	Count     string // "N events" under the filters, or "" when they are wrong
	Past      bool   // the past events' half (when=past)

	Upcoming string // the upcoming half's URL under the same filters
	PastURL  string // the past half's URL under the same filters
	Summary  string // the folded filters' summary: "Filters (2 active): Ecology, Medeu"
	Open     bool   // the filters unfolded: one of them is wrong
}

// programmeFilters are the programme's filters a reader sets in its form (not its half or page).
var programmeFilters = []string{"q", "direction", "district", "from", "to", "access", "silver", "free"}

// programmeFilter reads the programme page's filters, recording bad ones on f.
func (s *Server) programmeFilter(v *view, f *form) store.EventFilter {
	var p domain.Problems
	flt := eventFilter(f.Values, &p)
	flt.Limit = 20
	if err := p.Err(); err != nil {
		f.take(v, err, nil) // #nosec G104 -- a validation error of the filters, which take always keeps as the form's issues
	}
	return flt
}

// programmeMaxAge bounds how long a kept programme answer stands: its cards' places, waitlists
// and attendance change with signups and check-ins that do not all raise the programme's version
// (only a shift filling up or opening does), so a card's figures are at most this old.
const programmeMaxAge = time.Minute

func (s *Server) programmePage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "programme.title")
	q := r.URL.Query()
	if s.cache == nil || v.User != nil || !onlyParams(q, programmeParams...) {
		s.metrics.cache.WithLabelValues("bypass").Inc()
		status, err := s.programmeView(r, v)
		if err != nil {
			return err
		}
		s.render(w, status, "programme", v)
		return nil
	}
	version, err := s.programmeVersion(r.Context())
	if err != nil {
		return err
	}
	return s.serveCached(w, r, cacheKey("page", "programme", v.Lang, s.baseURL(r), r.URL.RawQuery), version, true,
		func() (*cacheEntry, error) {
			status, err := s.programmeView(r, v)
			if err != nil {
				return nil, err
			}
			e, err := s.renderEntry(status, "programme", v)
			if err != nil {
				return nil, err
			}
			e.expires = v.Now.Add(programmeMaxAge)
			return e, nil
		})
}

// programmeView fills v with the programme page under the request's filters; its status is 422
// when a filter is wrong.
func (s *Server) programmeView(r *http.Request, v *view) (int, error) {
	f := newForm(r.URL.Query())
	f.Labels = map[string]string{"q": "programme.search", "direction": "programme.direction", "district": "programme.district",
		"from": "programme.from", "to": "programme.to", "access": "programme.access", "cursor": "programme.page",
		"when": "programme.when"}
	v.Form = f
	if w := f.Values.Get("when"); w != "" && w != string(store.Upcoming) && w != string(store.Past) && w != "all" {
		f.Values.Del("when") // the page has no field for it: a made-up half is the default one
	}
	flt := s.programmeFilter(v, f)
	d := programmeData{Past: flt.When == store.Past}
	// the halves' links keep the filters and leave the page
	half := url.Values{}
	for _, k := range programmeFilters {
		if vals, ok := f.Values[k]; ok {
			half[k] = vals
		}
	}
	d.Filtering = len(half) > 0
	d.Upcoming = "/programme"
	if len(half) > 0 {
		d.Upcoming += "?" + half.Encode()
	}
	half.Set("when", string(store.Past))
	d.PastURL = "/programme?" + half.Encode()
	d.Summary = programmeSummary(v, f.Values)
	status := http.StatusOK
	if f.Failed() {
		status = http.StatusUnprocessableEntity
		d.Open = true
	} else {
		events, next, err := s.store.Events(r.Context(), flt)
		if err != nil {
			if f.take(v, err, nil) != nil {
				return 0, err
			}
			status = http.StatusUnprocessableEntity
			d.Open = true
		} else {
			n, err := s.store.CountEvents(r.Context(), flt)
			if err != nil {
				return 0, err
			}
			d.Count = v.T("programme.count", "n", n)
			if d.Past {
				d.Count = v.T("programme.count_past", "n", n)
			}
		}
		d.Events = events
		q := url.Values{}
		for k, vals := range f.Values {
			if k != "cursor" {
				q[k] = vals
			}
		}
		if next != "" {
			q.Set("cursor", next)
			d.Next = "/programme?" + q.Encode()
			q.Del("cursor")
		}
		if flt.Cursor != "" {
			d.First = "/programme?" + q.Encode()
		}
	}
	v.Data = d
	return status, nil
}

// programmeSummary is the folded filters' summary: how many are set, and which.
func programmeSummary(v *view, q url.Values) string {
	var set []string
	if s := strings.TrimSpace(q.Get("q")); s != "" {
		set = append(set, "«"+domain.CutText(s, 40)+"»")
	}
	if c := q.Get("direction"); domain.IsDirection(c) {
		set = append(set, v.Direction(c))
	}
	if c := q.Get("district"); domain.IsDistrict(c) {
		set = append(set, v.District(c))
	}
	if d := q.Get("from"); d != "" {
		set = append(set, v.T("programme.from")+" "+domain.CutText(d, 20))
	}
	if d := q.Get("to"); d != "" {
		set = append(set, v.T("programme.to")+" "+domain.CutText(d, 20))
	}
	for _, a := range q["access"] {
		if domain.IsAccessibilityFeature(a) {
			set = append(set, v.Feature(a))
		}
	}
	if q.Get("silver") != "" {
		set = append(set, v.T("programme.silver"))
	}
	if q.Get("free") != "" {
		set = append(set, v.T("programme.free"))
	}
	if len(set) == 0 {
		return v.T("programme.filters")
	}
	return v.T("programme.filters_active", "n", len(set)) + ": " + strings.Join(set, ", ")
}

type eventData struct {
	Event     domain.Event
	Org       domain.Organization
	Project   *domain.Project
	Mine      map[int64]domain.Signup // the reader's active signups by shift
	Overlap   map[int64]domain.Signup // by shift not in Mine: the reader's signup (on any event) at the same time, the soonest
	Member    bool
	MapURL    string
	FormKey   string // idempotency key for the signup forms
	CanSignUp bool
	TookPlace string // for an event that has ended: "took place on … · N came"
}

// eventView reads the event page's data; drafts only for members and the Front Office.
func (s *Server) eventPageData(r *http.Request, v *view, id int64) (eventData, error) {
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return eventData{}, err
	}
	d := eventData{Event: e, Mine: map[int64]domain.Signup{}, Overlap: map[int64]domain.Signup{}, FormKey: newSecret()}
	if v.User != nil {
		if d.Member, err = s.isMember(r, *v.User, e.OrgID); err != nil {
			return d, err
		}
		mine, err := s.store.UserSignups(r.Context(), v.User.ID)
		if err != nil {
			return d, err
		}
		for _, sg := range mine {
			if sg.EventID == e.ID && sg.Status != domain.SignupCancelled {
				d.Mine[sg.ShiftID] = sg
			}
		}
		d.Overlap = overlapping(e.Shifts, mine, d.Mine)
	}
	if !e.Public() && !d.Member {
		return d, domain.Errorf(domain.NotFound, "not_found.event", nil)
	}
	if d.Org, err = s.store.Organization(r.Context(), e.OrgID); err != nil {
		return d, err
	}
	if e.ProjectID > 0 {
		projects, err := s.store.Projects(r.Context())
		if err != nil {
			return d, err
		}
		if i := slices.IndexFunc(projects, func(p domain.Project) bool { return p.ID == e.ProjectID }); i >= 0 {
			d.Project = &projects[i]
		}
	}
	d.CanSignUp = e.Status == domain.EventPublished && d.Org.Status == domain.OrgVerified
	if e.Status != domain.EventCancelled && !e.EndsAt.After(v.Now) {
		came, err := s.store.EventCame(r.Context(), e.ID)
		if err != nil {
			return d, err
		}
		d.TookPlace = v.T("programme.event_took_place", "date", v.Date(e.StartsAt))
		if came > 0 {
			d.TookPlace = v.T("programme.event_took_place_came", "date", v.Date(e.StartsAt), "n", came)
		}
	}
	d.MapURL = mapURL(v, e)
	title, desc := e.Title.In(v.Lang), e.Description.In(v.Lang)
	v.Title = title
	v.OG = openGraph(r, title, desc)
	v.JSONLD = eventJSONLD(r, v, e, d.Org)
	return d, nil
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.event", nil)
	}
	v := s.newView(r, "event.title")
	if s.cache != nil && v.User == nil && onlyParams(r.URL.Query(), "done", "lang") {
		version, public, err := s.validators.Event(r.Context(), id)
		if err != nil {
			return err
		}
		if public {
			return s.serveCached(w, r, cacheKey("page", "event", v.Lang, s.baseURL(r), r.URL.RequestURI()), version, true,
				func() (*cacheEntry, error) {
					if err := s.eventPageView(r, v, id); err != nil {
						return nil, err
					}
					e, err := s.renderEntry(http.StatusOK, "event", v)
					if err != nil {
						return nil, err
					}
					// a shift's signup button goes when it starts; when it ends it took place, and
					// so does the event when it ends
					ev := v.Data.(eventData).Event
					until := func(t time.Time) {
						if t.After(v.Now) && (e.expires.IsZero() || t.Before(e.expires)) {
							e.expires = t
						}
					}
					until(ev.EndsAt)
					for _, sh := range ev.Shifts {
						until(sh.StartsAt)
						until(sh.EndsAt)
					}
					if !ev.EndsAt.After(v.Now) {
						until(v.Now.Add(programmeMaxAge)) // its attendance grows with check-ins
					}
					return e, nil
				})
		}
	}
	s.metrics.cache.WithLabelValues("bypass").Inc()
	if err := s.eventPageView(r, v, id); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "event", v)
	return nil
}

// overlapping is, for each shift the reader does not hold, the reader's active signup at the same
// time (the store's overlap rule, onShiftOrOverlapping), the soonest when there are several: the
// event page says so before any button.
func overlapping(shifts []domain.Shift, mine []domain.Signup, held map[int64]domain.Signup) map[int64]domain.Signup {
	out := map[int64]domain.Signup{}
	for _, sh := range shifts {
		if _, ok := held[sh.ID]; ok {
			continue
		}
		for _, sg := range mine {
			o := sg.Shift
			if sg.Status == domain.SignupCancelled || o == nil || sg.ShiftID == sh.ID ||
				!o.StartsAt.Before(sh.EndsAt) || !o.EndsAt.After(sh.StartsAt) {
				continue
			}
			if prev, ok := out[sh.ID]; !ok || o.StartsAt.Before(prev.Shift.StartsAt) {
				out[sh.ID] = sg
			}
		}
	}
	return out
}

// eventPageView fills v with event id's page.
func (s *Server) eventPageView(r *http.Request, v *view, id int64) error {
	d, err := s.eventPageData(r, v, id)
	if err != nil {
		return err
	}
	v.doneNotice(r, map[string]string{
		"confirmed":  "event.done_confirmed",
		"waitlisted": "event.done_waitlisted",
		"cancelled":  "myshifts.done_cancelled",
	})
	// a place in line says which: the shift the signup was for, as the reader's own signup has it
	if q := r.URL.Query(); q.Get("done") == "waitlisted" {
		if shiftID, err := strconv.ParseInt(q.Get("shift"), 10, 64); err == nil {
			if sg, ok := d.Mine[shiftID]; ok && sg.Status == domain.SignupWaitlisted {
				v.Notice = v.T("signupflow.done_waitlisted", "position", sg.WaitlistPosition)
			}
		}
	}
	v.Data = d
	return nil
}

// openGraph is the Open Graph description of a page.
func openGraph(r *http.Request, title, desc string) *ogData {
	if utf8.RuneCountInString(desc) > 200 {
		desc = string([]rune(desc)[:200]) + "…"
	}
	return &ogData{Title: title, Description: desc}
}

// ogData is what the layout puts in Open Graph tags; prepareHead sets the page's address and image.
type ogData struct{ Title, Description, URL, Image string }

// eventJSONLD is the schema.org Event of an event page.
func eventJSONLD(r *http.Request, v *view, e domain.Event, org domain.Organization) map[string]any {
	status := "https://schema.org/EventScheduled"
	if e.Status == domain.EventCancelled {
		status = "https://schema.org/EventCancelled"
	}
	return map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"name":                e.Title.In(v.Lang),
		"description":         e.Description.In(v.Lang),
		"startDate":           formatTime(e.StartsAt),
		"endDate":             formatTime(e.EndsAt),
		"eventStatus":         status,
		"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
		"inLanguage":          v.Lang,
		"url":                 v.s.siteURL(r, fmt.Sprintf("/events/%d", e.ID)),
		"location": map[string]any{
			"@type": "Place",
			"name":  e.Venue.In(v.Lang),
			"address": map[string]any{"@type": "PostalAddress", "streetAddress": e.Address.In(v.Lang), "addressLocality": "Almaty",
				"addressRegion": v.District(e.District), "addressCountry": "KZ"},
		},
		"organizer": map[string]any{"@type": "Organization", "name": org.Name.In(v.Lang), "url": v.s.siteURL(r, fmt.Sprintf("/organizations/%d", org.ID))},
	}
}
