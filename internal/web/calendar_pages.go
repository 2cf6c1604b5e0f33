package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"erikti/internal/calendar"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// Calendars: a person's own shifts at a secret address they can renew, and the programme of each
// direction and each organization, as iCalendar feeds that calendar apps subscribe to.

// feedWindow is how far back a feed reaches: what is older has dropped out of people's interest.
const feedWindow = 90 * 24 * time.Hour

// icsName reads a feed's file name, NAME.ics, from the path.
func icsName(r *http.Request) (string, bool) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	return name, ok && name != ""
}

// writeCalendar answers with a calendar; public feeds may be cached for five minutes, a person's not.
func (s *Server) writeCalendar(w http.ResponseWriter, c *calendar.Calendar, filename string, public bool) error {
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s"`, filename))
	if public {
		h.Set("Cache-Control", "public, max-age=300")
	} else {
		h.Set("Cache-Control", "no-store")
	}
	w.Write(buf.Bytes())
	return nil
}

// shiftEntry is a volunteer's signup as a calendar entry; its UID is the shift's, so it stays the
// same whatever happens to the signup.
func shiftEntry(base, lang string, sg domain.Signup, venue string, cancelledEvent bool) calendar.Entry {
	sh := sg.Shift
	summary := sg.EventTitle.In(lang)
	if role := sh.Role.In(lang); role != "" {
		summary += ": " + role
	}
	return calendar.Entry{UID: fmt.Sprintf("shift-%d@erikti", sh.ID), Summary: summary, Location: venue,
		URL: base + fmt.Sprintf("/events/%d", sh.EventID), Start: sh.StartsAt, End: sh.EndsAt,
		Cancelled: sg.Status == domain.SignupCancelled || cancelledEvent, Tentative: sg.Status == domain.SignupWaitlisted}
}

// eventEntry is an event of the programme as a calendar entry.
func eventEntry(base, lang string, e domain.Event) calendar.Entry {
	desc := e.Description.In(lang)
	if org := e.OrgName.In(lang); org != "" {
		desc = strings.TrimSpace(org + "\n\n" + desc)
	}
	return calendar.Entry{UID: fmt.Sprintf("event-%d@erikti", e.ID), Summary: e.Title.In(lang), Description: desc, Location: e.Place(lang),
		URL: base + fmt.Sprintf("/events/%d", e.ID), Start: e.StartsAt, End: e.EndsAt, Cancelled: e.Status == domain.EventCancelled}
}

// myCalendarFeed is a person's shifts: confirmed, waitlisted (tentative), and cancelled ones kept
// as cancelled so that calendars remove them.
func (s *Server) myCalendarFeed(w http.ResponseWriter, r *http.Request) error {
	token, ok := icsName(r)
	if !ok {
		return domain.Errorf(domain.NotFound, "not_found.calendar", nil)
	}
	u, err := s.store.UserByCalendarFeed(r.Context(), token)
	if err != nil {
		return err
	}
	signups, err := s.store.UserSignups(r.Context(), u.ID)
	if err != nil {
		return err
	}
	now := s.opt.Now()
	c := calendar.New(s.msgs.T(u.Locale, "calendar.my_name", nil), now, domain.Almaty())
	// one entry a shift: a place taken again after a cancellation is the same entry
	var order []int64
	latest := map[int64]domain.Signup{}
	for _, sg := range signups {
		if sg.Shift == nil || sg.Shift.EndsAt.Before(now.Add(-feedWindow)) {
			continue
		}
		prev, seen := latest[sg.ShiftID]
		if !seen {
			order = append(order, sg.ShiftID)
		}
		if !seen || prev.Status == domain.SignupCancelled {
			latest[sg.ShiftID] = sg
		}
	}
	events := map[int64]domain.Event{}
	for _, id := range order {
		sg := latest[id]
		e, seen := events[sg.EventID]
		if !seen {
			if e, err = s.store.Event(r.Context(), sg.EventID); err != nil {
				return err
			}
			events[sg.EventID] = e
		}
		c.Add(shiftEntry(s.baseURL(r), u.Locale, sg, e.Place(u.Locale), e.Status == domain.EventCancelled))
	}
	return s.writeCalendar(w, c, "erikti.ics", false)
}

// programmeFeed is the published programme matching f, in the reader's language (?lang= or
// Accept-Language).
func (s *Server) programmeFeed(w http.ResponseWriter, r *http.Request, name string, f store.EventFilter, filename string) error {
	lang := s.lang(r)
	f.From, f.Limit = s.opt.Now().Add(-feedWindow), 1000
	events, _, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	c := calendar.New(s.msgs.T(lang, "calendar.programme_name", map[string]any{"name": name}), s.opt.Now(), domain.Almaty())
	for _, e := range events {
		c.Add(eventEntry(s.baseURL(r), lang, e))
	}
	return s.writeCalendar(w, c, filename, true)
}

func (s *Server) directionFeed(w http.ResponseWriter, r *http.Request) error {
	code, ok := icsName(r)
	for _, d := range domain.Directions() {
		if ok && d.Code == code {
			return s.programmeFeed(w, r, d.Name.In(s.lang(r)), store.EventFilter{Direction: code}, code+".ics")
		}
	}
	return domain.Errorf(domain.NotFound, "not_found.calendar", nil)
}

func (s *Server) organizationFeed(w http.ResponseWriter, r *http.Request) error {
	name, ok := icsName(r)
	id, err := strconv.ParseInt(name, 10, 64)
	if !ok || err != nil || id < 1 {
		return domain.Errorf(domain.NotFound, "not_found.calendar", nil)
	}
	o, err := s.store.Organization(r.Context(), id)
	if err != nil || o.Status == domain.OrgSuspended {
		return domain.Errorf(domain.NotFound, "not_found.calendar", nil)
	}
	return s.programmeFeed(w, r, o.Name.In(s.lang(r)), store.EventFilter{OrgID: id}, name+".ics")
}

type calendarPage struct {
	Since     time.Time    // when the person's address was made; zero for none
	URL       string       // the address, shown to its owner on every visit; "" for none or an old one
	Webcal    template.URL // URL by webcal:, which calendar apps open
	Direction []domain.Direction
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	return s.showCalendarPage(w, r, false)
}

// renewCalendar makes the reader a new calendar address, ending the old one, and shows it.
func (s *Server) renewCalendar(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	if _, err := s.store.RenewCalendarFeed(r.Context(), u.ID); err != nil {
		return err
	}
	return s.showCalendarPage(w, r, true)
}

func (s *Server) showCalendarPage(w http.ResponseWriter, r *http.Request, made bool) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "calendar.title")
	d := calendarPage{Direction: domain.Directions()}
	feed, err := s.store.CalendarFeed(r.Context(), u.ID)
	if err != nil {
		return err
	}
	d.Since = feed.Since
	if feed.Token != "" {
		d.URL = s.siteURL(r, "/calendar/me/"+feed.Token+".ics")
		// html/template lets only http, https and mailto through an href, so webcal: is marked safe
		// here: the address is erikti's public one (or the request's host, which net/http admits only
		// when valid) and a token erikti made, and the template still escapes it within the attribute
		d.Webcal = template.URL("webcal://" + strings.TrimPrefix(strings.TrimPrefix(d.URL, "https://"), "http://")) // #nosec G203 -- a valid host and erikti's token, still escaped
	}
	if made {
		v.Notice = v.T("calendar.made")
	}
	// the page holds a secret address: no cache keeps it
	w.Header().Set("Cache-Control", "no-store")
	v.Data = d
	s.render(w, http.StatusOK, "calendar", v)
	return nil
}
