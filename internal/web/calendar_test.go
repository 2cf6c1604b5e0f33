package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
)

// fetchCalendar gets a feed as a calendar app does (no cookie) and parses it with an iCalendar
// implementation erikti did not write, holding it to RFC 5545's required properties.
func (a *app) fetchCalendar(t *testing.T, path string) (int, *goical.Calendar) {
	t.Helper()
	resp, err := http.Get(a.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return resp.StatusCode, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Fatalf("%s: Content-Type %q", path, ct)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("%s: %v\n%s", path, err, raw)
	}
	if err := goical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Fatalf("%s is not a valid calendar: %v\n%s", path, err, raw)
	}
	return 200, cal
}

func eventByUID(cal *goical.Calendar, uid string) *goical.Event {
	for _, e := range cal.Events() {
		if v, _ := e.Props.Text(goical.PropUID); v == uid {
			return &e
		}
	}
	return nil
}

var calendarURL = regexp.MustCompile(`value="(http://[^"]+/calendar/me/[A-Za-z0-9_-]+\.ics)"`)

// A person's shifts at a secret address: confirmed, on the waitlist (tentative), cancelled; a new
// address ends the old one.
func TestMyCalendarFeed(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		filler := a.register("Толтырушы", "2000-01-01")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: filler.token})
		b := a.browser("ru")
		email := b.signUp(t, "Ольга Иванова", "1990-05-05")
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		if err := a.store.UpdateProfile(context.Background(), u.ID, u.Name, "ru", u.Profile); err != nil {
			t.Fatal(err)
		}
		b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {"k1"}}).must(t, 303) // the shift is full: waitlisted

		b.get("/me/calendar").must(t, 200).has(t, "У вас ещё нет адреса календаря").lacks(t, "/calendar/me/")
		made := b.post("/me/calendar", url.Values{}).must(t, 200)
		m := calendarURL.FindStringSubmatch(made.body)
		if m == nil {
			t.Fatalf("no calendar address on the page: %s", made.body)
		}
		feed := strings.TrimPrefix(m[1], a.srv.URL)
		// the link that opens it in a calendar app is the same address by webcal:, not refused by
		// html/template (which writes #ZgotmplZ for a scheme it does not know)
		made.has(t, `href="webcal://`+strings.TrimPrefix(m[1], "http://")+`"`).lacks(t, "ZgotmplZ")
		// shown again on every visit, to its owner alone, and kept by no cache
		again1 := b.get("/me/calendar").must(t, 200).has(t, m[1], `href="webcal://`)
		if again1.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("the page with the address: Cache-Control %q", again1.header.Get("Cache-Control"))
		}
		stranger := a.browser("ru")
		stranger.signUp(t, "Бөтен Адам", "1990-05-05")
		stranger.get("/me/calendar").must(t, 200).has(t, "У вас ещё нет адреса календаря").lacks(t, feed)

		_, cal := a.fetchCalendar(t, feed)
		uid := fmt.Sprintf("shift-%d@erikti", w.shiftID)
		e := eventByUID(cal, uid)
		if e == nil {
			t.Fatalf("no %s in the feed", uid)
		}
		summary, _ := e.Props.Text(goical.PropSummary)
		start, err := e.DateTimeStart(nil)
		if summary != "Весенний субботник: Көмекші" || err != nil || !start.Equal(w.start) ||
			e.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID) != "Asia/Almaty" {
			t.Fatalf("entry: %q %v %v", summary, start, err)
		}
		if st, _ := e.Status(); st != goical.EventTentative {
			t.Fatalf("a waitlisted place: %v", st)
		}
		// the filler leaves: the place is confirmed
		mine := a.must(200, req{method: "GET", path: "/api/v1/me/signups", token: filler.token})
		sid := int64(mine.body["items"].([]any)[0].(map[string]any)["id"].(float64))
		a.must(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", sid), token: filler.token})
		_, cal = a.fetchCalendar(t, feed)
		if st, _ := eventByUID(cal, uid).Status(); st != goical.EventConfirmed {
			t.Fatalf("after promotion: %v", st)
		}

		// a new address ends the old
		again := calendarURL.FindStringSubmatch(b.post("/me/calendar", url.Values{}).must(t, 200).body)
		if st, _ := a.fetchCalendar(t, feed); st != 404 {
			t.Fatalf("the old address still answers %d", st)
		}
		if st, _ := a.fetchCalendar(t, strings.TrimPrefix(again[1], a.srv.URL)); st != 200 {
			t.Fatalf("the new address: %d", st)
		}
		if st, _ := a.fetchCalendar(t, "/calendar/me/forged.ics"); st != 404 {
			t.Fatalf("a forged address: %d", st)
		}
		if err := a.store.SetDisabled(context.Background(), 0, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if st, _ := a.fetchCalendar(t, strings.TrimPrefix(again[1], a.srv.URL)); st != 404 {
			t.Fatalf("a disabled account's feed: %d", st)
		}
	})
}

