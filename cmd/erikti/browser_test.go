package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/browsertest"
	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/mail/mailtest"
	"erikti/internal/store"
)

// The browser tests drive the real erikti (its run function, on SQLite with the demo programme)
// in Debian's Chromium: an axe-core audit of every kind of page in every language and role, and the
// flows of a volunteer (by keyboard alone), a coordinator and the Front Office.

// site is a running erikti with the demo programme and what the tests made in it.
type site struct {
	base     string
	msgs     *locale.Bundle
	orgID    int64 // the demo coordinator's organization (they are its admin)
	eventID  int64 // a test event of that organization: shift open has places, shift full has none
	open     int64
	full     int64
	title    string
	queuedID int64            // an organization in the Front Office's queue
	smtp     *mailtest.Server // where the site's mail goes

	mu    sync.Mutex
	steps map[string]int64 // the last TOTP time step each demo account used

	coordID int64 // the demo coordinator's account
	adminOf int64 // the organization the demo coordinator is the admin of
	// the link of an invitation of the demo volunteer into adminOf, as the mail brought it
	invitation string
}

// twoFactor reports whether a demo account needs a TOTP code to sign in (it holds a role).
func twoFactor(email string) bool {
	return email == "front-office@example.kz" || email == "coordinator@example.kz"
}

// code is the TOTP code of the demo key an authenticator app would show for email: each is of a
// time step the account has not used yet (a code is accepted once), one ahead of now at most, as
// the server accepts; when both are used it waits for the next step.
func (s *site) code(t *testing.T, email string) string {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	step := auth.TOTPStep(time.Now())
	if last, ok := s.steps[email]; ok && step <= last {
		step = last + 1
	}
	for step > auth.TOTPStep(time.Now())+1 {
		time.Sleep(time.Until(time.Unix((auth.TOTPStep(time.Now())+1)*auth.TOTPPeriod, 0)) + 50*time.Millisecond)
	}
	s.steps[email] = step
	code, err := auth.TOTPCodeAt(demo.TOTPSecret, step)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func startSite(t *testing.T) *site {
	t.Helper()
	db := filepath.Join(t.TempDir(), "erikti.db")
	// mail goes to a real SMTP server on loopback, which refuses one address for good
	smtp := mailtest.Start(t, mailtest.Config{})
	smtp.Reject("bounced@example.kz")
	base, stop := start(t, env(map[string]string{"ERIKTI_SMTP_HOST": "127.0.0.1", "ERIKTI_SMTP_PORT": strconv.Itoa(smtp.Port),
		"ERIKTI_SMTP_TLS": "none"}), "--db", db, "--demo")
	t.Cleanup(func() { stop() })
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := &site{base: base, msgs: msgs, title: fmt.Sprintf("Кілтпен сынақ %d", time.Now().UnixNano()%100000), steps: map[string]int64{}, smtp: smtp}
	coord := s.token(t, "coordinator@example.kz", demo.Password)
	var orgs struct {
		Items []struct {
			ID     int64             `json:"id"`
			Name   map[string]string `json:"name"`
			Status string            `json:"status"`
		} `json:"items"`
	}
	s.api(t, "GET", "/api/v1/organizations", "", nil, &orgs)
	// the coordinator is the admin of the first organization the demo creates, which is verified
	for _, o := range orgs.Items {
		var got struct {
			ID int64 `json:"id"`
		}
		if s.api(t, "POST", fmt.Sprintf("/api/v1/organizations/%d/events", o.ID), coord, s.event(), &got) == 201 {
			s.orgID, s.eventID = o.ID, got.ID
			break
		}
	}
	if s.eventID == 0 {
		t.Fatal("the demo coordinator could create an event in no organization")
	}
	var ev struct {
		Shifts []struct {
			ID       int64 `json:"id"`
			Capacity int   `json:"capacity"`
		} `json:"shifts"`
	}
	s.api(t, "GET", fmt.Sprintf("/api/v1/events/%d", s.eventID), "", nil, &ev)
	for _, sh := range ev.Shifts {
		if sh.Capacity == 1 {
			s.full = sh.ID
		} else {
			s.open = sh.ID
		}
	}
	// someone takes the only place of the full shift
	filler := s.newVolunteer(t, "Толтырушы Ерікті")
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", s.full), filler, nil, nil); st != 201 {
		t.Fatalf("filler signup: %d", st)
	}
	// an organization awaiting the Front Office: one that applied
	admin := s.newVolunteer(t, "Жаңа ұйымның әкімшісі")
	var org struct {
		ID int64 `json:"id"`
	}
	s.api(t, "POST", "/api/v1/organizations", admin, map[string]any{"name": map[string]string{"kk": "Сынақ қоры " + s.title}}, &org)
	s.queuedID = org.ID
	// a mail that cannot be delivered, for the Front Office's list
	if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": "bounced@example.kz", "password": "Ақ жол 2026!",
		"name": "Қайтқан хат", "birth_date": "2003-03-03", "accept_privacy_policy": true}, nil); st != 201 {
		t.Fatalf("register: %d", st)
	}
	waitParked(t, db)
	// the demo coordinator, the admin of orgID, invites the demo volunteer into it; the mail arrives
	var me struct {
		ID int64 `json:"id"`
	}
	s.api(t, "GET", "/api/v1/me", coord, nil, &me)
	s.coordID = me.ID
	for _, o := range orgs.Items {
		var members struct {
			Items []struct {
				UserID int64  `json:"user_id"`
				Role   string `json:"role"`
			} `json:"items"`
		}
		s.api(t, "GET", fmt.Sprintf("/api/v1/organizations/%d/members", o.ID), coord, nil, &members)
		for _, m := range members.Items {
			if m.UserID == me.ID && m.Role == "admin" && s.adminOf == 0 {
				s.adminOf = o.ID
			}
		}
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/organizations/%d/invitations", s.adminOf), coord,
		map[string]string{"email": "volunteer@example.kz", "role": "coordinator"}, nil); st != 201 {
		t.Fatalf("invite: %d", st)
	}
	link := regexp.MustCompile(`(/invitations/accept\?token=[A-Za-z0-9_%-]+)`)
	for deadline := time.Now().Add(20 * time.Second); s.invitation == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, m := range smtp.Messages() {
			if p, err := mailtest.Parse(m.Raw); err == nil && m.To[0] == "volunteer@example.kz" {
				if found := link.FindString(p.Text); found != "" {
					s.invitation = found
				}
			}
		}
	}
	if s.invitation == "" {
		t.Fatal("the invitation mail did not arrive")
	}
	return s
}

