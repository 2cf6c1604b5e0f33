package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// app is a real server on a real database, reached over real HTTP.
type app struct {
	t     testing.TB
	store *store.Store
	srv   *httptest.Server
	clock *testClock // the server's clock
}

// testClock is real time plus an offset that each TOTP code the harness types moves 30 seconds on,
// so that every code is of a time step of its own (a code is accepted once) without waiting.
type testClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return time.Now().Add(c.off) }

// nextStep moves the clock one TOTP step on and returns the time.
func (c *testClock) nextStep() time.Time {
	c.mu.Lock()
	c.off += auth.TOTPPeriod * time.Second
	c.mu.Unlock()
	return c.now()
}

var seq atomic.Int64

// each runs fn once per engine with a fresh app.
func each(t *testing.T, fn func(t *testing.T, a *app)) {
	t.Helper()
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, newApp(t, engine)) })
	}
}

// testMetricsToken is the --metrics-token of the tests that read /metrics (eachWith).
const testMetricsToken = "metrics-token-of-the-tests"

// eachWith is each with the server's options.
func eachWith(t *testing.T, opt Options, fn func(t *testing.T, a *app)) {
	t.Helper()
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, newAppWith(t, engine, opt)) })
	}
}

func newApp(t testing.TB, engine string) *app {
	t.Helper()
	return newAppWith(t, engine, Options{})
}

// newAppWith is newApp with the server's options (the password cost stays the harness's).
func newAppWith(t testing.TB, engine string, opt Options) *app {
	t.Helper()
	clock := &testClock{}
	st := storetest.Open(t, engine, store.Options{Now: clock.now}) // the store and the server share the clock
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	opt.Password, opt.Now = auth.Params{Memory: 1024, Time: 1, Threads: 1}, clock.now
	if opt.RegistrationsPerHour == 0 { // the harness registers everyone from one address, on a clock that stands still
		opt.RegistrationsPerHour = 100000
	}
	h, err := New(st, msgs, log, opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &app{t: t, store: st, srv: srv, clock: clock}
}

// reply is an answer with its decoded JSON body.
type reply struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// req is one request: method, path, optional token, optional body (a string is sent as is,
// anything else as JSON), optional headers.
type req struct {
	method, path, token string
	body                any
	header              map[string]string
}

// request builds r as the harness sends it.
func (a *app) request(r req) *http.Request {
	a.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequestWithContext(context.Background(), r.method, a.srv.URL+r.path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	return hr
}

func (a *app) do(r req) reply {
	a.t.Helper()
	hr := a.request(r)
	resp, err := a.srv.Client().Do(hr)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	json.Unmarshal(raw, &out.body)
	return out
}

// must does r and fails the test unless the status is want.
func (a *app) must(want int, r req) reply {
	a.t.Helper()
	rep := a.do(r)
	if rep.status != want {
		a.t.Fatalf("%s %s: status %d, want %d: %s", r.method, r.path, rep.status, want, rep.raw)
	}
	return rep
}

// person is an account with an API token; one who has set up TOTP has its secret and recovery codes.
type person struct {
	domain.User
	token    string
	secret   string
	recovery []string
}

// code is the TOTP code p's authenticator app shows: each call is of a new time step.
func (a *app) code(p person) string {
	a.t.Helper()
	c, err := auth.TOTPCode(p.secret, a.clock.nextStep())
	if err != nil {
		a.t.Fatal(err)
	}
	return c
}

// enrol sets up TOTP for p through the store, as the two-factor page does, and signs p in again
// through the API with a code: p.token is then confirmed with a second factor (the old one ends).
func (a *app) enrol(p *person) {
	a.t.Helper()
	ctx := context.Background()
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		a.t.Fatal(err)
	}
	codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodes)
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.store.BeginTOTP(ctx, p.ID, secret); err != nil {
		a.t.Fatal(err)
	}
	if err := a.store.ConfirmTOTP(ctx, p.ID, secret, auth.TOTPStep(a.clock.now()), hashes, ""); err != nil {
		a.t.Fatal(err)
	}
	p.secret, p.recovery, p.TOTP = secret, codes, true
	tok := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": p.Email, "password": "Ақ жол 2026!",
		"totp_code": a.code(*p)}})
	p.token, p.SecondFactor = tok.body["token"].(string), true
}

