package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/images"
	"erikti/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Cookies of the pages.
const (
	sessionCookie = "erikti_session"
	langCookie    = "erikti_lang"
)

// pageCSP is the Content-Security-Policy of every page: nothing from anywhere but erikti itself.
const pageCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// parseTemplates builds one template set per page: the layout, the shared parts, and the page.
func parseTemplates(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset": a.url,
		"add":   func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
		},
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/parts.html", "templates/directions.html", "templates/covers.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" || name == "parts" || name == "directions" || name == "covers" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// view is what every page template receives: the reader, their language and the page's data.
type view struct {
	s       *Server
	r       *http.Request
	Lang    string
	User    *domain.User
	Roles   pageRoles
	Title   string
	Form    *form
	Notice  string // a confirmation shown at the top, already translated
	Problem string // a whole-page error shown at the top, already translated
	Data    any
	Now     time.Time
	OG      *ogData // Open Graph tags, on pages worth sharing
	JSONLD  any     // schema.org data for the page, if any
	Path    string  // the page's path and query, to come back to after a language switch
	NoIndex bool    // asks search engines not to index the page
	// Description is the page's meta description; empty: one for the page (prepareHead)
	Description string

	guardian *store.GuardianState // the reader's guardian's consent, once read
	page     string               // the page's template, once rendering
	member   *bool                // whether the reader belongs to an organization, once read
}

// pageRoles says which parts of the navigation a reader sees.
type pageRoles struct {
	FrontOffice bool
	Partial     bool // the session waits for its second factor: it opens nothing yet
}

// newView starts the view of a page for r.
func (s *Server) newView(r *http.Request, title string) *view {
	v := &view{s: s, r: r, Lang: s.pageLang(r), Now: s.opt.Now(), Path: r.URL.RequestURI()}
	if u, ok := r.Context().Value(userKey{}).(*domain.User); ok && u != nil {
		v.User = u
		v.Roles.FrontOffice = u.FrontOffice
		_, v.Roles.Partial = r.Context().Value(partialKey{}).(bool)
	}
	v.Title = v.T(title)
	return v
}

// T translates key; params come as name, value pairs.
func (v *view) T(key string, params ...any) string {
	var m map[string]any
	if len(params) > 1 {
		m = make(map[string]any, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			name, _ := params[i].(string)
			m[name] = params[i+1]
		}
	}
	return v.s.msgs.T(v.Lang, key, m)
}

// Local picks content written in several languages for the reader.
func (v *view) Local(t domain.Text) string { return t.In(v.Lang) }

// Date is a calendar date in the reader's language, in Almaty time.
func (v *view) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(domain.Almaty())
	return v.T("format.date", "day", t.Day(), "month", v.T(fmt.Sprintf("month.%d", t.Month())), "year", strconv.Itoa(t.Year()))
}

// DateTime is a date with its time of day, in Almaty time.
func (v *view) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Date(t) + ", " + t.In(domain.Almaty()).Format("15:04")
}

// Clock is the time of day in Almaty.
func (v *view) Clock(t time.Time) string { return t.In(domain.Almaty()).Format("15:04") }

// ISO is a time as RFC 3339 in Almaty's offset, for <time datetime> and structured data.
func (v *view) ISO(t time.Time) string { return formatTime(t) }

// Num is an integer with the reader's digit grouping.
func (v *view) Num(n int) string { return v.s.msgs.Number(v.Lang, n) }

// Direction is the name of a direction.
func (v *view) Direction(code string) string {
	for _, d := range domain.Directions() {
		if d.Code == code {
			return d.Name.In(v.Lang)
		}
	}
	return code
}

// District is the name of a district.
func (v *view) District(code string) string { return districtIn(v.Lang, code) }

// Feature is the name of an accessibility feature.
func (v *view) Feature(code string) string { return v.T("access." + code) }

// Languages are erikti's languages, for the language switch.
func (v *view) Languages() []string { return domain.Languages() }

// LangName is a language's name in itself: Қазақша, Русский, English.
func (v *view) LangName(code string) string { return v.s.msgs.T(code, "lang.self", nil) }

// SwitchURL switches to lang and comes back to this page.
func (v *view) SwitchURL(lang string) string {
	return "/lang/" + lang + "?back=" + url.QueryEscape(withoutLang(v.Path))
}

// Field is a form field's template data; see form.field for attrs.
func (v *view) Field(name, label string, attrs ...string) field {
	return v.Form.field(v, name, label, attrs)
}

// render writes a page with the given status.
func (s *Server) render(w http.ResponseWriter, status int, name string, v *view) {
	body, err := s.execute(name, v)
	if err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	s.writePage(w, status, v, body)
}

