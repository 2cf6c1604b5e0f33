package web

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/store"
)

// programmeWorld is a world with two more events: one tomorrow (a shift of one place, which a
// volunteer takes and is checked in at), and one in three days (a shift of one place, full with
// one more person waiting), created after the world's event a week ahead, so that the order of
// creation is not the order of start. Then the clock moves two days on: tomorrow's event has
// taken place.
type programmeWorld struct {
	world
	past, soon int64 // the event that took place, the one in three days
}

func (a *app) programmeWorld(t *testing.T) programmeWorld {
	t.Helper()
	w := programmeWorld{world: a.world(2)}
	event := func(title string, start time.Time) (eventID, shiftID int64) {
		t.Helper()
		ev := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "social", "title": map[string]string{"kk": title, "ru": title, "en": title},
			"venue": map[string]string{"kk": "Абай даңғылы"}, "district": "almaly", "status": "published",
			"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(3 * time.Hour).Format(time.RFC3339),
			"shifts": []map[string]any{{"role": map[string]string{"kk": "Көмекші"}, "starts_at": start.Format(time.RFC3339),
				"ends_at": start.Add(2 * time.Hour).Format(time.RFC3339), "capacity": 1}}}})
		return id(ev), int64(ev.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
	}
	now := a.clock.now().In(w.start.Location()).Truncate(time.Hour)
	var pastShift, soonShift int64
	w.past, pastShift = event("Past fair", now.Add(24*time.Hour))
	w.soon, soonShift = event("Soon fair", now.Add(72*time.Hour))
	signUp := func(shiftID int64, name string) int64 {
		t.Helper()
		vol := a.register(name, "1999-04-12")
		r := a.do(req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", shiftID), token: vol.token})
		if r.status != 201 && r.status != 202 {
			t.Fatalf("signup: %d %s", r.status, r.raw)
		}
		return vol.ID
	}
	came := signUp(pastShift, "Әлия Сейітова")
	signUp(soonShift, "Ерлан Жұмабаев")
	signUp(soonShift, "Мәдина Ахметова") // waitlisted

	// the volunteer who came is checked in when the shift starts
	ctx := context.Background()
	signups, err := a.store.UserSignups(ctx, came)
	if err != nil || len(signups) != 1 {
		t.Fatalf("signups %v: %v", signups, err)
	}
	code, _, err := a.store.CheckinPass(ctx, came, signups[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	toStart := now.Add(24 * time.Hour).Sub(a.clock.now())
	a.clock.mu.Lock()
	a.clock.off += toStart
	a.clock.mu.Unlock()
	if _, err := a.store.CheckIn(ctx, w.coord.ID, pastShift, store.CheckinCredential{Code: code}); err != nil {
		t.Fatal(err)
	}
	a.clock.mu.Lock()
	a.clock.off += 24 * time.Hour
	a.clock.mu.Unlock()
	return w
}

var cardLinkRe = regexp.MustCompile(`<h3><a href="/events/(\d+)">`)

// cards is the events a programme page lists, in order.
func cards(p page) string {
	var ids []string
	for _, m := range cardLinkRe.FindAllStringSubmatch(p.body, -1) {
		ids = append(ids, m[1])
	}
	return strings.Join(ids, ",")
}

// The programme starts today: upcoming events only, soonest first, counted, each card with its
// places; past events behind a switch, the latest first, each saying it took place and how many
// came; the API lists the same by default, and from/to still give any range.
func TestProgrammeStartsToday(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.programmeWorld(t)
		upcoming := fmt.Sprintf("%d,%d", w.soon, w.eventID)
		en := a.browser("en")
		for range 2 { // made, then kept
			p := en.get("/programme").must(t, 200)
			if got := cards(p); got != upcoming {
				t.Fatalf("the programme lists %s, want %s", got, upcoming)
			}
			p.has(t, `<h2 id="results-title">2 events</h2>`, "2 places left", "Full · 1 waiting",
				`href="/programme?when=past"`, `<summary>Filters</summary>`).
				lacks(t, "Past fair", "Took place")
		}
		past := en.get("/programme?when=past").must(t, 200).
			has(t, `<h2 id="results-title">1 past event</h2>`, "Took place · 1 person came", `class="card dir-social past"`,
				`aria-current="page">Past events</a>`).
			lacks(t, "Spring clean-up", "Soon fair")
		if got := cards(past); got != fmt.Sprint(w.past) {
			t.Fatalf("the past events are %s", got)
		}
		// filters keep the half they are in, and the fold names them
		en.get("/programme?when=past&direction=social").must(t, 200).
			has(t, "Past fair", `<summary>Filters (1 active): Social volunteering</summary>`, `name="when" value="past"`)
		en.get("/programme?when=past&direction=ecology").must(t, 200).
			has(t, `0 past events`, "No past events match these filters.")
		en.get("/programme?direction=ecology&district=medeu").must(t, 200).
			has(t, `<h2 id="results-title">1 event</h2>`, `<summary>Filters (2 active): Ecology, Medeu district</summary>`, `href="/programme?direction=ecology&amp;district=medeu&amp;when=past"`)

		// the count in each language, by its plural rules
		a.browser("ru").get("/programme").must(t, 200).has(t, `<h2 id="results-title">2 события</h2>`, "Осталось 2 места", "Мест нет · в ожидании 1")
		a.browser("kk").get("/programme").must(t, 200).has(t, `<h2 id="results-title">2 іс-шара</h2>`, "2 бос орын қалды")
		a.browser("ru").get("/programme?when=past").must(t, 200).has(t, "1 прошедшее событие", "Состоялось · пришёл 1 человек")

		// explicit dates give any range, soonest first
		from := a.clock.now().AddDate(0, 0, -3).In(w.start.Location()).Format(time.DateOnly)
		all := fmt.Sprintf("%d,%d,%d", w.past, w.soon, w.eventID)
		if got := cards(en.get("/programme?from="+from).must(t, 200)); got != all {
			t.Fatalf("from %s lists %s, want %s", from, got, all)
		}
		// a made-up half is the default one on the page
		if got := cards(en.get("/programme?when=yesterday").must(t, 200)); got != upcoming {
			t.Fatalf("when=yesterday lists %s", got)
		}

		// the API: upcoming by default, the same halves, any range with dates
		ids := func(q string) string {
			t.Helper()
			r := a.must(200, req{method: "GET", path: "/api/v1/events?" + q})
			var out []string
			for _, it := range r.body["items"].([]any) {
				out = append(out, fmt.Sprint(int64(it.(map[string]any)["id"].(float64))))
			}
			return strings.Join(out, ",")
		}
		for q, want := range map[string]string{
			"":                            upcoming,
			"when=upcoming":               upcoming,
			"when=past":                   fmt.Sprint(w.past),
			"when=all":                    all,
			"from=" + from:                all,
			"from=" + from + "&when=past": fmt.Sprint(w.past),
			"limit=1":                     fmt.Sprint(w.soon),
		} {
			if got := ids(q); got != want {
				t.Errorf("GET /api/v1/events?%s: %s, want %s", q, got, want)
			}
		}
		r := a.must(200, req{method: "GET", path: "/api/v1/events"})
		if left := r.body["items"].([]any)[1].(map[string]any)["places_left"]; left != 2.0 {
			t.Errorf("places_left %v, want 2", left)
		}
		// the second page of the past half goes on backwards
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "culture", "title": map[string]string{"en": "Earlier fair"}, "venue": map[string]string{"kk": "Арбат"}, "district": "almaly",
			"status": "published", "starts_at": a.clock.now().Add(-30 * time.Hour).Format(time.RFC3339),
			"ends_at": a.clock.now().Add(-29 * time.Hour).Format(time.RFC3339)}})
		page1 := a.must(200, req{method: "GET", path: "/api/v1/events?when=past&limit=1"})
		if got := int64(page1.body["items"].([]any)[0].(map[string]any)["id"].(float64)); got != w.past {
			t.Fatalf("the latest past event is %d, want %d", got, w.past)
		}
		page2 := a.must(200, req{method: "GET", path: "/api/v1/events?when=past&limit=1&cursor=" + page1.body["next_cursor"].(string)})
		if got := page2.body["items"].([]any)[0].(map[string]any)["title"].(map[string]any)["en"]; got != "Earlier fair" {
			t.Fatalf("the past half's second page: %s", page2.raw)
		}
		// a wrong half: refused naming the field, in the reader's language
		bad := a.do(req{method: "GET", path: "/api/v1/events?when=yesterday", header: map[string]string{"Accept-Language": "ru"}})
		if bad.status != 422 || !strings.Contains(string(bad.raw), `"when"`) || !strings.Contains(string(bad.raw), "прошедшие") {
			t.Fatalf("when=yesterday: %d %s", bad.status, bad.raw)
		}
	})
}

