package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// browser is a cookie-keeping HTTP client that fills in forms as a browser without JavaScript
// would; it does not follow redirects, so that each answer can be checked.
type browser struct {
	a      *app
	client *http.Client
	lang   string
}

func (a *app) browser(lang string) *browser {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: a.srv.Client().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{a: a, client: c, lang: lang}
}

// page is an answer to a browser.
type page struct {
	status   int
	header   http.Header
	body     string
	location string
}

func (b *browser) send(method, path string, form url.Values, header map[string]string) page {
	b.a.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r, err := http.NewRequest(method, b.a.srv.URL+path, body)
	if err != nil {
		b.a.t.Fatal(err)
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", b.a.srv.URL)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if b.lang != "" {
		r.Header.Set("Accept-Language", b.lang)
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	return b.do(r)
}

// do sends r and reads the whole answer.
func (b *browser) do(r *http.Request) page {
	b.a.t.Helper()
	resp, err := b.client.Do(r)
	if err != nil {
		b.a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{resp.StatusCode, resp.Header, string(raw), resp.Header.Get("Location")}
}

func (b *browser) get(path string) page { b.a.t.Helper(); return b.send("GET", path, nil, nil) }
func (b *browser) post(path string, form url.Values) page {
	b.a.t.Helper()
	return b.send("POST", path, form, nil)
}

// must fails unless the page answered with status.
func (p page) must(t *testing.T, status int) page {
	t.Helper()
	if p.status != status {
		t.Fatalf("status %d, want %d (to %q): %s", p.status, status, p.location, p.body)
	}
	return p
}

// has fails unless the page holds every one of the texts.
func (p page) has(t *testing.T, texts ...string) page {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(p.body, s) {
			t.Errorf("the page lacks %q", s)
		}
	}
	return p
}

func (p page) lacks(t *testing.T, texts ...string) page {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(p.body, s) {
			t.Errorf("the page shows %q", s)
		}
	}
	return p
}

// signUp registers an account through the registration form and keeps its session.
func (b *browser) signUp(t *testing.T, name, birth string) string {
	t.Helper()
	email := fmt.Sprintf("page%d@example.kz", seq.Add(1))
	b.post("/register", url.Values{"name": {name}, "email": {email}, "password": {"Ақ жол 2026!"},
		"birth_date": {birth}, "locale": {"kk"}, "accept_privacy_policy": {"1"}}).must(t, 303)
	return email
}

func TestPagesForEveryoneInEachLanguage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		for lang, words := range map[string][]string{
			"kk": {`lang="kk"`, "Бағдарлама", "Ұйымдар жәрмеңкесі"},
			"ru": {`lang="ru"`, "Программа", "Ярмарка организаций"},
			"en": {`lang="en"`, "Programme", "Fair of organizations"},
		} {
			b := a.browser(lang)
			for _, path := range []string{"/", "/programme", fmt.Sprintf("/events/%d", w.eventID), "/fair",
				fmt.Sprintf("/organizations/%d", w.orgID), "/register", "/login"} {
				p := b.get(path).must(t, 200).has(t, words...)
				if p.header.Get("Content-Language") != lang || !strings.Contains(p.header.Get("Content-Security-Policy"), "default-src 'none'") {
					t.Errorf("%s %s: headers %v", lang, path, p.header)
				}
			}
			b.get("/no/such/page").must(t, 404).has(t, words[0])
		}
		ev := a.browser("ru").get(fmt.Sprintf("/events/%d", w.eventID)).
			has(t, "Весенний субботник", `"@type":"Event"`, `property="og:title" content="Весенний субботник"`, "openstreetmap.org")
		if !regexp.MustCompile(`"startDate":"\d{4}-\d\d-\d\dT\d\d:00:00\+05:00"`).MatchString(ev.body) {
			t.Errorf("the event's JSON-LD has no start in Almaty time")
		}
		// a date in the reader's language, in Almaty time
		d := w.start.In(domain.Almaty())
		ru := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
		ev.has(t, fmt.Sprintf("%d %s %d г., %s", d.Day(), ru[d.Month()-1], d.Year(), d.Format("15:04")))
	})
}

