package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"erikti/internal/auth"
	"erikti/internal/locale"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// signInVia posts the API's sign-in straight to the handler from the connection's peer, with
// headers (the X-Forwarded-* a proxy, or a forger, sends).
func (a *app) signInVia(peer string, header map[string]string, email, password string) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	r := httptest.NewRequest("POST", "/api/v1/auth/token", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		r.Header.Set(k, v)
	}
	r.RemoteAddr = peer + ":40000"
	w := httptest.NewRecorder()
	a.srv.Config.Handler.ServeHTTP(w, r)
	return w
}

// Without --trusted-proxies nobody's X-Forwarded-For is believed: a guesser who makes up a new
// address for every guess is still counted at the address the connection comes from.
func TestForgedForwardedForDoesNotChangeTheLimitersKey(t *testing.T) {
	a := newApp(t, "sqlite")
	victim := a.register("Айгерім", "2004-01-01")
	for i := range 5 {
		xff := map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i+1)}
		if w := a.signInVia("203.0.113.9", xff, victim.Email, fmt.Sprintf("guess %d", i)); w.Code != 401 {
			t.Fatalf("guess %d: %d", i, w.Code)
		}
	}
	xff := map[string]string{"X-Forwarded-For": "198.51.100.77", "X-Real-IP": "198.51.100.78", "Forwarded": "for=198.51.100.79"}
	if w := a.signInVia("203.0.113.9", xff, victim.Email, "Ақ жол 2026!"); w.Code != 429 {
		t.Fatalf("a made-up X-Forwarded-For escaped the limit: %d %s", w.Code, w.Body)
	}
	failed, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "auth.login_failed"})
	if err != nil || len(failed) != 5 {
		t.Fatalf("failed sign-ins: %d, %v", len(failed), err)
	}
	for _, e := range failed {
		if e.Origin != "203.0.113.9" {
			t.Fatalf("the audit log believed a forged address: %q", e.Origin)
		}
	}
}

// Behind a trusted proxy the client is the right-most address of X-Forwarded-For that is not a
// trusted proxy's: the limits count each client on its own, whatever it writes to the left, and
// the audit log records it; a peer outside the trusted CIDRs is still taken as it is.
func TestTrustedProxyNamesTheClient(t *testing.T) {
	a := newAppWith(t, "sqlite", Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	victim := a.register("Айгерім", "2004-01-01")
	for i := range 5 { // the guesser forges a new address on the left each time; the proxy appends the real one
		xff := map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d, 203.0.113.9", i+1)}
		if w := a.signInVia("10.0.0.2", xff, victim.Email, fmt.Sprintf("guess %d", i)); w.Code != 401 {
			t.Fatalf("guess %d: %d", i, w.Code)
		}
	}
	// two trusted proxies in a row: the one before the last is skipped too (and a port is no disguise)
	if w := a.signInVia("10.0.0.2", map[string]string{"X-Forwarded-For": "203.0.113.9:5555, 10.1.1.1"}, victim.Email, "Ақ жол 2026!"); w.Code != 429 {
		t.Fatalf("the guesser behind the proxy was not stopped: %d", w.Code)
	}
	// the volunteer, behind the same proxy from their own address, is not
	if w := a.signInVia("10.0.0.2", map[string]string{"X-Forwarded-For": "198.51.100.4"}, victim.Email, "Ақ жол 2026!"); w.Code != 200 {
		t.Fatalf("the owner behind the proxy was locked out with the guesser: %d %s", w.Code, w.Body)
	}
	// an untrusted peer's header is its own word: the peer is the client
	if w := a.signInVia("192.0.2.1", map[string]string{"X-Forwarded-For": "203.0.113.9"}, victim.Email, "wrong"); w.Code != 401 {
		t.Fatalf("an untrusted peer inherited the guesser's block: %d", w.Code)
	}
	failed, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "auth.login_failed"})
	if err != nil || len(failed) != 6 {
		t.Fatalf("failed sign-ins: %d, %v", len(failed), err)
	}
	origins := map[string]int{}
	for _, e := range failed {
		origins[e.Origin]++
	}
	if origins["203.0.113.9"] != 5 || origins["192.0.2.1"] != 1 {
		t.Fatalf("the audit log's origins: %v", origins)
	}
}

