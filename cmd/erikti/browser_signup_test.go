package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/browsertest"
	"erikti/internal/mail/mailtest"
)

// Sign-up keeps the event: on a phone, by keyboard alone, a visitor goes from the home page to a
// shift, presses "Sign up", registers (or signs in), confirms the address from the mail that
// arrived over SMTP, and ends with that very shift confirmed.

// keys drives one tab by keyboard: each step tabs to an element and checks that it shows focus.
type suKeys struct {
	t   *testing.T
	tab *browsertest.Tab
}

func (k suKeys) to(match func(browsertest.Element) bool) {
	k.t.Helper()
	k.tab.TabTo(k.t, match, 150)
	focusVisible(k.t, k.tab)
}

func suHref(href string) func(browsertest.Element) bool {
	return func(e browsertest.Element) bool { return e.Tag == "a" && e.Href == href }
}

func suHrefPrefix(href string) func(browsertest.Element) bool {
	return func(e browsertest.Element) bool { return e.Tag == "a" && strings.HasPrefix(e.Href, href) }
}

func suName(n string) func(browsertest.Element) bool {
	return func(e browsertest.Element) bool { return e.Name == n }
}

func suButton(text string) func(browsertest.Element) bool {
	return func(e browsertest.Element) bool { return e.Tag == "button" && strings.HasPrefix(e.Text, text) }
}

// toShift goes by keyboard from the home page to the test event's page and presses the open
// shift's "Sign up", as a visitor: it must lead to the login page with the shift as the way back.
func (s *site) toShift(t *testing.T, k suKeys) {
	t.Helper()
	k.tab.Go(s.base + "/")
	k.to(suHref("/programme"))
	k.tab.PressAndWait("Enter")
	// the search field, or first the control that unfolds the filters on a phone
	e := k.tab.TabTo(t, func(e browsertest.Element) bool { return e.Name == "q" || e.Tag == "summary" && !s.isMenu(e.Text) }, 150)
	if e.Tag == "summary" {
		k.tab.Press("Enter")
		k.to(suName("q"))
	}
	k.tab.Type(s.title)
	k.tab.PressAndWait("Enter") // Enter in a search field sends its form
	k.to(func(e browsertest.Element) bool { return e.Tag == "a" && e.Text == s.title })
	k.tab.PressAndWait("Enter")
	confirm := fmt.Sprintf("/signup?shift=%d", s.open)
	k.to(suHref(confirm))
	k.tab.PressAndWait("Enter")
	if !strings.Contains(k.tab.URL(), "/login?next=") {
		t.Fatalf("a visitor's sign-up led to %s", k.tab.URL())
	}
}

// isMenu reports whether a summary's text is the header's menu (in any language), not the filters.
func (s *site) isMenu(text string) bool {
	for _, l := range []string{"kk", "ru", "en"} {
		if text == s.msgs.T(l, "chrome.menu", nil) {
			return true
		}
	}
	return false
}

// verifyLink waits for the mail to email and returns the path of its verification link.
func (s *site) verifyLink(t *testing.T, email string) string {
	t.Helper()
	re := regexp.MustCompile(`/verify-email\?token=[A-Za-z0-9_%-]+`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, m := range s.smtp.Messages() {
			if len(m.To) == 0 || m.To[0] != email {
				continue
			}
			if p, err := mailtest.Parse(m.Raw); err == nil {
				if found := re.FindString(p.Text); found != "" {
					return found
				}
			}
		}
	}
	t.Fatalf("no verification mail reached %s", email)
	return ""
}

// signupStatus is the status of the account's signup on shift, by the API.
func (s *site) signupStatus(t *testing.T, email string, shift int64) string {
	t.Helper()
	var mine struct {
		Items []struct {
			ShiftID int64  `json:"shift_id"`
			Status  string `json:"status"`
		} `json:"items"`
	}
	s.api(t, "GET", "/api/v1/me/signups", s.token(t, email, "Ақ жол 2026!"), nil, &mine)
	for _, sg := range mine.Items {
		if sg.ShiftID == shift {
			return sg.Status
		}
	}
	return ""
}