func TestLanguageIsRememberedInACookie(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.browser("kk-KZ")
	b.get("/programme").has(t, `lang="kk"`)
	p := b.get("/lang/en?back=%2Fprogramme%3Fdirection%3Decology").must(t, 303)
	if p.location != "/programme?direction=ecology" {
		t.Fatalf("back to %q", p.location)
	}
	if c := p.header.Get("Set-Cookie"); !strings.Contains(c, "erikti_lang=en") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") {
		t.Fatalf("cookie %q", c)
	}
	b.get("/programme").has(t, `lang="en"`, "Programme")
	if p := b.get("/lang/ru?back=%2F%2Fevil.example%2F").must(t, 303); p.location != "/" {
		t.Fatalf("an open redirect to %q", p.location)
	}
	b.get("/lang/de").must(t, 404)
}

func TestRegistrationFormKeepsValuesAndShowsErrorsBesideFields(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		p := b.post("/register", url.Values{"name": {"Әсем <b>Ахметова</b>"}, "email": {"not-an-email"}, "password": {"short"},
			"birth_date": {"2008-02-30"}, "locale": {"kk"}}).must(t, 422)
		p.has(t, `class="error-summary"`, "There is a problem with the form",
			`<a href="#f-email">Email: Must be an email address`,
			`id="f-email-error"`, `aria-describedby="f-email-error"`, `id="f-password-error"`, `id="f-birth_date-error"`,
			`value="not-an-email"`, `value="Әсем &lt;b&gt;Ахметова&lt;/b&gt;"`, `value="2008-02-30"`)
		p.lacks(t, `value="short"`, "<b>Ахметова</b>")
		if _, _, err := a.store.UserByEmail(context.Background(), "not-an-email"); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a refused registration stored an account: %v", err)
		}
		// the same form in Kazakh and Russian
		a.browser("kk").post("/register", url.Values{"email": {"x"}}).must(t, 422).has(t, "Формада қателер бар", "Міндетті")
		a.browser("ru").post("/register", url.Values{"email": {"x"}}).must(t, 422).has(t, "В форме есть ошибки", "Обязательно")

		email := b.signUp(t, "Әсем Ахметова", "2004-05-06")
		b.get("/me/shifts").must(t, 200).has(t, "My shifts", "Әсем Ахметова")
		// the address is taken now: the answer is a new account's, which tells no one (the owner is
		// mailed instead), and the session it seems to give opens nothing
		other := a.browser("en")
		other.post("/register", url.Values{"name": {"X"}, "email": {email}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2004-05-06"}, "accept_privacy_policy": {"1"}}).must(t, 303).lacks(t, "already exists")
		other.get("/me/shifts").must(t, 303)
	})
}

