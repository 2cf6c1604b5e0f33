package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
)

func TestSignupFlowOverHTTP(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		aru, ben := a.register("Аружан Оспанова", "2004-06-01"), a.register("Бауыржан Ким", "1959-01-15")
		signups := fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID)

		first := a.must(201, req{method: "POST", path: signups, token: aru.token})
		if first.body["status"] != "confirmed" || first.body["waitlist_position"] != nil {
			t.Fatalf("first signup: %s", first.raw)
		}
		key := map[string]string{"Idempotency-Key": "9f0c-ben-1"}
		second := a.must(201, req{method: "POST", path: signups, token: ben.token, header: key})
		if second.body["status"] != "waitlisted" || second.body["waitlist_position"] != 1.0 {
			t.Fatalf("second signup: %s", second.raw)
		}
		replay := a.must(201, req{method: "POST", path: signups, token: ben.token, header: key})
		if string(replay.raw) != string(second.raw) || replay.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay answered %s (replayed %q), first answer %s", replay.raw, replay.header.Get("Idempotent-Replayed"), second.raw)
		}
		again := a.must(409, req{method: "POST", path: signups, token: ben.token})
		if again.body["code"] != "signup.already" {
			t.Fatalf("signing up twice: %s", again.raw)
		}

		ev := a.must(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", w.eventID)})
		sh := ev.body["shifts"].([]any)[0].(map[string]any)
		if sh["confirmed"] != 1.0 || sh["waitlisted"] != 1.0 || sh["places_left"] != 0.0 || sh["capacity"] != 1.0 {
			t.Fatalf("event's shift: %v", sh)
		}
		roster := a.must(200, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: w.coord.token})
		items := roster.body["items"].([]any)
		if len(items) != 2 || items[0].(map[string]any)["volunteer"].(map[string]any)["name"] != "Аружан Оспанова" {
			t.Fatalf("roster: %s", roster.raw)
		}

		// the confirmed volunteer cancels; the first in line is promoted at once
		a.must(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(first)), token: aru.token})
		mine := a.must(200, req{method: "GET", path: "/api/v1/me/signups", token: ben.token})
		got := mine.body["items"].([]any)[0].(map[string]any)
		if got["status"] != "confirmed" || got["event_title"].(map[string]any)["kk"] != "Көктемгі сенбілік" {
			t.Fatalf("after the cancellation ben has %v", got)
		}
		// a coordinator of the organization may cancel a volunteer's signup
		a.must(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(second)), token: w.coord.token})
		ev = a.must(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", w.eventID)})
		if sh := ev.body["shifts"].([]any)[0].(map[string]any); sh["confirmed"] != 0.0 || sh["waitlisted"] != 0.0 {
			t.Fatalf("after both cancelled: %v", sh)
		}
	})
}

func TestConcurrentSignupsOverHTTP(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(10)
		people := make([]person, 60)
		for i := range people {
			people[i] = a.register(fmt.Sprintf("Ерікті %d", i), "2000-01-01")
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		statuses := map[any]int{}
		for _, p := range people {
			wg.Go(func() {
				r := a.do(req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})
				mu.Lock()
				defer mu.Unlock()
				if r.status != 201 {
					t.Errorf("signup: %d %s", r.status, r.raw)
				}
				statuses[r.body["status"]]++
			})
		}
		wg.Wait()
		if statuses["confirmed"] != 10 || statuses["waitlisted"] != 50 {
			t.Fatalf("answers: %v", statuses)
		}
	})
}

