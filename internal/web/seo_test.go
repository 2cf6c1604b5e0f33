package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Sharing and search (issue 16): robots.txt, sitemap.xml, the language in the address and what a
// public page's head says.

func TestRobotsTxt(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.browser("")
	p := b.get("/robots.txt").must(t, 200)
	if ct := p.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q", ct)
	}
	for _, line := range []string{"User-agent: *", "Disallow: /me\n", "Disallow: /manage\n", "Disallow: /office\n", "Disallow: /api/\n",
		"Allow: /api/v1/openapi.json\n", "Sitemap: " + a.srv.URL + "/sitemap.xml\n"} {
		if !strings.Contains(p.body, line) {
			t.Errorf("robots.txt lacks %q:\n%s", line, p.body)
		}
	}
	for _, public := range []string{"Disallow: /\n", "Disallow: /events", "Disallow: /programme", "Disallow: /organizations"} {
		if strings.Contains(p.body, public) {
			t.Errorf("robots.txt keeps crawlers off a public page (%q)", public)
		}
	}
}

// sitemapDoc is sitemap.xml as a crawler reads it.
type sitemapDoc struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestSitemap(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		a.browser("").get("/sitemap.xml").must(t, 200) // kept in the read cache, which the events below must move on
		later := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Кейінгі"}, "venue": map[string]string{"kk": "Саябақ"}, "district": "medeu", "status": "published",
			"starts_at": w.start.Format("2006-01-02T15:04:05Z07:00"), "ends_at": w.start.Add(2 * 3600e9).Format("2006-01-02T15:04:05Z07:00")}})
		// a draft of the verified organization, and an event of an organization still pending
		draft := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Жоба"}, "venue": map[string]string{"kk": "Саябақ"}, "district": "medeu", "status": "draft",
			"starts_at": w.start.Format("2006-01-02T15:04:05Z07:00"), "ends_at": w.start.Add(2 * 3600e9).Format("2006-01-02T15:04:05Z07:00")}})
		other := a.register("Басқа Ұйым", "1990-01-01")
		pending := a.must(201, req{method: "POST", path: "/api/v1/organizations", token: other.token, body: map[string]any{"name": map[string]string{"kk": "Тексерілмеген қор"}}})
		a.enrol(&other)
		pendingEvent := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", id(pending)), token: other.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Күтудегі"}, "venue": map[string]string{"kk": "Саябақ"}, "district": "medeu", "status": "published",
			"starts_at": w.start.Format("2006-01-02T15:04:05Z07:00"), "ends_at": w.start.Add(2 * 3600e9).Format("2006-01-02T15:04:05Z07:00")}})

		p := a.browser("").get("/sitemap.xml").must(t, 200)
		if ct := p.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/xml") {
			t.Errorf("Content-Type %q", ct)
		}
		var doc sitemapDoc
		if err := xml.Unmarshal([]byte(p.body), &doc); err != nil {
			t.Fatalf("sitemap.xml is not XML: %v\n%s", err, p.body)
		}
		locs := map[string]bool{}
		for _, u := range doc.URLs {
			locs[u.Loc] = true
			langs := map[string]string{}
			for _, l := range u.Links {
				if l.Rel != "alternate" {
					t.Errorf("%s: a link of rel %q", u.Loc, l.Rel)
				}
				langs[l.HrefLang] = l.Href
			}
			path := strings.SplitN(u.Loc, "?", 2)[0]
			for _, lang := range []string{"kk", "ru", "en"} {
				if langs[lang] != path+"?lang="+lang {
					t.Errorf("%s: the %s alternate is %q", u.Loc, lang, langs[lang])
				}
			}
			if langs["x-default"] != path {
				t.Errorf("%s: x-default is %q", u.Loc, langs["x-default"])
			}
		}
		base := a.srv.URL
		for _, want := range []string{base + "/?lang=kk", base + "/programme?lang=ru", base + "/fair?lang=en",
			fmt.Sprintf("%s/events/%d?lang=en", base, w.eventID), fmt.Sprintf("%s/events/%d?lang=ru", base, id(later)), fmt.Sprintf("%s/organizations/%d?lang=kk", base, w.orgID)} {
			if !locs[want] {
				t.Errorf("the sitemap lacks %s", want)
			}
		}
		for _, not := range []string{fmt.Sprintf("/events/%d?", id(draft)), fmt.Sprintf("/events/%d?", id(pendingEvent)),
			fmt.Sprintf("/organizations/%d?", id(pending))} {
			if strings.Contains(p.body, not) {
				t.Errorf("the sitemap lists %s, which is not public", not)
			}
		}
	})
}

// The sitemap's addresses use the public URL when erikti has one.
func TestSitemapPublicURL(t *testing.T) {
	a := newAppWith(t, "sqlite", Options{PublicURL: "https://erikti.example.kz/"})
	b := a.browser("")
	if p := b.get("/sitemap.xml").must(t, 200); !strings.Contains(p.body, "<loc>https://erikti.example.kz/programme?lang=kk</loc>") {
		t.Errorf("the sitemap does not use the public URL:\n%.600s", p.body)
	}
	if p := b.get("/robots.txt").must(t, 200); !strings.Contains(p.body, "Sitemap: https://erikti.example.kz/sitemap.xml") {
		t.Errorf("robots.txt does not use the public URL:\n%s", p.body)
	}
}

