package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// fuzzRoute is where FuzzServer sends a request: a path prefix that the fuzzed suffix completes.
type fuzzRoute struct {
	prefix string
	kind   int // apiRoute: any method, JSON body, bearer token; formPost: POST of a form; pageGet: GET
}

const (
	apiRoute = iota
	formPost
	pageGet
)

var fuzzMethods = []string{"GET", "POST", "PATCH", "DELETE"}

// FuzzServer sends whole requests to a real server on SQLite (ERIKTI_FUZZ_ENGINE=postgres for
// PostgreSQL): any method, path suffix and body under the API's routes, as a visitor, a volunteer,
// a coordinator or the Front Office, and form posts to /register, /login and /login/2fa and queries of
// /programme. No answer is a 5xx; an API answer is JSON, or a problem document whose status is the
// answer's; a page is a whole HTML document; a redirect stays on erikti.
func FuzzServer(f *testing.F) {
	a := newApp(f, cmp.Or(os.Getenv("ERIKTI_FUZZ_ENGINE"), "sqlite"))
	w := a.world(3)
	vol := a.register("Бен Фаззер", "2001-05-06")
	teen := a.register("Жас Фаззер", time.Now().AddDate(-16, 0, 0).Format(time.DateOnly))
	tokens := []string{"", vol.token, w.coord.token, w.fo.token, teen.token}
	routes := []fuzzRoute{
		{"/api/v1/", apiRoute},
		{"/api/v1/auth/register", apiRoute},
		{"/api/v1/auth/token", apiRoute},
		{"/api/v1/me", apiRoute},
		{"/api/v1/organizations", apiRoute},
		{fmt.Sprintf("/api/v1/organizations/%d", w.orgID), apiRoute},
		{"/api/v1/events", apiRoute},
		{fmt.Sprintf("/api/v1/events/%d", w.eventID), apiRoute},
		{fmt.Sprintf("/api/v1/shifts/%d", w.shiftID), apiRoute},
		{"/api/v1/signups/", apiRoute},
		{"/register", formPost},
		{"/login", formPost},
		{"/programme?", pageGet},
		{"/login/2fa", formPost},
		{"/api/v1/guardian/consent", apiRoute},
		{"/guardian/consent", formPost},
		{"/guardian/consent?", pageGet},
		{"/invitations/accept", formPost},
	}
	route := func(prefix string) uint8 {
		for i, r := range routes {
			if r.prefix == prefix {
				return uint8(i)
			}
		}
		panic(prefix)
	}
	const get, post, patch, del = 0, 1, 2, 3
	const visitor, volunteer, coordinator, office, minor = 0, 1, 2, 3, 4
	org, event, shift := routes[5].prefix, routes[7].prefix, routes[8].prefix
	for _, s := range []struct {
		route        string
		method, who  uint8
		suffix, body string
	}{
		{"/api/v1/auth/register", post, visitor, "", `{"email":"fuzz@example.kz","password":"Ақ жол 2026!","name":"Фазз","birth_date":"1990-01-01","locale":"ru","accept_privacy_policy":true}`},
		{"/api/v1/auth/register", post, visitor, "", `{"email":"fuzz@example.kz","password":"x","birth_date":"1990-02-30","extra":1}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + vol.Email + `","password":"Ақ жол 2026!"}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + vol.Email + `","password":"wrong password"}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + w.coord.Email + `","password":"Ақ жол 2026!","totp_code":"` + a.code(w.coord) + `"}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + w.coord.Email + `","password":"Ақ жол 2026!","totp_code":"` + w.coord.recovery[0] + `"}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + w.fo.Email + `","password":"Ақ жол 2026!","totp_code":"12 34 56"}`},
		{"/api/v1/auth/token", post, visitor, "", `{"email":"` + w.fo.Email + `","password":"Ақ жол 2026!","totp_code":123456}`},
		{"/login/2fa", post, visitor, "", "code=123456&next=%2Fmanage"},
		{"/login/2fa", post, visitor, "", "recovery_code=ABCDE-23456&next=%2F%2Fevil.example"},
		{"/api/v1/me", get, volunteer, "/signups", ""},
		{"/api/v1/me", get, visitor, "", ""},
		{"/api/v1/", get, visitor, "openapi.json", ""},
		{"/api/v1/", get, visitor, "directions", ""},
		{"/api/v1/", post, visitor, "nothing/here", "{}"},
		{"/api/v1/organizations", get, visitor, "?limit=2", ""},
		{"/api/v1/organizations", post, coordinator, "", `{"name":{"kk":"Қамқор"},"bin":"180440012349","website":"ftp://x"}`},
		{org, get, visitor, "", ""},
		{org, post, office, "/verify", `{"status":"suspended","reason":""}`},
		{org, post, coordinator, "/events", `{"direction":"ecology","title":{"kk":"Сенбілік"},"venue":{"kk":"Саябақ"},"district":"medeu",` +
			`"starts_at":"2026-06-01T10:00","ends_at":"2026-06-01T14:00","status":"published",` +
			`"shifts":[{"role":{"kk":"Көмекші"},"starts_at":"2026-06-01T10:00","ends_at":"2026-06-01T12:00","capacity":2}]}`},
		{"/api/v1/events", get, visitor, "?direction=ecology&district=medeu&access=wheelchair&silver=false&free=true&from=2026-01-01&to=2027-01-01&limit=5", ""},
		{"/api/v1/events", get, visitor, "?cursor=MTc3MjY4NjgwMDox&limit=0&q=%25_", ""},
		{"/api/v1/events", get, visitor, "?q=%01%7F&direction=", ""},
		{event, get, visitor, "", ""},
		{event, patch, coordinator, "", `{"title":{"en":"Spring clean-up"},"min_age":200,"city_programme":true}`},
		{event, post, coordinator, "/shifts", `{"role":{"ru":"Помощник"},"starts_at":"2026-06-01T10:00","ends_at":"2026-06-01T09:00","capacity":0}`},
		{shift, post, volunteer, "/signups", ""},
		{shift, patch, coordinator, "", `{"capacity":1}`},
		{shift, get, coordinator, "/roster", ""},
		{"/api/v1/signups/", del, volunteer, "1", ""},
		{"/api/v1/signups/", del, volunteer, "-1", ""},
		{"/register", post, visitor, "", "email=form%40example.kz&password=%D0%90%D2%9B+%D0%B6%D0%BE%D0%BB+2026%21&name=%D0%A4%D0%B0%D0%B7%D0%B7&birth_date=1990-01-01&locale=kk&accept_privacy_policy=1&next=%2Fprogramme"},
		{"/register", post, visitor, "", "email=bad&password=short&birth_date=1990-02-30&next=%2F%2Fevil.example"},
		{"/login", post, visitor, "", "email=" + url.QueryEscape(vol.Email) + "&password=%D0%90%D2%9B+%D0%B6%D0%BE%D0%BB+2026%21&next=%2Fme%2Fprofile"},
		{"/login", post, visitor, "?next=/x", "email=" + url.QueryEscape(vol.Email) + "&password=wrong&next=https%3A%2F%2Fevil.example"},
		{"/programme?", get, visitor, "direction=ecology&q=%D1%81%D0%B5%D0%BD&access=wheelchair&silver=true&free=1&from=2026-03-01&to=2026-12-31", ""},
		{"/programme?", get, visitor, "direction=bogus&from=2026-02-30&cursor=%%%", ""},
		{"/api/v1/me", post, minor, "/guardian", `{"email":"mother@example.kz","name":"Гүлнар"}`},
		{"/api/v1/me", post, volunteer, "/guardian", `{"email":"` + vol.Email + `","name":""}`},
		{"/api/v1/guardian/consent", post, visitor, "", `{"token":"forged-secret","decision":"confirm","name":"Гүлнар"}`},
		{"/api/v1/guardian/consent", post, minor, "", `{"token":"","decision":"maybe","name":1}`},
		{"/guardian/consent", post, visitor, "", "token=forged-secret&decision=decline"},
		{"/guardian/consent", post, visitor, "?token=x", "token=&decision=maybe&name=%01"},
		{"/guardian/consent?", get, visitor, "token=forged-secret", ""},
		{org, get, coordinator, "/members", ""},
		{org, post, coordinator, "/invitations", `{"email":"Invitee@Example.kz","role":"coordinator"}`},
		{org, post, coordinator, "/invitations", `{"email":"x@","role":"owner","extra":1}`},
		{org, del, coordinator, "/invitations/1", ""},
		{org, patch, office, fmt.Sprintf("/members/%d", w.coord.ID), `{"role":"coordinator"}`},
		{org, del, coordinator, fmt.Sprintf("/members/%d", w.coord.ID), ""},
		{"/api/v1/", post, office, fmt.Sprintf("users/%d/front-office", vol.ID), `{"front_office":true}`},
		{"/api/v1/", post, office, fmt.Sprintf("users/%d/front-office", w.fo.ID), `{"front_office":false}`},
		{"/invitations/accept", post, visitor, "", "token=abc%00def"},
	} {
		f.Add(route(s.route), s.method, s.who, s.suffix, s.body)
	}
	h := a.srv.Config.Handler
	f.Fuzz(func(t *testing.T, ri, mi, who uint8, suffix, body string) {
		rt := routes[int(ri)%len(routes)]
		method := fuzzMethods[int(mi)%len(fuzzMethods)]
		switch rt.kind {
		case formPost:
			method = "POST"
		case pageGet:
			method, body = "GET", ""
		}
		target := rt.prefix + suffix
		r, err := http.NewRequest(method, "http://erikti.example"+target, strings.NewReader(body))
		if err != nil || !strings.HasPrefix(r.URL.Path, "/") {
			return // no client can send it
		}
		r.RemoteAddr, r.RequestURI = "192.0.2.7:40000", r.URL.RequestURI()
		switch rt.kind {
		case apiRoute:
			if body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			if tok := tokens[int(who)%len(tokens)]; tok != "" {
				r.Header.Set("Authorization", "Bearer "+tok)
			}
		case formPost:
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		checkAnswer(t, r, rec, body)
	})
}

// checkAnswer fails unless the answer to r is no 5xx and well formed: a redirect that stays on
// erikti, JSON or a problem document under /api/, a whole HTML page elsewhere.
func checkAnswer(t *testing.T, r *http.Request, rec *httptest.ResponseRecorder, body string) {
	t.Helper()
	st, h, raw := rec.Code, rec.Header(), rec.Body.Bytes()
	fail := func(why string) {
		t.Helper()
		t.Fatalf("%s %s with body %q: %s\nstatus %d, headers %v\n%s", r.Method, r.URL.RequestURI(), body, why, st, h, raw)
	}
	ct, _, _ := strings.Cut(h.Get("Content-Type"), ";")
	switch {
	case st >= 500:
		fail("a server error")
	case h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") == "":
		fail("no nosniff or Content-Security-Policy")
	case st >= 300 && st < 400:
		if loc := h.Get("Location"); loc == "" || !browserLocal(loc) {
			fail("a redirect that leaves erikti")
		}
	case strings.HasPrefix(r.URL.Path, "/api/") && st >= 400:
		var p problem
		if ct != "application/problem+json" || json.Unmarshal(raw, &p) != nil || p.Status != st ||
			!strings.HasPrefix(p.Type, "urn:erikti:problem:") || p.Title == "" || p.Code == "" {
			fail("not a problem document of its status")
		}
		for _, e := range p.Errors {
			if e.Code == "" || e.Message == "" {
				fail("a problem's error without a code or message")
			}
		}
	case strings.HasPrefix(r.URL.Path, "/api/"):
		if st != http.StatusNoContent && (ct != "application/json" || !json.Valid(raw)) {
			fail("not JSON")
		}
	default:
		page := strings.TrimSpace(string(raw))
		if ct != "text/html" || !strings.HasPrefix(strings.ToLower(page), "<!doctype html>") || !strings.HasSuffix(page, "</html>") {
			fail("not an HTML page")
		}
	}
}