func TestAccessControl(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		vol := a.register("Мадина Ержанова", "2005-04-21")
		other := a.register("Басқа ұйым", "1990-01-01")
		otherOrg := a.must(201, req{method: "POST", path: "/api/v1/organizations", token: other.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}}})
		if otherOrg.body["status"] != "pending" {
			t.Fatalf("a new organization is %v, want pending", otherOrg.body["status"])
		}
		a.enrol(&other) // its admin now holds a role
		ev := fmt.Sprintf("/api/v1/events/%d", w.eventID)
		roster := fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID)
		newEvent := map[string]any{"direction": "social", "title": map[string]string{"ru": "Помощь"}, "venue": map[string]string{"kk": "ЦОН"}, "district": "almaly",
			"starts_at": "2027-01-10T10:00", "ends_at": "2027-01-10T12:00"}
		cases := []struct {
			name   string
			r      req
			status int
		}{
			{"anonymous may not create an organization", req{method: "POST", path: "/api/v1/organizations", body: map[string]any{"name": map[string]string{"kk": "Жаңа"}}}, 401},
			{"a bad token is refused", req{method: "GET", path: "/api/v1/me", token: "not-a-token"}, 401},
			{"a volunteer may not verify", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", id(otherOrg)), token: vol.token}, 403},
			{"an organization's admin may not verify itself", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", id(otherOrg)), token: other.token}, 403},
			{"a volunteer may not add events", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: vol.token, body: newEvent}, 403},
			{"another organization may not add events", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: other.token, body: newEvent}, 403},
			{"another organization may not edit the event", req{method: "PATCH", path: ev, token: other.token, body: map[string]any{"venue": map[string]string{"kk": "x y"}}}, 403},
			{"another organization may not add shifts", req{method: "POST", path: ev + "/shifts", token: other.token, body: map[string]any{"capacity": 3}}, 403},
			{"another organization may not change a shift", req{method: "PATCH", path: fmt.Sprintf("/api/v1/shifts/%d", w.shiftID), token: other.token, body: map[string]any{"capacity": 1000}}, 403},
			{"a volunteer may not read a roster", req{method: "GET", path: roster, token: vol.token}, 403},
			{"another organization may not read a roster", req{method: "GET", path: roster, token: other.token}, 403},
			{"a coordinator may not curate the city programme", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"city_programme": true}}, 403},
			{"the Front Office curates the city programme", req{method: "PATCH", path: ev, token: w.fo.token, body: map[string]any{"city_programme": true}}, 200},
			{"the Front Office reads any roster", req{method: "GET", path: roster, token: w.fo.token}, 200},
			{"the coordinator reads the roster", req{method: "GET", path: roster, token: w.coord.token}, 200},
			{"the other admin adds events to its own organization", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", id(otherOrg)), token: other.token, body: newEvent}, 201},
		}
		for _, c := range cases {
			if r := a.do(c.r); r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.status, r.raw)
			}
		}
		// a draft is seen only by its organization and the Front Office
		a.must(200, req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"status": "draft"}})
		a.must(404, req{method: "GET", path: ev})
		a.must(404, req{method: "GET", path: ev, token: vol.token})
		a.must(200, req{method: "GET", path: ev, token: w.coord.token})
		a.must(200, req{method: "GET", path: ev, token: w.fo.token})
		list := a.must(200, req{method: "GET", path: "/api/v1/events"})
		if strings.Contains(string(list.raw), fmt.Sprintf(`"id":%d,`, w.eventID)) {
			t.Fatalf("the programme lists a draft: %s", list.raw)
		}
		// someone else's signup is not theirs to cancel
		a.must(200, req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"status": "published"}})
		sg := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		a.must(404, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(sg)), token: other.token})
		if mine := a.must(200, req{method: "GET", path: "/api/v1/me/signups", token: vol.token}); !strings.Contains(string(mine.raw), `"status":"confirmed"`) {
			t.Fatalf("the signup changed: %s", mine.raw)
		}
	})
}

