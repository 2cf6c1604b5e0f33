package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
)

// signInFrom posts the API's sign-in from an address, straight to the handler.
func (a *app) signInFrom(addr, email, password string) *httptest.ResponseRecorder {
	return a.postFrom(addr, "/api/v1/auth/token", map[string]any{"email": email, "password": password})
}

// postFrom posts body as JSON to path from an address, in Russian, straight to the handler.
func (a *app) postFrom(addr, path string, body map[string]any) *httptest.ResponseRecorder {
	b, _ := json.Marshal(body)
	r := httptest.NewRequest("POST", path, strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Accept-Language", "ru")
	r.RemoteAddr = addr + ":40000"
	w := httptest.NewRecorder()
	a.srv.Config.Handler.ServeHTTP(w, r)
	return w
}

func TestSignInAttemptsAreLimitedWithoutLockingTheOwnerOut(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		victim := a.register("Айгерім", "2004-01-01")
		for i := range 5 {
			if w := a.signInFrom("203.0.113.9", victim.Email, fmt.Sprintf("guess %d", i)); w.Code != 401 {
				t.Fatalf("guess %d: %d", i, w.Code)
			}
		}
		// the attacker's address is stopped for this account, even with the right password
		w := a.signInFrom("203.0.113.9", victim.Email, "Ақ жол 2026!")
		if w.Code != 429 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Слишком много попыток входа") {
			t.Fatalf("after 5 failures: %d %q %s", w.Code, w.Header().Get("Retry-After"), w.Body)
		}
		// the volunteer, from their own address, signs in
		if w := a.signInFrom("198.51.100.4", victim.Email, "Ақ жол 2026!"); w.Code != 200 {
			t.Fatalf("the owner was locked out: %d %s", w.Code, w.Body)
		}
		// one address trying many accounts is stopped too
		for i := range 50 {
			a.signInFrom("203.0.113.50", fmt.Sprintf("nobody%d@example.kz", i), "x1234567")
		}
		if w := a.signInFrom("203.0.113.50", "someone-else@example.kz", "x1234567"); w.Code != 429 {
			t.Fatalf("an address trying 51 accounts: %d", w.Code)
		}
		// every failure and sign-in is in the audit log, with the address
		failed, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "auth.login_failed", Limit: 500})
		if err != nil || len(failed) < 55 || failed[len(failed)-1].Origin != "203.0.113.9" {
			t.Fatalf("failed sign-ins in the audit log: %d, %v", len(failed), err)
		}
		ok, _ := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "auth.login", ActorID: victim.ID})
		found := false
		for _, e := range ok {
			if e.Action == "auth.login" && e.Origin == "198.51.100.4" {
				found = true
			}
		}
		if !found {
			t.Fatalf("the owner's sign-in is not in the audit log: %+v", ok)
		}
	})
}

func TestLoginPageAnswers429(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.browser("kk")
	email := b.signUp(t, "Дана", "2000-01-01")
	for range 5 {
		b.post("/login", url.Values{"email": {email}, "password": {"wrong one"}}).must(t, 401)
	}
	p := b.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}}).must(t, 429)
	p.has(t, `id="f-email-error"`, "Кіру әрекеттері тым көп", `value="`+email+`"`)
	if p.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

func TestRefusedPermissionsAreAudited(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		stranger := a.register("Бөтен", "1990-01-01")
		a.must(403, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: stranger.token})
		b := a.browser("en")
		b.signUp(t, "Бөтен 2", "1990-01-01")
		b.get("/office").must(t, 403)
		denied, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "access.denied"})
		if err != nil || len(denied) != 2 {
			t.Fatalf("denials in the audit log: %+v %v", denied, err)
		}
		if denied[1].ActorID != stranger.ID || !strings.Contains(denied[1].Detail, "/roster") || denied[1].Origin != "127.0.0.1" {
			t.Fatalf("the API's denial: %+v", denied[1])
		}
		if !strings.Contains(denied[0].Detail, "/office") || denied[0].ActorID == 0 {
			t.Fatalf("the page's denial: %+v", denied[0])
		}
	})
}

