package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// marked finds the elements a page marks with data-i18n="kind": a venue, an address, an
// organization's name or description, a shift's role, a project. Their text is the demo's text in
// one language, with no markup inside.
var marked = regexp.MustCompile(`(?s)<(\w+)\b[^>]*\bdata-i18n="([a-z-]+)"[^>]*>(.*?)</(\w+)>`)

// demoTexts are the demo's texts of each marked kind in lang, as a set.
func demoTexts(lang string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(kind string, t domain.Text) {
		if out[kind] == nil {
			out[kind] = map[string]bool{}
		}
		if s := t.Get(lang); s != "" {
			out[kind][s] = true
		}
	}
	p := demo.Build()
	for _, pr := range p.Projects {
		add("project", pr.Name)
	}
	for _, o := range p.Organizations {
		add("org", o.Organization.Name)
		add("org-description", o.Organization.Description)
		for _, e := range o.Events {
			add("venue", e.Venue)
			add("address", e.Address)
			for _, sh := range e.Shifts {
				add("role", sh.Role)
			}
		}
	}
	return out
}

func districtName(code, lang string) string {
	for _, d := range domain.Districts() {
		if d.Code == code {
			return d.Name.In(lang)
		}
	}
	return code
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

// programmeLink is a link to a page of the programme without filters (the next page, the first,
// past events), which the crawl follows; a link that filters (by direction, district…) is not.
var programmeLink = regexp.MustCompile(`href="(/programme(?:\?[^"]*)?)"`)

var mapHref = regexp.MustCompile(`href="(https://www\.openstreetmap\.org/[^"]*)"`)

func followedProgramme(raw string) bool {
	u, err := url.Parse(html.UnescapeString(raw))
	if err != nil {
		return false
	}
	for k := range u.Query() {
		switch k {
		case "direction", "district", "q", "accessibility", "silver", "free", "from", "to", "org", "project":
			return false
		}
	}
	return true
}

// Every public page of the demo — the home page, each page of the programme, every event page,
// the fair and every organization's page — shows each venue, address, organization, role and
// project in the reader's language, in English and in Russian: each marked element holds the
// demo's own text in that language, and in English no Cyrillic letter (issue 16).
func TestEveryPublicPageSpeaksTheReadersLanguage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		loadDemo(t, a)
		ctx := context.Background()
		events, _, err := a.store.Events(ctx, store.EventFilter{Limit: 100000})
		if err != nil || len(events) < 100 {
			t.Fatalf("the demo's public events: %d, %v", len(events), err)
		}
		orgs, err := a.store.Organizations(ctx, "")
		if err != nil || len(orgs) < 10 {
			t.Fatalf("the demo's organizations: %d, %v", len(orgs), err)
		}
		for _, lang := range []string{"en", "ru"} {
			want := demoTexts(lang)
			b := a.browser(lang)
			seen := map[string]int{}
			pages := 0
			check := func(path string) string {
				t.Helper()
				p := b.get(path)
				if p.status != 200 {
					t.Fatalf("%s in %s: status %d", path, lang, p.status)
				}
				pages++
				for _, m := range marked.FindAllStringSubmatch(p.body, -1) {
					kind, text := m[2], strings.TrimSpace(html.UnescapeString(m[3]))
					seen[kind]++
					if m[1] != m[4] || strings.Contains(text, "<") {
						t.Errorf("%s in %s: the %s element holds markup: %q", path, lang, kind, m[0])
						continue
					}
					if !want[kind][text] {
						t.Errorf("%s in %s: %s %q is not the demo's %s text", path, lang, kind, text, lang)
					}
					if lang == "en" && hasCyrillic(text) {
						t.Errorf("%s in en: %s %q has Cyrillic letters", path, kind, text)
					}
				}
				return p.body
			}
			check("/")
			check("/fair")
			// the programme, page after page
			queue, done := []string{"/programme"}, map[string]bool{}
			for len(queue) > 0 && len(done) < 500 {
				path := queue[0]
				queue = queue[1:]
				if done[path] {
					continue
				}
				done[path] = true
				for _, m := range programmeLink.FindAllStringSubmatch(check(path), -1) {
					if next := html.UnescapeString(m[1]); followedProgramme(m[1]) && !done[next] {
						queue = append(queue, next)
					}
				}
			}
			for _, e := range events {
				body := check(fmt.Sprintf("/events/%d", e.ID))
				// the map link: the place's point when known, else a search for its address
				want := "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Place(lang)+", "+districtName(e.District, lang)+", Almaty")
				if e.HasCoordinates() {
					lat, lon := strconv.FormatFloat(e.Lat, 'f', 6, 64), strconv.FormatFloat(e.Lon, 'f', 6, 64)
					want = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
				}
				if got := mapHref.FindStringSubmatch(body); got == nil || html.UnescapeString(got[1]) != want {
					t.Errorf("event %d in %s: map link %q, want %q", e.ID, lang, got, want)
				}
			}
			for _, o := range orgs {
				if o.Status != domain.OrgSuspended {
					check(fmt.Sprintf("/organizations/%d", o.ID))
				}
			}
			for _, kind := range []string{"venue", "address", "org", "org-description", "role", "project"} {
				if seen[kind] == 0 {
					t.Errorf("in %s no page marks a %s", lang, kind)
				}
			}
			t.Logf("%s: %d pages, %d programme pages, marked %v", lang, pages, len(done), seen)
		}
	})
}