// snapshot is what a bad request must leave unchanged: the programme, the event, the organizations
// and the roster, as the API shows them.
func (a *app) snapshot(w world) string {
	a.t.Helper()
	var b strings.Builder
	for _, r := range []req{
		{method: "GET", path: "/api/v1/events?limit=200"},
		{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", w.eventID), token: w.fo.token},
		{method: "GET", path: "/api/v1/organizations", token: w.fo.token},
		{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: w.fo.token},
	} {
		b.Write(a.must(200, r).raw)
	}
	return b.String()
}

func TestBadInputNamesTheFieldAndChangesNothing(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		vol := a.register("Тимур Серікбаев", "2001-11-11")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		ev := fmt.Sprintf("/api/v1/events/%d", w.eventID)
		shift := fmt.Sprintf("/api/v1/shifts/%d", w.shiftID)
		newEvent := func(change map[string]any) map[string]any {
			e := map[string]any{"direction": "culture", "title": map[string]string{"en": "Mural"}, "venue": map[string]string{"kk": "Арбат"}, "district": "almaly",
				"starts_at": "2027-02-01T10:00", "ends_at": "2027-02-01T14:00"}
			for k, v := range change {
				e[k] = v
			}
			return e
		}
		events := fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID)
		cases := []struct {
			name   string
			r      req
			status int
			field  string
		}{
			{"malformed JSON", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: `{"name": {"kk": "Қамқор"},`}, 400, "body"},
			{"an empty body", req{method: "PATCH", path: ev, token: w.coord.token, body: ` `}, 400, "body"},
			{"a second JSON value", req{method: "PATCH", path: ev, token: w.coord.token, body: `{"venue":{"kk":"Абай"}} {}`}, 400, "body"},
			{"an unknown field", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "colour": "green"}}, 400, "colour"},
			{"a field the user may not set", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "status": "verified"}}, 400, "status"},
			{"a wrong type", req{method: "PATCH", path: shift, token: w.coord.token, body: map[string]any{"capacity": "ten"}}, 400, "capacity"},
			{"a string for a list", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"accessibility": "wheelchair"}}, 400, "accessibility"},
			{"a body over 1 MiB", req{method: "PATCH", path: ev, token: w.coord.token, body: `{"venue":{"kk":"` + strings.Repeat("а", 600_000) + `"}}`}, 413, "body"},
			{"not JSON at all", req{method: "PATCH", path: ev, token: w.coord.token, body: "venue=x", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, "Content-Type"},
			{"a date that does not exist", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"starts_at": "2027-02-30T10:00"})}, 422, "starts_at"},
			{"a birth date that does not exist", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "x@example.kz", "password": "long enough", "name": "Әлия", "birth_date": "2008-02-30", "accept_privacy_policy": true}}, 422, "birth_date"},
			{"an end before its start", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"ends_at": "2027-02-01T09:00"})}, 422, "ends_at"},
			{"a shift ending before it starts", req{method: "PATCH", path: shift, token: w.coord.token, body: map[string]any{"ends_at": w.start.Add(-time.Hour).Format(time.RFC3339)}}, 422, "ends_at"},
			{"a negative capacity", req{method: "PATCH", path: shift, token: w.coord.token, body: map[string]any{"capacity": -5}}, 422, "capacity"},
			{"an absurd capacity", req{method: "PATCH", path: shift, token: w.coord.token, body: map[string]any{"capacity": 1_000_000_000}}, 422, "capacity"},
			{"a capacity below the confirmed", req{method: "PATCH", path: shift, token: w.coord.token, body: map[string]any{"capacity": 0}}, 422, "capacity"},
			{"a title over its limit", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"title": map[string]string{"kk": strings.Repeat("ә", 201)}}}, 422, "title.kk"},
			{"a language erikti does not have", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"title": map[string]string{"de": "Aufräumen"}}}, 400, "de"},
			{"no title in any language", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"title": map[string]string{}})}, 422, "title"},
			{"an unknown direction", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"direction": "astronomy"})}, 422, "direction"},
			{"an unknown district", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"district": "astana"}}, 422, "district"},
			{"a bad shift inside a new event", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"shifts": []map[string]any{{"role": map[string]string{"kk": "Суретші"}, "starts_at": "2027-02-01T10:00", "ends_at": "2027-02-01T12:00", "capacity": 0}}})}, 422, "shifts[0].capacity"},
			{"a shift outside its event", req{method: "POST", path: ev + "/shifts", token: w.coord.token, body: map[string]any{"role": map[string]string{"ru": "Фотограф"}, "starts_at": w.start.Add(-48 * time.Hour).Format(time.RFC3339), "ends_at": w.start.Add(-47 * time.Hour).Format(time.RFC3339), "capacity": 2}}, 422, "starts_at"},
			{"a bad BIN checksum", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "bin": "000740000729"}}, 422, "bin"},
			{"a BIN of letters", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "bin": "00074000072X"}}, 422, "bin"},
			{"a bad email", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "not an address", "password": "long enough", "name": "Әлия", "birth_date": "2008-02-03", "accept_privacy_policy": true}}, 422, "email"},
			{"a short password", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "a@example.kz", "password": "short", "name": "Әлия", "birth_date": "2008-02-03", "accept_privacy_policy": true}}, 422, "password"},
			{"an event that does not exist", req{method: "PATCH", path: "/api/v1/events/987654", token: w.coord.token, body: map[string]any{"venue": map[string]string{"kk": "Абай"}}}, 404, "id"},
			{"a shift that does not exist", req{method: "POST", path: "/api/v1/shifts/987654/signups", token: vol.token}, 404, "id"},
			{"a signup that does not exist", req{method: "DELETE", path: "/api/v1/signups/987654", token: vol.token}, 404, "id"},
			{"an organization that does not exist", req{method: "POST", path: "/api/v1/organizations/987654/events", token: w.coord.token, body: newEvent(nil)}, 404, "id"},
			{"an id that is not a number", req{method: "GET", path: "/api/v1/events/abc"}, 422, "id"},
			{"a negative id", req{method: "GET", path: "/api/v1/events/-3"}, 422, "id"},
			{"an idempotency key too long", req{method: "POST", path: shift + "/signups", token: w.coord.token, header: map[string]string{"Idempotency-Key": strings.Repeat("k", 201)}}, 422, "Idempotency-Key"},
			{"an unknown direction filter", req{method: "GET", path: "/api/v1/events?direction=astronomy"}, 422, "direction"},
			{"a limit out of range", req{method: "GET", path: "/api/v1/events?limit=100000"}, 422, "limit"},
			{"a forged cursor", req{method: "GET", path: "/api/v1/events?cursor=bm90LWEtY3Vyc29y"}, 422, "cursor"},
			{"a date filter that does not exist", req{method: "GET", path: "/api/v1/events?from=2026-13-01"}, 422, "from"},
			{"an unknown accessibility filter", req{method: "GET", path: "/api/v1/events?access=stairs"}, 422, "access"},
			{"a silver filter that is not true or false", req{method: "GET", path: "/api/v1/events?silver=maybe"}, 422, "silver"},
			{"a free-places filter that is not true or false", req{method: "GET", path: "/api/v1/events?free=2"}, 422, "free"},
			{"a bad verification decision", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", w.orgID), token: w.fo.token, body: map[string]any{"status": "approved"}}, 422, "status"},
			{"a suspension without a reason", req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", w.orgID), token: w.fo.token, body: map[string]any{"status": "suspended"}}, 422, "reason"},
		}
		before := a.snapshot(w)
		for _, c := range cases {
			r := a.do(c.r)
			if r.status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.raw)
				continue
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("%s: Content-Type %q", c.name, ct)
			}
			fields, _ := r.body["errors"].([]any)
			if len(fields) == 0 || fields[0].(map[string]any)["field"] != c.field {
				t.Errorf("%s: the problem names %v, want field %q: %s", c.name, fields, c.field, r.raw)
				continue
			}
			if msg, _ := fields[0].(map[string]any)["message"].(string); msg == "" || strings.Contains(msg, ".") && !strings.Contains(msg, " ") {
				t.Errorf("%s: the message %q is not translated", c.name, msg)
			}
			if after := a.snapshot(w); after != before {
				t.Fatalf("%s changed what is stored", c.name)
			}
		}
	})
}

