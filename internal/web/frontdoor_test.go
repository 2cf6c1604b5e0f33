package web

import (
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/store/storetest"
)

// hashesComputed is how many argon2 hashes the app's server has computed.
func (a *app) hashesComputed() int64 { return a.srv.Config.Handler.(*Server).hasher.Computed() }

// registerFrom posts the API's registration from an address, straight to the handler.
func (a *app) registerFrom(addr, email string) *httptest.ResponseRecorder {
	return a.postFrom(addr, "/api/v1/auth/register", map[string]any{"email": email, "password": "Ақ жол 2026!", "name": "Әлия",
		"birth_date": "2001-02-03", "locale": "ru", "accept_privacy_policy": true})
}

// 200 wrong passwords at once for one account from one address: at most the limit (5) are
// checked; the rest are refused with 429 before any hash is computed. Before the limiter reserved
// attempts, all 200 passed its check before the first was counted.
func TestParallelWrongPasswordsAreCheckedAtMostTheLimit(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		victim := a.register("Айгерім", "2004-01-01")
		before := a.hashesComputed()
		codes := make([]int, 200)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range codes {
			wg.Go(func() {
				<-start
				codes[i] = a.signInFrom("203.0.113.9", victim.Email, fmt.Sprintf("guess %d", i)).Code
			})
		}
		close(start)
		wg.Wait()
		checked := a.hashesComputed() - before
		n401, n429 := 0, 0
		for _, c := range codes {
			switch c {
			case 401:
				n401++
			case 429:
				n429++
			}
		}
		if n401 > 5 || n401+n429 != len(codes) || checked > 5 {
			t.Fatalf("200 parallel guesses: %d answered 401, %d 429, %d passwords checked; want at most 5 checked", n401, n429, checked)
		}
		// the owner, from their own address, is not locked out
		if w := a.signInFrom("198.51.100.4", victim.Email, "Ақ жол 2026!"); w.Code != 200 {
			t.Fatalf("the owner was locked out: %d %s", w.Code, w.Body)
		}
	})
}

// When the hashing budget stays full for the whole wait, a sign-in, a registration and the sign-in
// page answer 503 with Retry-After, in the reader's language; nothing is checked or stored.
func TestPasswordHashingBusyAnswers503(t *testing.T) {
	h := auth.NewHasher(auth.Params{Memory: 1024, Time: 1, Threads: 1}, 1<<20, 10*time.Millisecond)
	a := newAppWith(t, "sqlite", Options{Hasher: h})
	vol := a.register("Дана", "2000-01-01")
	// a stored hash that costs 64 MiB and 16 passes takes the whole budget for a second or more
	b64 := base64.RawStdEncoding
	costly := "$argon2id$v=19$m=65536,t=16,p=1$" + b64.EncodeToString(make([]byte, 16)) + "$" + b64.EncodeToString(make([]byte, 32))
	before := h.Computed()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.Check(t.Context(), "x", costly)
	}()
	for h.Computed() == before {
		time.Sleep(time.Millisecond)
	}
	w := a.signInFrom("203.0.113.9", vol.Email, "Ақ жол 2026!")
	if w.Code != 503 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Сервер занят проверкой паролей") ||
		!strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
		t.Fatalf("sign-in with a full budget: %d %v %s", w.Code, w.Header(), w.Body)
	}
	if w := a.registerFrom("203.0.113.9", "busy@example.kz"); w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("registration with a full budget: %d %s", w.Code, w.Body)
	}
	p := a.browser("kk").post("/login", url.Values{"email": {vol.Email}, "password": {"Ақ жол 2026!"}}).must(t, 503)
	p.has(t, "Сервер құпиясөздерді тексерумен бос емес")
	if p.header.Get("Retry-After") == "" {
		t.Fatal("the page's 503 has no Retry-After")
	}
	select {
	case <-done:
		t.Fatal("the costly hash ended before the requests: the test proved nothing")
	default:
	}
	<-done
	if h.Computed() != before+1 {
		t.Fatalf("%d hashes computed while the budget was full", h.Computed()-before-1)
	}
	// a refused attempt is no failure: the account signs in at once from the same address
	if w := a.signInFrom("203.0.113.9", vol.Email, "Ақ жол 2026!"); w.Code != 200 {
		t.Fatalf("after the burst: %d %s", w.Code, w.Body)
	}
	if _, _, err := a.store.UserByEmail(t.Context(), "busy@example.kz"); err == nil {
		t.Fatal("a refused registration was stored")
	}
}

