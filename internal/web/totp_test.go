package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// Two-factor authentication: who needs it, the second step, setting it up, replays, the limit,
// recovery codes, tokens, switching it off.

const password = "Ақ жол 2026!"

// partial signs p in with the password alone and checks that it stops at the second step.
func (b *browser) partial(t *testing.T, p person, next string) {
	t.Helper()
	l := b.post("/login", url.Values{"email": {p.Email}, "password": {password}, "next": {next}}).must(t, 303)
	if want := "/login/2fa?next=" + url.QueryEscape(next); l.location != want {
		t.Fatalf("after the password: %q, want %q", l.location, want)
	}
}

func auditActions(t *testing.T, a *app, action string) []store.AuditEntry {
	t.Helper()
	entries, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: action, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestRoleHolderSignInStopsAtTheSecondStep(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		for _, p := range []person{w.coord, w.fo} {
			b := a.browser("en")
			b.partial(t, p, "/")
			// the partial session opens no page of a role, nor any other but the step's own
			for _, path := range []string{"/manage", fmt.Sprintf("/manage/organizations/%d", w.orgID), fmt.Sprintf("/manage/events/%d", w.eventID),
				fmt.Sprintf("/manage/shifts/%d/roster", w.shiftID), "/office", "/office/audit", "/me/shifts", "/me/profile", "/me/data.json", "/me/2fa"} {
				if pg := b.get(path); pg.status != 303 || pg.location != "/login/2fa?next="+url.QueryEscape(path) {
					t.Errorf("%s in a partial session: %d %q", path, pg.status, pg.location)
				}
			}
			for _, post := range []string{fmt.Sprintf("/manage/events/%d/cancel", w.eventID), fmt.Sprintf("/office/organizations/%d", w.orgID),
				fmt.Sprintf("/shifts/%d/signup", w.shiftID), "/me/2fa/disable", "/me/2fa/recovery"} {
				if pg := b.post(post, url.Values{"confirm": {"1"}, "status": {"suspended"}, "reason": {"x"}}); pg.status != 303 || !strings.HasPrefix(pg.location, "/login/2fa") {
					t.Errorf("POST %s in a partial session: %d %q", post, pg.status, pg.location)
				}
			}
			if e, _ := a.store.Event(context.Background(), w.eventID); e.Status != domain.EventPublished {
				t.Fatalf("a partial session cancelled the event: %s", e.Status)
			}
			// what it may open: the step, languages, the privacy policy
			b.get("/privacy").must(t, 200)
			b.get("/lang/ru?back=/login/2fa").must(t, 303)
			b.lang = ""
			step := b.get("/login/2fa").must(t, 200).has(t, "Код для входа", `autocomplete="one-time-code"`, `inputmode="numeric"`, `name="recovery_code"`)
			step.lacks(t, `href="/manage"`, `href="/me/shifts"`)
			b.lang = "en"
			b.get("/lang/en?back=/").must(t, 303)
			// bad input: 422 beside the field; a wrong code: 401 beside the field
			b.post("/login/2fa", url.Values{"code": {"12ab"}}).must(t, 422).has(t, `id="f-code-error"`, "The code is the 6 digits your app shows")
			b.post("/login/2fa", url.Values{"code": {""}}).must(t, 422).has(t, `id="f-code-error"`, "Enter the code")
			b.post("/login/2fa", url.Values{"code": {"000000"}}).must(t, 401).has(t, `id="f-code-error"`, "This code is wrong or has already been used")
			b.get("/manage").must(t, 303)
			// the right code opens them; the session is a new one
			before := sessionOf(b)
			done := b.post("/login/2fa", url.Values{"code": {a.code(p)}, "next": {"/manage"}}).must(t, 303)
			if done.location != "/manage" || sessionOf(b) == before {
				t.Fatalf("after the code: %q, session renewed %v", done.location, sessionOf(b) != before)
			}
			b.get("/manage").must(t, 200)
			if p.FrontOffice {
				b.get("/office").must(t, 200)
			} else {
				b.get("/office").must(t, 403)
				b.get(fmt.Sprintf("/manage/organizations/%d", w.orgID)).must(t, 200).has(t, "Жасыл Алматы")
			}
		}
		// the session cookie opens no API route: a role's API route wants a token
		b := a.browser("en")
		b.signIn(t, w.coord)
		if r := b.send("GET", fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), nil, nil); r.status != 401 {
			t.Fatalf("the API with a session cookie: %d", r.status)
		}
		if n := len(auditActions(t, a, "auth.totp_failed")); n != 2 {
			t.Fatalf("%d failed codes in the audit log, want 2", n)
		}
	})
}