func TestSessionCookieAndSignInAndOut(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		email := b.signUp(t, "Ерлан", "2000-01-01")
		b.post("/logout", url.Values{}).must(t, 303)
		b.get("/me/shifts").must(t, 303)

		p := b.post("/login", url.Values{"email": {email}, "password": {"wrong password"}}).must(t, 401)
		p.has(t, `id="f-password-error"`, "Wrong email or password", fmt.Sprintf(`value="%s"`, email))
		if p.header.Get("Set-Cookie") != "" {
			t.Fatal("a failed sign-in set a cookie")
		}
		p = b.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}, "next": {"/programme"}}).must(t, 303)
		c := p.header.Get("Set-Cookie")
		if p.location != "/programme" || !strings.Contains(c, "erikti_session=") || !strings.Contains(c, "HttpOnly") ||
			!strings.Contains(c, "SameSite=Lax") || strings.Contains(c, "Secure") {
			t.Fatalf("sign-in: to %q, cookie %q", p.location, c)
		}
		b.get("/me/shifts").must(t, 200)
		if p := b.get("/me/profile").must(t, 200); p.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("a personal page may be cached: %q", p.header.Get("Cache-Control"))
		}
		// signing out ends the session on the server: the old cookie opens nothing
		old := b.client.Jar.Cookies(mustURL(a.srv.URL))
		b.post("/logout", url.Values{}).must(t, 303)
		thief := a.browser("en")
		thief.client.Jar.SetCookies(mustURL(a.srv.URL), old)
		if p := thief.get("/me/shifts"); p.status != 303 || !strings.HasPrefix(p.location, "/login?next=") {
			t.Fatalf("an ended session still opens pages: %d %q", p.status, p.location)
		}
		// a page that needs an account sends to the login page and back
		if p := a.browser("en").get("/me/profile"); p.location != "/login?next=%2Fme%2Fprofile" {
			t.Fatalf("to %q", p.location)
		}
	})
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

func TestSecureCookieOverTLS(t *testing.T) {
	a := newApp(t, "sqlite")
	tls := httptestTLS(t, a)
	b := &browser{a: &app{t: t, store: a.store, srv: tls}, lang: "en"}
	jar, _ := cookiejar.New(nil)
	b.client = &http.Client{Jar: jar, Transport: tls.Client().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	p := b.post("/register", url.Values{"name": {"Дана"}, "email": {"tls@example.kz"}, "password": {"Ақ жол 2026!"}, "birth_date": {"2001-01-01"}, "accept_privacy_policy": {"1"}}).must(t, 303)
	if c := p.header.Get("Set-Cookie"); !strings.Contains(c, "Secure") || !strings.Contains(c, "HttpOnly") {
		t.Fatalf("cookie over TLS: %q", c)
	}
}

func TestCrossOriginFormPostsAreRefused(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.browser("ru")
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example", "Sec-Fetch-Site": ""}} {
		p := b.send("POST", "/register", url.Values{"name": {"X"}, "email": {"cross@example.kz"}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2001-01-01"}}, h).must(t, 403)
		p.has(t, "Эта форма отправлена с другого сайта")
	}
	if _, _, err := a.store.UserByEmail(context.Background(), "cross@example.kz"); domain.ErrorCode(err) != domain.NotFound {
		t.Fatal("a cross-origin post created an account")
	}
}

func TestServerFaultIsALocalizedPageWithoutInternals(t *testing.T) {
	a := newApp(t, "sqlite")
	a.store.Close()
	for lang, text := range map[string]string{"kk": "Біз жақта бірдеңе дұрыс болмады", "ru": "У нас что-то пошло не так", "en": "Something went wrong on our side"} {
		p := a.browser(lang).get("/programme").must(t, 500)
		p.has(t, text).lacks(t, "sql", "database", "closed")
	}
}

func TestSignUpWaitlistAndCancelThroughPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		first, second := a.browser("en"), a.browser("en")
		first.signUp(t, "Бірінші", "2000-01-01")
		second.signUp(t, "Екінші", "2000-01-01")
		ev := fmt.Sprintf("/events/%d", w.eventID)
		page := first.get(ev).must(t, 200).has(t, "1 place left of 1")
		key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page.body)
		if key == nil {
			t.Fatal("no signup form")
		}
		signup := fmt.Sprintf("/shifts/%d/signup", w.shiftID)
		p := first.post(signup, url.Values{"key": {key[1]}}).must(t, 303)
		if p.location != fmt.Sprintf("%s?done=confirmed&shift=%d#shift-%d", ev, w.shiftID, w.shiftID) {
			t.Fatalf("to %q", p.location)
		}
		// the same form sent twice (a double click) books once
		first.post(signup, url.Values{"key": {key[1]}}).must(t, 303)
		first.get(ev+"?done=confirmed").has(t, "Your place is confirmed", "Full: the 1 place is taken")
		second.get(ev).has(t, "Join the waitlist")
		second.post(signup, url.Values{"key": {"k2"}}).must(t, 303)
		second.get("/me/shifts").has(t, "On the waitlist: number 1")
		// signing up twice is refused on the page, in the reader's language
		second.post(signup, url.Values{"key": {"k3"}}).must(t, 409).has(t, "You already have a place or a place in line on this shift")

		roster, err := a.store.Roster(context.Background(), w.shiftID)
		if err != nil || len(roster) != 2 {
			t.Fatalf("roster %v %v", roster, err)
		}
		mine := regexp.MustCompile(`href="/me/signups/(\d+)/cancel"`).FindStringSubmatch(first.get("/me/shifts").body)
		if mine == nil {
			t.Fatal("no cancel form on my shifts")
		}
		first.post("/me/signups/"+mine[1]+"/cancel", url.Values{}).must(t, 303)
		first.get("/me/shifts?done=cancelled").has(t, "Your signup is cancelled", "Cancelled")
		second.get("/me/shifts").has(t, "Your place is confirmed")
		// someone else's signup cannot be cancelled
		second.post("/me/signups/"+mine[1]+"/cancel", url.Values{}).must(t, 404)
		// signing up needs an account
		if p := a.browser("en").post(signup, url.Values{}); p.status != 303 || !strings.HasPrefix(p.location, "/login") {
			t.Fatalf("anonymous signup: %d %q", p.status, p.location)
		}
	})
}