func TestErrorsSpeakTheReadersLanguage(t *testing.T) {
	a := newApp(t, "sqlite")
	body := map[string]any{"email": "x@example.kz", "password": "long enough", "name": "Әлия", "birth_date": "2008-02-30"}
	for lang, want := range map[string]string{
		"":                    "Бар күн болуы керек, мысалы 2008-04-21",
		"ru-RU,ru;q=0.9":      "Должна быть существующая дата, например 2008-04-21",
		"en-GB,en;q=0.8":      "Must be a date that exists, such as 2008-04-21",
		"de-DE,ru;q=0.5":      "Должна быть существующая дата, например 2008-04-21",
		"kk-KZ,ru;q=0.9,en;q": "Бар күн болуы керек, мысалы 2008-04-21",
	} {
		r := a.do(req{method: "POST", path: "/api/v1/auth/register", body: body, header: map[string]string{"Accept-Language": lang}})
		msg := r.body["errors"].([]any)[0].(map[string]any)["message"]
		if r.status != 422 || msg != want {
			t.Errorf("Accept-Language %q: %d %v, want %q", lang, r.status, msg, want)
		}
	}
	r := a.do(req{method: "GET", path: "/api/v1/no/such/page", header: map[string]string{"Accept-Language": "en"}})
	if r.status != 404 || r.body["detail"] != "There is no such page or API route" || r.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("unknown route: %d %s", r.status, r.raw)
	}
}