func TestAVolunteerWhoCreatesAnOrganizationSetsUpTOTPFirst(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("ru")
		email := b.signUp(t, "Жаңа әкімші", "1990-01-01")
		b.get("/me/shifts").must(t, 200) // no role: a password is enough
		p := b.post("/manage/organizations/new", url.Values{"name_kk": {"Қайырым"}}).must(t, 303)
		// the page of the new organization: to the second step, which is setting TOTP up
		s := b.get(p.location).must(t, 303)
		s = b.get(s.location).must(t, 303)
		if !strings.HasPrefix(s.location, "/me/2fa?next=") {
			t.Fatalf("to %q, want setting up TOTP", s.location)
		}
		setup := b.get(s.location).must(t, 200).has(t, "Двухфакторная аутентификация", "Вы работаете в организации", `src="/me/2fa/qr.png"`)
		setup.lacks(t, `href="/manage"`)
		// bad input comes back beside the field, in the reader's language, and stores nothing
		b.post("/me/2fa", url.Values{"code": {"12"}}).must(t, 422).has(t, `id="f-code-error"`, "Код — это 6 цифр")
		b.post("/me/2fa", url.Values{"code": {"000000"}}).must(t, 422).has(t, `id="f-code-error"`, "Код неверный или уже использован")
		u, _, err := a.store.UserByEmail(context.Background(), email)
		if err != nil || u.TOTP {
			t.Fatalf("a wrong code switched TOTP on: %v %v", u.TOTP, err)
		}
		b.get(p.location).must(t, 303)
		secret, codes := b.enrol(t, s.location, p.location)
		b.get(p.location).must(t, 200)
		b.get("/me/2fa").must(t, 200).has(t, "У вас 10 неиспользованных кодов восстановления", "Вы работаете в организации или во фронт-офисе").lacks(t, `action="/me/2fa/disable"`)
		if r := b.get("/me/2fa/qr.png"); r.status != 404 {
			t.Fatalf("the QR code of a confirmed secret: %d", r.status)
		}
		if n := len(auditActions(t, a, "user.totp_enrolled")); n != 1 {
			t.Fatalf("enrolments in the audit log: %d", n)
		}
		// a role holder keeps it
		b.post("/me/2fa/disable", url.Values{"password": {password}, "disable_code": {codes[0]}}).must(t, 403)
		if u, _, _ := a.store.UserByEmail(context.Background(), email); !u.TOTP {
			t.Fatal("a role holder switched TOTP off")
		}
		// signing in again: the code; a recovery code works once
		me := person{User: u, secret: secret}
		b.post("/logout", url.Values{}).must(t, 303)
		b.partial(t, me, "/")
		b.post("/login/2fa", url.Values{"recovery_code": {"not-a-code"}}).must(t, 422).has(t, `id="f-recovery_code-error"`)
		b.post("/login/2fa", url.Values{"recovery_code": {strings.ToUpper(codes[1])}}).must(t, 303)
		b.get("/manage").must(t, 200)
		other := a.browser("en")
		other.partial(t, me, "/")
		other.post("/login/2fa", url.Values{"recovery_code": {codes[1]}}).must(t, 401).has(t, `id="f-recovery_code-error"`)
		if n := len(auditActions(t, a, "auth.recovery_code_used")); n != 1 {
			t.Fatalf("recovery code uses in the audit log: %d", n)
		}
		// new recovery codes, after a code; the old ones end
		b.post("/me/2fa/recovery", url.Values{"code": {"999999"}}).must(t, 422).has(t, `id="f-code-error"`)
		fresh := b.post("/me/2fa/recovery", url.Values{"code": {a.code(me)}}).must(t, 200)
		if strings.Contains(fresh.body, codes[2]) || strings.Count(fresh.body, "<li><code>") != 10 {
			t.Fatalf("new recovery codes: %s", fresh.body)
		}
		other.post("/login/2fa", url.Values{"recovery_code": {codes[2]}}).must(t, 401)
	})
}