// coordinator signs in through the form as the world's coordinator.
func (a *app) coordinatorBrowser(t *testing.T, w world) *browser {
	b := a.browser("en")
	b.signIn(t, w.coord)
	return b
}

// secretRe finds the key written out on the page that sets up TOTP.
var secretRe = regexp.MustCompile(`<code class="secret" id="totp-secret">([A-Z2-7 ]+)</code>`)

// enrolAsRoleHolder follows a session that holds a role but has no second factor: the page at
// path sends it to the second step, which sends it to set up TOTP; it scans the key, confirms with
// a code, sees the recovery codes and goes on to path. It returns the key and the recovery codes.
func (b *browser) enrolAsRoleHolder(t *testing.T, path string) (string, []string) {
	t.Helper()
	p := b.get(path).must(t, 303)
	if p.location != "/login/2fa?next="+url.QueryEscape(path) {
		t.Fatalf("a role's page without a second factor went to %q", p.location)
	}
	p = b.get(p.location).must(t, 303)
	if p.location != "/me/2fa?next="+url.QueryEscape(path) {
		t.Fatalf("the second step without TOTP went to %q", p.location)
	}
	secret, codes := b.enrol(t, p.location, path)
	return secret, codes
}

// enrol sets TOTP up on the page at setup (which must say so), and checks that it then goes on to next.
func (b *browser) enrol(t *testing.T, setup, next string) (string, []string) {
	t.Helper()
	page := b.get(setup).must(t, 200).has(t, `src="/me/2fa/qr.png"`, `autocomplete="one-time-code"`, `inputmode="numeric"`)
	m := secretRe.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no key on the page: %s", page.body)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	qr := b.get("/me/2fa/qr.png").must(t, 200)
	if qr.header.Get("Content-Type") != "image/png" || qr.header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(qr.body, "\x89PNG") {
		t.Fatalf("the QR code: %v", qr.header)
	}
	code, err := auth.TOTPCode(secret, b.a.clock.nextStep())
	if err != nil {
		t.Fatal(err)
	}
	done := b.post("/me/2fa", url.Values{"code": {code}, "next": {next}}).must(t, 200)
	codes := regexp.MustCompile(`<li><code>([a-z2-9]{4}(?:-[a-z2-9]{4}){5})</code></li>`).FindAllStringSubmatch(done.body, -1)
	if len(codes) != auth.RecoveryCodes || !strings.Contains(done.body, `href="`+next+`"`) {
		t.Fatalf("the recovery codes page: %s", done.body)
	}
	var out []string
	for _, c := range codes {
		out = append(out, c[1])
	}
	return secret, out
}