func TestOperations(t *testing.T) {
	eachWith(t, Options{MetricsToken: testMetricsToken}, func(t *testing.T, a *app) {
		for _, p := range []string{"/healthz", "/readyz"} {
			if r := a.do(req{method: "GET", path: p}); r.status != 200 {
				t.Fatalf("%s: %d %s", p, r.status, r.raw)
			}
		}
		w := a.world(3)
		vol := a.register("Ілияс Мұхтаров", "1999-09-09")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		r := a.do(req{method: "GET", path: "/metrics", token: testMetricsToken})
		for _, want := range []string{`erikti_signups_total{status="confirmed"} 1`, `erikti_http_requests_total{code="201",route="POST /api/v1/shifts/{id}/signups"} 1`, "go_goroutines",
			`erikti_jobs{state="parked"} 0`, `erikti_jobs{state="pending"} `} {
			if r.status != 200 || !strings.Contains(string(r.raw), want) {
				t.Fatalf("/metrics lacks %q", want)
			}
		}
		if h := a.do(req{method: "GET", path: "/api/v1/directions"}).header; h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") == "" {
			t.Fatalf("security headers missing: %v", h)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/directions"}); len(r.body["items"].([]any)) != 8 {
			t.Fatalf("directions: %s", r.raw)
		}
	})
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	a := newApp(t, "sqlite")
	r := a.do(req{method: "PUT", path: "/api/v1/events/1", header: map[string]string{"Accept-Language": "ru"}})
	if r.status != 405 || r.header.Get("Content-Type") != "application/problem+json" ||
		!strings.Contains(r.header.Get("Allow"), "PATCH") || !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Fatalf("PUT on an event: %d Allow %q: %s", r.status, r.header.Get("Allow"), r.raw)
	}
	if msg := r.body["errors"].([]any)[0].(map[string]any)["message"]; !strings.Contains(msg.(string), "метод") {
		t.Fatalf("405 message %q is not Russian", msg)
	}
	if r := a.do(req{method: "GET", path: "/api/v1/nothing-here"}); r.status != 404 || r.body["code"] != "not_found.route" {
		t.Fatalf("unknown path: %d %s", r.status, r.raw)
	}
}

func TestDateFiltersIncludeTheWholeDay(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		day := w.start.Format("2006-01-02")
		for query, want := range map[string]bool{
			"from=" + day + "&to=" + day: true,
			"to=" + day:                  true,
			"from=" + w.start.AddDate(0, 0, 1).Format("2006-01-02"): false,
			"to=" + w.start.AddDate(0, 0, -1).Format("2006-01-02"):  false,
			"to=" + url.QueryEscape(w.start.Format(time.RFC3339)):   false, // a time is exclusive
		} {
			r := a.must(200, req{method: "GET", path: "/api/v1/events?" + query})
			if got := len(r.body["items"].([]any)) == 1; got != want {
				t.Errorf("%s: found %v, want %v", query, got, want)
			}
		}
	})
}