// waitParked waits until the database at db holds a parked job.
func waitParked(t *testing.T, db string) {
	t.Helper()
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if parked, err := st.Jobs(context.Background(), store.JobParked, 1); err == nil && len(parked) > 0 {
			return
		}
	}
	t.Fatal("the bounced mail was not parked")
}

// event is the test event: two shifts ten days ahead, one of a single place.
func (s *site) event() map[string]any {
	day := time.Now().In(domain.Almaty()).AddDate(0, 0, 10).Format("2006-01-02")
	return map[string]any{"direction": "culture", "title": map[string]string{"kk": s.title, "ru": s.title, "en": s.title},
		"venue": map[string]string{"kk": "Ұлттық кітапхана"}, "district": "almaly", "status": "published", "accessibility": []string{"wheelchair", "seating"},
		"starts_at": day + "T10:00", "ends_at": day + "T18:00",
		"shifts": []map[string]any{
			{"role": map[string]string{"kk": "Кітап көрмесі"}, "starts_at": day + "T10:00", "ends_at": day + "T13:00", "capacity": 20},
			{"role": map[string]string{"kk": "Оқу сағаты"}, "starts_at": day + "T14:00", "ends_at": day + "T16:00", "capacity": 1},
		}}
}

func (s *site) api(t *testing.T, method, path, token string, body, into any) int {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	} else {
		rd = bytes.NewReader(nil)
	}
	r, _ := http.NewRequest(method, s.base+path, rd)
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if into != nil {
		json.NewDecoder(resp.Body).Decode(into)
	}
	return resp.StatusCode
}

func (s *site) token(t *testing.T, email, password string) string {
	t.Helper()
	var tok struct {
		Token string `json:"token"`
	}
	body := map[string]string{"email": email, "password": password}
	if twoFactor(email) {
		body["totp_code"] = s.code(t, email)
	}
	if st := s.api(t, "POST", "/api/v1/auth/token", "", body, &tok); st != 200 {
		t.Fatalf("token for %s: %d", email, st)
	}
	return tok.Token
}

func (s *site) newVolunteer(t *testing.T, name string) string {
	t.Helper()
	email := fmt.Sprintf("b%d@example.kz", time.Now().UnixNano())
	if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": "Ақ жол 2026!",
		"name": name, "birth_date": "2003-03-03", "accept_privacy_policy": true}, nil); st != 201 {
		t.Fatalf("register %s: %d", name, st)
	}
	return s.token(t, email, "Ақ жол 2026!")
}

