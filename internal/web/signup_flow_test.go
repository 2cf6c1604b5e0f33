package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
)

// formKey is the idempotency key of the first signup form on a page.
func formKey(t *testing.T, p page) string {
	t.Helper()
	m := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no signup form on the page: %s", p.body)
	}
	return m[1]
}

// A visitor presses "Sign up" on a shift, registers, confirms the address from the mail and ends
// on that very shift with one button: the way back survives each step.
func TestSignupWayBackSurvivesRegisterAndVerify(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		confirm := fmt.Sprintf("/signup?shift=%d", w.shiftID)
		escaped := url.QueryEscape(confirm)
		b := a.browser("en")
		// the event page offers a visitor a link to the shift's confirmation, not a form that fails
		b.get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200).has(t, `href="`+confirm+`"`)
		if p := b.get(confirm).must(t, 303); p.location != "/login?next="+escaped {
			t.Fatalf("a visitor at the confirmation goes to %q", p.location)
		}
		// the login page says why, and its link to register keeps the way back
		b.get("/login?next="+escaped).must(t, 200).has(t, "Sign in to take the shift you chose",
			`href="/register?next=`+escaped+`"`, `name="next" value="`+confirm+`"`)
		b.post("/login", url.Values{"email": {"nobody@example.kz"}, "password": {"wrong password"}, "next": {confirm}}).must(t, 401).
			has(t, "Sign in to take the shift you chose", `href="/register?next=`+escaped+`"`)
		b.get("/register?next="+escaped).must(t, 200).has(t, `name="next" value="`+confirm+`"`, `href="/login?next=`+escaped+`"`)
		email := fmt.Sprintf("flow%d@example.kz", seq.Add(1))
		p := b.post("/register", url.Values{"name": {"Меруерт Сағындық"}, "email": {email}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2001-04-21"}, "locale": {"kk"}, "accept_privacy_policy": {"1"}, "next": {confirm}}).must(t, 303)
		if p.location != "/welcome?next="+escaped {
			t.Fatalf("after registering: %q", p.location)
		}
		// the welcome: where the mail went, the shift they came for, the profile
		b.get(p.location).must(t, 200).has(t, "Welcome to erikti", "Меруерт Сағындық, your account is ready", email,
			"Spring clean-up", "Көмекші", "Орталық саябақ", `href="`+confirm+`"`, `action="/me/verify-email"`, `href="/me/profile"`).
			lacks(t, "My shifts</h1>")
		u, _, err := a.store.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatal(err)
		}
		// the link in the mail, opened anywhere, leads back to the shift
		token := a.mailToken(u.ID, domain.MailVerifyEmail)
		b.get("/verify-email?token="+url.QueryEscape(token)).must(t, 200)
		v := b.post("/verify-email", url.Values{"token": {token}}).must(t, 303)
		if v.location != confirm+"&done=verified" {
			t.Fatalf("after verifying: %q", v.location)
		}
		page := b.get(v.location).must(t, 200).has(t, "Thank you: your email address is confirmed.", "Confirm your sign-up",
			"Spring clean-up", "Көмекші", "Орталық саябақ", fmt.Sprintf(`action="/shifts/%d/signup"`, w.shiftID), "Confirm sign-up</button>")
		if n := strings.Count(page.body, "<button type=\"submit\">"); n != 1 {
			t.Fatalf("the confirmation has %d buttons", n)
		}
		done := b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {formKey(t, page)}}).must(t, 303)
		if !strings.HasPrefix(done.location, fmt.Sprintf("/events/%d?done=confirmed", w.eventID)) {
			t.Fatalf("after confirming: %q", done.location)
		}
		b.get(done.location).must(t, 200).has(t, "Done! Your place is confirmed.")
		b.get(confirm).must(t, 200).has(t, "Your place is confirmed").lacks(t, "Confirm sign-up</button>")

		// an existing account signs in instead, and lands on the same confirmation
		other := a.register("Ерлан Досов", "1999-09-09")
		c := a.browser("en")
		l := c.post("/login", url.Values{"email": {other.Email}, "password": {"Ақ жол 2026!"}, "next": {confirm}}).must(t, 303)
		if l.location != confirm {
			t.Fatalf("after signing in: %q", l.location)
		}
		c.get(l.location).must(t, 200).has(t, "Confirm sign-up</button>")
	})
}