// A past event looks past: "took place on … · N came", and no signup button nor "signups are
// closed" on its shifts.
func TestPastEventLooksPast(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.programmeWorld(t)
		path := fmt.Sprintf("/events/%d", w.past)
		for range 2 { // made, then kept
			a.browser("en").get(path).must(t, 200).
				has(t, `<p class="took-place"><strong>Took place on `, ` · 1 person came</strong>`, "This shift took place.").
				lacks(t, "Signups are closed.", "/signup", "place left")
		}
		a.browser("ru").get(path).must(t, 200).has(t, "Состоялось ", " · пришёл 1 человек")
		// an upcoming event says none of it
		a.browser("en").get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200).lacks(t, "took-place", "This shift took place.")
	})
}

// The cached programme moves with the clock: once an event ends, the upcoming list loses it and
// the past one gains it, without any change to the data.
func TestProgrammeCacheFollowsTheClock(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		en := a.browser("en")
		link := fmt.Sprintf(`<h3><a href="/events/%d">`, w.eventID)
		en.get("/programme").must(t, 200).has(t, link, "1 place left")
		en.get("/programme?when=past").must(t, 200).lacks(t, link)
		a.must(200, req{method: "GET", path: "/api/v1/events"})
		a.clock.mu.Lock()
		a.clock.off += 8 * 24 * time.Hour // the event (4 hours, a week ahead) has ended
		a.clock.mu.Unlock()
		en.get("/programme").must(t, 200).lacks(t, link).has(t, "0 events")
		en.get("/programme?when=past").must(t, 200).has(t, link, "Took place")
		if r := a.must(200, req{method: "GET", path: "/api/v1/events"}); len(r.body["items"].([]any)) != 0 {
			t.Fatalf("the API's upcoming list kept an event that ended: %s", r.raw)
		}
	})
}
