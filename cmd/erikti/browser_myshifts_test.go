package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"erikti/internal/browsertest"
)

// Cancelling asks first: a volunteer with a place presses Cancel on My shifts, reads what becomes
// of the place, keeps it, then cancels for real. And the calendar page shows its address with a
// copy button where the browser can copy.
func TestBrowserCancellingAsksFirst(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	T := func(key string) string { return s.msgs.T("kk", key, nil) }
	email := fmt.Sprintf("cancel%d@example.kz", time.Now().UnixNano())
	if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": newPassword,
		"name": "Әсел Нұрланқызы", "birth_date": "2003-03-03", "accept_privacy_policy": true}, nil); st != 201 {
		t.Fatalf("register: %d", st)
	}
	tok := s.token(t, email, newPassword)
	var held struct {
		ID int64 `json:"id"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", s.open), tok, nil, &held); st != 201 {
		t.Fatalf("signup: %d", st)
	}
	status := func() string {
		t.Helper()
		var mine struct {
			Items []struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"items"`
		}
		s.api(t, "GET", "/api/v1/me/signups", tok, nil, &mine)
		for _, sg := range mine.Items {
			if sg.ID == held.ID {
				return sg.Status
			}
		}
		return "none"
	}
	s.signIn(t, tab, email, nil)
	seen := 0
	cancel := fmt.Sprintf(`main a[href="/me/signups/%d/cancel"]`, held.ID)

	tab.Go(s.base + "/me/shifts")
	tab.Submit(cancel)
	if !strings.HasSuffix(tab.URL(), fmt.Sprintf("/me/signups/%d/cancel", held.ID)) || tab.Text("h1") != T("myday.cancel_title") {
		t.Fatalf("Cancel led to %s: %s", tab.URL(), tab.Text("main"))
	}
	main := tab.Text("main")
	if !strings.Contains(main, s.title) || !strings.Contains(main, T("myday.cancel_free")) {
		t.Fatalf("the confirmation names neither the shift nor what becomes of the place: %s", main)
	}
	s.check(t, tab, "the cancel confirmation", true, &seen)
	if st := status(); st != "confirmed" {
		t.Fatalf("asking cancelled already: %s", st)
	}

	// keep the place
	tab.Submit(`main a.button[href="/me/shifts"]`)
	if !strings.HasSuffix(tab.URL(), "/me/shifts") || status() != "confirmed" {
		t.Fatalf("after keeping the place: %s, %s", tab.URL(), status())
	}

	// then cancel for real
	tab.Submit(cancel)
	tab.Submit(`main form button[type=submit]`)
	if got := tab.Text("[role=status]"); got != T("myshifts.done_cancelled") || status() != "cancelled" {
		t.Fatalf("after cancelling: %q, %s", got, status())
	}

	// the calendar page, from the menu, with its address and a copy button this browser can use
	tab.Submit(`header .wide-nav a[href="/me/calendar"]`)
	tab.Submit(`main form[action="/me/calendar"] button[type=submit]`)
	tab.Go(s.base + "/me/calendar")
	if !strings.Contains(tab.HTML(), `value="`+s.base+`/calendar/me/`) || !tab.Exists(`button[data-copy="f-calendar-url"]:not([hidden])`) {
		t.Fatalf("the calendar page on a second visit: %s", tab.HTML())
	}
	s.check(t, tab, "the calendar page with its address", true, &seen)
}