func TestFrontOfficeSearchesTheAuditLog(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		office := a.browser("en")
		office.signIn(t, w.fo)
		p := office.get("/office/audit?action=organization.&verify=1").must(t, 200)
		p.has(t, "The chain is intact", "organization.create", "organization.status", "Дәурен Қасымов", "127.0.0.1").lacks(t, "event.create")
		office.get("/office/audit?actor="+url.QueryEscape(w.coord.Email)).must(t, 200).has(t, "event.create")
		office.get("/office/audit?actor=nobody%40example.kz&from=2026-02-30").must(t, 422).has(t, `id="f-actor-error"`, `id="f-from-error"`)
		// not for coordinators
		a.coordinatorBrowser(t, w).get("/office/audit").must(t, 403)
	})
}

func TestStrictTransportSecurityOverTLS(t *testing.T) {
	a := newApp(t, "sqlite")
	srv := httptestTLS(t, a)
	for _, path := range []string{"/", "/api/v1/events", "/healthz"} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=") {
			t.Errorf("%s over TLS: no HSTS", path)
		}
	}
	resp, err := http.Get(a.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain HTTP")
	}
}

func TestCommonPasswordsAreRefused(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		for _, pw := range []string{"password123", "Qwertyuiop", "iloveyou1"} {
			r := a.do(req{method: "POST", path: "/api/v1/auth/register", header: map[string]string{"Accept-Language": "en"},
				body: map[string]any{"email": "common@example.kz", "password": pw, "name": "Ерлан", "birth_date": "2000-01-01", "accept_privacy_policy": true}})
			if r.status != 422 || !strings.Contains(string(r.raw), `"field":"password"`) || !strings.Contains(string(r.raw), "too common") {
				t.Fatalf("%q: %d %s", pw, r.status, r.raw)
			}
		}
		if _, _, err := a.store.UserByEmail(context.Background(), "common@example.kz"); err == nil {
			t.Fatal("an account with a common password was stored")
		}
		a.browser("ru").post("/register", url.Values{"name": {"Ерлан"}, "email": {"common@example.kz"}, "password": {"password123"},
			"birth_date": {"2000-01-01"}, "accept_privacy_policy": {"1"}}).must(t, 422).has(t, `id="f-password-error"`, "Этот пароль слишком распространён")
	})
}

func sessionOf(b *browser) string {
	for _, c := range b.client.Jar.Cookies(mustURL(b.a.srv.URL)) {
		if c.Name == "erikti_session" {
			return c.Value
		}
	}
	return ""
}

// A sign-in always makes a new session and ends the one the browser had (no fixation); disabling
// an account ends its sessions on the server.
func TestSessionFixationAndDisabledAccounts(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		b.signUp(t, "Бірінші", "2000-01-01")
		before := sessionOf(b)
		other := a.register("Екінші", "2000-01-01")
		b.post("/login", url.Values{"email": {other.Email}, "password": {"Ақ жол 2026!"}}).must(t, 303)
		after := sessionOf(b)
		if before == "" || after == "" || before == after {
			t.Fatalf("the session was not renewed at sign-in: %q → %q", before, after)
		}
		replay := a.browser("en")
		replay.client.Jar.SetCookies(mustURL(a.srv.URL), []*http.Cookie{{Name: "erikti_session", Value: before}})
		if p := replay.get("/me/shifts"); p.status != 303 {
			t.Fatalf("the session before sign-in still opens pages: %d", p.status)
		}
		b.get("/me/shifts").must(t, 200).has(t, "Екінші")
		if len(after) < 43 { // 32 random bytes, base64: 256 bits
			t.Fatalf("a session token of %d characters", len(after))
		}

		if err := a.store.SetDisabled(context.Background(), 0, other.ID, true); err != nil {
			t.Fatal(err)
		}
		if p := b.get("/me/shifts"); p.status != 303 {
			t.Fatalf("a disabled account's session still opens pages: %d", p.status)
		}
		a.must(401, req{method: "GET", path: "/api/v1/me", token: other.token})
		b.post("/login", url.Values{"email": {other.Email}, "password": {"Ақ жол 2026!"}}).must(t, 403).has(t, "This account is disabled")
	})
}

