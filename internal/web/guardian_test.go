package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store/storetest"
)

// mailKinds counts the mails of kind queued for userID.
func (a *app) mailCount(userID int64, kind string) int {
	a.t.Helper()
	jobs, err := a.store.UserJobs(context.Background(), userID, 100)
	if err != nil {
		a.t.Fatal(err)
	}
	n := 0
	for _, j := range jobs {
		if m, err := j.Mail(); err == nil && m.Kind == kind {
			n++
		}
	}
	return n
}

// yearsAgo is the birth date of someone who turned years old yesterday.
func yearsAgo(years int) string { return time.Now().AddDate(-years, 0, -1).Format(time.DateOnly) }

// A 16-year-old sees, instead of a sign-up that fails, the way to their guardian's consent; the
// guardian, without an account, reads the consent with the volunteer's name and birth date and
// agrees; then the signup goes, and only the volunteer sees who agreed and when.
func TestGuardianConsentPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		b := a.browser("ru")
		email := b.signUp(t, "Әлихан Сейітов", "2010-03-04")
		u, _, err := a.store.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatal(err)
		}
		ev := fmt.Sprintf("/events/%d", w.eventID)
		signup := fmt.Sprintf("/shifts/%d/signup", w.shiftID)
		b.get(ev).must(t, 200).has(t, `href="/me/guardian"`, "нужно согласие родителя или опекуна").lacks(t, `action="`+signup+`"`)
		b.get("/me/shifts").must(t, 200).has(t, `class="ask"`, `href="/me/guardian"`)
		b.get("/me/profile").must(t, 200).has(t, `href="/me/guardian"`, "Нужно, ещё не запрошено")
		// a signup forced anyway is refused, saying what to do, and stores nothing
		b.post(signup, url.Values{}).must(t, 403).has(t, "/me/guardian", "сначала нужно согласие родителя или опекуна")
		if sgs, _ := a.store.UserSignups(context.Background(), u.ID); len(sgs) != 0 {
			t.Fatalf("a refused signup stored %+v", sgs)
		}

		// naming the guardian: mistakes come back beside their fields, nothing is sent
		b.get("/me/guardian").must(t, 200).has(t, `action="/me/guardian"`, `id="f-email"`, `id="f-name"`, "ст. 12")
		b.post("/me/guardian", url.Values{"email": {strings.ToUpper(email)}, "name": {"Гүлнар"}}).must(t, 422).
			has(t, `href="#f-email"`, "Нужен адрес родителя или опекуна, а не ваш собственный", `aria-invalid="true"`)
		b.post("/me/guardian", url.Values{"email": {"not-an-address"}, "name": {"Гүлнар"}}).must(t, 422).has(t, `href="#f-email"`, `value="not-an-address"`)
		b.post("/me/guardian", url.Values{"email": {"mother@example.kz"}}).must(t, 422).has(t, `href="#f-name"`, `value="mother@example.kz"`)
		if n := a.mailCount(u.ID, domain.MailGuardianConsent); n != 0 {
			t.Fatalf("%d guardian mails after mistakes", n)
		}
		p := b.post("/me/guardian", url.Values{"email": {"Mother@example.kz"}, "name": {"Гүлнар Сейітова"}}).must(t, 303)
		if p.location != "/me/guardian?done=sent" {
			t.Fatalf("after asking: %s", p.location)
		}
		b.get(p.location).must(t, 200).has(t, "Ссылка отправлена на mother@example.kz", "Отправить новую ссылку")
		b.post("/me/guardian", url.Values{"email": {"mother@example.kz"}, "name": {"Гүлнар Сейітова"}}).must(t, 303)
		if n := a.mailCount(u.ID, domain.MailGuardianConsent); n != 1 {
			t.Fatalf("%d guardian mails within a minute, want 1", n)
		}
		b.get("/me/profile").must(t, 200).has(t, "Запрошено, ждём ответа")
		token := a.mailToken(u.ID, domain.MailGuardianConsent)

		// the guardian opens the link (in Kazakh): nothing is spent by looking
		g := a.browser("kk")
		for range 2 {
			g.get("/guardian/consent?token="+url.QueryEscape(token)).must(t, 200).
				has(t, "Әлихан Сейітов", "2010 ж. 4 наурыз", "12-бабына", `value="`+token+`"`, `value="confirm"`, `value="decline"`, `id="f-name"`)
		}
		g.post("/guardian/consent", url.Values{"token": {token}, "decision": {"confirm"}}).must(t, 422).has(t, `href="#f-name"`, "Әлихан Сейітов")
		g.post("/guardian/consent", url.Values{"token": {token}, "decision": {"maybe"}, "name": {"Гүлнар"}}).must(t, 422).has(t, `href="#f-decision"`, `id="f-decision"`)
		// the volunteer cannot answer for their guardian
		b.post("/guardian/consent", url.Values{"token": {token}, "decision": {"confirm"}, "name": {"Гүлнар Сейітова"}}).must(t, 403)
		// a forged link is refused naming it
		g.get("/guardian/consent?token=forged-secret").must(t, 422).has(t, `id="f-token"`, `href="#f-token"`)
		g.post("/guardian/consent", url.Values{"token": {"forged-secret"}, "decision": {"confirm"}, "name": {"Гүлнар"}}).must(t, 422).has(t, `id="f-token"`)
		g.post("/guardian/consent", url.Values{"token": {token}, "decision": {"confirm"}, "name": {"Гүлнар Сейітова"}}).must(t, 200).
			has(t, "Рақмет: келісіміңіз жазылды")
		g.post("/guardian/consent", url.Values{"token": {token}, "decision": {"confirm"}, "name": {"Гүлнар Сейітова"}}).must(t, 422).has(t, `id="f-token"`)
		if n := a.mailCount(u.ID, domain.MailGuardianConfirmed); n != 1 {
			t.Fatalf("%d mails told the volunteer", n)
		}

		// the volunteer sees who agreed and when; no one else does
		b.get("/me/guardian").must(t, 200).has(t, "Гүлнар Сейітова", "mother@example.kz", "По ссылке", domain.GuardianConsentVersion).lacks(t, `action="/me/guardian"`)
		b.get("/me/data").must(t, 200).has(t, "Родитель или опекун Гүлнар Сейітова (mother@example.kz)")
		b.get("/me/data.json").must(t, 200).has(t, `"guardian_email":"mother@example.kz"`, `"guardian_name":"Гүлнар Сейітова"`, `"method":"email-link"`,
			`"kind":"guardian"`, `"guardian_consent":"given"`)
		other := a.browser("ru")
		other.signUp(t, "Дана Оспанова", "1999-01-01")
		other.get("/me/guardian").must(t, 200).has(t, "согласие родителя или опекуна не нужно").lacks(t, "Гүлнар", "mother@example.kz")
		other.get("/me/data").must(t, 200).lacks(t, "Гүлнар")
		other.post("/me/guardian", url.Values{"email": {"mother@example.kz"}, "name": {"Гүлнар"}}).must(t, 409).has(t, "согласие родителя или опекуна не нужно")
		b.post("/me/guardian", url.Values{"email": {"mother@example.kz"}, "name": {"Гүлнар"}}).must(t, 409).has(t, "Согласие родителя или опекуна уже записано")

		// and now the signup goes
		b.get(ev).must(t, 200).has(t, `action="`+signup+`"`)
		b.post(signup, url.Values{}).must(t, 303)
		if sgs, _ := a.store.UserSignups(context.Background(), u.ID); len(sgs) != 1 || sgs[0].Status != domain.SignupConfirmed {
			t.Fatalf("after the consent: %+v", sgs)
		}
	})
}

