package web

import (
	"context"
	"erikti/internal/domain"
	"erikti/internal/store"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The events of the API: the programme's list with its filters, one event, and writing events.

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if s.cache == nil {
		s.metrics.cache.WithLabelValues("bypass").Inc()
		return s.eventList(r.Context(), w, q)
	}
	version, err := s.programmeVersion(r.Context())
	if err != nil {
		return err
	}
	// the answer depends on the known parameters only, so others are left out of the key
	known := url.Values{}
	for _, k := range append(programmeParams, "limit") {
		if vals, ok := q[k]; ok {
			known[k] = vals
		}
	}
	return s.serveCached(w, r, cacheKey("api", "events", known.Encode()), version, false, func() (*cacheEntry, error) {
		rec := &jsonRecorder{}
		if err := s.eventList(r.Context(), rec, known); err != nil {
			return nil, err
		}
		e := rec.entry()
		e.expires = s.opt.Now().Add(programmeMaxAge) // its places_left, as the page's cards
		return e, nil
	})
}

// eventList answers GET /api/v1/events for the query q.
func (s *Server) eventList(ctx context.Context, w http.ResponseWriter, q url.Values) error {
	var p domain.Problems
	f := eventFilter(q, &p)
	f.Limit = 50
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 200 {
			p.Add("limit", "field.range", map[string]any{"min": 1, "max": 200})
		}
		f.Limit = n
	}
	if err := p.Err(); err != nil {
		return err
	}
	events, next, err := s.store.Events(ctx, f)
	if err != nil {
		return err
	}
	out := list[eventView]{Items: make([]eventView, 0, len(events)), NextCursor: next}
	for _, e := range events {
		out.Items = append(out.Items, viewEvent(e, false))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// eventFilter reads the programme's filters from a query, for the API and the programme page:
// direction, district, q, access (repeated), silver, free, from, to, when and cursor.
func eventFilter(q url.Values, p *domain.Problems) store.EventFilter {
	f := store.EventFilter{Direction: q.Get("direction"), District: q.Get("district"), Query: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor")}
	if f.Direction != "" && !domain.IsDirection(f.Direction) {
		p.Add("direction", "field.unknown_direction", nil)
	}
	if f.District != "" && !domain.IsDistrict(f.District) {
		p.Add("district", "field.unknown_district", nil)
	}
	if utf8.RuneCountInString(f.Query) > 200 {
		p.Add("q", "field.too_long", map[string]any{"max": 200})
	} else if !utf8.ValidString(f.Query) || domain.HasControl(f.Query) {
		p.Add("q", "field.encoding", nil)
	}
	// each feature at most once: so the filter never has more terms than there are features
	if n, most := len(q["access"]), len(domain.AccessibilityFeatures()); n > most {
		p.Add("access", "field.too_many", map[string]any{"max": most})
	} else {
		for _, a := range q["access"] {
			if !domain.IsAccessibilityFeature(a) || slices.Contains(f.Accessibility, a) {
				p.Add("access", "field.unknown_accessibility", map[string]any{"value": domain.CutText(a, 64)})
				break
			}
			f.Accessibility = append(f.Accessibility, a)
		}
	}
	f.Silver = queryBool(p, q, "silver")
	f.FreePlaces = queryBool(p, q, "free")
	f.From = parseDateOrTime(p, "from", q.Get("from"), false)
	f.To = parseDateOrTime(p, "to", q.Get("to"), true)
	f.When = programmeWhen(p, q, f)
	return f
}

// programmeWhen reads the when filter: upcoming (the default unless from or to is given: events
// that have not ended), past (those that have, the latest first) or all.
func programmeWhen(p *domain.Problems, q url.Values, f store.EventFilter) store.When {
	switch w := q.Get("when"); w {
	case "":
		if f.From.IsZero() && f.To.IsZero() {
			return store.Upcoming
		}
	case string(store.Upcoming), string(store.Past):
		return store.When(w)
	case "all":
	default:
		p.Add("when", "programme.when_unknown", nil)
	}
	return ""
}

// queryBool reads a true/false query parameter; absent is false.
func queryBool(p *domain.Problems, q url.Values, name string) bool {
	v := q.Get(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.Add(name, "request.type_boolean", nil)
	}
	return b
}

// parseDateOrTime reads a filter bound: a time, or a date in Almaty, which means its midnight, or
// for an upper bound (endOfDay) the next midnight, so that the whole day is included.
func parseDateOrTime(p *domain.Problems, field, v string, endOfDay bool) time.Time {
	if v == "" {
		return time.Time{}
	}
	if d, err := time.ParseInLocation(time.DateOnly, v, domain.Almaty()); err == nil {
		if endOfDay {
			d = d.AddDate(0, 0, 1)
		}
		return d.UTC()
	}
	return parseTime(p, field, v)
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if s.cache != nil {
		version, public, err := s.validators.Event(r.Context(), id)
		if err != nil {
			return withField(err, "id")
		}
		if public { // a draft's answer, or an unverified organization's event's, depends on who asks
			err := s.serveCached(w, r, cacheKey("api", "event", strconv.FormatInt(id, 10)), version, false, func() (*cacheEntry, error) {
				e, err := s.store.Event(r.Context(), id)
				if err != nil {
					return nil, withField(err, "id")
				}
				if !e.Public() { // made a draft again (or its organization suspended) since the version was read
					return nil, errDraftNow
				}
				rec := &jsonRecorder{}
				writeJSON(rec, http.StatusOK, viewEvent(e, true))
				return rec.entry(), nil
			})
			if !errors.Is(err, errDraftNow) {
				return err
			}
		}
	}
	s.metrics.cache.WithLabelValues("bypass").Inc()
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return withField(err, "id")
	}
	if !e.Public() {
		// a draft, or an event of an organization not verified, is seen only by its organization
		// and the Front Office
		u, err := s.optionalUser(r)
		if err != nil {
			return err
		}
		if ok, err := s.isMember(r, u, e.OrgID); err != nil {
			return err
		} else if !ok {
			return withField(domain.Errorf(domain.NotFound, "not_found.event", nil), "id")
		}
	}
	writeJSON(w, http.StatusOK, viewEvent(e, true))
	return nil
}

// errDraftNow: the event became a draft after its version was read; it is answered afresh.
var errDraftNow = errors.New("web: the event is a draft now")

func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) error {
	orgID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.user(r)
	if err != nil {
		return err
	}
	if _, err := s.store.Organization(r.Context(), orgID); err != nil {
		return withField(err, "id")
	}
	if err := s.requireMember(r, u, orgID); err != nil {
		return err
	}
	var in eventInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	var p domain.Problems
	e, err := in.input(&p).NewEvent(orgID, frontOffice(u), &p)
	if err != nil {
		return err
	}
	if in.Shifts != nil {
		for i, si := range *in.Shifts {
			var sp domain.Problems
			sh, err := si.input(&sp).NewShift(&e, &sp)
			if err != nil {
				return domain.Prefixed(err, fmt.Sprintf("shifts[%d].", i))
			}
			e.Shifts = append(e.Shifts, sh)
		}
	}
	if err := s.store.CreateEvent(r.Context(), u.ID, &e); err != nil {
		return err
	}
	created, err := s.store.Event(r.Context(), e.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/events/%d", e.ID))
	writeJSON(w, http.StatusCreated, viewEvent(created, true))
	return nil
}

func (s *Server) updateEvent(w http.ResponseWriter, r *http.Request) error {
	e, u, err := s.eventForMember(r)
	if err != nil {
		return err
	}
	var in eventInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if in.Shifts != nil {
		return badRequest(http.StatusBadRequest, "shifts", "request.unknown_field", nil)
	}
	var p domain.Problems
	updated, err := s.store.UpdateEvent(r.Context(), u.ID, e.ID, in.input(&p).Update(frontOffice(u), &p))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewEvent(updated, true))
	return nil
}