func TestDownloadMyDataAndDeleteMyAccount(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		b := a.browser("en")
		email := b.signUp(t, "Әсем Нұрланова", "2003-03-03")
		b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {"k"}}).must(t, 303)
		later := a.register("Кезекте", "2000-01-01")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: later.token})

		b.get("/me/data").must(t, 200).has(t, "Әсем Нұрланова", email, "Spring clean-up", "user.export")
		p := b.get("/me/data.json").must(t, 200)
		if p.header.Get("Cache-Control") != "no-store" || !strings.Contains(p.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download headers: %v", p.header)
		}
		var data map[string]any
		if err := json.Unmarshal([]byte(p.body), &data); err != nil {
			t.Fatal(err)
		}
		if data["account"].(map[string]any)["email"] != email || len(data["signups"].([]any)) != 1 || len(data["sessions"].([]any)) != 1 {
			t.Fatalf("the download: %s", p.body)
		}
		if mails := data["mails"].([]any); len(mails) != 2 || mails[0].(map[string]any)["kind"] != "signup_confirmed" ||
			mails[1].(map[string]any)["kind"] != "verify_email" || strings.Contains(p.body, "token=") {
			t.Fatalf("the download's mails (with no secret): %s", p.body)
		}

		b.post("/me/delete", url.Values{"password": {"wrong"}}).must(t, 422).has(t, `id="f-password-error"`, `id="f-confirm-error"`)
		if _, _, err := a.store.UserByEmail(context.Background(), email); err != nil {
			t.Fatal("a refused deletion deleted")
		}
		p = b.post("/me/delete", url.Values{"password": {"Ақ жол 2026!"}, "confirm": {"1"}}).must(t, 303)
		if p.location != "/?done=deleted" {
			t.Fatalf("to %q", p.location)
		}
		b.get("/?done=deleted").has(t, "Your account is deleted")
		b.get("/me/shifts").must(t, 303)
		if _, _, err := a.store.UserByEmail(context.Background(), email); err == nil {
			t.Fatal("the email still finds the account")
		}
		b.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}}).must(t, 401)
		// the place went to the next in line, and the audit chain holds
		roster := a.must(200, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: w.coord.token})
		items := roster.body["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["status"] != "confirmed" {
			t.Fatalf("roster after deletion: %s", roster.raw)
		}
		if _, err := a.store.VerifyAudit(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

// Consent to the privacy policy: needed to register, recorded with its version; a new version
// asks again before anything else; withdrawing it stops signups.
func TestPrivacyConsent(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		b := a.browser("kk")
		p := b.post("/register", url.Values{"name": {"Дана"}, "email": {"consent@example.kz"}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2000-01-01"}}).must(t, 422)
		p.has(t, `id="f-accept_privacy_policy-error"`, "дербес деректерді өңдеуге келісім қажет")
		b.signUp(t, "Дана", "2000-01-01")
		u, err := pageUserOf(a, b)
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := a.store.Consents(context.Background(), u)
		if len(cs) != 1 || cs[0].Version != domain.PrivacyPolicyVersion || cs[0].Method != "form" || cs[0].Origin != "127.0.0.1" {
			t.Fatalf("the consent recorded: %+v", cs)
		}
		// withdrawn: every page but the consent page, the policy and my data asks again; signups stop
		b.post("/me/consent/withdraw", url.Values{}).must(t, 303)
		if p := b.get("/programme"); p.status != 303 || !strings.HasPrefix(p.location, "/me/consent?next=") {
			t.Fatalf("after withdrawing: %d %q", p.status, p.location)
		}
		b.get("/me/data").must(t, 200)
		if p := b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{}); p.status != 303 || !strings.HasPrefix(p.location, "/me/consent") {
			t.Fatalf("a signup without consent: %d %q", p.status, p.location)
		}
		b.post("/me/consent", url.Values{}).must(t, 422).has(t, `id="f-accept_privacy_policy-error"`)
		b.post("/me/consent", url.Values{"accept_privacy_policy": {"1"}, "next": {"/programme"}}).must(t, 303)
		b.get("/programme").must(t, 200)

		// a new version of the policy asks everyone again, on pages and in the API
		a2 := &app{t: t, store: a.store, srv: httptest.NewServer(mustServer(t, a, Options{PolicyVersion: "2027-01-01"}))}
		t.Cleanup(a2.srv.Close)
		vol := a.register("Ерлан", "2000-01-01")
		a2.must(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		b2 := a2.browser("en")
		b2.post("/login", url.Values{"email": {vol.Email}, "password": {"Ақ жол 2026!"}}).must(t, 303)
		if p := b2.get("/me/shifts"); p.status != 303 || !strings.HasPrefix(p.location, "/me/consent") {
			t.Fatalf("a new policy version did not ask again: %d %q", p.status, p.location)
		}
		b2.post("/me/consent", url.Values{"accept_privacy_policy": {"1"}}).must(t, 303)
		a2.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
	})
}

// pageUserOf is the account of a browser's session.
func pageUserOf(a *app, b *browser) (int64, error) {
	u, err := a.store.SessionUser(context.Background(), auth.HashToken(sessionOf(b)), time.Hour)
	return u.ID, err
}

// mustServer builds another server on a's database with other options.
func mustServer(t *testing.T, a *app, opt Options) *Server {
	t.Helper()
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	opt.Password = auth.Params{Memory: 1024, Time: 1, Threads: 1}
	s, err := New(a.store, msgs, slog.New(slog.NewTextHandler(io.Discard, nil)), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Changing the password needs the current one, follows the registration rules, and ends every
// other session and token.
func TestChangePassword(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		email := b.signUp(t, "Ерлан", "2000-01-01")
		other := a.browser("en")
		other.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}}).must(t, 303)
		tok := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": "Ақ жол 2026!"}})
		token := tok.body["token"].(string)

		p := b.post("/me/password", url.Values{"current_password": {"wrong"}, "new_password": {"short"}}).must(t, 422)
		p.has(t, `id="f-current_password-error"`, `id="f-new_password-error"`).lacks(t, `value="wrong"`, `value="short"`)
		b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {"password123"}}).must(t, 422).
			has(t, "too common")
		b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {"Жаңа жол 2027?"}}).must(t, 303)
		b.get("/me/password?done=changed").must(t, 200).has(t, "Your password is changed")
		if p := other.get("/me/shifts"); p.status != 303 {
			t.Fatalf("another session survived the change: %d", p.status)
		}
		a.must(401, req{method: "GET", path: "/api/v1/me", token: token})
		a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": "Ақ жол 2026!"}})
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": "Жаңа жол 2027?"}})
	})
}