// Over HTTPS (a trusted proxy's X-Forwarded-Proto) the cookies are Secure and named __Host-, HSTS
// is sent, and a cookie without the prefix opens nothing; the same header from an untrusted peer,
// and plain HTTP, change nothing.
func TestHTTPSBehindATrustedProxy(t *testing.T) {
	a := newAppWith(t, "sqlite", Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	p := a.register("Дана", "2001-01-01")
	b := a.browser("en")
	b.client.Jar = nil // cookies are sent by hand below
	https := map[string]string{"X-Forwarded-Proto": "https"}
	login := b.send("POST", "/login", url.Values{"email": {p.Email}, "password": {"Ақ жол 2026!"}}, https).must(t, 303)
	c := login.header.Get("Set-Cookie")
	if !strings.HasPrefix(c, "__Host-erikti_session=") || !strings.Contains(c, "; Secure") || !strings.Contains(c, "Path=/;") ||
		strings.Contains(c, "Domain") || !strings.Contains(c, "HttpOnly") {
		t.Fatalf("the session cookie over HTTPS: %q", c)
	}
	if h := login.header.Get("Strict-Transport-Security"); h != "max-age=31536000; includeSubDomains" {
		t.Fatalf("HSTS over HTTPS: %q", h)
	}
	value := strings.TrimPrefix(strings.SplitN(c, ";", 2)[0], "__Host-erikti_session=")
	b.send("GET", "/me/shifts", nil, map[string]string{"X-Forwarded-Proto": "https", "Cookie": "__Host-erikti_session=" + value}).must(t, 200)
	// the same value under the plain name, as a plain-HTTP page or a subdomain could have set it
	if p := b.send("GET", "/me/shifts", nil, map[string]string{"X-Forwarded-Proto": "https", "Cookie": "erikti_session=" + value}); p.status != 303 {
		t.Fatalf("over HTTPS a cookie without __Host- opened a page: %d", p.status)
	}
	if c := b.send("GET", "/lang/kk?back=/", nil, https).must(t, 303).header.Get("Set-Cookie"); !strings.HasPrefix(c, "__Host-erikti_lang=kk") || !strings.Contains(c, "; Secure") {
		t.Fatalf("the language cookie over HTTPS: %q", c)
	}

	// plain HTTP from the proxy (the README's run, development): as before
	plain := b.send("POST", "/login", url.Values{"email": {p.Email}, "password": {"Ақ жол 2026!"}}, nil).must(t, 303)
	if c := plain.header.Get("Set-Cookie"); !strings.HasPrefix(c, "erikti_session=") || strings.Contains(c, "Secure") {
		t.Fatalf("the session cookie over plain HTTP: %q", c)
	}
	if h := plain.header.Get("Strict-Transport-Security"); h != "" {
		t.Fatalf("HSTS over plain HTTP: %q", h)
	}

	// nobody trusted: X-Forwarded-Proto is anyone's word
	u := newApp(t, "sqlite")
	q := u.register("Дана", "2001-01-01")
	ub := u.browser("en")
	r := ub.send("POST", "/login", url.Values{"email": {q.Email}, "password": {"Ақ жол 2026!"}}, https).must(t, 303)
	if c := r.header.Get("Set-Cookie"); !strings.HasPrefix(c, "erikti_session=") || strings.Contains(c, "Secure") || r.header.Get("Strict-Transport-Security") != "" {
		t.Fatalf("an untrusted X-Forwarded-Proto was believed: %q, HSTS %q", c, r.header.Get("Strict-Transport-Security"))
	}
}

// Direct TLS (serve --tls-cert) needs no proxy: the session cookie is Secure and __Host-, HSTS is sent.
func TestDirectTLSCookiesAndHSTS(t *testing.T) {
	a := newApp(t, "sqlite")
	p := a.register("Дана", "2001-01-01")
	srv := httptestTLS(t, a)
	b := &browser{a: &app{t: t, store: a.store, srv: srv}, lang: "en",
		client: &http.Client{Transport: srv.Client().Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	login := b.post("/login", url.Values{"email": {p.Email}, "password": {"Ақ жол 2026!"}}).must(t, 303)
	if c := login.header.Get("Set-Cookie"); !strings.HasPrefix(c, "__Host-erikti_session=") || !strings.Contains(c, "; Secure") {
		t.Fatalf("the session cookie over TLS: %q", c)
	}
	if h := login.header.Get("Strict-Transport-Security"); h != "max-age=31536000; includeSubDomains" {
		t.Fatalf("HSTS over TLS: %q", h)
	}
}

// /readyz says not ready while the database refuses writes (a read-only SQLite file, a read-only
// PostgreSQL), though it still answers reads.
func TestReadyzIsNotReadyWhenTheDatabaseTakesNoWrite(t *testing.T) {
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			st, err := store.Open(context.Background(), storetest.ReadOnly(t, engine), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			s, err := New(st, msgs, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Password: auth.Params{Memory: 1024, Time: 1, Threads: 1}})
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range map[string]int{"/healthz": 200, "/readyz": 503} {
				w := httptest.NewRecorder()
				s.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
				if w.Code != want {
					t.Fatalf("%s on a read-only database: %d, want %d: %s", path, w.Code, want, w.Body)
				}
			}
		})
	}
}

// /metrics is not public: 404 without a metrics token; with one, 401 to a request without it or
// with another, 200 with it; MetricsHandler (serve --metrics-addr) serves them as they are.
func TestMetricsAreNotPublic(t *testing.T) {
	a := newApp(t, "sqlite")
	if r := a.do(req{method: "GET", path: "/metrics"}); r.status != 404 {
		t.Fatalf("/metrics without a metrics token: %d", r.status)
	}
	if r := a.do(req{method: "GET", path: "/metrics", token: "anything"}); r.status != 404 {
		t.Fatalf("/metrics without a metrics token, asked with one: %d", r.status)
	}
	w := httptest.NewRecorder()
	a.srv.Config.Handler.(*Server).MetricsHandler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "go_goroutines") {
		t.Fatalf("MetricsHandler: %d", w.Code)
	}

	m := newAppWith(t, "sqlite", Options{MetricsToken: testMetricsToken})
	for _, tok := range []string{"", "metrics-token-of-the-test", testMetricsToken + "s", m.register("Дана", "2001-01-01").token} {
		if r := m.do(req{method: "GET", path: "/metrics", token: tok}); r.status != 401 || r.header.Get("WWW-Authenticate") == "" {
			t.Fatalf("/metrics with token %q: %d", tok, r.status)
		}
	}
	if r := m.do(req{method: "GET", path: "/metrics", token: testMetricsToken}); r.status != 200 || !strings.Contains(string(r.raw), "go_goroutines") {
		t.Fatalf("/metrics with the metrics token: %d", r.status)
	}
}
