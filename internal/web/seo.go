package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// Sharing and search (issue 16): every page carries a description; the public pages carry their
// address in each language (?lang=kk|ru|en, which picks the language of that one answer), a
// canonical link and Open Graph tags with erikti's picture; robots.txt keeps crawlers on the
// public pages and sitemap.xml lists them, each language an alternate of the others.

// indexedPages are the templates of the public pages: those search engines should find, in each
// language.
var indexedPages = map[string]bool{"home": true, "programme": true, "event": true, "fair": true, "organization": true, "privacy": true}

// pageDescriptions are the meta descriptions of pages that have no text of their own.
var pageDescriptions = map[string]string{
	"home":      "chrome.desc_home",
	"programme": "chrome.desc_programme",
	"fair":      "chrome.desc_fair",
	"privacy":   "chrome.desc_privacy",
	"login":     "chrome.desc_login",
	"register":  "chrome.desc_register",
}

// sitemapMaxURLs is the sitemaps protocol's bound on the addresses of one sitemap.
const sitemapMaxURLs = 50000

// queryLang is the language the address asks for (?lang=), or "" when it asks none or an unknown one.
func queryLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); domain.IsLanguage(l) {
		return l
	}
	return ""
}

// baseURL is erikti's address as people reach it, without a trailing slash: Options.PublicURL, or
// the request's scheme and host when it has none.
func (s *Server) baseURL(r *http.Request) string {
	if base := strings.TrimRight(s.opt.PublicURL, "/"); base != "" {
		return base
	}
	return requestOrigin(r)
}

// siteURL is the absolute address of path (which starts with a slash) on erikti's public address.
func (s *Server) siteURL(r *http.Request, path string) string { return s.baseURL(r) + path }

// prepareHead fills in what the page's head says to search engines and to sharing: its
// description (the page's own, else one per page, else erikti's), and, on a public page, Open
// Graph tags with erikti's picture.
func (v *view) prepareHead(page string) {
	v.page = page
	if v.Description == "" && v.OG != nil {
		v.Description = v.OG.Description
	}
	if v.Description == "" {
		key, ok := pageDescriptions[page]
		if !ok {
			key = "chrome.desc_default"
		}
		v.Description = v.T(key)
	}
	if !v.Indexed() {
		return
	}
	if v.OG == nil {
		title := v.Title
		if title == "" {
			title = "erikti"
		}
		v.OG = &ogData{Title: title}
	}
	if v.OG.Description == "" {
		v.OG.Description = v.Description
	}
	v.OG.URL = v.LangURL(v.Lang)
	if img, err := v.s.assets.url("og.png"); err == nil {
		v.OG.Image = v.s.siteURL(v.r, img)
	}
}

// Indexed reports whether the page is a public one, with its address in each language.
func (v *view) Indexed() bool { return indexedPages[v.page] && !v.NoIndex }

// LangURL is the page's absolute address in lang (?lang=), or without a language ("": the
// reader's own, for x-default). Other query parameters stay, but for a notice of something done.
func (v *view) LangURL(lang string) string {
	q := v.r.URL.Query()
	q.Del("lang")
	q.Del("done")
	if lang != "" {
		q.Set("lang", lang)
	}
	u := v.s.siteURL(v.r, v.r.URL.EscapedPath())
	if enc := q.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// OGLocale is the reader's language as Open Graph names a locale.
func (v *view) OGLocale() string {
	switch v.Lang {
	case "kk":
		return "kk_KZ"
	case "ru":
		return "ru_RU"
	}
	return "en_US"
}

// LangShort is a language's short name, for the language switch on a narrow screen.
func (v *view) LangShort(code string) string { return v.s.msgs.T(code, "chrome.lang_short", nil) }

// Member reports whether the signed-in reader belongs to an organization, so that the menu offers
// "My organizations" only to those who have one; it asks the store once per page.
func (v *view) Member() bool {
	if v.User == nil || v.Roles.Partial {
		return false
	}
	if v.member == nil {
		ms, err := v.s.store.Memberships(v.r.Context(), v.User.ID)
		if err != nil {
			v.s.log.Error("memberships", "err", err)
		}
		m := len(ms) > 0
		v.member = &m
	}
	return *v.member
}

// withoutLang is a request URI without its ?lang=, to come back to after a language switch.
func withoutLang(uri string) string {
	u, err := url.ParseRequestURI(uri)
	if err != nil || !u.Query().Has("lang") {
		return uri
	}
	q := u.Query()
	q.Del("lang")
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// robotsTxt keeps crawlers on the public pages and points them to the sitemap.
func (s *Server) robotsTxt(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, p := range []string{"/me", "/manage", "/office", "/login", "/register", "/password-reset", "/verify-email",
		"/guardian", "/invitations", "/unsubscribe", "/calendar/me", "/lang/", "/api/"} {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("Allow: /api/v1/openapi.json\nAllow: /\n\n")
	b.WriteString("Sitemap: " + s.siteURL(r, "/sitemap.xml") + "\n")
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write([]byte(b.String()))
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapXML lists the public pages (home, programme, fair, every public event and every verified
// organization) in each language, each with its alternates: at most sitemapMaxURLs addresses. It is
// kept in the read cache under the programme's version, which moves with every event and every
// organization's verification.
func (s *Server) sitemapXML(w http.ResponseWriter, r *http.Request) {
	const ctype = "application/xml; charset=utf-8"
	base := s.baseURL(r)
	var err error
	if s.cache != nil {
		var version string
		if version, err = s.validators.Programme(r.Context()); err == nil {
			err = s.serveCached(w, r, cacheKey("sitemap", base), version, false, func() (*cacheEntry, error) {
				body, err := s.sitemap(r.Context(), base)
				if err != nil {
					return nil, err
				}
				return newEntry(http.StatusOK, ctype, "", body), nil
			})
		}
	} else {
		var body []byte
		if body, err = s.sitemap(r.Context(), base); err == nil {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}
	}
	if err != nil {
		s.log.Error("sitemap", "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}
}

// sitemap is the sitemap of erikti at base.
func (s *Server) sitemap(ctx context.Context, base string) ([]byte, error) {
	langs := domain.Languages()
	maxPages := sitemapMaxURLs / len(langs)
	paths := []string{"/", "/programme", "/fair"}
	orgs, err := s.store.Organizations(ctx, domain.OrgVerified)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if len(paths) >= maxPages {
			break
		}
		paths = append(paths, fmt.Sprintf("/organizations/%d", o.ID))
	}
	for cursor := ""; len(paths) < maxPages; {
		events, next, err := s.store.Events(ctx, store.EventFilter{Cursor: cursor, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			if e.Public() && len(paths) < maxPages {
				paths = append(paths, fmt.Sprintf("/events/%d", e.ID))
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	set := sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, p := range paths {
		alts := make([]sitemapLink, 0, len(langs)+1)
		for _, l := range langs {
			alts = append(alts, sitemapLink{"alternate", l, base + p + "?lang=" + l})
		}
		alts = append(alts, sitemapLink{"alternate", "x-default", base + p})
		for _, l := range langs {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + p + "?lang=" + l, Alternates: alts})
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(set); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
