package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// A person confirms their address from the link in the mail: opening the link spends nothing (a
// mail scanner may open it), the button does, once.
func TestVerifyEmailPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("ru")
		email := b.signUp(t, "Сәуле Әбенова", "2003-03-03")
		u, _, err := a.store.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatal(err)
		}
		b.get("/me/profile").must(t, 200).has(t, "ещё не подтверждён", `action="/me/verify-email"`)
		token := a.mailToken(u.ID, domain.MailVerifyEmail)

		visitor := a.browser("en")
		visitor.get("/verify-email?token="+url.QueryEscape(token)).must(t, 200).has(t, "Confirm my address", `value="`+token+`"`)
		if got, _ := a.store.User(context.Background(), u.ID); got.EmailVerified {
			t.Fatal("opening the link verified the address")
		}
		visitor.post("/verify-email", url.Values{"token": {token}}).must(t, 200).has(t, "your email address is confirmed")
		if got, _ := a.store.User(context.Background(), u.ID); !got.EmailVerified {
			t.Fatal("the button did not verify the address")
		}
		visitor.post("/verify-email", url.Values{"token": {token}}).must(t, 422).has(t, "This link is not valid", `id="f-token"`, `href="#f-token"`)
		b.get("/me/profile").must(t, 200).has(t, "подтверждён").lacks(t, `action="/me/verify-email"`)

		// a resend for someone not yet verified queues a new link and says so
		c := a.browser("kk")
		other := c.signUp(t, "Ілияс Жұмабек", "2002-02-02")
		ou, _, _ := a.store.UserByEmail(context.Background(), other)
		first := a.mailToken(ou.ID, domain.MailVerifyEmail)
		c.post("/me/verify-email", url.Values{}).must(t, 303)
		c.get("/me/profile?done=verification_sent").must(t, 200).has(t, other)
		if a.mailToken(ou.ID, domain.MailVerifyEmail) != first {
			t.Fatal("a second link went out within a minute")
		}
		// bad links: empty, of the wrong letters, too long — each a 422 naming the link
		for _, bad := range []string{"", "not a token!", strings.Repeat("a", 101)} {
			c.post("/verify-email", url.Values{"token": {bad}}).must(t, 422).has(t, `id="f-token"`)
		}
	})
}

// A forgotten password: the same answer whether or not the address has an account; the link sets
// a new password once, ends every session, and the new password signs in.
func TestPasswordResetPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		email := b.signUp(t, "Данияр Төлеуов", "2001-01-01")
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		b.get("/me/shifts").must(t, 200)

		anon := a.browser("en")
		anon.get("/login").must(t, 200).has(t, `href="/password-reset"`)
		known := anon.post("/password-reset", url.Values{"email": {strings.ToUpper(email)}}).must(t, 200)
		unknown := anon.post("/password-reset", url.Values{"email": {"nobody@example.kz"}}).must(t, 200)
		if !strings.Contains(known.body, "If an account has this address") || known.body != unknown.body {
			t.Fatal("the answer tells whether the address has an account")
		}
		anon.post("/password-reset", url.Values{"email": {""}}).must(t, 422).has(t, `href="#f-email"`)
		token := a.mailToken(u.ID, domain.MailResetPassword)

		anon.get("/password-reset/confirm?token="+url.QueryEscape(token)).must(t, 200).has(t, "Choose a new password")
		// a common password is refused beside its field, and the link is not spent
		anon.post("/password-reset/confirm", url.Values{"token": {token}, "password": {"password1"}}).must(t, 422).has(t, `id="f-password"`)
		anon.post("/password-reset/confirm", url.Values{"token": {token}, "password": {"Жаңа жол 2027!"}}).must(t, 303)
		// the old session ended; the old password no longer signs in, the new one does
		if p := b.get("/me/shifts"); p.status != 303 || !strings.HasPrefix(p.location, "/login") {
			t.Fatalf("the old session survived the reset: %d %s", p.status, p.location)
		}
		anon.post("/login", url.Values{"email": {email}, "password": {"Ақ жол 2026!"}}).must(t, 401)
		anon.get("/login?done=password_reset").must(t, 200).has(t, "Your password is changed")
		anon.post("/login", url.Values{"email": {email}, "password": {"Жаңа жол 2027!"}}).must(t, 303)
		// the link is spent
		anon.post("/password-reset/confirm", url.Values{"token": {token}, "password": {"Тағы бір жол 2028!"}}).must(t, 422).
			has(t, "This link is not valid", `href="/password-reset"`)
	})
}