// A NUL or another control character in anything stored or searched is a 422 naming the field —
// PostgreSQL cannot store a NUL, and a 500 would be the answer otherwise.
func TestControlCharactersAreRefusedBeforeTheDatabase(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		a.must(422, req{method: "GET", path: "/api/v1/events?q=a%00b"})
		a.browser("en").get("/programme?q=%00").must(t, 422).has(t, `id="f-q-error"`)
		a.must(422, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": "a\x00@example.kz", "password": "x1234567"}})
		r := a.must(422, req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "nul@example.kz",
			"password": "Ақ жол 2026!", "name": "a\x00b", "birth_date": "2000-01-01", "accept_privacy_policy": true}})
		if !strings.Contains(string(r.raw), `"field":"name"`) {
			t.Fatalf("register: %s", r.raw)
		}
	})
}

// A redirect back never leaves erikti, whatever a browser drops from the address.
func TestRedirectsStayOnErikti(t *testing.T) {
	for _, p := range []string{"/\t/evil.example", "/\\evil.example", "/\n/evil.example", "//evil.example", "https://evil.example", "/a\\b"} {
		if got := localPath(p); got != "/" {
			t.Errorf("%q → %q", p, got)
		}
	}
	if got := localPath("/programme?direction=ecology"); got != "/programme?direction=ecology" {
		t.Errorf("a local path became %q", got)
	}
}

