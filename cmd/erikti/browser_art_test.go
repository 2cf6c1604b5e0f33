package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"erikti/internal/browsertest"
)

// coverProbe measures the first cover on the page once it has loaded (or failed to): its URL,
// its alt text, whether it loaded, and its drawn width over its height.
const coverProbe = `(async () => {
  const img = document.querySelector(%q);
  if (!img) return null;
  img.scrollIntoView();
  if (!img.complete) await new Promise(done => { img.onload = img.onerror = done; setTimeout(done, 5000); });
  const r = img.getBoundingClientRect();
  return {src: img.getAttribute('src'), alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0,
    ratio: r.width / r.height};
})()`

type coverSeen struct {
	Src    string  `json:"src"`
	Alt    string  `json:"alt"`
	Loaded bool    `json:"loaded"`
	Ratio  float64 `json:"ratio"`
}

// The directions' artwork (issue 17): on the programme every card of an event without a cover of
// its own shows its direction's artwork on top, 2:1, decorative (alt=""), loaded from erikti
// itself; an event's page shows it above the title. Both pages pass axe in kk, ru and en, and do
// not scroll sideways on a phone. With ERIKTI_SHOTS set to a folder, the test also writes the
// first screens of both pages at 390 and 1280 px in each language there, to look at.
func TestBrowserArtworkOnProgrammeAndEvent(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	shots := os.Getenv("ERIKTI_SHOTS")
	seen := 0
	probe := func(name, selector string, ratio float64) {
		t.Helper()
		var c *coverSeen
		tab.Eval(fmt.Sprintf(coverProbe, selector), &c)
		switch {
		case c == nil:
			t.Errorf("%s: no cover (%s)", name, selector)
		case !strings.HasPrefix(c.Src, "/static/art/") || !strings.HasSuffix(c.Src, ".svg"):
			t.Errorf("%s: the cover is %q, not a direction's artwork", name, c.Src)
		case c.Alt != "":
			t.Errorf("%s: the decorative cover has the alt text %q", name, c.Alt)
		case !c.Loaded:
			t.Errorf("%s: the cover %s did not load", name, c.Src)
		case math.Abs(c.Ratio-ratio) > 0.05:
			t.Errorf("%s: the cover is drawn %.2f:1, not %.0f:1", name, c.Ratio, ratio)
		}
	}
	shoot := func(lang, page string) {
		if shots == "" {
			return
		}
		for _, vp := range [][2]int{{390, 844}, {1280, 800}} {
			tab.SetViewport(vp[0], vp[1], 1)
			tab.Eval(`window.scrollTo(0, 0)`, nil)
			tab.ScreenshotScreen(filepath.Join(shots, fmt.Sprintf("%s-%s-%d.png", page, lang, vp[0])))
		}
		tab.SetViewport(1280, 800, 1)
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		tab.Go(s.base + "/lang/" + lang + "?back=/programme")
		tab.SetViewport(1280, 800, 1)
		var cards, covers int
		tab.Eval(`document.querySelectorAll('.cards > li.card').length`, &cards)
		tab.Eval(`document.querySelectorAll('.cards > li.card > img.cover[loading="lazy"]').length`, &covers)
		if cards == 0 || covers != cards {
			t.Errorf("%s: %d of the programme's %d cards have a cover", lang, covers, cards)
		}
		// the demo gave a few events an uploaded cover; the others show their direction's artwork
		probe(lang+" /programme at 1280 px", `.cards > li.card > img.cover[alt=""]`, 2)
		tab.SetViewport(390, 844, 1)
		probe(lang+" /programme at 390 px", `.cards > li.card > img.cover[alt=""]`, 2)
		s.check(t, tab, lang+" /programme with artwork", true, &seen)
		shoot(lang, "programme")

		tab.WaitNav(func() { tab.Click(`.cards > li.card:has(> img.cover[alt=""]) h3 a`) })
		tab.SetViewport(1280, 800, 1)
		probe(lang+" an event at 1280 px", "article > img.cover", 3)
		tab.SetViewport(390, 844, 1)
		probe(lang+" an event at 390 px", "article > img.cover", 2)
		s.check(t, tab, lang+" an event with artwork", true, &seen)
		shoot(lang, "event")
	}
}