func TestACodeIsAcceptedOnce(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		code := a.code(w.coord)
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": code}})
		again := a.must(401, req{method: "POST", path: "/api/v1/auth/token", header: map[string]string{"Accept-Language": "en"},
			body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": code}})
		if errs := again.body["errors"].([]any); errs[0].(map[string]any)["field"] != "totp_code" || !strings.Contains(again.body["detail"].(string), "already been used") {
			t.Fatalf("a replayed code: %s", again.raw)
		}
		// and on the page, even in another browser
		b := a.browser("en")
		b.partial(t, w.coord, "/")
		b.post("/login/2fa", url.Values{"code": {code}}).must(t, 401).has(t, "already been used")
		// a missing code names the field
		miss := a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password}})
		if errs := miss.body["errors"].([]any); errs[0].(map[string]any)["field"] != "totp_code" {
			t.Fatalf("a missing code: %s", miss.raw)
		}
		// a recovery code, once
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": w.coord.recovery[0]}})
		a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": w.coord.recovery[0]}})
	})
}

func TestWrongCodesCountTowardTheSignInLimit(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		b := a.browser("en")
		b.partial(t, w.coord, "/")
		for range 3 {
			b.post("/login/2fa", url.Values{"code": {"000000"}}).must(t, 401)
		}
		// a right password again clears nothing
		b.partial(t, w.coord, "/")
		for range 2 {
			a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": "111111"}})
		}
		p := b.post("/login/2fa", url.Values{"code": {a.code(w.coord)}}).must(t, 429).has(t, `id="f-code-error"`, "Too many sign-in attempts")
		if p.header.Get("Retry-After") == "" {
			t.Fatal("no Retry-After")
		}
		r := a.must(429, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": w.coord.Email, "password": password, "totp_code": a.code(w.coord)}})
		if r.header.Get("Retry-After") == "" {
			t.Fatal("no Retry-After on the API")
		}
		b.get("/manage").must(t, 303)
		// someone else, elsewhere in the list, is not held up
		b2 := a.browser("en")
		b2.signIn(t, w.fo)
		b2.get("/office").must(t, 200)
	})
}