// Asking for reset links is limited per account and address: a 429 with Retry-After.
func TestPasswordResetIsRateLimited(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		anon := a.browser("kk")
		for range 5 {
			anon.post("/password-reset", url.Values{"email": {"someone@example.kz"}}).must(t, 200)
		}
		p := anon.post("/password-reset", url.Values{"email": {"someone@example.kz"}}).must(t, 429)
		if p.header.Get("Retry-After") == "" {
			t.Fatal("no Retry-After")
		}
		rep := a.must(429, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": "someone@example.kz"},
			header: map[string]string{"Accept-Language": "en"}})
		if rep.header.Get("Retry-After") == "" || rep.body["errors"].([]any)[0].(map[string]any)["field"] != "email" {
			t.Fatalf("API: %v %s", rep.header, rep.raw)
		}
	})
}

// The API's links: bad input is a 422 naming the field, in the reader's language, and spends
// nothing.
func TestEmailLinksAPI(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		p := a.register("Арман Мұхтаров", "1999-09-09")
		reset := func() string {
			a.must(202, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": p.Email}})
			return a.mailToken(p.ID, domain.MailResetPassword)
		}
		token := reset()
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"password": "Жаңа жол 2027!"}, "token"},
			{map[string]any{"token": "x y", "password": "Жаңа жол 2027!"}, "token"},
			{map[string]any{"token": token, "password": "short"}, "password"},
			{map[string]any{"token": token, "password": "password1"}, "password"},
		} {
			rep := a.must(422, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: c.body, header: map[string]string{"Accept-Language": "ru"}})
			errs := rep.body["errors"].([]any)
			if errs[0].(map[string]any)["field"] != c.field || rep.header.Get("Content-Language") != "ru" {
				t.Fatalf("%v: %s", c.body, rep.raw)
			}
		}
		a.must(400, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: map[string]any{"token": token, "password": "x", "role": "front-office"}})
		// none of that spent the link or changed the password
		a.must(200, req{method: "GET", path: "/api/v1/me", token: p.token})
		a.must(204, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: map[string]any{"token": token, "password": "Жаңа жол 2027!"}})
		a.must(401, req{method: "GET", path: "/api/v1/me", token: p.token})
		a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": p.Email, "password": "Жаңа жол 2027!"}})
		// resending to a verified address sends nothing
		fresh := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": p.Email, "password": "Жаңа жол 2027!"}})
		rep := a.must(202, req{method: "POST", path: "/api/v1/me/verify-email", token: fresh.body["token"].(string)})
		if rep.body["sent"] != false {
			t.Fatalf("a reset proves the address; resend: %s", rep.raw)
		}
		a.must(401, req{method: "POST", path: "/api/v1/me/verify-email"})
	})
}

