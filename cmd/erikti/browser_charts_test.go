package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"erikti/internal/browsertest"
)

// The charts of issue 17 in Chromium: the Front Office's month grid against the plan and the demo
// volunteer's year of hours pass axe in kk, ru and en at 390 px and at 1280 px; the grid scrolls
// inside its labelled, focusable region on a phone and the page itself never sideways; the hours'
// large figure and chart show. With ERIKTI_SHOTS set to a folder, each page is saved there as a PNG.
func TestBrowserCharts(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	shots := os.Getenv("ERIKTI_SHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		email, page, name string
		shows             []string // what must be on the page
	}{
		{"front-office@example.kz", "/office/plan", "plan", []string{`svg.grid[aria-hidden="true"]`, `.grid-wrap[role="region"][tabindex="0"] table caption`, ".legend"}},
		{"volunteer@example.kz", "/me/hours", "hours", []string{".hours-figure .figure-big", `svg.bars.months[aria-hidden="true"]`, "#year-caption"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := b.NewTab(t)
			s.signIn(t, tab, c.email, nil)
			seen := 0
			for _, lang := range []string{"kk", "ru", "en"} {
				tab.Go(s.base + "/lang/" + lang + "?back=" + c.page)
				if tab.Status() != 200 {
					t.Fatalf("%s %s: status %d", lang, c.page, tab.Status())
				}
				for _, sel := range c.shows {
					if !tab.Exists(sel) {
						t.Errorf("%s %s: no %s", lang, c.page, sel)
					}
				}
				for _, w := range []int{390, 1280} {
					tab.SetViewport(w, 844, 1)
					name := fmt.Sprintf("%s %s at %d px", lang, c.page, w)
					s.check(t, tab, name, false, &seen)
					if sw, cw := tab.ScrollWidth(), tab.ClientWidth(); sw > cw {
						t.Errorf("%s: the page scrolls sideways (%d > %d)", name, sw, cw)
					}
					if shots != "" {
						tab.Screenshot(filepath.Join(shots, fmt.Sprintf("%s-%s-%d.png", c.name, lang, w)))
						// and the screen that shows the chart, as a reader scrolled to it sees it
						tab.Eval(`document.querySelector('.chart').scrollIntoView()`, nil)
						tab.ScreenshotScreen(filepath.Join(shots, fmt.Sprintf("%s-%s-%d-chart.png", c.name, lang, w)))
					}
				}
			}
			tab.SetViewport(1280, 800, 1)
		})
	}
}