func TestProgrammeFiltersOverTheAPI(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		day := w.start.AddDate(0, 0, 1)
		silver := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "mentoring", "title": map[string]string{"kk": "Ұрпақтар диалогы"}, "venue": map[string]string{"kk": "Кітапхана"}, "district": "almaly",
			"status": "published", "silver": true, "accessibility": []string{"seating", "wheelchair"},
			"starts_at": day.Format(time.RFC3339), "ends_at": day.Add(2 * time.Hour).Format(time.RFC3339)}})
		if silver.body["silver"] != true {
			t.Fatalf("silver not kept: %s", silver.raw)
		}
		ids := func(q string) []int64 {
			t.Helper()
			r := a.must(200, req{method: "GET", path: "/api/v1/events?" + q})
			var out []int64
			for _, it := range r.body["items"].([]any) {
				out = append(out, int64(it.(map[string]any)["id"].(float64)))
			}
			return out
		}
		for q, want := range map[string][]int64{
			"":                                 {w.eventID, id(silver)},
			"silver=true":                      {id(silver)},
			"silver=false":                     {w.eventID, id(silver)},
			"access=seating&access=wheelchair": {id(silver)},
			"access=hearing_loop":              nil,
			"free=true":                        {w.eventID}, // the silver event has no shift
		} {
			if got := ids(q); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q: %v, want %v", q, got, want)
			}
		}
	})
}

// A signup checks its token and its consent in the store's own first statement: every way a
// token or a consent is not good is refused as before, with its code in the reader's language,
// and books nothing.
func TestSignupRefusesABadTokenOrNoConsent(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(5)
		signups := fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID)
		vol, gone := a.register("Әлия Серікова", "2003-03-03"), a.register("Ғалым Ерболов", "1990-10-10")
		if err := a.store.CreateToken(ctx, vol.ID, auth.HashToken("token-that-expired"), time.Now().Add(-time.Minute), false); err != nil {
			t.Fatal(err)
		}
		if err := a.store.SetDisabled(ctx, 0, gone.ID, true); err != nil {
			t.Fatal(err)
		}
		refuse := func(step string, status int, code, token string, detail string) {
			t.Helper()
			r := a.do(req{method: "POST", path: signups, token: token, header: map[string]string{"Accept-Language": "ru"}})
			if r.status != status || r.body["code"] != code || r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%s: %d %s, want %d %s", step, r.status, r.raw, status, code)
			}
			if d, _ := r.body["detail"].(string); !strings.Contains(d, detail) {
				t.Fatalf("%s: detail %q, want it in Russian, with %q", step, d, detail)
			}
			if sh, _, err := a.store.Shift(ctx, w.shiftID); err != nil || sh.Confirmed+sh.Waitlisted != 0 {
				t.Fatalf("%s booked: %+v %v", step, sh, err)
			}
		}
		msgs, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		ru := func(key string) string { return msgs.T("ru", key, nil) }
		refuse("no token", 401, "auth.token_required", "", ru("auth.token_required"))
		refuse("a made-up token", 401, "auth.token_invalid", "made-up", ru("auth.token_invalid"))
		refuse("an expired token", 401, "auth.token_invalid", "token-that-expired", ru("auth.token_invalid"))
		refuse("a disabled account's token", 401, "auth.token_invalid", gone.token, ru("auth.token_invalid"))
		if err := a.store.WithdrawConsent(ctx, vol.ID, store.ConsentPrivacy); err != nil {
			t.Fatal(err)
		}
		refuse("a withdrawn consent", 403, "consent.required", vol.token, ru("consent.required"))
		if err := a.store.GiveConsent(ctx, vol.ID, store.ConsentPrivacy, "2020-01", "form"); err != nil {
			t.Fatal(err)
		}
		refuse("a consent to an older policy", 403, "consent.required", vol.token, ru("consent.required"))
		if err := a.store.GiveConsent(ctx, vol.ID, store.ConsentPrivacy, domain.PrivacyPolicyVersion, "form"); err != nil {
			t.Fatal(err)
		}
		if r := a.must(201, req{method: "POST", path: signups, token: vol.token}); r.body["status"] != "confirmed" {
			t.Fatalf("with the consent given again: %s", r.raw)
		}
	})
}
