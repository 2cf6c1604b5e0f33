package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Issue 14, findings 2 and 3, as the outside test played them through the real router: register,
// create an organization (pending), publish an event, sign up to one's own shift starting
// tomorrow, enter 150 minutes, approve them, ask for a certificate. Each step that made hours out
// of nothing is refused now, in the reader's language, and the certificate request ends in 409
// cert.no_hours; while the organization is pending its event is nowhere public, yet its members
// see it; verified, it is listed again (through the read cache) and takes signups.
func TestSelfMadeCertificateIsRefused(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		fo := a.frontOffice()
		me := a.register("Өзім Жасаған", "1995-05-05")
		org := id(a.must(201, req{method: "POST", path: "/api/v1/organizations", token: me.token, body: map[string]any{
			"name": map[string]string{"kk": "Менің қорым"}, "description": map[string]string{"kk": "Өзімнің ұйымым"}, "bin": "000740000728"}}))
		a.enrol(&me) // an organization's admin: the role's token needs a second factor
		start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
		ev := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", org), token: me.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Жалған сенбілік", "ru": "Поддельный субботник", "en": "Fake clean-up"},
			"venue": map[string]string{"kk": "Орталық саябақ"}, "district": "medeu", "status": "published",
			"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(40 * time.Minute).Format(time.RFC3339),
			"shifts": []map[string]any{{"role": map[string]string{"kk": "Көмекші"}, "starts_at": start.Format(time.RFC3339),
				"ends_at": start.Add(40 * time.Minute).Format(time.RFC3339), "capacity": 5}}}})
		eventID := id(ev)
		shiftID := int64(ev.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
		signupPath := fmt.Sprintf("/api/v1/shifts/%d/signups", shiftID)
		en := map[string]string{"Accept-Language": "en"}

		// pending: not public, and no signups
		anon := a.browser("en")
		for _, path := range []string{"/programme", "/", fmt.Sprintf("/organizations/%d", org), "/calendar/directions/ecology.ics",
			fmt.Sprintf("/calendar/organizations/%d.ics", org)} {
			if p := anon.get(path); strings.Contains(p.body, "Fake clean-up") {
				t.Errorf("%s shows a pending organization's event", path)
			}
		}
		anon.get(fmt.Sprintf("/events/%d", eventID)).must(t, 404)
		a.must(404, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", eventID)})
		if l := a.must(200, req{method: "GET", path: "/api/v1/events"}); strings.Contains(string(l.raw), "Fake clean-up") {
			t.Errorf("the API's list shows a pending organization's event: %s", l.raw)
		}
		a.must(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", eventID), token: me.token}) // its members see it
		mb := a.browser("en")
		mb.signIn(t, me)
		mb.get(fmt.Sprintf("/events/%d", eventID)).must(t, 200).has(t, "Fake clean-up")
		if r := a.must(409, req{method: "POST", path: signupPath, token: me.token, header: en}); r.body["code"] != "signup.org_not_verified" ||
			!strings.Contains(r.body["detail"].(string), "not verified") {
			t.Fatalf("a signup to a pending organization's shift: %s", r.raw)
		}
		other := a.register("Бөтен Адам", "1990-01-01")
		a.must(409, req{method: "POST", path: signupPath, token: other.token})

		// verified (the Front Office's decision), the event is public and takes signups; the rest of
		// the attack still gets nowhere
		a.must(200, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", org), token: fo.token})
		anon.get("/programme").must(t, 200).has(t, "Fake clean-up")
		anon.get(fmt.Sprintf("/events/%d", eventID)).must(t, 200)
		signup := id(a.must(201, req{method: "POST", path: signupPath, token: me.token}))
		hoursPath := fmt.Sprintf("/api/v1/shifts/%d/hours", shiftID)
		// issue 17: a 422 naming starts_at, in the reader's language
		if r := a.must(422, req{method: "POST", path: hoursPath, token: me.token, header: en,
			body: map[string]any{"signup_id": signup, "minutes": 150}}); !strings.Contains(string(r.raw), `"field":"starts_at","code":"hours.not_started"`) ||
			!strings.Contains(string(r.raw), "The shift has not started yet") {
			t.Fatalf("hours for a shift that starts tomorrow: %s", r.raw)
		}
		if r := a.must(422, req{method: "POST", path: hoursPath + "/approve", token: me.token, header: map[string]string{"Accept-Language": "ru"}}); !strings.Contains(string(r.raw), `"field":"starts_at","code":"hours.not_started"`) ||
			!strings.Contains(string(r.raw), "Смена ещё не началась") {
			t.Fatalf("the shift's approval before its start: %s", r.raw)
		}
		mb.post(fmt.Sprintf("/manage/signups/%d/hours", signup), url.Values{"hours": {"1"}, "minutes": {"10"}}).must(t, 422).
			has(t, "The shift has not started yet")
		mb.post(fmt.Sprintf("/manage/shifts/%d/hours/approve", shiftID), nil).must(t, 422).has(t, "The shift has not started yet")
		if claims := a.must(200, req{method: "GET", path: hoursPath, token: me.token}); strings.Contains(string(claims.raw), `"status"`) {
			t.Fatalf("a refused claim was written: %s", claims.raw)
		}

		a.moveClockTo(start.Add(time.Hour)) // the shift has happened
		if r := a.must(422, req{method: "POST", path: hoursPath, token: me.token,
			body: map[string]any{"signup_id": signup, "minutes": 150}}); !strings.Contains(string(r.raw), "hours.over_cap") {
			t.Fatalf("150 minutes on a 40-minute shift: %s", r.raw)
		}
		claim := id(a.must(201, req{method: "POST", path: hoursPath, token: me.token, body: map[string]any{"signup_id": signup, "minutes": 70}}))
		if r := a.must(409, req{method: "POST", path: fmt.Sprintf("/api/v1/hours/%d/decision", claim), token: me.token, header: en,
			body: map[string]any{"decision": "approved"}}); r.body["code"] != "hours.own" || !strings.Contains(r.body["detail"].(string), "your own hours") {
			t.Fatalf("approving one's own hours: %s", r.raw)
		}
		mb.signIn(t, me) // the clock moved past the session's life
		mb.post(fmt.Sprintf("/manage/hours/%d", claim), url.Values{"decision": {"approved"}}).must(t, 409).has(t, "You cannot approve your own hours")
		mb.post(fmt.Sprintf("/manage/shifts/%d/hours/approve", shiftID), nil).must(t, 303)
		if r := a.must(200, req{method: "POST", path: hoursPath + "/approve", token: me.token}); r.body["approved"].(float64) != 0 {
			t.Fatalf("the shift's approval approved one's own hours: %s", r.raw)
		}
		// a second, third and fourth claim correct the first instead of adding to it
		for range 3 {
			a.must(201, req{method: "POST", path: hoursPath, token: me.token, body: map[string]any{"signup_id": signup, "minutes": 70}})
		}
		claims := a.must(200, req{method: "GET", path: hoursPath, token: me.token})
		pending := strings.Count(string(claims.raw), `"status":"pending"`)
		if pending != 1 {
			t.Fatalf("%d pending claims on one signup: %s", pending, claims.raw)
		}

		if r := a.must(409, req{method: "POST", path: "/api/v1/me/certificates", token: me.token, body: map[string]any{"lang": "en"}}); r.body["code"] != "cert.no_hours" {
			t.Fatalf("the certificate: %s", r.raw)
		}
		if book := a.must(200, req{method: "GET", path: "/api/v1/me/hours", token: me.token}); book.body["total_minutes"].(float64) != 0 {
			t.Fatalf("the book: %s", book.raw)
		}
	})
}