// newPassword is the password of the accounts a test registers: the demo's is refused for them.
const newPassword = "Ақ жол 2026!"

// passwordOf is the password of email: the demo's for its accounts, newPassword for the others.
func passwordOf(email string) string {
	switch email {
	case "front-office@example.kz", "coordinator@example.kz", "volunteer@example.kz", "silver@example.kz":
		return demo.Password
	}
	return newPassword
}

// newMinor registers a 16-year-old, asks for their guardian's consent and returns the secret of
// the link mailed to the guardian.
func (s *site) newMinor(t *testing.T, email string) string {
	t.Helper()
	birth := time.Now().AddDate(-16, 0, 0).Format(time.DateOnly)
	if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": newPassword,
		"name": "Әлихан Сейітов", "birth_date": birth, "locale": "kk", "accept_privacy_policy": true}, nil); st != 201 {
		t.Fatalf("register the minor: %d", st)
	}
	guardian := "guardian-" + email
	if st := s.api(t, "POST", "/api/v1/me/guardian", s.token(t, email, newPassword), map[string]any{"email": guardian, "name": "Гүлнар Сейітова"}, nil); st != 202 {
		t.Fatalf("ask the guardian: %d", st)
	}
	link := regexp.MustCompile(`/guardian/consent\?token=([A-Za-z0-9_-]+)`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, m := range s.smtp.Messages() {
			if m.To[0] != guardian {
				continue
			}
			p, err := mailtest.Parse(m.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if found := link.FindStringSubmatch(p.Text); found != nil {
				return found[1]
			}
			t.Fatalf("no link in the guardian's mail:\n%s", p.Text)
		}
	}
	t.Fatal("the guardian's mail did not arrive")
	return ""
}

// signIn signs a tab in through the login form; a demo account that holds a role then types the
// code of its authenticator app at the second step. step, when not nil, is called at that step.
func (s *site) signIn(t *testing.T, tab *browsertest.Tab, email string, step func()) {
	t.Helper()
	tab.Go(s.base + "/lang/kk?back=/login")
	tab.Fill("#f-email", email)
	tab.Fill("#f-password", passwordOf(email))
	tab.Submit("main form button[type=submit]")
	if !twoFactor(email) {
		return
	}
	if !strings.Contains(tab.URL(), "/login/2fa") {
		t.Fatalf("after the password %s is at %s, not the second step", email, tab.URL())
	}
	if step != nil {
		step()
	}
	tab.Fill("#f-code", s.code(t, email))
	tab.Submit("main form button[type=submit]")
	if strings.Contains(tab.URL(), "/login/2fa") {
		t.Fatalf("the code did not sign %s in: %s", email, tab.Text("main"))
	}
}

// check audits the tab's page: axe-core finds nothing, the page asked nothing of other hosts and
// raised no errors (a CSP violation is one); with layout, also that nothing scrolls sideways at
// 360 px wide or at 200% zoom.
func (s *site) check(t *testing.T, tab *browsertest.Tab, name string, layout bool, seen *int) {
	t.Helper()
	tab.AssertNoViolations(t, name)
	reqs := tab.Requests()
	for _, u := range reqs[*seen:] {
		if !strings.HasPrefix(u, s.base) && !strings.HasPrefix(u, "data:") {
			t.Errorf("%s: a request beyond erikti: %s", name, u)
		}
	}
	*seen = len(reqs)
	for _, e := range tab.Errors() {
		if !strings.Contains(e, "favicon") && !strings.Contains(e, "status of 4") && !strings.Contains(e, "status of 5") {
			t.Errorf("%s: %s", name, e)
		}
	}
	if !layout {
		return
	}
	for _, vp := range []struct {
		w, h  int
		scale float64
	}{{360, 740, 1}, {640, 400, 2}} {
		tab.SetViewport(vp.w, vp.h, vp.scale)
		if sw, cw := tab.ScrollWidth(), tab.ClientWidth(); sw > cw {
			t.Errorf("%s at %d px ×%.0f: the page scrolls sideways (%d > %d)", name, vp.w, vp.scale, sw, cw)
		}
	}
	tab.SetViewport(1280, 800, 1)
}