// execute renders a page's template.
func (s *Server) execute(name string, v *view) ([]byte, error) {
	t, ok := s.pages[name]
	if !ok {
		panic("web: no page template " + name)
	}
	v.prepareHead(name)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// renderEntry renders a page for the read cache (see cache.go).
func (s *Server) renderEntry(status int, name string, v *view) (*cacheEntry, error) {
	body, err := s.execute(name, v)
	if err != nil {
		return nil, err
	}
	return newEntry(status, "text/html; charset=utf-8", v.Lang, body), nil
}

// writePage sends a rendered page.
func (s *Server) writePage(w http.ResponseWriter, status int, v *view, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang)
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Vary", "Cookie, Accept-Language")
	if v.User != nil || h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(v.r) {
		var zbuf bytes.Buffer
		zw := gzip.NewWriter(&zbuf)
		zw.Write(body)
		zw.Close()
		body = zbuf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	w.WriteHeader(status)
	w.Write(body)
}

// pageLang is the reader's language: the one the address asks for (?lang=), else the one they
// chose (a cookie), else Accept-Language.
func (s *Server) pageLang(r *http.Request) string {
	if l := queryLang(r); l != "" {
		return l
	}
	if c, err := readCookie(r, langCookie); err == nil && domain.IsLanguage(c.Value) {
		return c.Value
	}
	return s.msgs.Match(r.Header.Get("Accept-Language"))
}

// setCookie sets a cookie the way every erikti cookie is set: HttpOnly, SameSite=Lax, Path=/, no
// Domain; over HTTPS Secure and named with the __Host- prefix (cookieName).
func setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: cookieName(r, name), Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true, // #nosec G124 -- HttpOnly and SameSite=Lax always; Secure (and __Host-) whenever the request came over HTTPS
		SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r)})
}

type userKey struct{}

// page adapts a page handler: it reads the session's user into the request's context, sends a
// session that still needs its second factor to the second step, asks for consent to the privacy
// policy first when theirs does not stand, checks the route's access (pageDoor), and turns an
// error into a localized error page (or the login page when signing in would help).
func (s *Server) page(ac access, fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = s.withSessionUser(w, r)
		if l := queryLang(r); l != "" && r.Method == http.MethodGet { // the language in the address stays for the next pages
			if c, err := readCookie(r, langCookie); err != nil || c.Value != l {
				setCookie(w, r, langCookie, l, 365*24*3600)
			}
		}
		r, sent, err := s.askSecondFactor(w, r)
		if err != nil || sent {
			if err != nil {
				s.pageError(w, r, err)
			}
			return
		}
		if asked, err := s.askConsent(w, r); err != nil || asked {
			if err != nil {
				s.pageError(w, r, err)
			}
			return
		}
		err = pageDoor(r, ac)
		if err == nil {
			err = fn(w, r)
		}
		if err != nil {
			s.pageError(w, r, err)
		}
	})
}

// withSessionUser puts the user of the request's session cookie, if any, into its context.
func (s *Server) withSessionUser(w http.ResponseWriter, r *http.Request) *http.Request {
	c, err := readCookie(r, sessionCookie)
	if err != nil || c.Value == "" {
		return r
	}
	u, err := s.store.SessionUser(r.Context(), auth.HashToken(c.Value), s.opt.SessionIdle)
	if err != nil {
		if domain.ErrorCode(err) != domain.Unauthorized {
			s.log.Error("session", "err", err)
		}
		setCookie(w, r, sessionCookie, "", -1)
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), userKey{}, &u))
}

// pageUser is the signed-in reader, or an Unauthorized error that sends them to the login page.
func pageUser(r *http.Request) (*domain.User, error) {
	if u, ok := r.Context().Value(userKey{}).(*domain.User); ok && u != nil {
		return u, nil
	}
	return nil, domain.Errorf(domain.Unauthorized, "auth.sign_in", nil)
}

// pageError answers a page request that failed: a localized error page that shows no internals,
// or the login page when signing in would help.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	v := s.judge(w, r, err)
	if v.err.Code == domain.Forbidden && v.err.Key == "forbidden.second_factor" { // a role's page: the second step first
		s.toSecondFactor(w, r)
		return
	}
	if v.err.Code == domain.Unauthorized {
		next := r.URL.RequestURI()
		if r.Method != http.MethodGet {
			next = "/"
			if u, err := url.Parse(r.Referer()); err == nil && r.Referer() != "" {
				next = u.RequestURI()
			}
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(localPath(next)), http.StatusSeeOther)
		return
	}
	st := v.status
	_, key, params := v.message()
	switch {
	case st == http.StatusNotFound:
		key, params = "page.not_found_text", nil
	case st >= 500 && !v.fromRequest: // a requestError's 503 says what it is
		key, params = "error.internal", nil
	}
	view := s.newView(r, "page.error_title")
	view.Data = errorPage{Status: st, Text: view.T(key, paramPairs(params)...)}
	s.render(w, st, "error", view)
}

// errorPage is the data of the error page.
type errorPage struct {
	Status int
	Text   string
}

func paramPairs(m map[string]any) []any {
	out := make([]any, 0, 2*len(m))
	for k, val := range m {
		out = append(out, k, val)
	}
	return out
}

// localPath keeps a redirect target on erikti: a path that starts with one slash, else "/".
func localPath(p string) string {
	// browsers drop tabs and newlines from a Location and read \ as /, so "/\t/evil" would leave
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") ||
		strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return p
}