// A way back that leaves erikti is ignored everywhere it could enter: the login page, the
// registration, the welcome and the link in the mail all stay on erikti.
func TestSignupWayBackStaysOnErikti(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		for _, bad := range []string{"//evil.example", "https://evil", `/\evil`, "javascript:alert(1)", "/\t/evil.example"} {
			b := a.browser("en")
			b.get("/login?next="+url.QueryEscape(bad)).must(t, 200).has(t, `name="next" value="/"`, `href="/register"`).lacks(t, `href="/register?`)
			b.get("/register?next="+url.QueryEscape(bad)).must(t, 200).has(t, `name="next" value="/"`, `href="/login"`).lacks(t, `href="/login?`)
			email := fmt.Sprintf("evil%d@example.kz", seq.Add(1))
			p := b.post("/register", url.Values{"name": {"Асхат Нұров"}, "email": {email}, "password": {"Ақ жол 2026!"},
				"birth_date": {"2001-04-21"}, "locale": {"kk"}, "accept_privacy_policy": {"1"}, "next": {bad}}).must(t, 303)
			if p.location != "/welcome" {
				t.Fatalf("%q: after registering to %q", bad, p.location)
			}
			b.get("/welcome?next="+url.QueryEscape(bad)).must(t, 200).has(t, `<a class="button" href="/programme">`).lacks(t, "Continue where you left off")
			u, _, err := a.store.UserByEmail(context.Background(), email)
			if err != nil {
				t.Fatal(err)
			}
			b.post("/verify-email", url.Values{"token": {a.mailToken(u.ID, domain.MailVerifyEmail)}}).must(t, 200).
				has(t, "your email address is confirmed").lacks(t, "evil", "Continue where you left off")
			l := b.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}, "next": {bad}}).must(t, 303)
			if l.location != "/me/shifts" {
				t.Fatalf("%q: after signing in to %q", bad, l.location)
			}
		}
		// a way back on erikti that is not a shift is kept by the mail's link too, behind a link
		b := a.browser("en")
		email := fmt.Sprintf("fair%d@example.kz", seq.Add(1))
		b.post("/register", url.Values{"name": {"Асхат Нұров"}, "email": {email}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2001-04-21"}, "locale": {"kk"}, "accept_privacy_policy": {"1"}, "next": {"/fair"}}).must(t, 303)
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		b.post("/verify-email", url.Values{"token": {a.mailToken(u.ID, domain.MailVerifyEmail)}}).must(t, 200).
			has(t, `<a class="button" href="/fair">Continue where you left off</a>`)
	})
}

// A shift that filled between the confirmation page and its button puts the volunteer in line,
// and the page says where.
func TestSignupConfirmFullShiftWaitlists(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		late := a.register("Гүлнар Серікова", "1998-08-08")
		b := a.browser("en")
		b.signIn(t, late)
		page := b.get(fmt.Sprintf("/signup?shift=%d", w.shiftID)).must(t, 200).has(t, "Confirm sign-up</button>", "1 place left of 1")
		// an address not confirmed is not said to be, whatever the address bar asks
		b.get(fmt.Sprintf("/signup?shift=%d&done=verified", w.shiftID)).must(t, 200).lacks(t, "your email address is confirmed")
		first := a.register("Бақыт Омаров", "1997-07-07")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: first.token})
		done := b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {formKey(t, page)}}).must(t, 303)
		if !strings.HasPrefix(done.location, fmt.Sprintf("/events/%d?done=waitlisted&shift=%d", w.eventID, w.shiftID)) {
			t.Fatalf("after confirming a full shift: %q", done.location)
		}
		b.get(done.location).must(t, 200).has(t, "No place was left: you are on the waitlist, number 1.", "On the waitlist: number 1")
		// a page opened once the shift is full says so before its button
		third := a.register("Дина Әлиева", "1996-06-06")
		c := a.browser("en")
		c.signIn(t, third)
		c.get(fmt.Sprintf("/signup?shift=%d", w.shiftID)).must(t, 200).has(t, "This shift is full now", "Join the waitlist</button>")
	})
}