func TestBrowserAccessibilityAudit(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	// the demo volunteer holds a confirmed place on the open shift: its check-in code and QR code
	var held struct {
		ID int64 `json:"id"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", s.open), s.token(t, "volunteer@example.kz", demo.Password), nil, &held); st != 201 {
		t.Fatalf("the volunteer's signup: %d", st)
	}
	// hours are entered only once a shift has started, and signups close at its start: an event of
	// the coordinator's whose shift starts a few seconds from now, which the volunteer and the
	// silver volunteer join before it starts
	coordToken, volToken := s.token(t, "coordinator@example.kz", demo.Password), s.token(t, "volunteer@example.kz", demo.Password)
	startsAt := time.Now().Add(15 * time.Second).Truncate(time.Second)
	title := map[string]string{"kk": s.title + " (басталды)", "ru": s.title + " (началось)", "en": s.title + " (started)"}
	var started struct {
		Shifts []struct {
			ID int64 `json:"id"`
		} `json:"shifts"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/organizations/%d/events", s.orgID), coordToken, map[string]any{
		"direction": "culture", "title": title, "venue": map[string]string{"kk": "Ұлттық кітапхана"}, "district": "almaly", "status": "published",
		"starts_at": startsAt.Format(time.RFC3339), "ends_at": startsAt.Add(3 * time.Hour).Format(time.RFC3339),
		"shifts": []map[string]any{{"role": map[string]string{"kk": "Тіркеуші"}, "starts_at": startsAt.Format(time.RFC3339),
			"ends_at": startsAt.Add(2 * time.Hour).Format(time.RFC3339), "capacity": 5}}}, &started); st != 201 || len(started.Shifts) != 1 {
		t.Fatalf("an event about to start: %d", st)
	}
	var silverSignup, volSignup, claim, extraClaim struct {
		ID int64 `json:"id"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", started.Shifts[0].ID), s.token(t, "silver@example.kz", demo.Password), nil, &silverSignup); st != 201 {
		t.Fatalf("the silver volunteer's signup: %d", st)
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", started.Shifts[0].ID), volToken, nil, &volSignup); st != 201 {
		t.Fatalf("the volunteer's second signup: %d", st)
	}
	for time.Now().Before(startsAt.Add(time.Second)) { // the shift's start: a time of day, not an event to wait for
		time.Sleep(100 * time.Millisecond)
	}
	// a claim of hours the coordinator entered, pending, for the page that decides on it
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/hours", started.Shifts[0].ID), coordToken,
		map[string]any{"signup_id": silverSignup.ID, "minutes": 60}, &claim); st != 201 {
		t.Fatalf("the claim of hours: %d", st)
	}
	// and the volunteer's hour approved, for a certificate: the hours page, the verification page
	// and the Front Office's list
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/hours", started.Shifts[0].ID), coordToken, map[string]any{"signup_id": volSignup.ID, "minutes": 55}, &extraClaim); st != 201 {
		t.Fatalf("the second claim: %d", st)
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/hours/%d/decision", extraClaim.ID), coordToken, map[string]any{"decision": "approved"}, nil); st != 200 {
		t.Fatalf("approving the second claim: %d", st)
	}
	var cert struct {
		Code string `json:"code"`
	}
	if st := s.api(t, "POST", "/api/v1/me/certificates", volToken, map[string]any{"lang": "kk"}, &cert); st != 201 {
		t.Fatalf("the certificate: %d", st)
	}
	pages := map[string][]string{
		"": {"/certificates", "/certificates/" + cert.Code, "/certificates/ERK-0000-0000-0000", "/certificates?code=nonsense",
			"/", "/programme", "/programme?when=past", "/programme?direction=culture&access=wheelchair&silver=1&free=1",
			"/programme?from=2026-02-30", fmt.Sprintf("/events/%d", s.eventID), "/fair",
			fmt.Sprintf("/organizations/%d", s.orgID), "/register", "/login", "/no-such-page",
			"/password-reset", "/password-reset/confirm?token=x", "/verify-email?token=x", "/unsubscribe/x?c=reminders",
			s.invitation, "/invitations/accept?token=spent",
			"/login?next=" + url.QueryEscape(fmt.Sprintf("/signup?shift=%d", s.open))},
		"volunteer@example.kz": {"/me/shifts", "/me/profile", "/me/data", "/me/delete", "/me/consent", "/privacy", "/me/password", "/me/security", "/me/2fa",
			"/me/notifications", "/me/calendar", "/manage", "/manage/organizations/new", fmt.Sprintf("/events/%d", s.eventID), s.invitation,
			fmt.Sprintf("/me/signups/%d/checkin", held.ID), "/me/hours", fmt.Sprintf("/me/signups/%d/cancel", held.ID),
			fmt.Sprintf("/signup?shift=%d", s.open), fmt.Sprintf("/signup?shift=%d", s.full), "/signup?shift=x",
			"/welcome?next=" + url.QueryEscape(fmt.Sprintf("/signup?shift=%d", s.open)), "/welcome"},
		"coordinator@example.kz": {"/me/2fa", "/manage", fmt.Sprintf("/manage/organizations/%d", s.orgID),
			fmt.Sprintf("/manage/organizations/%d/events/new", s.orgID), fmt.Sprintf("/manage/events/%d", s.eventID),
			fmt.Sprintf("/manage/shifts/%d/roster", s.full), fmt.Sprintf("/manage/shifts/%d/checkin", s.open), fmt.Sprintf("/manage/hours/%d", claim.ID), fmt.Sprintf("/manage/signups/%d/hours", held.ID), fmt.Sprintf("/manage/organizations/%d", s.adminOf),
			fmt.Sprintf("/manage/organizations/%d/members/%d/remove", s.adminOf, s.coordID), s.invitation},
		"front-office@example.kz": {"/me/2fa", "/office", fmt.Sprintf("/office/organizations/%d", s.queuedID), "/office/plan", "/office/jobs",
			"/office/audit?verify=1", "/office/audit?action=auth.&from=2026-02-30",
			"/office/people", "/office/people?email=volunteer@example.kz", "/office/people?email=front-office@example.kz", "/office/people?email=nobody@example.kz",
			fmt.Sprintf("/manage/organizations/%d", s.adminOf), "/office/certificates", "/office/certificates?q=" + cert.Code},
		// a 16-year-old waiting for their guardian's consent
		"minor@example.kz": {"/me/guardian", "/me/shifts", "/me/profile", fmt.Sprintf("/events/%d", s.eventID)},
	}
	// the guardian's page, as the guardian (a visitor) opens the mailed link, and a link that is not good
	guardianLink := "/guardian/consent?token=" + s.newMinor(t, "minor@example.kz")
	pages[""] = append(pages[""], guardianLink, "/guardian/consent?token=forged-secret")
	for _, role := range []string{"", "volunteer@example.kz", "coordinator@example.kz", "front-office@example.kz", "minor@example.kz"} {
		name := role
		if name == "" {
			name = "visitor"
		}
		t.Run(strings.TrimSuffix(name, "@example.kz"), func(t *testing.T) {
			tab := b.NewTab(t)
			seen := 0
			if role != "" {
				// the second step of signing in, in every language, and with an error
				s.signIn(t, tab, role, func() {
					for _, lang := range domain.Languages() {
						tab.Go(s.base + "/lang/" + lang + "?back=" + url.QueryEscape("/login/2fa"))
						if !strings.Contains(tab.HTML(), `lang="`+lang+`"`) || !tab.Exists(`#f-code[autocomplete="one-time-code"][inputmode="numeric"]`) {
							t.Errorf("%s: the second step is not in %s or has no code field", lang, lang)
						}
						s.check(t, tab, lang+" the second step", lang == "kk", &seen)
					}
					tab.Fill("#f-code", "12")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, "the second step with errors", true, &seen)
				})
			}
			for _, lang := range domain.Languages() {
				tab.Go(s.base + "/lang/" + lang + "?back=/")
				for _, p := range pages[role] {
					tab.Go(s.base + p)
					if !strings.Contains(tab.HTML(), `lang="`+lang+`"`) {
						t.Errorf("%s %s is not in %s", lang, p, lang)
					}
					switch { // the guardian's pages show what they are for, not a sign-in
					case p == guardianLink && !strings.Contains(tab.HTML(), `value="confirm"`),
						role == "minor@example.kz" && p == "/me/guardian" && !strings.Contains(tab.HTML(), `action="/me/guardian"`),
						role == "minor@example.kz" && strings.HasPrefix(p, "/events/") && !strings.Contains(tab.HTML(), `href="/me/guardian"`):
						t.Errorf("%s %s as %s:\n%s", lang, p, name, tab.Text("main"))
					}
					s.check(t, tab, lang+" "+p, lang == "kk", &seen)
				}
				// forms that come back with errors, in each language
				switch role {
				case "":
					tab.Go(s.base + "/register")
					tab.Fill("#f-email", "not an email")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, lang+" register with errors", lang == "kk", &seen)
					tab.Go(s.base + "/password-reset/confirm?token=spent")
					tab.Fill("#f-password", "short")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, lang+" password reset with errors", lang == "kk", &seen)
				case "coordinator@example.kz":
					tab.Go(s.base + fmt.Sprintf("/manage/organizations/%d/events/new", s.orgID))
					tab.Fill("#f-shift1_capacity", "0")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, lang+" event form with errors", lang == "kk", &seen)
					tab.Go(s.base + fmt.Sprintf("/manage/organizations/%d", s.adminOf))
					tab.Fill("#f-invite_email", "not an email")
					tab.Submit(`main form[action$="/invitations"] button[type=submit]`)
					s.check(t, tab, lang+" invitation with errors", lang == "kk", &seen)
					tab.Go(s.base + fmt.Sprintf("/manage/organizations/%d/members/%d/remove", s.adminOf, s.coordID))
					tab.Submit(`main form button[type=submit]`)
					s.check(t, tab, lang+" removal unconfirmed", lang == "kk", &seen)
				case "front-office@example.kz":
					tab.Go(s.base + fmt.Sprintf("/office/organizations/%d", s.queuedID))
					tab.Check("#f-status-1")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, lang+" decision with errors", lang == "kk", &seen)
					tab.Go(s.base + "/office/certificates?q=" + cert.Code)
					tab.Submit(`main form[action$="/revoke"] button[type=submit]`)
					if tab.Status() != 422 {
						t.Errorf("%s revoking without a reason: %d", lang, tab.Status())
					}
					s.check(t, tab, lang+" revocation with errors", lang == "kk", &seen)
				case "volunteer@example.kz": // the calendar page with its address
					tab.Go(s.base + "/me/calendar")
					tab.Submit(`main form[action="/me/calendar"] button[type=submit]`)
					s.check(t, tab, lang+" calendar page with its address", lang == "kk", &seen)
				case "minor@example.kz":
					tab.Go(s.base + "/me/guardian")
					tab.Fill("#f-email", "minor@example.kz")
					tab.Submit("main form button[type=submit]")
					s.check(t, tab, lang+" guardian's address with errors", lang == "kk", &seen)
				}
				if role == "" { // the guardian agrees without typing their name: the link stays good
					tab.Go(s.base + guardianLink)
					tab.Submit(`main form button[value="confirm"]`)
					if tab.Status() != 422 {
						t.Errorf("%s the guardian's answer without a name: %d", lang, tab.Status())
					}
					s.check(t, tab, lang+" guardian's answer with errors", lang == "kk", &seen)
				}
			}
			if role == "volunteer@example.kz" { // setting up TOTP: errors, then the recovery codes, then its page when on
				tab.Go(s.base + "/me/2fa")
				secret := strings.ReplaceAll(tab.Text("#totp-secret"), " ", "")
				tab.Fill("#f-code", "000000")
				tab.Submit("main form button[type=submit]")
				s.check(t, tab, "setting up two-factor authentication with errors", true, &seen)
				code, err := auth.TOTPCode(secret, time.Now())
				if err != nil {
					t.Fatalf("the key on the page %q: %v", secret, err)
				}
				tab.Fill("#f-code", code)
				tab.Submit("main form button[type=submit]")
				if n := strings.Count(tab.HTML(), "<li><code>"); n != 10 {
					t.Fatalf("after setting up TOTP, %d recovery codes: %s", n, tab.Text("main"))
				}
				s.check(t, tab, "the recovery codes", true, &seen)
				tab.Go(s.base + "/me/2fa")
				s.check(t, tab, "two-factor authentication when on", true, &seen)
			}
		})
	}
}

