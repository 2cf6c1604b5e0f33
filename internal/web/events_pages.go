package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
}

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
	version, err := s.programmeVersion(r.Context(), q.Get("free") != "")
	if err != nil {
		return err
	}
	return s.serveCached(w, r, cacheKey("page", "programme", v.Lang, requestOrigin(r), r.URL.RawQuery), version, true,
		func() (*cacheEntry, error) {
			status, err := s.programmeView(r, v)
			if err != nil {
				return nil, err
			}
			return s.renderEntry(status, "programme", v)
		})
}

// programmeView fills v with the programme page under the request's filters; its status is 422
// when a filter is wrong.
func (s *Server) programmeView(r *http.Request, v *view) (int, error) {
	f := newForm(r.URL.Query())
	f.Labels = map[string]string{"q": "programme.search", "direction": "programme.direction", "district": "programme.district",
		"from": "programme.from", "to": "programme.to", "access": "programme.access", "cursor": "programme.page"}
	v.Form = f
	flt := s.programmeFilter(v, f)
	d := programmeData{}
	for k := range f.Values {
		if k != "cursor" {
			d.Filtering = true
		}
	}
	status := http.StatusOK
	if f.Failed() {
		status = http.StatusUnprocessableEntity
	} else {
		events, next, err := s.store.Events(r.Context(), flt)
		if err != nil {
			if f.take(v, err, nil) != nil {
				return 0, err
			}
			status = http.StatusUnprocessableEntity
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

type eventData struct {
	Event     domain.Event
	Org       domain.Organization
	Project   *domain.Project
	Mine      map[int64]domain.Signup // the reader's active signups by shift
	Member    bool
	MapURL    string
	FormKey   string // idempotency key for the signup forms
	CanSignUp bool
}

// eventView reads the event page's data; drafts only for members and the Front Office.
func (s *Server) eventPageData(r *http.Request, v *view, id int64) (eventData, error) {
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return eventData{}, err
	}
	d := eventData{Event: e, Mine: map[int64]domain.Signup{}, FormKey: newSecret()}
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
	d.MapURL = mapURL(e, v.Lang, v.District(e.District))
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
	if s.cache != nil && v.User == nil && onlyParams(r.URL.Query(), "done") {
		version, public, err := s.validators.Event(r.Context(), id)
		if err != nil {
			return err
		}
		if public {
			return s.serveCached(w, r, cacheKey("page", "event", v.Lang, requestOrigin(r), r.URL.RequestURI()), version, true,
				func() (*cacheEntry, error) {
					if err := s.eventPageView(r, v, id); err != nil {
						return nil, err
					}
					e, err := s.renderEntry(http.StatusOK, "event", v)
					if err != nil {
						return nil, err
					}
					// a shift's signup button goes when it starts
					for _, sh := range v.Data.(eventData).Event.Shifts {
						if sh.StartsAt.After(v.Now) && (e.expires.IsZero() || sh.StartsAt.Before(e.expires)) {
							e.expires = sh.StartsAt
						}
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
	v.Data = d
	return nil
}

// openGraph is the Open Graph description of a page.
func openGraph(r *http.Request, title, desc string) *ogData {
	if utf8.RuneCountInString(desc) > 200 {
		desc = string([]rune(desc)[:200]) + "…"
	}
	return &ogData{Title: title, Description: desc, URL: absURL(r, r.URL.Path)}
}

// ogData is what the layout puts in Open Graph tags.
type ogData struct{ Title, Description, URL string }

// absURL is the absolute address of path on the host the request came to.
func absURL(r *http.Request, path string) string {
	scheme := "http"
	if isHTTPS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

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
		"url":                 absURL(r, fmt.Sprintf("/events/%d", e.ID)),
		"location": map[string]any{
			"@type": "Place",
			"name":  e.Venue.In(v.Lang),
			"address": map[string]any{"@type": "PostalAddress", "streetAddress": e.Address.In(v.Lang), "addressLocality": "Almaty",
				"addressRegion": v.District(e.District), "addressCountry": "KZ"},
		},
		"organizer": map[string]any{"@type": "Organization", "name": org.Name.In(v.Lang), "url": absURL(r, fmt.Sprintf("/organizations/%d", org.ID))},
	}
}

// mapURL is the OpenStreetMap link of an event's place: its point when its coordinates are known,
// else a search for its venue and address in lang, its district and the city.
func mapURL(e domain.Event, lang, district string) string {
	if e.HasCoordinates() {
		lat, lon := strconv.FormatFloat(e.Lat, 'f', 6, 64), strconv.FormatFloat(e.Lon, 'f', 6, 64)
		return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
	}
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Place(lang)+", "+district+", Almaty")
}