func TestBrowserSignupKeepsTheShift(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	T := func(key string) string { return s.msgs.T("en", key, nil) }
	confirm := fmt.Sprintf("/signup?shift=%d", s.open)

	t.Run("register", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.SetViewport(390, 844, 1)
		k := suKeys{t, tab}
		s.toShift(t, k)
		// no account yet: the login page's link to register keeps the shift
		k.to(suHrefPrefix("/register?next="))
		tab.PressAndWait("Enter")
		k.to(suName("name"))
		tab.Type("Мөлдір Қайратқызы")
		k.to(suName("email"))
		email := fmt.Sprintf("sk%d@example.kz", time.Now().UnixNano())
		tab.Type(email)
		k.to(suName("password"))
		tab.Type("Ақ жол 2026!")
		k.to(suName("birth_date"))
		tab.Type("04212005") // month, day, year: the browser's order
		k.to(suName("accept_privacy_policy"))
		tab.Press("Space")
		k.to(suButton(T("register.submit")))
		tab.PressAndWait("Enter")
		// the welcome: where the mail went, the shift, the profile
		if !strings.Contains(tab.URL(), "/welcome?next=") {
			t.Fatalf("after registering: %s\n%s", tab.URL(), tab.Text("main"))
		}
		if main := tab.Text("main"); !strings.Contains(main, email) || !strings.Contains(main, s.title) || !strings.Contains(main, "Кітап көрмесі") {
			t.Fatalf("the welcome: %s", main)
		}
		s.check(t, tab, "the welcome at 390 px", false, new(int))
		// the link in the mail, then its button, then the shift's one button
		tab.Go(s.base + s.verifyLink(t, email))
		k.to(suButton(T("verify.submit")))
		tab.PressAndWait("Enter")
		if !strings.Contains(tab.URL(), confirm+"&done=verified") {
			t.Fatalf("after confirming the address: %s\n%s", tab.URL(), tab.Text("main"))
		}
		if got := tab.Text("[role=status]"); got != T("verify.done") {
			t.Fatalf("the confirmation says %q", got)
		}
		main := tab.Text("main")
		for _, want := range []string{s.title, "Кітап көрмесі", "Ұлттық кітапхана", "10:00"} {
			if !strings.Contains(main, want) {
				t.Fatalf("the confirmation page lacks %q: %s", want, main)
			}
		}
		s.check(t, tab, "the shift's confirmation at 390 px", false, new(int))
		k.to(suButton(T("signupflow.confirm")))
		tab.PressAndWait("Enter")
		if got := tab.Text("[role=status]"); got != T("event.done_confirmed") {
			t.Fatalf("after confirming: %q at %s", got, tab.URL())
		}
		if got := s.signupStatus(t, email, s.open); got != "confirmed" {
			t.Fatalf("the stored signup: %q", got)
		}
	})

	t.Run("sign in", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.SetViewport(390, 844, 1)
		k := suKeys{t, tab}
		email := fmt.Sprintf("si%d@example.kz", time.Now().UnixNano())
		if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": "Ақ жол 2026!",
			"name": "Серік Әбдіров", "birth_date": "1990-03-03", "accept_privacy_policy": true}, nil); st != 201 {
			t.Fatalf("register: %d", st)
		}
		s.toShift(t, k)
		s.check(t, tab, "the login page on the way to a shift", false, new(int))
		k.to(suName("email"))
		tab.Type(email)
		k.to(suName("password"))
		tab.Type("Ақ жол 2026!")
		tab.PressAndWait("Enter")
		if !strings.HasSuffix(tab.URL(), confirm) {
			t.Fatalf("after signing in: %s\n%s", tab.URL(), tab.Text("main"))
		}
		k.to(suButton(T("signupflow.confirm")))
		tab.PressAndWait("Enter")
		if got := tab.Text("[role=status]"); got != T("event.done_confirmed") {
			t.Fatalf("after confirming: %q at %s", got, tab.URL())
		}
		if got := s.signupStatus(t, email, s.open); got != "confirmed" {
			t.Fatalf("the stored signup: %q", got)
		}
	})
}