func TestTokensWithoutSecondFactor(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		vol := a.register("Ерікті", "2000-01-01")
		// a volunteer's plain token still works where no role is needed
		a.must(200, req{method: "GET", path: "/api/v1/me", token: vol.token})
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		// a coordinator who has not set up TOTP gets a plain token: the role's routes refuse it
		c := a.register("Жаңа үйлестіруші", "1995-01-01")
		if err := a.store.AddMember(context.Background(), 0, w.orgID, c.ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		tok := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": c.Email, "password": password}}).body["token"].(string)
		a.must(200, req{method: "GET", path: "/api/v1/me", token: tok})
		for lang, words := range map[string]string{"kk": "екі факторлы", "ru": "двухфакторная", "en": "two-factor"} {
			r := a.must(403, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: tok, header: map[string]string{"Accept-Language": lang}})
			if r.body["code"] != "forbidden.second_factor" || !strings.Contains(strings.ToLower(r.body["detail"].(string)), words) {
				t.Errorf("%s: %s", lang, r.raw)
			}
		}
		a.must(403, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", w.eventID), token: tok, body: map[string]any{"venue": map[string]string{"kk": "Абай"}}})
		a.must(403, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: tok, body: map[string]any{}})
		// a draft stays hidden from them
		a.must(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", w.eventID), token: w.coord.token, body: map[string]any{"status": "draft"}})
		a.must(404, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", w.eventID), token: tok})
		// the Front Office's plain token, made before it set TOTP up, ended when it did
		a.must(200, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", w.orgID), token: w.fo.token})
		if n := len(auditActions(t, a, "access.denied")); n == 0 {
			t.Fatal("refusals are not in the audit log")
		}
	})
}

func TestAVolunteerMaySetUpTOTPAndSwitchItOff(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		email := b.signUp(t, "Ерікті", "2000-01-01")
		b.get("/me/profile").must(t, 200).has(t, `href="/me/2fa"`)
		b.get("/me/2fa").must(t, 200).has(t, "Protect your account with a second factor")
		secret, _ := b.enrol(t, "/me/2fa", "/me/shifts")
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		me := person{User: u, secret: secret}
		// from now on a password alone is not enough, on the pages nor in the API
		b.post("/logout", url.Values{}).must(t, 303)
		b.partial(t, me, "/")
		b.get("/me/shifts").must(t, 303)
		b.post("/login/2fa", url.Values{"code": {a.code(me)}}).must(t, 303)
		a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": password}})
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": password, "totp_code": a.code(me)}})
		// switching it off needs the password and a code
		b.get("/me/2fa").must(t, 200).has(t, `action="/me/2fa/disable"`, "You have 10 unused recovery codes.")
		b.get("/me/data").must(t, 200).has(t, "Two-factor authentication</dt><dd>On</dd>")
		if !strings.Contains(b.get("/me/data.json").body, `"two_factor":{"on":true}`) {
			t.Fatal("my data does not say two-factor authentication is on")
		}
		b.post("/me/2fa/disable", url.Values{"password": {"wrong"}, "disable_code": {a.code(me)}}).must(t, 422).has(t, `id="f-password-error"`)
		b.post("/me/2fa/disable", url.Values{"password": {password}, "disable_code": {""}}).must(t, 422).has(t, `id="f-disable_code-error"`)
		b.post("/me/2fa/disable", url.Values{"password": {password}, "disable_code": {"000000"}}).must(t, 422).has(t, `id="f-disable_code-error"`)
		if u, _, _ := a.store.UserByEmail(context.Background(), email); !u.TOTP {
			t.Fatal("a refused form switched TOTP off")
		}
		b.post("/me/2fa/disable", url.Values{"password": {password}, "disable_code": {a.code(me)}}).must(t, 303)
		b.get("/me/2fa?done=off").must(t, 200).has(t, "Two-factor authentication is off.")
		if n := len(auditActions(t, a, "user.totp_removed")); n != 1 {
			t.Fatalf("removals in the audit log: %d", n)
		}
		// a password is enough again
		b.post("/logout", url.Values{}).must(t, 303)
		if l := b.post("/login", url.Values{"email": {email}, "password": {password}}).must(t, 303); l.location != "/me/shifts" {
			t.Fatalf("after switching off: %q", l.location)
		}
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": password}})
	})
}

func TestTheDemoRolesUseTheDocumentedTOTPSecret(t *testing.T) {
	a := newApp(t, "sqlite")
	loadDemo(t, a)
	for _, acc := range demo.Accounts() {
		u, _, err := a.store.UserByEmail(context.Background(), acc.Email)
		if err != nil {
			t.Fatal(err)
		}
		p := person{User: u, secret: demo.TOTPSecret}
		creds := map[string]any{"email": acc.Email, "password": demo.Password}
		if acc.Role != "front office" && acc.Role != "coordinator" {
			if u.TOTP {
				t.Errorf("%s has TOTP", acc.Email)
			}
			a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: creds})
			continue
		}
		a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: creds})
		creds["totp_code"] = a.code(p)
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: creds})
		b := a.browser("en")
		b.post("/login", url.Values{"email": {acc.Email}, "password": {demo.Password}}).must(t, 303)
		b.post("/login/2fa", url.Values{"code": {a.code(p)}}).must(t, 303)
		b.get("/manage").must(t, 200)
	}
}