// signIn signs p in through the login form and, when p has set up TOTP, its second step with a
// code from p's app.
func (b *browser) signIn(t *testing.T, p person) {
	t.Helper()
	l := b.post("/login", url.Values{"email": {p.Email}, "password": {"Ақ жол 2026!"}}).must(t, 303)
	if p.secret == "" {
		return
	}
	if !strings.HasPrefix(l.location, "/login/2fa") {
		t.Fatalf("after the password: %q, want the second step", l.location)
	}
	b.post("/login/2fa", url.Values{"code": {b.a.code(p)}}).must(t, 303)
}

func TestCoordinatorPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		c := a.coordinatorBrowser(t, w)
		c.get("/manage").must(t, 200).has(t, "Жасыл Алматы", "Organization admin")
		newEvent := fmt.Sprintf("/manage/organizations/%d/events/new", w.orgID)
		c.get(newEvent).must(t, 200).has(t, `id="f-title_kk"`, `id="f-shift1_capacity"`)
		day := w.start.AddDate(0, 0, 2).Format("2006-01-02")
		form := url.Values{"direction": {"ecology"}, "title_kk": {""}, "title_ru": {"Уборка <i>парка</i>"}, "venue_ru": {"Парк"},
			"district": {"medeu"}, "starts_at": {day + "T09:00"}, "ends_at": {day + "T18:00"}, "status": {"published"},
			"min_age": {"0"}, "accessibility": {"wheelchair"},
			"shift1_role_ru": {"Утро"}, "shift1_starts_at": {day + "T09:00"}, "shift1_ends_at": {day + "T13:00"}, "shift1_capacity": {"0"},
			"shift2_role_ru": {"День"}, "shift2_starts_at": {day + "T13:00"}, "shift2_ends_at": {day + "T25:00"}, "shift2_capacity": {"10"}}
		p := c.post(newEvent, form).must(t, 422)
		p.has(t, `id="f-shift1_capacity-error"`, `id="f-shift2_ends_at-error"`, `value="Уборка &lt;i&gt;парка&lt;/i&gt;"`,
			`value="wheelchair" checked`, "Must be a whole number from 1 to 100,000")
		events, _, _ := a.store.Events(context.Background(), store.EventFilter{OrgID: w.orgID, WithDrafts: true})
		if len(events) != 1 {
			t.Fatalf("a refused event form stored something: %d events", len(events))
		}
		form.Set("shift1_capacity", "2")
		form.Set("shift2_ends_at", day+"T17:00")
		p = c.post(newEvent, form).must(t, 303)
		var eventID int64
		fmt.Sscanf(p.location, "/manage/events/%d", &eventID)
		e, err := a.store.Event(context.Background(), eventID)
		if err != nil || len(e.Shifts) != 2 || e.Title.RU != "Уборка <i>парка</i>" || e.Shifts[0].Role != (domain.Text{RU: "Утро"}) {
			t.Fatalf("the event stored: %+v %v", e, err)
		}
		c.get(p.location).must(t, 200).has(t, "The event is created.", "Уборка &lt;i&gt;парка&lt;/i&gt;")
		// the public page escapes what the organization wrote
		a.browser("ru").get(fmt.Sprintf("/events/%d", eventID)).has(t, "Уборка &lt;i&gt;парка&lt;/i&gt;").lacks(t, "<i>парка</i>")

		// lowering a capacity below those confirmed is refused beside the field
		v := a.browser("en")
		v.signUp(t, "Ерікті", "2000-01-01")
		v.post(fmt.Sprintf("/shifts/%d/signup", e.Shifts[0].ID), url.Values{"key": {"a"}}).must(t, 303)
		v2 := a.browser("en")
		v2.signUp(t, "Ерікті 2", "2000-01-01")
		v2.post(fmt.Sprintf("/shifts/%d/signup", e.Shifts[0].ID), url.Values{"key": {"b"}}).must(t, 303)
		pre := fmt.Sprintf("s%d_", e.Shifts[0].ID)
		c.post(fmt.Sprintf("/manage/shifts/%d", e.Shifts[0].ID), url.Values{pre + "role_ru": {"Утро"}, pre + "starts_at": {day + "T09:00"},
			pre + "ends_at": {day + "T13:00"}, pre + "capacity": {"1"}}).must(t, 422).has(t, fmt.Sprintf(`id="f-%scapacity-error"`, pre), "Cannot be lower than the 2 volunteers already confirmed")
		roster := c.get(fmt.Sprintf("/manage/shifts/%d/roster", e.Shifts[0].ID)).must(t, 200)
		roster.has(t, "Ерікті", "Ерікті 2", "2 of 2 places confirmed")

		// cancelling needs the box ticked, then cancels the signups
		c.post(fmt.Sprintf("/manage/events/%d/cancel", eventID), url.Values{}).must(t, 422).has(t, `id="f-confirm-error"`)
		c.post(fmt.Sprintf("/manage/events/%d/cancel", eventID), url.Values{"confirm": {"1"}}).must(t, 303)
		if e, _ := a.store.Event(context.Background(), eventID); e.Status != domain.EventCancelled || e.Shifts[0].Confirmed != 0 {
			t.Fatalf("after cancelling: %s, %d confirmed", e.Status, e.Shifts[0].Confirmed)
		}

		// another organization's pages are closed to this coordinator, and coordinators' pages to volunteers
		other := a.register("Бөтен", "1990-01-01")
		otherOrg := a.must(201, req{method: "POST", path: "/api/v1/organizations", token: other.token, body: map[string]any{"name": map[string]string{"kk": "Бөтен ұйым"}}})
		c.get(fmt.Sprintf("/manage/organizations/%d", id(otherOrg))).must(t, 403)
		c.get(fmt.Sprintf("/manage/organizations/%d/events/new", id(otherOrg))).must(t, 403)
		v.get(fmt.Sprintf("/manage/shifts/%d/roster", e.Shifts[0].ID)).must(t, 403)
		v.get("/office").must(t, 403)
	})
}