var (
	metaDescription = regexp.MustCompile(`<meta name="description" content="([^"]+)">`)
	htmlLang        = regexp.MustCompile(`<html lang="([a-z]+)">`)
)

// ?lang= picks the page's language over the cookie and Accept-Language; an unknown one is ignored.
func TestLangInTheAddress(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.browser("ru")
	for _, c := range []struct{ path, want string }{
		{"/programme?lang=en", "en"}, {"/programme?lang=kk", "kk"}, {"/fair?lang=xx", "ru"}, {"/fair?lang=", "ru"},
		{"/fair?lang=EN", "ru"}, {"/?lang=//evil.example", "ru"}, {"/fair?lang=en&lang=kk", "en"},
	} {
		b := a.browser("ru") // no cookie yet
		p := b.get(c.path).must(t, 200)
		if m := htmlLang.FindStringSubmatch(p.body); m == nil || m[1] != c.want {
			t.Errorf("%s: the page is in %v, want %s", c.path, m, c.want)
		}
		if got := p.header.Get("Content-Language"); got != c.want {
			t.Errorf("%s: Content-Language %q, want %s", c.path, got, c.want)
		}
	}
	// the language in the address stays for the next pages (a cookie), and the switch drops it
	p := b.get("/programme?lang=en&direction=culture").must(t, 200)
	if !strings.Contains(p.body, `href="/lang/kk?back=%2Fprogramme%3Fdirection%3Dculture"`) {
		t.Errorf("the language switch keeps ?lang= in its way back")
	}
	if m := htmlLang.FindStringSubmatch(b.get("/fair").must(t, 200).body); m == nil || m[1] != "en" {
		t.Errorf("the next page is in %v, not the address's en", m)
	}
	// the switch still goes only to a path on erikti
	if loc := b.get("/lang/kk?back=//evil.example/?lang=en").must(t, 303).location; loc != "/" {
		t.Errorf("the switch went to %q", loc)
	}
}

// Every public page has a description in each language, and its address in each language.
func TestPublicPagesDescribeThemselves(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		pages := []string{"/", "/programme", "/fair", "/privacy", "/login", "/register", "/certificates",
			fmt.Sprintf("/events/%d", w.eventID), fmt.Sprintf("/organizations/%d", w.orgID)}
		indexed := map[string]bool{"/": true, "/programme": true, "/fair": true, "/privacy": true,
			fmt.Sprintf("/events/%d", w.eventID): true, fmt.Sprintf("/organizations/%d", w.orgID): true}
		seen := map[string]map[string]bool{}
		for _, lang := range []string{"kk", "ru", "en"} {
			b := a.browser(lang)
			for _, path := range pages {
				p := b.get(path).must(t, 200)
				m := metaDescription.FindStringSubmatch(p.body)
				if m == nil || strings.TrimSpace(m[1]) == "" {
					t.Errorf("%s %s: no meta description", lang, path)
					continue
				}
				if seen[path] == nil {
					seen[path] = map[string]bool{}
				}
				seen[path][m[1]] = true
				if !indexed[path] {
					continue
				}
				u := a.srv.URL + path
				for _, want := range []string{`<link rel="canonical" href="` + u + `?lang=` + lang + `">`,
					`<link rel="alternate" hreflang="kk" href="` + u + `?lang=kk">`,
					`<link rel="alternate" hreflang="ru" href="` + u + `?lang=ru">`,
					`<link rel="alternate" hreflang="en" href="` + u + `?lang=en">`,
					`<link rel="alternate" hreflang="x-default" href="` + u + `">`,
					`<meta property="og:url" content="` + u + `?lang=` + lang + `">`} {
					if !strings.Contains(p.body, want) {
						t.Errorf("%s %s: lacks %s", lang, path, want)
					}
				}
			}
		}
		for path, descs := range seen {
			if len(descs) != 3 && path != fmt.Sprintf("/organizations/%d", w.orgID) { // an organization's own text is in one language
				t.Errorf("%s: %d descriptions in three languages: %v", path, len(descs), descs)
			}
		}
	})
}

// An event page shares itself with erikti's picture, as a PNG that is served.
func TestEventPageOpenGraphImage(t *testing.T) {
	a := newApp(t, "sqlite")
	w := a.world(3)
	b := a.browser("en")
	p := b.get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200)
	for _, want := range []string{`<meta property="og:title" content="Spring clean-up">`, `<meta property="og:locale" content="en_US">`,
		`<meta property="og:image:width" content="1200">`, `<meta name="twitter:card" content="summary_large_image">`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("the event page lacks %s", want)
		}
	}
	m := regexp.MustCompile(`<meta property="og:image" content="([^"]+)">`).FindStringSubmatch(p.body)
	if m == nil || !strings.HasPrefix(m[1], a.srv.URL+"/static/og.") || !strings.HasSuffix(m[1], ".png") {
		t.Fatalf("the event page's og:image is %v", m)
	}
	img := b.get(strings.TrimPrefix(m[1], a.srv.URL)).must(t, 200)
	if ct := img.header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("og:image is served as %q", ct)
	}
	if !strings.HasPrefix(img.body, "\x89PNG") {
		t.Error("og:image is not a PNG")
	}
	_ = http.StatusOK
}