// focusVisible fails unless the focused element shows a focus ring.
func focusVisible(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	var style string
	tab.Eval(`(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth })()`, &style)
	if strings.HasPrefix(style, "none") || strings.HasSuffix(style, " 0px") {
		t.Errorf("%s has no visible focus (%s)", tab.Focused(), style)
	}
}

func TestBrowserVolunteerByKeyboardOnly(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	T := func(key string) string { return s.msgs.T("kk", key, nil) }
	byName := func(n string) func(browsertest.Element) bool {
		return func(e browsertest.Element) bool { return e.Name == n }
	}
	byHref := func(h string) func(browsertest.Element) bool {
		return func(e browsertest.Element) bool { return e.Tag == "a" && strings.HasSuffix(e.Href, h) }
	}
	button := func(text string) func(browsertest.Element) bool {
		return func(e browsertest.Element) bool { return e.Tag == "button" && strings.HasPrefix(e.Text, text) }
	}
	step := func(match func(browsertest.Element) bool) {
		t.Helper()
		tab.TabTo(t, match, 120)
		focusVisible(t, tab)
	}

	// the browser asks for English; the volunteer picks Kazakh, then registers
	tab.Go(s.base + "/")
	step(func(e browsertest.Element) bool { return e.Tag == "a" && strings.Contains(e.Href, "/lang/kk") })
	tab.PressAndWait("Enter")
	step(byHref("/register"))
	tab.PressAndWait("Enter")
	step(byName("name"))
	tab.Type("Айгерім Сейітова")
	step(byName("email"))
	email := fmt.Sprintf("kb%d@example.kz", time.Now().UnixNano())
	tab.Type(email)
	step(byName("password"))
	tab.Type("Ақ жол 2026!")
	step(byName("birth_date"))
	tab.Type("04212005") // a date field takes its digits in the browser's order: month, day, year
	step(byName("accept_privacy_policy"))
	tab.Press("Space") // consent to the privacy policy
	step(button(T("register.submit")))
	tab.PressAndWait("Enter")
	if !strings.HasSuffix(tab.URL(), "/welcome") { // a new account is welcomed, and told what to do next
		t.Fatalf("after registering: %s\n%s", tab.URL(), tab.Text("main"))
	}

	// find the event by filter
	step(byHref("/programme"))
	tab.PressAndWait("Enter")
	step(func(e browsertest.Element) bool { return e.Tag == "summary" })
	tab.Press("Enter") // the filters are folded into one control
	step(byName("q"))
	tab.Type(s.title)
	step(byName("direction"))
	for range 3 { // Кез келген → Экология → Әлеуметтік → Мәдениет
		tab.Press("ArrowDown")
	}
	step(button(T("programme.apply")))
	tab.PressAndWait("Enter")
	if !strings.Contains(tab.URL(), "direction=culture") {
		t.Fatalf("the filter was not applied: %s", tab.URL())
	}
	step(func(e browsertest.Element) bool { return e.Tag == "a" && e.Text == s.title })
	tab.PressAndWait("Enter")

	// sign up for the open shift, then join the waitlist of the full one
	step(button(T("shift.sign_up")))
	tab.PressAndWait("Enter")
	if got := tab.Text("[role=status]"); got != T("event.done_confirmed") {
		t.Fatalf("after signing up: %q", got)
	}
	step(button(T("shift.join_waitlist")))
	tab.PressAndWait("Enter")
	if got := tab.Text("[role=status]"); got != s.msgs.T("kk", "signupflow.done_waitlisted", map[string]any{"position": 1}) {
		t.Fatalf("after joining the waitlist: %q", got)
	}
	step(byHref("/me/shifts"))
	tab.PressAndWait("Enter")
	main := tab.Text("main")
	if !strings.Contains(main, s.msgs.T("kk", "myshifts.waitlisted", map[string]any{"position": 1})) || !strings.Contains(main, T("myshifts.confirmed")) {
		t.Fatalf("my shifts: %s", main)
	}
	// cancel the confirmed place: a page asks first
	step(func(e browsertest.Element) bool {
		return e.Tag == "a" && strings.HasPrefix(e.Text, T("myshifts.cancel"))
	})
	tab.PressAndWait("Enter")
	step(button(T("myday.cancel_yes")))
	tab.PressAndWait("Enter")
	if got := tab.Text("[role=status]"); got != T("myshifts.done_cancelled") {
		t.Fatalf("after cancelling: %q", got)
	}
	tok := s.token(t, email, "Ақ жол 2026!")
	var mine struct {
		Items []struct {
			ShiftID int64  `json:"shift_id"`
			Status  string `json:"status"`
		} `json:"items"`
	}
	s.api(t, "GET", "/api/v1/me/signups", tok, nil, &mine)
	got := map[int64]string{}
	for _, sg := range mine.Items {
		got[sg.ShiftID] = sg.Status
	}
	if got[s.open] != "cancelled" || got[s.full] != "waitlisted" {
		t.Fatalf("stored signups: %v", got)
	}
}