func TestOrganizationAdminAndFrontOfficePages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		admin := a.browser("en")
		admin.signUp(t, "Әкімші", "1990-01-01")
		bad := admin.post("/manage/organizations/new", url.Values{"name_kk": {"<script>alert(1)</script> Қайырым"}, "bin": {"123"}, "website": {"ftp://x"}}).must(t, 422)
		bad.has(t, `id="f-bin-error"`, `id="f-website-error"`, "&lt;script&gt;alert(1)&lt;/script&gt;").lacks(t, "<script>alert(1)")
		p := admin.post("/manage/organizations/new", url.Values{"name_kk": {"<script>alert(1)</script> Қайырым"}, "bin": {"000740000728"}}).must(t, 303)
		var orgID int64
		fmt.Sscanf(p.location, "/manage/organizations/%d", &orgID)
		admin.enrolAsRoleHolder(t, p.location) // its admin now holds a role: set up TOTP before /manage opens
		admin.get(p.location).must(t, 200).has(t, "Apply for verification", "Awaiting verification")
		admin.post(p.location+"/apply", url.Values{}).must(t, 303)
		admin.get(p.location+"?done=applied").has(t, "Your application is sent", "Applied on")

		fo := a.frontOffice()
		office := a.browser("en")
		office.signIn(t, fo)
		office.get("/office").must(t, 200).has(t, "Organizations awaiting verification", "&lt;script&gt;alert(1)&lt;/script&gt; Қайырым")
		decide := fmt.Sprintf("/office/organizations/%d", orgID)
		office.post(decide, url.Values{"status": {"suspended"}, "reason": {""}}).must(t, 422).has(t, `id="f-reason-error"`, "Give a reason for suspending")
		if o, _ := a.store.Organization(context.Background(), orgID); o.Status != domain.OrgPending {
			t.Fatalf("a refused decision changed the status to %s", o.Status)
		}
		office.post(decide, url.Values{"status": {"verified"}}).must(t, 303)
		if o, _ := a.store.Organization(context.Background(), orgID); o.Status != domain.OrgVerified {
			t.Fatalf("status %s after verifying", o.Status)
		}
		office.get("/office/plan").must(t, 200).has(t, "Events by direction and month", "Total")
		a.browser("en").get("/fair").has(t, "✓ Verified")
		// a volunteer cannot decide
		admin.post(decide, url.Values{"status": {"suspended"}, "reason": {"x"}}).must(t, 403)
	})
}