// newSecret returns 32 random bytes as URL-safe text: a session token or a form's idempotency key.
func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// startSession signs u in: a new session on the server and its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u domain.User) error {
	token := newSecret()
	if err := s.store.CreateSession(r.Context(), u.ID, auth.HashToken(token), s.opt.Now().Add(s.opt.SessionMax)); err != nil {
		return err
	}
	setCookie(w, r, sessionCookie, token, int(s.opt.SessionMax.Seconds()))
	return nil
}

// switchLang remembers the reader's language and goes back where they were.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !domain.IsLanguage(lang) {
		return domain.Errorf(domain.NotFound, "not_found.route", nil)
	}
	setCookie(w, r, langCookie, lang, 365*24*3600)
	http.Redirect(w, r, localPath(r.URL.Query().Get("back")), http.StatusSeeOther) // #nosec G710 -- localPath: only a path on this site
	return nil
}

// Current reports whether the page is at or under path, for aria-current in the navigation.
func (v *view) Current(path string) bool {
	p := v.r.URL.Path
	return p == path || strings.HasPrefix(p, path+"/")
}

// eventCard is the data of the "event-card" template.
type eventCard struct {
	V *view
	E domain.Event
}

// picture is an image as the "event-cover" and "org-logo" templates show it.
type picture struct {
	Src, Srcset, Sizes, Alt string
	Width, Height           int
	Lazy                    bool
}

// Picture prepares im for an <img>: its widest file as src, every file in srcset, sizes as the
// layout gives it, its alternative text in the reader's language; lazy for a picture below the
// fold. Nil when there is no image.
func (v *view) Picture(im domain.Image, sizes string, lazy bool) *picture {
	if im.None() {
		return nil
	}
	p := &picture{Src: imageURL(im, im.Width), Sizes: sizes, Alt: im.Alt.In(v.Lang), Width: im.Width, Height: im.Height, Lazy: lazy}
	var set []string
	for _, w := range images.Widths(im.Width) {
		set = append(set, fmt.Sprintf("%s %dw", imageURL(im, w), w))
	}
	p.Srcset = strings.Join(set, ", ")
	return p
}

// imageForm is the data of the "image-form" template.
type imageForm struct {
	V        *view
	Action   string // where the form posts; Action + "/remove" removes the picture
	TitleKey string
	Current  *picture
	MaxMB    int
}

// ImageForm prepares the upload form of the picture im (a logo or a cover) posting to action.
func (v *view) ImageForm(action, titleKey string, im domain.Image) imageForm {
	return imageForm{V: v, Action: action, TitleKey: titleKey, Current: v.Picture(im, "20rem", false), MaxMB: images.MaxBytes >> 20}
}

// Card prepares an event for the "event-card" template.
func (v *view) Card(e domain.Event) eventCard { return eventCard{v, e} }

// Art is the hashed URL of the artwork of the card's event's direction (static/art/CODE.svg), the
// cover of an event without one of its own; "" for a direction without artwork.
func (c eventCard) Art() string {
	u, err := c.V.s.assets.url("art/" + c.E.Direction + ".svg")
	if err != nil {
		return ""
	}
	return u
}

// eventCover is the data of the "event-cover" template: the event's uploaded cover, or else its
// direction's artwork.
type eventCover struct {
	Pic  *picture
	Art  string
	Lazy bool
}

// CoverAt is the card's event's cover laid out for sizes (the srcset's sizes attribute), lazy when
// it is below the fold.
func (c eventCard) CoverAt(sizes string, lazy bool) eventCover {
	return eventCover{Pic: c.V.Picture(c.E.Cover, sizes, lazy), Art: c.Art(), Lazy: lazy}
}

// Past reports whether the card's event has ended.
func (c eventCard) Past() bool { return !c.E.EndsAt.After(c.V.Now) }

// Places is the card's line on its places: "12 places left", "full · 3 waiting", "under way", or
// for a past event "took place · 40 came"; "" for a cancelled event, an event without shifts, or
// one read without its tally.
func (c eventCard) Places() string {
	t := c.E.Tally
	switch {
	case t == nil || c.E.Status == domain.EventCancelled:
		return ""
	case c.Past() && t.Came > 0:
		return c.V.T("programme.took_place_came", "n", t.Came)
	case c.Past():
		return c.V.T("programme.took_place")
	case t.Shifts == 0:
		return ""
	case t.OpenShifts == 0:
		return c.V.T("programme.under_way")
	case t.PlacesLeft > 0:
		return c.V.T("programme.places_left", "n", t.PlacesLeft)
	default:
		return c.V.T("programme.full_waiting", "n", t.Waiting)
	}
}

// dirTag is the data of the "direction-tag" template.
type dirTag struct {
	V    *view
	Code string
}

// DirTag prepares a direction's tag: its icon, its name and its colour.
func (v *view) DirTag(code string) dirTag { return dirTag{v, code} }

// orgList is the data of the "orglist" template.
type orgList struct {
	V    *view
	ID   string
	Key  string
	Orgs []domain.Organization
}

// OrgList prepares a titled list of organizations.
func (v *view) OrgList(key string, orgs []domain.Organization) orgList {
	return orgList{v, strings.ReplaceAll(key, ".", "-"), key, orgs}
}