// A guardian who declines allows nothing; the volunteer may ask again.
func TestGuardianDeclines(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		teen := a.register("Әлихан Сейітов", yearsAgo(15))
		a.must(202, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": "father@example.kz", "name": "Серік"}})
		token := a.mailToken(teen.ID, domain.MailGuardianConsent)
		a.browser("en").post("/guardian/consent", url.Values{"token": {token}, "decision": {"decline"}}).must(t, 200).has(t, "no consent was given")
		if n := a.mailCount(teen.ID, domain.MailGuardianDeclined); n != 1 {
			t.Fatalf("%d mails told the volunteer of the decline", n)
		}
		rep := a.must(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: teen.token, header: map[string]string{"Accept-Language": "en"}})
		if rep.body["code"] != "signup.guardian_consent_needed" || !strings.Contains(rep.body["detail"].(string), "/me/guardian") {
			t.Fatalf("after a decline: %s", rep.raw)
		}
		if me := a.must(200, req{method: "GET", path: "/api/v1/me", token: teen.token}); me.body["guardian_consent"] != "needed" {
			t.Fatalf("after a decline: %s", me.raw)
		}
		if cs, _ := a.store.Consents(context.Background(), teen.ID); len(cs) != 1 || cs[0].Kind != "privacy" {
			t.Fatalf("a decline recorded %+v", cs)
		}
		a.must(422, req{method: "POST", path: "/api/v1/guardian/consent", body: map[string]any{"token": token, "decision": "confirm", "name": "Серік"}})
	})
}