// A shift at the same time as one the volunteer holds says so before any button, naming the other
// by its event, role and time; the refusal of the API and of the page names it the same way.
func TestOverlapNamesTheOtherShift(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		start := w.start.Add(time.Hour) // inside the first event's shift, which runs two hours
		ev := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Өзен жағасы", "ru": "Берег реки", "en": "Riverbank"},
			"venue": map[string]string{"kk": "Есентай"}, "district": "bostandyk", "status": "published",
			"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(3 * time.Hour).Format(time.RFC3339),
			"shifts": []map[string]any{{"role": map[string]string{"kk": "Тіркеуші", "en": "Registrar"}, "starts_at": start.Format(time.RFC3339),
				"ends_at": start.Add(3 * time.Hour).Format(time.RFC3339), "capacity": 5}}}})
		second := int64(ev.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
		v := a.register("Әлия Ержанова", "2000-01-01")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: v.token})

		when := w.start.In(domain.Almaty())
		en := fmt.Sprintf("Spring clean-up, Көмекші, %d %s %d, %s–%s", when.Day(), when.Month(), when.Year(),
			when.Format("15:04"), when.Add(2*time.Hour).Format("15:04"))
		b := a.browser("en")
		b.signIn(t, v)
		p := b.get(fmt.Sprintf("/events/%d", id(ev))).must(t, 200).has(t, "At the same time you already hold:", en,
			fmt.Sprintf(`href="/events/%d#shift-%d"`, w.eventID, w.shiftID)).
			lacks(t, fmt.Sprintf(`action="/shifts/%d/signup"`, second))
		if strings.Contains(p.body, fmt.Sprintf("shift %d", w.shiftID)) {
			t.Fatal("the notice names the shift by its number")
		}
		b.get(fmt.Sprintf("/signup?shift=%d", second)).must(t, 200).has(t, "At the same time you already hold:", en).lacks(t, "Confirm sign-up</button>")

		// the refusal, in the reader's language, by title and time
		r := a.must(409, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", second), token: v.token,
			header: map[string]string{"Accept-Language": "ru"}})
		ru := fmt.Sprintf("Весенний субботник, Көмекші, %d", when.Day())
		if d, _ := r.body["detail"].(string); !strings.Contains(d, "У вас уже есть смена в это же время: "+ru) || !strings.Contains(d, when.Format("15:04")) ||
			strings.Contains(d, fmt.Sprintf("смена %d", w.shiftID)) {
			t.Fatalf("the API's refusal: %q", d)
		}
		b.post(fmt.Sprintf("/shifts/%d/signup", second), url.Values{"key": {"overlap-1"}}).must(t, 409).
			has(t, "You already hold a shift at the same time: "+en)
	})
}

// The confirmation page's bad input: no shift names the field, a shift that is not a number too,
// a shift that does not exist is not found.
func TestSignupConfirmBadInput(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		v := a.register("Нұрлан Асанов", "1995-05-05")
		b := a.browser("en")
		b.signIn(t, v)
		b.get("/signup").must(t, 422).has(t, "Shift: Required", `href="/programme"`)
		b.get("/signup?shift=").must(t, 422).has(t, "Shift: Required")
		b.get("/signup?shift=abc").must(t, 422).has(t, "Shift: Must be a shift")
		b.get("/signup?shift=-3").must(t, 422).has(t, "Shift: Must be a shift")
		b.get(fmt.Sprintf("/signup?shift=%d", w.shiftID+1000)).must(t, 404)
		b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID+1000), url.Values{"key": {"k"}}).must(t, 404)
		// a welcome whose way back names a shift that does not exist is a welcome all the same
		b.get(fmt.Sprintf("/welcome?next=%s", url.QueryEscape(fmt.Sprintf("/signup?shift=%d", w.shiftID+1000)))).must(t, 200).
			has(t, "Welcome to erikti").lacks(t, "Go on to sign up")
		// nothing was stored
		if sgs, _ := a.store.UserSignups(context.Background(), v.ID); len(sgs) != 0 {
			t.Fatalf("bad input stored %d signups", len(sgs))
		}
	})
}

// A volunteer who has set up TOTP takes the second step on the way, and still ends on the shift.
func TestSignupWayBackSurvivesTheSecondStep(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		v := a.register("Қанат Бекұлы", "1994-04-04")
		a.enrol(&v)
		confirm := fmt.Sprintf("/signup?shift=%d", w.shiftID)
		b := a.browser("en")
		b.partial(t, v, confirm)
		b.get("/login/2fa?next="+url.QueryEscape(confirm)).must(t, 200).has(t, `name="next" value="`+confirm+`"`)
		l := b.post("/login/2fa", url.Values{"code": {a.code(v)}, "next": {confirm}}).must(t, 303)
		if l.location != confirm {
			t.Fatalf("after the second step: %q", l.location)
		}
		b.get(confirm).must(t, 200).has(t, "Confirm sign-up</button>")
	})
}
