package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var handleRe = regexp.MustCompile(`name="kind" value="(session|token)">\s*<input type="hidden" name="handle" value="([0-9a-f]{16})">`)

// TestSecurityPageListsAndEndsMySessionsAndTokens: /me/security lists the reader's two browser
// sessions and API token with their device; ending the token stops it, ending the others signs the
// other browser out and keeps this one.
func TestSecurityPageListsAndEndsMySessionsAndTokens(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		p := a.register("Гүлнар Серікова", "1958-04-09")
		here, there := a.browser("en"), a.browser("ru")
		here.signIn(t, p)
		there.signIn(t, p)
		pg := here.get("/me/security").must(t, 200)
		if n := strings.Count(pg.body, `class="card"`); n != 3 {
			t.Fatalf("%d credentials listed, want 3 (two sessions, one token): %s", n, pg.body)
		}
		for _, want := range []string{"this one", "API token", "Sign out here", "End all 2 other sessions and tokens"} {
			if !strings.Contains(pg.body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		var token string
		for _, m := range handleRe.FindAllStringSubmatch(pg.body, -1) {
			if m[1] == "token" {
				token = m[2]
			}
		}
		if token == "" {
			t.Fatalf("no token to end on the page")
		}
		// bad input: a handle of no credential of theirs
		here.post("/me/security/end", url.Values{"kind": {"token"}, "handle": {"0123456789abcdef"}}).must(t, 404)
		here.post("/me/security/end", url.Values{"kind": {"token"}, "handle": {token}}).must(t, 303)
		a.must(401, req{method: "GET", path: "/api/v1/me", token: p.token})
		there.get("/me/profile").must(t, 200)
		here.post("/me/security/end-others", url.Values{}).must(t, 303)
		if l := there.get("/me/profile"); l.status != 303 || !strings.HasPrefix(l.location, "/login") {
			t.Errorf("the other browser is still signed in: %d %s", l.status, l.location)
		}
		here.get("/me/profile").must(t, 200)
		pg = here.get("/me/security?done=others").must(t, 200)
		if strings.Count(pg.body, `class="card"`) != 1 || !strings.Contains(pg.body, "Every other session") {
			t.Errorf("after ending the others: %s", pg.body)
		}
	})
}

// TestTurningTwoFactorOffEndsOtherSessions: switching two-factor off offers, ticked, to sign out
// everywhere else; the other browser is signed out and this one stays.
func TestTurningTwoFactorOffEndsOtherSessions(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		p := a.register("Ерлан Мұратов", "1990-01-02")
		a.enrol(&p)
		here, there := a.browser("en"), a.browser("en")
		here.signIn(t, p)
		there.signIn(t, p)
		pg := here.get("/me/2fa").must(t, 200)
		if !strings.Contains(pg.body, `name="end_others" value="1" checked`) {
			t.Errorf("the two-factor page does not offer to end other sessions: %s", pg.body)
		}
		here.post("/me/2fa/disable", url.Values{"password": {"Ақ жол 2026!"}, "disable_code": {a.code(p)}, "end_others": {"1"}}).must(t, 303)
		if l := there.get("/me/profile"); l.status != 303 || !strings.HasPrefix(l.location, "/login") {
			t.Errorf("the other browser is still signed in after two-factor was switched off: %d %s", l.status, l.location)
		}
		here.get("/me/profile").must(t, 200)
		a.must(401, req{method: "GET", path: "/api/v1/me", token: p.token})
	})
}