// The API: bad input is a 422 naming the field in the reader's language, and stores nothing; the
// guardian's consent does not open emergency relief to a 17-year-old; an adult needs none.
func TestGuardianAPI(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		teen := a.register("Әлихан Сейітов", yearsAgo(17))
		for _, c := range []struct {
			body  map[string]any
			field string
			lang  string
			text  string
		}{
			{map[string]any{"email": "not an address", "name": "Гүлнар"}, "email", "en", ""},
			{map[string]any{"email": strings.ToUpper(teen.Email), "name": "Гүлнар"}, "email", "ru", "а не ваш собственный"},
			{map[string]any{"email": teen.Email, "name": "Гүлнар"}, "email", "kk", "Өз мекенжайыңыз емес"},
			{map[string]any{"email": "mother@example.kz"}, "name", "en", ""},
			{map[string]any{"name": "Гүлнар"}, "email", "en", ""},
		} {
			rep := a.must(422, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: c.body, header: map[string]string{"Accept-Language": c.lang}})
			f := rep.body["errors"].([]any)[0].(map[string]any)
			if f["field"] != c.field || rep.header.Get("Content-Language") != c.lang || !strings.Contains(f["message"].(string), c.text) {
				t.Fatalf("%v: %s", c.body, rep.raw)
			}
		}
		a.must(400, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар", "role": "x"}})
		if n := a.mailCount(teen.ID, domain.MailGuardianConsent); n != 0 {
			t.Fatalf("%d guardian mails after bad input", n)
		}
		// the answer's bad input names its field and spends nothing
		a.must(202, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар"}})
		token := a.mailToken(teen.ID, domain.MailGuardianConsent)
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"decision": "confirm", "name": "Гүлнар"}, "token"},
			{map[string]any{"token": "x y", "decision": "confirm", "name": "Гүлнар"}, "token"},
			{map[string]any{"token": "forged-secret", "decision": "confirm", "name": "Гүлнар"}, "token"},
			{map[string]any{"token": token, "name": "Гүлнар"}, "decision"},
			{map[string]any{"token": token, "decision": "yes", "name": "Гүлнар"}, "decision"},
			{map[string]any{"token": token, "decision": "confirm"}, "name"},
			{map[string]any{"token": token, "decision": "confirm", "name": strings.Repeat("а", 201)}, "name"},
		} {
			rep := a.must(422, req{method: "POST", path: "/api/v1/guardian/consent", body: c.body, header: map[string]string{"Accept-Language": "ru"}})
			if f := rep.body["errors"].([]any)[0].(map[string]any); f["field"] != c.field || rep.header.Get("Content-Language") != "ru" {
				t.Fatalf("%v: %s", c.body, rep.raw)
			}
		}
		a.must(204, req{method: "POST", path: "/api/v1/guardian/consent", body: map[string]any{"token": token, "decision": "confirm", "name": "Гүлнар Сейітова"}})

		// emergency relief stays adults-only, consent or not
		emergency := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "emergency", "title": map[string]string{"kk": "Құтқару жаттығуы"}, "venue": map[string]string{"kk": "Медеу"}, "district": "medeu", "status": "published", "min_age": 18,
			"starts_at": w.start.Add(48 * time.Hour).Format(time.RFC3339), "ends_at": w.start.Add(52 * time.Hour).Format(time.RFC3339),
			"shifts": []map[string]any{{"role": map[string]string{"kk": "Көмекші"}, "starts_at": w.start.Add(48 * time.Hour).Format(time.RFC3339),
				"ends_at": w.start.Add(50 * time.Hour).Format(time.RFC3339), "capacity": 5}}}})
		emShift := int64(emergency.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
		rep := a.must(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", emShift), token: teen.token})
		if rep.body["code"] != "signup.adults_only" && rep.body["code"] != "signup.too_young" {
			t.Fatalf("a 17-year-old with consent in emergency relief: %s", rep.raw)
		}
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: teen.token})

		// an adult needs none, and asking is a conflict
		adult := a.register("Дана Оспанова", "1999-01-01")
		if me := a.must(200, req{method: "GET", path: "/api/v1/me", token: adult.token}); me.body["guardian_consent"] != "not_needed" {
			t.Fatalf("an adult: %s", me.raw)
		}
		if rep := a.must(409, req{method: "POST", path: "/api/v1/me/guardian", token: adult.token, body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар"}}); rep.body["code"] != "guardian.not_needed" {
			t.Fatalf("an adult asking: %s", rep.raw)
		}
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: adult.token})
	})
}

// The guardian age is the server's choice: at 16, a 17-year-old signs up without consent and a
// 15-year-old does not; the pages say 16.
func TestGuardianAgeIsConfigurable(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := newAppWith(t, engine, Options{GuardianAge: 16})
			w := a.world(5)
			seventeen := a.register("Әлихан", yearsAgo(17))
			fifteen := a.register("Айару", yearsAgo(15))
			if me := a.must(200, req{method: "GET", path: "/api/v1/me", token: seventeen.token}); me.body["guardian_consent"] != "not_needed" {
				t.Fatalf("a 17-year-old under a guardian age of 16: %s", me.raw)
			}
			a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: seventeen.token})
			rep := a.must(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: fifteen.token, header: map[string]string{"Accept-Language": "en"}})
			if !strings.Contains(rep.body["detail"].(string), "under 16") {
				t.Fatalf("a 15-year-old: %s", rep.raw)
			}
		})
	}
}
