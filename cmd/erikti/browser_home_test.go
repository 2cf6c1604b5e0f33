package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"erikti/internal/browsertest"
)

// The organizers' home, the Front Office's home and an event's pages with their capacity bars pass
// axe in Kazakh, Russian and English, scroll nowhere sideways, ask nothing of another host, and
// show their figures in words beside the bars. With ERIKTI_SHOTS set to a folder, each page is
// also written there as a PNG at 390 and 1280 px wide, to look at.
func TestBrowserHomes(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	// someone waiting on the full shift, for the bars to say so
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", s.full), s.newVolunteer(t, "Жанар Оспанова"), nil, nil); st != 201 {
		t.Fatalf("joining the waitlist: %d", st)
	}
	shots := os.Getenv("ERIKTI_SHOTS")
	event := fmt.Sprintf("/events/%d", s.eventID)
	for _, page := range []struct {
		name, email, path, selector, key string
	}{
		{"organizers-home", "coordinator@example.kz", "/manage", "main svg.capacity-bar", "board.coming"},
		{"office-home", "front-office@example.kz", "/office", "main .office-figures a[href='/office/jobs']", "office.today"},
		{"event-bars", "", event, "main svg.capacity-bar", "event.shifts"},
		{"organizer-event", "coordinator@example.kz", "/manage" + event, "main svg.capacity-bar", "event.shifts"},
	} {
		tab := b.NewTab(t)
		if page.email != "" {
			s.signIn(t, tab, page.email, nil)
		}
		seen := 0
		for _, lang := range []string{"kk", "ru", "en"} {
			name := page.name + " (" + lang + ")"
			tab.Go(s.base + "/lang/" + lang + "?back=" + url.QueryEscape(page.path))
			if !strings.HasSuffix(tab.URL(), page.path) || !tab.Exists(page.selector) {
				t.Fatalf("%s: at %s, no %s: %s", name, tab.URL(), page.selector, tab.Text("main"))
			}
			main := tab.Text("main")
			if want := s.msgs.T(lang, page.key, nil); !strings.Contains(main, want) {
				t.Errorf("%s: %q is not on the page", name, want)
			}
			if page.path != "/office" {
				// the full shift's bar says in words that someone waits
				if want := s.msgs.T(lang, "shift.waitlist", map[string]any{"n": 1}); !strings.Contains(main, want) {
					t.Errorf("%s: the waitlist (%q) is not written beside the bars", name, want)
				}
			}
			s.check(t, tab, name, true, &seen)
			if shots == "" {
				continue
			}
			for _, width := range []int{390, 1280} {
				tab.SetViewport(width, 900, 1)
				tab.Screenshot(filepath.Join(shots, fmt.Sprintf("%s-%s-%d.png", page.name, lang, width)))
			}
			tab.SetViewport(1280, 800, 1)
		}
	}
}
