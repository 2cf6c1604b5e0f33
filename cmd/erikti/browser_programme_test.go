package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"erikti/internal/browsertest"
)

// On a 390 px phone, a visitor opens the programme on the demo: the upcoming events come first,
// soonest first, counted in a heading; the filters are one folded control, so the first card is
// on the first screen; each card has its direction's icon and its places. The past events' switch
// lists the events that took place, the latest first, and a past event's page says it took place
// and how many came, with no signup button. Each page passes axe, in each language.
func TestBrowserProgrammeOnAPhone(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	seen := 0
	starts := func() []string {
		var out []string
		tab.Eval(`Array.from(document.querySelectorAll('.cards .meta time')).map(e => e.getAttribute('datetime'))`, &out)
		return out
	}
	count := regexp.MustCompile(`^\d+ `)
	for _, lang := range []string{"kk", "ru", "en"} {
		tab.Go(s.base + "/lang/" + lang + "?back=/programme")
		tab.SetViewport(390, 844, 1)
		if !strings.HasSuffix(tab.URL(), "/programme") {
			t.Fatalf("%s: at %s", lang, tab.URL())
		}
		var open bool
		tab.Eval(`document.querySelector('details.fold').open`, &open)
		if open {
			t.Errorf("%s: the filters are unfolded on a phone", lang)
		}
		if sum := tab.Text("details.fold > summary"); sum != s.msgs.T(lang, "programme.filters", nil) {
			t.Errorf("%s: the folded filters say %q", lang, sum)
		}
		var top float64
		tab.Eval(`document.querySelector('.cards > li').getBoundingClientRect().top`, &top)
		if top >= 844 {
			t.Errorf("%s: the first card is %.0f px down, below the first screen", lang, top)
		}
		if h := tab.Text("#results-title"); !count.MatchString(h) {
			t.Errorf("%s: the list's heading %q is no count", lang, h)
		}
		up := starts()
		if len(up) == 0 || !slices.IsSorted(up) {
			t.Errorf("%s: the upcoming events are not soonest first: %v", lang, up)
		}
		if !tab.Exists(`.cards > li .tag.dir svg.dir-icon[aria-hidden="true"]`) || !tab.Exists(".cards > li .places") {
			t.Errorf("%s: a card without its direction's icon or its places", lang)
		}
		s.check(t, tab, lang+" /programme on a phone", true, &seen)

		// the summary opens the filters by keyboard, without script
		tab.TabTo(t, func(e browsertest.Element) bool { return e.Tag == "summary" }, 80)
		tab.Press("Enter")
		tab.Eval(`document.querySelector('details.fold').open`, &open)
		if !open {
			t.Errorf("%s: Enter on the summary does not unfold the filters", lang)
		}
		s.check(t, tab, lang+" /programme with its filters unfolded", false, &seen)

		tab.WaitNav(func() { tab.Click(`nav.when a[href$="when=past"]`) })
		past := starts()
		if len(past) == 0 || !slices.IsSortedFunc(past, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("%s: the past events are not the latest first: %v", lang, past)
		}
		if len(up) > 0 && len(past) > 0 && past[0] > up[len(up)-1] {
			t.Errorf("%s: a past event (%s) after the upcoming ones", lang, past[0])
		}
		if !tab.Exists(".cards > li.past .places") {
			t.Errorf("%s: a past card does not say it took place", lang)
		}
		s.check(t, tab, lang+" /programme?when=past", true, &seen)

		tab.WaitNav(func() { tab.Click(".cards > li.past h3 a") })
		if got := tab.Text(".took-place"); !strings.HasPrefix(got, strings.SplitN(s.msgs.T(lang, "programme.event_took_place", map[string]any{"date": "|"}), "|", 2)[0]) {
			t.Errorf("%s: a past event's page says %q", lang, got)
		}
		if tab.Exists(`form[action$="/signup"]`) || strings.Contains(tab.Text("main"), s.msgs.T(lang, "shift.closed", nil)) {
			t.Errorf("%s: a past event's page offers a signup or says signups are closed", lang)
		}
		s.check(t, tab, lang+" a past event", true, &seen)
	}
}