// The programme of a direction and of an organization, in the language asked for.
func TestPublicCalendarFeeds(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		uid := fmt.Sprintf("event-%d@erikti", w.eventID)
		_, cal := a.fetchCalendar(t, "/calendar/directions/ecology.ics?lang=en")
		e := eventByUID(cal, uid)
		if e == nil {
			t.Fatal("the event is not in its direction's feed")
		}
		if s, _ := e.Props.Text(goical.PropSummary); s != "Spring clean-up" {
			t.Fatalf("summary %q", s)
		}
		if loc, _ := e.Props.Text(goical.PropLocation); loc != "Орталық саябақ" {
			t.Fatalf("location %q", loc)
		}
		if name := cal.Props.Get("X-WR-CALNAME"); name == nil || !strings.Contains(name.Value, "erikti") {
			t.Fatalf("calendar name: %v", name)
		}
		_, cal = a.fetchCalendar(t, "/calendar/directions/culture.ics")
		if eventByUID(cal, uid) != nil {
			t.Fatal("an ecology event in the culture feed")
		}
		_, cal = a.fetchCalendar(t, fmt.Sprintf("/calendar/organizations/%d.ics?lang=kk", w.orgID))
		if e := eventByUID(cal, uid); e == nil {
			t.Fatal("the event is not in its organization's feed")
		} else if s, _ := e.Props.Text(goical.PropSummary); s != "Көктемгі сенбілік" {
			t.Fatalf("summary %q", s)
		}
		// a cancelled event stays, cancelled, so that calendars remove it
		a.must(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", w.eventID), token: w.coord.token, body: map[string]any{"status": "cancelled"}})
		_, cal = a.fetchCalendar(t, "/calendar/directions/ecology.ics")
		if st, _ := eventByUID(cal, uid).Status(); st != goical.EventCancelled {
			t.Fatalf("a cancelled event: %v", st)
		}
		for _, path := range []string{"/calendar/directions/nowhere.ics", "/calendar/directions/ecology", "/calendar/organizations/987654.ics",
			"/calendar/organizations/abc.ics", "/calendar/organizations/-1.ics"} {
			if st, _ := a.fetchCalendar(t, path); st != 404 {
				t.Errorf("%s: %d, want 404", path, st)
			}
		}
	})
}

// With a public URL, the calendar's addresses are erikti's public ones, not the host a request
// happened to reach: the feed address a person copies and each entry's link back to its event.
func TestCalendarLinksUsePublicURL(t *testing.T) {
	a := newAppWith(t, "sqlite", Options{PublicURL: "https://erikti.example.kz/"})
	w := a.world(1)
	b := a.browser("ru")
	b.signUp(t, "Ольга Иванова", "1990-05-05")
	b.post("/me/calendar", url.Values{}).must(t, 200).
		has(t, `value="https://erikti.example.kz/calendar/me/`, `href="webcal://erikti.example.kz/calendar/me/`).lacks(t, a.srv.URL)
	_, cal := a.fetchCalendar(t, "/calendar/directions/ecology.ics")
	e := eventByUID(cal, fmt.Sprintf("event-%d@erikti", w.eventID))
	if e == nil {
		t.Fatal("the event is not in its direction's feed")
	}
	if u := e.Props.Get(goical.PropURL); u == nil || u.Value != fmt.Sprintf("https://erikti.example.kz/events/%d", w.eventID) {
		t.Fatalf("the entry's link: %v", u)
	}
}