// setValue writes a value into a field the way a date picker does, for fields that take no typing.
func setValue(tab *browsertest.Tab, selector, value string) {
	tab.Eval(fmt.Sprintf(`document.querySelector(%q).value = %q`, selector, value), nil)
}

func TestBrowserCoordinatorCreatesAnEventAndSeesTheRoster(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	s.signIn(t, tab, "coordinator@example.kz", nil)
	tab.Go(s.base + fmt.Sprintf("/manage/organizations/%d/events/new", s.orgID))
	day := time.Now().In(domain.Almaty()).AddDate(0, 0, 12).Format("2006-01-02")
	title := "Саябақты тазалау " + s.title
	tab.Select("#f-direction", "ecology")
	tab.Fill("#f-title_kk", title)
	tab.Fill("#f-title_en", "Park clean-up")
	tab.Fill("#f-venue_kk", "Ботаникалық бақ")
	tab.Select("#f-district", "bostandyk")
	setValue(tab, "#f-starts_at", day+"T09:00")
	setValue(tab, "#f-ends_at", day+"T17:00")
	tab.Check("#f-accessibility-0")
	tab.Select("#f-status", "published") // a new event is a draft unless published here
	tab.Fill("#f-shift1_role_kk", "Таңғы топ")
	setValue(tab, "#f-shift1_starts_at", day+"T09:00")
	setValue(tab, "#f-shift1_ends_at", day+"T12:00")
	tab.Fill("#f-shift1_capacity", "15")
	tab.Fill("#f-shift2_role_kk", "Күндізгі топ")
	setValue(tab, "#f-shift2_starts_at", day+"T13:00")
	setValue(tab, "#f-shift2_ends_at", day+"T17:00")
	tab.Fill("#f-shift2_capacity", "10")
	tab.Submit("main form button[type=submit]")
	if got := tab.Text("[role=status]"); got != s.msgs.T("kk", "manage.event_created", nil) {
		t.Fatalf("after creating: %q at %s\n%s", got, tab.URL(), tab.Text("main"))
	}
	links := regexp.MustCompile(`/manage/shifts/(\d+)/roster`).FindAllStringSubmatch(tab.HTML(), -1)
	if len(links) != 2 {
		t.Fatalf("the new event has %d shifts on its page", len(links))
	}
	// a volunteer signs up for the morning shift; the coordinator sees them on the roster
	v := s.newVolunteer(t, "Бауыржан Төлеуов")
	var shiftID int64
	fmt.Sscan(links[0][1], &shiftID)
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", shiftID), v, nil, nil); st != 201 {
		t.Fatalf("signup: %d", st)
	}
	tab.WaitNav(func() { tab.Click(fmt.Sprintf(`a[href="/manage/shifts/%d/roster"]`, shiftID)) })
	if main := tab.Text("main"); !strings.Contains(main, "Бауыржан Төлеуов") || !strings.Contains(main, "Таңғы топ") {
		t.Fatalf("the roster: %s", main)
	}
	if dir := os.Getenv("ERIKTI_README_PICTURES"); dir != "" { // the README's pictures: go test -run Coordinator with it set to docs/
		phone := b.NewTab(t) // a visitor's first screen of the programme on a phone, in English
		phone.SetViewport(390, 844, 1)
		phone.Go(s.base + "/programme?lang=en")
		phone.ScreenshotScreen(filepath.Join(dir, "programme.png"))
		wide := b.NewTab(t) // the home page on a laptop: the Year against its plan, the projects
		wide.SetViewport(1280, 1500, 1)
		wide.Go(s.base + "/?lang=en")
		wide.ScreenshotScreen(filepath.Join(dir, "home.png"))
	}
}

func TestBrowserFrontOfficeVerifiesAnOrganization(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	s.signIn(t, tab, "front-office@example.kz", nil)
	if !strings.HasSuffix(tab.URL(), "/office") {
		t.Fatalf("the Front Office lands on %s", tab.URL())
	}
	// the first organization in the queue (the demo has applications waiting)
	first := `section[aria-labelledby="queue-title"] a`
	if !tab.Exists(first) {
		t.Fatal("the queue is empty")
	}
	name := tab.Text(first)
	tab.WaitNav(func() { tab.Click(first) })
	var id int64
	fmt.Sscanf(tab.URL(), s.base+"/office/organizations/%d", &id)
	tab.Check("#f-status-0")
	tab.Submit("main form button[type=submit]")
	if got := tab.Text("[role=status]"); !strings.Contains(got, name) {
		t.Fatalf("after verifying: %q", got)
	}
	var org struct {
		Status string `json:"status"`
	}
	s.api(t, "GET", fmt.Sprintf("/api/v1/organizations/%d", id), "", nil, &org)
	if org.Status != "verified" {
		t.Fatalf("status %q", org.Status)
	}
}