// register opens an account through the API and signs in.
func (a *app) register(name, birth string) person {
	a.t.Helper()
	email := fmt.Sprintf("p%d@example.kz", seq.Add(1))
	rep := a.must(201, req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
		"email": email, "password": "Ақ жол 2026!", "name": name, "birth_date": birth, "locale": "kk", "accept_privacy_policy": true}})
	tok := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": "Ақ жол 2026!"}})
	u, err := a.store.User(context.Background(), int64(rep.body["id"].(float64)))
	if err != nil {
		a.t.Fatal(err)
	}
	return person{User: u, token: tok.body["token"].(string)}
}

// frontOffice makes an account with the Front Office role, as the CLI would.
func (a *app) frontOffice() person {
	a.t.Helper()
	p := a.register("Айгерім Фронт-офис", "1988-09-14")
	if err := a.store.SetFrontOffice(context.Background(), 0, p.ID, true); err != nil {
		a.t.Fatal(err)
	}
	p.FrontOffice = true
	a.enrol(&p)
	return p
}

// world is an organization with a coordinator, a published event a week ahead with one shift, and
// the Front Office.
type world struct {
	fo, coord      person
	orgID, eventID int64
	shiftID        int64
	start          time.Time
}

func (a *app) world(capacity int) world {
	a.t.Helper()
	w := world{fo: a.frontOffice(), coord: a.register("Дәурен Қасымов", "1996-02-03")}
	org := a.must(201, req{method: "POST", path: "/api/v1/organizations", token: w.coord.token, body: map[string]any{
		"name": map[string]string{"kk": "Жасыл Алматы"}, "description": map[string]string{"kk": "Экологиялық еріктілер клубы"}, "bin": "000740000728"}})
	w.orgID = id(org)
	a.enrol(&w.coord) // the coordinator now holds a role: their token needs a second factor
	a.must(200, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", w.orgID), token: w.fo.token})
	w.start = time.Now().In(domain.Almaty()).Add(7 * 24 * time.Hour).Truncate(time.Hour)
	ev := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
		"direction": "ecology", "title": map[string]string{"kk": "Көктемгі сенбілік", "ru": "Весенний субботник", "en": "Spring clean-up"},
		"venue": map[string]string{"kk": "Орталық саябақ"}, "district": "medeu", "status": "published",
		"starts_at": w.start.Format(time.RFC3339), "ends_at": w.start.Add(4 * time.Hour).Format(time.RFC3339),
		"shifts": []map[string]any{{"role": map[string]string{"kk": "Көмекші"}, "starts_at": w.start.Format(time.RFC3339),
			"ends_at": w.start.Add(2 * time.Hour).Format(time.RFC3339), "capacity": capacity}}}})
	w.eventID = id(ev)
	w.shiftID = int64(ev.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
	return w
}

func id(r reply) int64 { return int64(r.body["id"].(float64)) }

// mailToken is the secret of the newest link of kind queued for userID.
func (a *app) mailToken(userID int64, kind string) string {
	a.t.Helper()
	jobs, err := a.store.UserJobs(context.Background(), userID, 100)
	if err != nil {
		a.t.Fatal(err)
	}
	for _, j := range jobs {
		m, err := j.Mail()
		if err != nil {
			a.t.Fatal(err)
		}
		if m.Kind != kind {
			continue
		}
		u, err := url.Parse(m.Link)
		if err != nil || u.Query().Get("token") == "" {
			a.t.Fatalf("mail %s: link %q", kind, m.Link)
		}
		return u.Query().Get("token")
	}
	a.t.Fatalf("no %s mail for account %d", kind, userID)
	return ""
}

// mailTo is the secret of the newest link of kind queued for the address email, whether or not
// it has an account (an invitation to a new address concerns no account yet).
func (a *app) mailTo(email, kind string) string {
	a.t.Helper()
	jobs, err := a.store.Jobs(context.Background(), store.JobPending, 1000)
	if err != nil {
		a.t.Fatal(err)
	}
	for _, j := range jobs {
		m, err := j.Mail()
		if err != nil {
			a.t.Fatal(err)
		}
		if m.Kind != kind || m.To != email {
			continue
		}
		u, err := url.Parse(m.Link)
		if err != nil || u.Query().Get("token") == "" {
			a.t.Fatalf("mail %s: link %q", kind, m.Link)
		}
		return u.Query().Get("token")
	}
	a.t.Fatalf("no %s mail to %s", kind, email)
	return ""
}

// lastMailOf is the newest mail queued for userID.
func (a *app) lastMailOf(userID int64) domain.Mail {
	a.t.Helper()
	jobs, err := a.store.UserJobs(context.Background(), userID, 1)
	if err != nil || len(jobs) == 0 {
		a.t.Fatalf("no mail for %d: %v", userID, err)
	}
	m, err := jobs[0].Mail()
	if err != nil {
		a.t.Fatal(err)
	}
	return m
}