// A mail that could not be delivered: the person sees it and why on their page, in their
// language, with nothing internal; the Front Office sees it with the server's answer and sends it
// again.
func TestUndeliveredMailIsShownAndRetried(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		fo := a.frontOffice()
		b := a.browser("en")
		email := b.signUp(t, "Руслан Ли", "1998-08-08")
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		b.get("/me/notifications").must(t, 200).has(t, "Confirm your email address for erikti", "Waiting to be sent")

		held, err := a.store.ClaimJobs(context.Background(), "test", 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var job store.Job
		for _, j := range held {
			if j.UserID == u.ID {
				job = j
				job.Attempts = job.MaxAttempts
				if err := a.store.FailJob(context.Background(), "test", job, errors.New("550 5.1.1 no such mailbox"), store.FailureRefused); err != nil {
					t.Fatal(err)
				}
			} else if ok, err := a.store.CompleteJob(context.Background(), "test", j); err != nil || !ok {
				t.Fatal(err)
			}
		}
		b.get("/me/notifications").must(t, 200).has(t, "Could not be delivered", "refused the address").lacks(t, "550")

		office := a.browser("en")
		office.signIn(t, fo)
		office.get("/office/jobs").must(t, 200).has(t, email, "550 5.1.1 no such mailbox", fmt.Sprintf(`action="/office/jobs/%d/retry"`, job.ID))
		b.post(fmt.Sprintf("/office/jobs/%d/retry", job.ID), url.Values{}).must(t, 403)
		office.post(fmt.Sprintf("/office/jobs/%d/retry", job.ID), url.Values{}).must(t, 303)
		office.get("/office/jobs?done=retried").must(t, 200).has(t, "back in line").lacks(t, "550 5.1.1")
		office.post(fmt.Sprintf("/office/jobs/%d/retry", job.ID), url.Values{}).must(t, 404)
		b.get("/me/notifications").must(t, 200).has(t, "Waiting to be sent")
		entries, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "job.retry", Limit: 10})
		if err != nil || len(entries) != 1 || entries[0].ActorID != fo.ID {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

// What a person lets erikti mail them: the form on their mails page, and the one-click link in
// each mail they may turn off, which a mail program POSTs without a browser (RFC 8058).
func TestMailPreferencesAndOneClickUnsubscribe(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		email := b.signUp(t, "Камила Ли", "1999-09-09")
		u, _, _ := a.store.UserByEmail(context.Background(), email)
		b.get("/me/notifications").must(t, 200).has(t, `name="mail" value="signups" checked`, `name="mail" value="reminders" checked`)
		b.post("/me/notifications", url.Values{"mail": {"reminders"}}).must(t, 303)
		b.get("/me/notifications?done=saved").must(t, 200).has(t, "Your choice is saved", `name="mail" value="reminders" checked`).
			lacks(t, `name="mail" value="signups" checked`)
		b.post("/me/notifications", url.Values{"mail": {"safety"}}).must(t, 422)
		if p, _ := a.store.MailPrefs(context.Background(), u.ID); p.Signups || !p.Reminders {
			t.Fatalf("preferences: %+v", p)
		}

		prefs, _ := a.store.MailPrefs(context.Background(), u.ID)
		link := "/unsubscribe/" + prefs.Token + "?c=reminders"
		a.browser("ru").get(link).must(t, 200).has(t, "Больше не присылать напоминания", `action="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
		if p, _ := a.store.MailPrefs(context.Background(), u.ID); !p.Reminders {
			t.Fatal("opening the link unsubscribed")
		}
		// the mail program's one-click POST: no Origin, no cookie
		resp, err := http.Post(a.srv.URL+link, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("one-click: %d", resp.StatusCode)
		}
		if p, _ := a.store.MailPrefs(context.Background(), u.ID); p.Reminders {
			t.Fatal("one-click did not unsubscribe")
		}
		for _, bad := range []string{"/unsubscribe/forged?c=reminders", "/unsubscribe/" + prefs.Token + "?c=safety", "/unsubscribe/" + prefs.Token} {
			resp, err := http.Post(a.srv.URL+bad, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 404 {
				t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
			}
		}
		a.browser("en").get("/unsubscribe/"+prefs.Token+"?c=safety").must(t, 404)
	})
}

// A coordinator writes to everyone on a shift from its roster page; mistakes come back beside their
// fields, nothing sent.
func TestRosterMessagePage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		v := a.register("Әсел", "2001-01-01")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: v.token})
		c := a.coordinatorBrowser(t, w)
		roster := fmt.Sprintf("/manage/shifts/%d/roster", w.shiftID)
		c.get(roster).must(t, 200).has(t, `action="/manage/shifts/`, `id="f-subject"`, `id="f-text"`)
		c.post(fmt.Sprintf("/manage/shifts/%d/message", w.shiftID), url.Values{"subject": {""}, "text": {"x"}}).must(t, 422).
			has(t, `id="f-subject-error"`, `href="#f-subject"`)
		if m, _ := a.store.UserJobs(context.Background(), v.ID, 10); len(m) != 2 { // the address's link and the signup's answer
			t.Fatalf("a refused message wrote mails: %d", len(m))
		}
		p := c.post(fmt.Sprintf("/manage/shifts/%d/message", w.shiftID), url.Values{"subject": {"Жиын орны"}, "text": {"Бас кіреберісте кездесеміз."}}).must(t, 303)
		c.get(p.location).must(t, 200).has(t, "Your message is on its way to 1 person.")
		if m := a.lastMailOf(v.ID); m.Kind != domain.MailRosterMessage || m.Params["subject"] != "Жиын орны" {
			t.Fatalf("the volunteer's mail: %+v", m)
		}
		a.browser("en").post(fmt.Sprintf("/manage/shifts/%d/message", w.shiftID), url.Values{"subject": {"x"}, "text": {"x"}}).must(t, 303) // to sign in
	})
}

// A person's mails page names each mail by its subject as the mail has it, placeholders filled, in
// the reader's language.
func TestMyMailsShowTheirSubjects(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		b := a.browser("en")
		b.signUp(t, "Жанар", "2002-02-02")
		b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {"k"}}).must(t, 303)
		b.get("/me/notifications").must(t, 200).has(t, "Your place is confirmed: Spring clean-up").lacks(t, "{event}", "mail.")
	})
}
