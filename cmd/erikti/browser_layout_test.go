package main

import (
	"fmt"
	"strings"
	"testing"

	"erikti/internal/browsertest"
)

// The phone-first layout (issue 16): at 360 px wide and at 200% zoom, for every role, the page
// never scrolls sideways, no table cell is narrower than its longest word (no word broken letter
// by letter), and the header stays within 80 px; each role's menu holds only what the role has.

// layoutProbe measures the open page: the header's height, the page's sideways overflow and every
// table cell whose words do not fit it. A word (a run of letters and digits) that a Range finds on
// two lines was broken inside; a cell whose content is wider than its box is narrower than it.
const layoutProbe = `(() => {
  const header = document.querySelector('header.site');
  const out = {header: header ? header.getBoundingClientRect().height : -1,
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, cells: []};
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (!cell.getClientRects().length) continue;
    if (cell.scrollWidth > cell.clientWidth + 1) {
      out.cells.push('overflows its box: ' + cell.textContent.trim().slice(0, 60));
      continue;
    }
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let split = '';
    for (let n = walk.nextNode(); n && !split; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        if (m[0].length < 2) continue;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top)));
        if (tops.size > 1) { split = m[0]; break; }
      }
    }
    if (split) out.cells.push('breaks "' + split + '" in: ' + cell.textContent.trim().replace(/\s+/g, ' ').slice(0, 60));
  }
  return out;
})()`

type layoutMeasure struct {
	Header float64  `json:"header"`
	Scroll int      `json:"scroll"`
	Client int      `json:"client"`
	Cells  []string `json:"cells"`
}

// checkPhoneLayout measures the tab's page on a 360 px phone and at 200% zoom of a 1280×800 window.
func checkPhoneLayout(t *testing.T, tab *browsertest.Tab, name string) {
	t.Helper()
	for _, vp := range []struct {
		w, h  int
		scale float64
	}{{360, 740, 1}, {390, 844, 1}, {640, 400, 2}} {
		tab.SetViewport(vp.w, vp.h, vp.scale)
		var m layoutMeasure
		tab.Eval(layoutProbe, &m)
		at := fmt.Sprintf("%s at %d px ×%.0f", name, vp.w, vp.scale)
		if m.Header < 0 || m.Header > 80 {
			t.Errorf("%s: the header is %.0f px tall, above 80", at, m.Header)
		}
		if m.Scroll > m.Client {
			t.Errorf("%s: the page scrolls sideways (%d > %d)", at, m.Scroll, m.Client)
		}
		for _, c := range m.Cells {
			t.Errorf("%s: a table cell %s", at, c)
		}
	}
	tab.SetViewport(1280, 800, 1)
}

func TestBrowserPhoneLayout(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	event := fmt.Sprintf("/events/%d", s.eventID)
	roles := []struct {
		email  string   // "" for a visitor
		pages  []string // what to measure
		has    []string // links the header's menu holds
		hasNot []string // links it must not hold
	}{
		{"", []string{"/", "/programme", "/fair", event}, []string{"/programme", "/login", "/register"}, []string{"/me/shifts", "/manage", "/office"}},
		{"volunteer@example.kz", []string{"/", "/programme", event, "/me/shifts", "/me/hours"}, []string{"/me/shifts", "/me/calendar", "/me/profile"}, []string{"/manage", "/office", "/login"}},
		{"coordinator@example.kz", []string{"/", event, "/me/shifts", "/manage", fmt.Sprintf("/manage/shifts/%d/roster", s.full),
			fmt.Sprintf("/manage/shifts/%d/checkin", s.open), fmt.Sprintf("/manage/organizations/%d", s.adminOf)}, []string{"/me/shifts", "/manage"}, []string{"/office"}},
		{"front-office@example.kz", []string{"/", "/programme", "/office", "/office/plan", "/office/people", "/office/certificates", "/office/jobs", "/office/audit"}, []string{"/office"}, nil},
	}
	for _, role := range roles {
		who := role.email
		if who == "" {
			who = "visitor"
		}
		t.Run(who, func(t *testing.T) {
			tab := b.NewTab(t)
			if role.email != "" {
				s.signIn(t, tab, role.email, nil)
			}
			for _, lang := range []string{"kk", "ru", "en"} {
				tab.Go(s.base + "/lang/" + lang + "?back=/")
				for _, p := range role.pages {
					tab.Go(s.base + p)
					if tab.Status() != 200 {
						t.Fatalf("%s %s: status %d", lang, p, tab.Status())
					}
					checkPhoneLayout(t, tab, lang+" "+who+" "+p)
				}
			}
			// the menu: a disclosure on a phone, which opens by keyboard, and what it holds
			tab.Go(s.base + "/")
			tab.SetViewport(360, 740, 1)
			if !tab.Exists("header.site details.menu > summary") {
				t.Fatal("no menu on a phone")
			}
			var links []string
			tab.Eval(`[...document.querySelectorAll('header.site details.menu nav a')].map(a => a.getAttribute('href'))`, &links)
			for _, h := range role.has {
				if !containsPath(links, h) {
					t.Errorf("the menu lacks %s: %v", h, links)
				}
			}
			for _, h := range role.hasNot {
				if containsPath(links, h) {
					t.Errorf("the menu offers %s to %s: %v", h, who, links)
				}
			}
			var shown bool
			tab.Eval(`(() => { const a = document.querySelector('header.site details.menu nav a'); return !!a && a.checkVisibility() })()`, &shown)
			if shown {
				t.Error("the closed menu shows its links")
			}
			tab.Eval(`document.querySelector('header.site details.menu > summary').focus()`, nil)
			tab.Press("Enter")
			tab.Eval(`(() => { const a = document.querySelector('header.site details.menu nav a'); return !!a && a.checkVisibility() })()`, &shown)
			if !shown {
				t.Error("Enter on the menu's summary does not open it")
			}
			var langs int
			tab.Eval(`[...document.querySelectorAll('header.site a[hreflang]')].filter(a => a.checkVisibility()).length`, &langs)
			if langs != 3 {
				t.Errorf("the language switch shows %d languages on a phone, not 3", langs)
			}
			tab.SetViewport(1280, 800, 1)
		})
	}
}

func containsPath(links []string, p string) bool {
	for _, l := range links {
		if l == p || strings.HasPrefix(l, p+"?") {
			return true
		}
	}
	return false
}