func TestProgrammeFiltersOnThePage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		a.world(1)
		b := a.browser("en")
		b.get("/programme?direction=ecology&district=medeu&q=clean").must(t, 200).has(t, "Spring clean-up")
		b.get("/programme?silver=1").must(t, 200).lacks(t, "Spring clean-up").has(t, "No events match these filters.")
		b.get("/programme?access=wheelchair").must(t, 200).lacks(t, "Spring clean-up")
		b.get("/programme?free=1").must(t, 200).has(t, "Spring clean-up")
		p := b.get("/programme?from=2026-02-30&direction=nowhere&access=stairs").must(t, 422)
		p.has(t, `id="f-from-error"`, `id="f-direction-error"`, `id="f-access-error"`, `value="2026-02-30"`)
	})
}

// TestProgrammePageIsLight holds the programme page, with its stylesheet and script, under 60 KB
// compressed, on the demo programme.
func TestProgrammePageIsLight(t *testing.T) {
	a := newApp(t, "sqlite")
	loadDemo(t, a)
	b := a.browser("kk")
	p := b.send("GET", "/programme", nil, map[string]string{"Accept-Encoding": "gzip"}).must(t, 200)
	if p.header.Get("Content-Encoding") != "gzip" {
		t.Fatal("the page is not compressed")
	}
	total := len(p.body)
	html := gunzip(t, p.body)
	plain := len(html)
	if !strings.Contains(html, `<li class="card dir-`) { // a card in its direction's colour
		t.Fatal("the programme page lists no events")
	}
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(html, -1) {
		asset := b.send("GET", m[1], nil, map[string]string{"Accept-Encoding": "gzip"}).must(t, 200)
		if !strings.Contains(asset.header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s is not cached for good", m[1])
		}
		total += len(asset.body)
		plain += len(gunzip(t, asset.body))
	}
	for _, m := range regexp.MustCompile(`(?:href|src)="(https?:)?//[^"]*"`).FindAllString(html, -1) {
		if !strings.Contains(m, "openstreetmap.org") && !strings.Contains(m, a.srv.URL) {
			t.Errorf("a third-party address on the page: %s", m)
		}
	}
	t.Logf("programme page with its CSS and JS: %d bytes compressed, %d bytes uncompressed", total, plain)
	if total > 60*1024 {
		t.Fatalf("the programme page weighs %d bytes compressed, over 60 KB", total)
	}
}

func gunzip(t *testing.T, s string) string {
	zr, err := gzip.NewReader(bytes.NewReader([]byte(s)))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// httptestTLS serves a's handler over TLS.
func httptestTLS(t *testing.T, a *app) *httptest.Server {
	srv := httptest.NewTLSServer(a.srv.Config.Handler)
	t.Cleanup(srv.Close)
	return srv
}

// loadDemo fills a's database with the demo programme.
func loadDemo(t *testing.T, a *app) {
	t.Helper()
	if _, err := demo.LoadIfEmpty(context.Background(), a.store, time.Now()); err != nil {
		t.Fatal(err)
	}
}