// One password policy on every door (finding 10 of issue 14): registration by API and page, a
// change on /me/password and a reset all refuse the account's own email and name, erikti's and
// Almaty's names with a year, the demo's password and white space, with a 422 naming the field in
// the reader's language; nothing is stored.
func TestPasswordPolicyOnEveryDoor(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		for _, c := range []struct{ password, want string }{
			{"        ", "only spaces"},
			{"  \t      ", "only spaces"},
			{"dana.serik@example.kz", "your email or your name"},
			{"Dana.Serik2024", "your email or your name"},
			{"Дана Серік 1999", "your email or your name"},
			{"erikti-demo-2026", "too easy to guess"},
			{"Erikti2026!", "too easy to guess"},
			{"almaty 2025", "too easy to guess"},
			{"Алматы2030", "too easy to guess"},
			{"volunteer2024", "too easy to guess"},
			{"Ерікті 2027", "too easy to guess"},
			{"password", "too common"},
		} {
			r := a.do(req{method: "POST", path: "/api/v1/auth/register", header: map[string]string{"Accept-Language": "en"},
				body: map[string]any{"email": "dana.serik@example.kz", "password": c.password, "name": "Дана Серік", "birth_date": "2000-01-01", "accept_privacy_policy": true}})
			if r.status != 422 || !strings.Contains(string(r.raw), `"field":"password"`) || !strings.Contains(string(r.raw), c.want) {
				t.Errorf("%q: %d %s", c.password, r.status, r.raw)
			}
		}
		if _, _, err := a.store.UserByEmail(context.Background(), "dana.serik@example.kz"); err == nil {
			t.Fatal("an account with a refused password was stored")
		}
		a.browser("ru").post("/register", url.Values{"name": {"Дана Серік"}, "email": {"dana.serik@example.kz"}, "password": {"erikti-demo-2026"},
			"birth_date": {"2000-01-01"}, "accept_privacy_policy": {"1"}}).must(t, 422).has(t, `id="f-password-error"`, "Этот пароль легко угадать")
		a.browser("kk").post("/register", url.Values{"name": {"Дана Серік"}, "email": {"dana.serik@example.kz"}, "password": {"        "},
			"birth_date": {"2000-01-01"}, "accept_privacy_policy": {"1"}}).must(t, 422).has(t, `id="f-password-error"`, "Құпиясөз тек бос орындардан тұра алмайды")

		// a change of password
		b := a.browser("en")
		email := b.signUp(t, "Ерлан Нұрланов", "2000-01-01")
		b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {email}}).must(t, 422).
			has(t, `id="f-new_password-error"`, "your email or your name")
		b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {"Ерлан Нұрланов!"}}).must(t, 422).
			has(t, `id="f-new_password-error"`, "your email or your name")
		b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {"ALMATY-ERIKTI-2029"}}).must(t, 422).
			has(t, `id="f-new_password-error"`, "too easy to guess")

		// a reset: the account of the link is known before the link is spent
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		a.must(202, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": email}})
		token := a.mailToken(u.ID, domain.MailResetPassword)
		r := a.do(req{method: "POST", path: "/api/v1/auth/password-reset/confirm", header: map[string]string{"Accept-Language": "en"},
			body: map[string]any{"token": token, "password": "Ерлан Нұрланов 2030"}})
		if r.status != 422 || !strings.Contains(string(r.raw), `"field":"password"`) {
			t.Errorf("a reset to a refused password: %d %s", r.status, r.raw)
		}
		// the link is not spent: a good password takes it
		a.must(204, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: map[string]any{"token": token, "password": "Жаңа жол 2027?"}})
	})
}

// Single-line fields refuse every control character, CR and LF among them (finding 10 of issue
// 14): a name could otherwise write lines of its own into a mail's body.
func TestSingleLineFieldsRefuseControlCharacters(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		for _, name := range []string{"Дана\r\nBcc: x@example.kz", "Дана\nСерік", "Дана\tСерік", "Дана\u0085Серік", "Дана\u2028Серік", "Дана\x1bСерік"} {
			r := a.do(req{method: "POST", path: "/api/v1/auth/register", header: map[string]string{"Accept-Language": "en"},
				body: map[string]any{"email": "line@example.kz", "password": "Ақ жол 2026!", "name": name, "birth_date": "2000-01-01", "accept_privacy_policy": true}})
			if r.status != 422 || !strings.Contains(string(r.raw), `"field":"name"`) || !strings.Contains(string(r.raw), "without control characters") {
				t.Errorf("%q: %d %s", name, r.status, r.raw)
			}
		}
		if _, _, err := a.store.UserByEmail(context.Background(), "line@example.kz"); err == nil {
			t.Fatal("an account with a name of two lines was stored")
		}
		p := a.register("Дана Серік", "2000-01-01")
		for _, body := range []map[string]any{
			{"name": map[string]string{"kk": "Қамқор\r\nҚор"}},
			{"name": map[string]string{"kk": "Қамқор"}, "phone": "+7 700\n000 00 00"},
			{"name": map[string]string{"kk": "Қамқор"}, "website": "https://example.kz\r\n"},
		} {
			r := a.do(req{method: "POST", path: "/api/v1/organizations", token: p.token, header: map[string]string{"Accept-Language": "en"}, body: body})
			if r.status != 422 || !strings.Contains(string(r.raw), "without control characters") {
				t.Errorf("%v: %d %s", body, r.status, r.raw)
			}
		}
		b := a.browser("ru")
		b.signUp(t, "Ерлан", "2000-01-01")
		b.post("/me/profile", url.Values{"name": {"Ерлан\r\nАдмин"}, "locale": {"ru"}}).must(t, 422).
			has(t, `id="f-name-error"`, "Должно быть одной строкой, без управляющих символов")
	})
}