// Registrations are limited per address and per email: past either, 429 with Retry-After before
// any password is hashed.
func TestRegistrationsAreLimited(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := newAppWith(t, engine, Options{RegistrationsPerHour: 3})
			for i := range 3 {
				if w := a.registerFrom("203.0.113.7", fmt.Sprintf("limit%d@example.kz", i)); w.Code != 201 {
					t.Fatalf("registration %d: %d %s", i, w.Code, w.Body)
				}
			}
			before := a.hashesComputed()
			w := a.registerFrom("203.0.113.7", "limit3@example.kz")
			if w.Code != 429 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Слишком много попыток") {
				t.Fatalf("a 4th registration from one address: %d %q %s", w.Code, w.Header().Get("Retry-After"), w.Body)
			}
			if a.hashesComputed() != before {
				t.Fatal("a refused registration hashed its password")
			}
			if w := a.registerFrom("198.51.100.7", "limit3@example.kz"); w.Code != 201 {
				t.Fatalf("another address: %d %s", w.Code, w.Body)
			}
			// one email: three tries an hour, from anywhere
			for i, addr := range []string{"198.51.100.8", "198.51.100.9"} {
				if w := a.registerFrom(addr, "limit3@example.kz"); w.Code != 201 {
					t.Fatalf("try %d of a taken email: %d %s", i+2, w.Code, w.Body)
				}
			}
			if w := a.registerFrom("198.51.100.10", "limit3@example.kz"); w.Code != 429 {
				t.Fatalf("a 4th try of one email: %d %s", w.Code, w.Body)
			}
		})
	}
}

// Registration answers the same whether or not the address has an account: the same status,
// headers and body shape on the API, the same redirect and cookie on the page; the owner of the
// address gets a mail instead, in their language, and their account is untouched.
func TestRegistrationRevealsNoAccount(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		owner := a.register("Әлия Сейітова", "1999-03-04") // locale kk
		reg := func(email string) reply {
			return a.do(req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": email, "password": "Басқа жол 2026!",
				"name": "Бөтен", "birth_date": "2001-02-03", "locale": "ru", "accept_privacy_policy": true}})
		}
		fresh, taken := reg("fresh@example.kz"), reg(strings.ToUpper(owner.Email))
		keys := func(r reply) []string {
			var out []string
			for k := range r.body {
				out = append(out, k)
			}
			slices.Sort(out)
			return out
		}
		if fresh.status != 201 || taken.status != fresh.status || taken.header.Get("Location") != fresh.header.Get("Location") ||
			!slices.Equal(keys(taken), keys(fresh)) || taken.body["guardian_consent"] != fresh.body["guardian_consent"] {
			t.Fatalf("a new address %d %v %s, a taken one %d %v %s", fresh.status, fresh.header, fresh.raw, taken.status, taken.header, taken.raw)
		}
		if id(taken) == owner.ID || strings.Contains(string(taken.raw), "email_taken") {
			t.Fatalf("the answer tells the account: %s", taken.raw)
		}
		if n := a.mailCount(owner.ID, "account_exists"); n != 1 {
			t.Fatalf("%d mails to the owner", n)
		}
		// the owner's account is untouched: their password works, the newcomer's does not
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": owner.Email, "password": "Ақ жол 2026!"}})
		a.must(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": owner.Email, "password": "Басқа жол 2026!"}})

		// the page: the same redirect and a session cookie either way
		form := func(email string) url.Values {
			return url.Values{"name": {"Бөтен"}, "email": {email}, "password": {"Басқа жол 2026!"}, "birth_date": {"2001-02-03"},
				"locale": {"en"}, "accept_privacy_policy": {"1"}, "next": {"/programme"}}
		}
		pf, pt := a.browser("en").post("/register", form("fresh-page@example.kz")), a.browser("en").post("/register", form(owner.Email))
		if pf.status != 303 || pt.status != pf.status || pt.location != pf.location || (pt.header.Get("Set-Cookie") == "") != (pf.header.Get("Set-Cookie") == "") {
			t.Fatalf("the page: new %d %s %v, taken %d %s %v", pf.status, pf.location, pf.header, pt.status, pt.location, pt.header)
		}
		if n := a.mailCount(owner.ID, "account_exists"); n != 2 {
			t.Fatalf("%d mails to the owner after the page", n)
		}
	})
}

// Guesses of one's current password on /me/password are limited like sign-ins: after five wrong
// ones, 429 with Retry-After, even with the right one.
func TestOwnPasswordGuessesAreLimited(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		b.signUp(t, "Ерлан", "2000-01-01")
		for range 5 {
			b.post("/me/password", url.Values{"current_password": {"wrong"}, "new_password": {"Жаңа жол 2027?"}}).must(t, 422)
		}
		p := b.post("/me/password", url.Values{"current_password": {"Ақ жол 2026!"}, "new_password": {"Жаңа жол 2027?"}}).must(t, 429)
		p.has(t, `id="f-current_password-error"`, "Too many attempts")
		if p.header.Get("Retry-After") == "" {
			t.Fatal("no Retry-After")
		}
		// and the account deletion's password check shares the count
		b.post("/me/delete", url.Values{"password": {"Ақ жол 2026!"}, "confirm": {"1"}}).must(t, 429)
	})
}
