package browsertest

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
)

// strictCSP is the policy of every test page but the one that loads images from elsewhere: no
// inline script or style, nothing from another origin.
const strictCSP = "default-src 'self'"

// site serves the test pages and remembers the queries that /result received.
type site struct {
	aliasURL string // a server on 127.0.0.2, which the browser must not reach; "" if none

	mu      sync.Mutex
	queries []url.Values
}

// lastQuery returns the query that /result received last.
func (s *site) lastQuery() url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queries) == 0 {
		return nil
	}
	return s.queries[len(s.queries)-1]
}

// page writes an HTML page under the strict policy.
func page(w http.ResponseWriter, title, body string) {
	w.Header().Set("Content-Security-Policy", strictCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
%s
</body>
</html>`, html.EscapeString(title), body)
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/":
		page(w, "Events", `<header><nav aria-label="Main"><a href="/form">Search events</a></nav></header>
<main>
<h1>Events</h1>
<form action="/result" method="get">
<p><label for="q">Search</label> <input id="q" name="q" type="search"> <button type="submit">Find</button></p>
</form>
<p><a href="/form">All events</a></p>
</main>
<footer><p>erikti</p></footer>`)
	case "/bad":
		page(w, "Bad", `<main>
<h1>Bad</h1>
<img src="/pic.png">
<input type="text" name="x">
<script>document.title = 'the inline script ran'</script>
</main>`)
	case "/form":
		page(w, "Search", `<header><a href="/" id="home">Home</a></header>
<main>
<h1>Search</h1>
<form action="/result" method="get">
<p><label for="q">Query</label> <input id="q" name="q" type="text"></p>
<p><input type="checkbox" id="agree" name="agree" value="yes"> <label for="agree">Only open shifts</label></p>
<p><label for="district">District</label> <select id="district" name="district">
<option value="">Any</option><option value="medeu">Medeu</option><option value="bostandyk">Bostandyk</option>
</select></p>
<p><button type="submit" id="go">Search</button> <button type="button" id="nothing">Do nothing</button></p>
</form>
</main>`)
	case "/result":
		s.mu.Lock()
		s.queries = append(s.queries, r.URL.Query())
		s.mu.Unlock()
		page(w, "Results", `<main><h1>Results</h1><p id="q">`+html.EscapeString(r.URL.Query().Get("q"))+`</p></main>`)
	case "/errors":
		page(w, "Errors", `<main><h1>Errors</h1><script src="/app.js"></script></main>`)
	case "/app.js":
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, "console.log('fine');\nconsole.error('broken', 42);\nthrow new Error('boom');\n")
	case "/external":
		// This page may load images and fetch from anywhere: only the browser's host resolver
		// rules stand between it and the internet.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src *; connect-src *")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>External</title></head><body><main>
<img id="remote" alt="remote" src="http://example.com/x.png">
<img id="alias" alt="alias" src="%s/y.png">
</main></body></html>`, s.aliasURL)
	case "/fluid":
		page(w, "Fluid", `<main><h1>Fluid</h1><p>This text wraps on a narrow screen, as text does.</p></main>`)
	case "/wide":
		page(w, "Wide", `<main><h1>Wide</h1><div class="wide"></div></main>`)
	case "/style.css":
		w.Header().Set("Content-Type", "text/css")
		fmt.Fprint(w, "body { margin: 0; font: 16px/1.5 sans-serif; color: #222; background: #fff }\n.wide { width: 1000px; height: 10px; background: #ccc }\n")
	case "/pic.png", "/favicon.ico":
		w.Header().Set("Content-Type", "image/png")
		img := image.NewGray(image.Rect(0, 0, 8, 8))
		img.SetGray(1, 1, color.Gray{Y: 200})
		_ = png.Encode(w, img)
	default:
		http.NotFound(w, r)
	}
}

// listenAlias listens on 127.0.0.2, a loopback address that the browser's rules do not let
// through, and counts the connections that reach it. It returns "" where 127.0.0.2 is not to be
// had.
func listenAlias(t *testing.T) (string, *atomic.Int64) {
	var hits atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Logf("no listener on 127.0.0.2 (%v); not checking IP address literals", err)
		return "", &hits
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits.Add(1)
			c.Close()
		}
	}()
	return "http://" + ln.Addr().String(), &hits
}

// recorder is a testing.TB that records Errorf and Fatalf instead of failing the test, so that a
// test can show that the harness fails when it should. Fatalf ends the goroutine, as t.Fatal does:
// call the code under test through recorder.do.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

// do runs fn in a goroutine of its own, so that a Fatalf in it ends only that goroutine, and
// returns the message of the Fatalf, or "".
func (r *recorder) do(fn func()) string {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := r.fatal
	r.fatal = ""
	return msg
}

func TestBrowser(t *testing.T) {
	s := &site{}
	aliasURL, aliasHits := listenAlias(t)
	s.aliasURL = aliasURL
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)

	b := Start(t)

	t.Run("axe finds an image without alt and an input without label", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/bad")
		var ids []string
		for _, v := range tab.Axe(t) {
			ids = append(ids, v.ID)
			t.Logf("%s", v)
		}
		for _, want := range []string{"image-alt", "label"} {
			if !slices.Contains(ids, want) {
				t.Errorf("axe found %v, without %q", ids, want)
			}
		}

		// AssertNoViolations reports each one, readably.
		rec := &recorder{TB: t}
		rec.do(func() { tab.AssertNoViolations(rec, "the bad page") })
		if len(rec.errors) != len(ids) {
			t.Errorf("AssertNoViolations reported %d errors for %d violations", len(rec.errors), len(ids))
		}
		all := strings.Join(rec.errors, "\n")
		for _, want := range []string{"the bad page: accessibility: image-alt (critical)", `img <img src="/pic.png">`, "label (critical)", "https://dequeuniversity.com/rules/axe/"} {
			if !strings.Contains(all, want) {
				t.Errorf("the report lacks %q:\n%s", want, all)
			}
		}

		// The strict policy is in force (so axe got in through the DevTools protocol), and the
		// blocked inline script is one of the page's errors.
		if got := tab.Title(); got != "Bad" {
			t.Errorf("title %q: the inline script ran despite the policy", got)
		}
		if errs := tab.Errors(); !containsAll(errs, "Content Security Policy") {
			t.Errorf("the blocked inline script is not among the errors: %q", errs)
		}
	})

	t.Run("a well-formed page has no violations", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/")
		if got := tab.Status(); got != http.StatusOK {
			t.Errorf("status %d", got)
		}
		tab.AssertNoViolations(t, "the clean page")
		// Twice on one page: axe is injected once.
		tab.AssertNoViolations(t, "the clean page, again")
		if errs := tab.Errors(); len(errs) != 0 {
			t.Errorf("errors on the clean page: %q", errs)
		}
		// Chromium may also ask for /favicon.ico, at a moment of its own.
		reqs := tab.Requests()
		if len(reqs) < 2 || reqs[0] != srv.URL+"/" || reqs[1] != srv.URL+"/style.css" {
			t.Errorf("requests %q, want the page and its style first", reqs)
		}
		for _, r := range reqs {
			if !strings.HasPrefix(r, srv.URL+"/") {
				t.Errorf("a request to another origin: %s", r)
			}
		}
		if got := tab.Title(); got != "Events" {
			t.Errorf("title %q", got)
		}
		if got := tab.Text("h1"); got != "Events" {
			t.Errorf("h1 %q", got)
		}
		if !tab.Exists("main form") || tab.Exists("table") {
			t.Error("Exists is wrong")
		}
		if h := tab.HTML(); !strings.HasPrefix(h, `<html lang="en">`) || !strings.Contains(h, "<h1>Events</h1>") {
			t.Errorf("HTML: %s", truncate(h, 200))
		}
		var sum int
		tab.Eval(`Promise.resolve(20 + 22)`, &sum)
		if sum != 42 {
			t.Errorf("Eval gave %d", sum)
		}
		if got := tab.URL(); got != srv.URL+"/" {
			t.Errorf("URL %q", got)
		}

		shot := filepath.Join(t.TempDir(), "page.png")
		tab.Screenshot(shot)
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("the screenshot is no PNG: %v", err)
		}

		// the first screen alone: as big as the viewport, however long the page
		tab.SetViewport(390, 300, 1)
		tab.Eval(`document.body.style.minHeight = "3000px"; 1`, nil)
		tab.ScreenshotScreen(shot)
		data, err = os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if img, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("the first screen is no PNG: %v", err)
		} else if b := img.Bounds(); b.Dx() != 390 || b.Dy() != 300 {
			t.Errorf("the first screen is %d×%d, want 390×300", b.Dx(), b.Dy())
		}
	})

	t.Run("keyboard only", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/form")
		if got := tab.Focused().Tag; got != "body" {
			t.Errorf("focus on <%s> before any key", got)
		}
		tab.Press("Tab")
		if got := tab.Focused(); got.Tag != "a" || got.Href != "/" || got.Label != "Home" {
			t.Errorf("the first Tab went to %s, not the Home link", got)
		}
		tab.Press("Tab")
		if got := tab.Focused(); got.ID != "q" || got.Label != "Query" || got.Type != "text" {
			t.Errorf("the second Tab went to %s, not the Query input", got)
		}
		tab.Type("Алматы 2026")

		box := tab.TabTo(t, func(e Element) bool { return e.ID == "agree" }, 3)
		if box.Type != "checkbox" || box.Label != "Only open shifts" {
			t.Errorf("TabTo found %s", box)
		}
		checked := func() bool {
			var c bool
			tab.Eval(`document.getElementById('agree').checked`, &c)
			return c
		}
		for i, want := range []bool{true, false, true} {
			tab.Press("Space")
			if got := checked(); got != want {
				t.Errorf("after %d presses of Space: checked %v", i+1, got)
			}
		}

		tab.Press("Shift+Tab")
		if got := tab.Focused().ID; got != "q" {
			t.Fatalf("Shift+Tab went to %q, not back to the query", got)
		}
		tab.PressAndWait("Enter")
		if u := tab.URL(); !strings.HasPrefix(u, srv.URL+"/result?") {
			t.Errorf("Enter in the text field led to %s", u)
		}
		q := s.lastQuery()
		if q.Get("q") != "Алматы 2026" || q.Get("agree") != "yes" {
			t.Errorf("the server got %v", q)
		}
		if got := tab.Text("#q"); got != "Алматы 2026" {
			t.Errorf("the result page shows %q", got)
		}

		// Enter on a focused link follows it.
		tab.Go(srv.URL + "/form")
		tab.Press("Tab")
		tab.PressAndWait("Enter")
		if got := tab.URL(); got != srv.URL+"/" {
			t.Errorf("Enter on the Home link led to %s", got)
		}
		if got := tab.Title(); got != "Events" {
			t.Errorf("Enter on the Home link led to the page %q", got)
		}
	})

	t.Run("mouse and form helpers", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/form")
		tab.Fill("#q", "first")
		tab.Fill("#q", "Медеу, 5 наурыз")
		tab.Check("#agree")
		tab.Check("#agree") // already checked: stays so
		tab.Select("#district", "Bostandyk")
		tab.Select("#district", "medeu")
		tab.Submit("#go")
		q := s.lastQuery()
		if q.Get("q") != "Медеу, 5 наурыз" || q.Get("agree") != "yes" || q.Get("district") != "medeu" {
			t.Errorf("the server got %v", q)
		}
		if tab.Status() != http.StatusOK || tab.Text("h1") != "Results" {
			t.Errorf("after Submit: status %d, h1 %q", tab.Status(), tab.Text("h1"))
		}

		tab.Go(srv.URL + "/form")
		tab.WaitNav(func() { tab.Click("#home") })
		if got := tab.URL(); got != srv.URL+"/" {
			t.Errorf("clicking Home led to %s", got)
		}

		tab.Go(srv.URL + "/nowhere")
		if got := tab.Status(); got != http.StatusNotFound {
			t.Errorf("status %d for a missing page", got)
		}
	})

	t.Run("the harness fails when it should", func(t *testing.T) {
		rec := &recorder{TB: t}
		tab := b.NewTab(rec)
		rec.do(func() { tab.Go(srv.URL + "/form") })

		cases := []struct {
			name string
			do   func()
			want string
		}{
			{"Text of nothing", func() { tab.Text("#missing") }, `reading the text of "#missing": no element matches it`},
			{"Click on nothing", func() { tab.Click("#missing") }, `clicking "#missing": no element matches`},
			{"Fill a select", func() { tab.Fill("#district", "x") }, "it is a <select>, not an input or textarea"},
			{"Select a missing option", func() { tab.Select("#district", "turksib") }, `it has no such option (it has: "", "medeu", "bostandyk")`},
			{"Check a text field", func() { tab.Check("#q") }, "not a checkbox"},
			{"Submit without navigation", func() {
				tab.timeout = time.Second
				defer func() { tab.timeout = DefaultTimeout }()
				tab.Submit("#nothing")
			}, "no page loaded in 1s"},
			{"an unknown key", func() { tab.Press("Hyperspace") }, `unknown key "Hyperspace"`},
			{"a JavaScript error", func() { tab.Eval(`null.x`, nil) }, "TypeError"},
			{"TabTo without a match", func() {
				tab.Go(srv.URL + "/form")
				tab.TabTo(rec, func(Element) bool { return false }, 3)
			}, "no match after 3 presses of Tab; the focus went through:\n\t" +
				`<a id="home" href="/"> "Home"` + "\n\t" +
				`<input id="q" name="q" type="text"> "Query"` + "\n\t" +
				`<input id="agree" name="agree" type="checkbox"> "Only open shifts"`},
			{"a closed port", func() { tab.Go(closedURL(t)) }, "ERR_CONNECTION_REFUSED"},
		}
		for _, c := range cases {
			msg := rec.do(c.do)
			if !strings.Contains(msg, c.want) {
				t.Errorf("%s: failed with %q, want %q", c.name, msg, c.want)
			}
		}
		// The tab still works after all that.
		if msg := rec.do(func() { tab.Go(srv.URL + "/") }); msg != "" {
			t.Errorf("the tab is broken: %s", msg)
		}
	})

	t.Run("console errors and exceptions", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/errors")
		errs := tab.Errors()
		if len(errs) != 2 || !containsAll(errs[:1], "console.error: broken 42 ("+srv.URL+"/app.js:2)") ||
			!containsAll(errs[1:], "exception: Uncaught Error: boom ("+srv.URL+"/app.js:3)") {
			t.Errorf("errors: %q", errs)
		}
	})

	t.Run("nothing beyond loopback", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.Go(srv.URL + "/external")
		reqs := tab.Requests()
		if !slices.Contains(reqs, "http://example.com/x.png") {
			t.Errorf("the request to example.com is not recorded: %q", reqs)
		}
		var broken []string
		tab.Eval(`Array.from(document.images).filter(i => i.complete && i.naturalWidth === 0).map(i => i.id)`, &broken)
		want := []string{"remote"}
		if aliasURL != "" {
			// An IP address literal is not resolved, yet the rules stop it too.
			want = append(want, "alias")
			if !slices.Contains(reqs, aliasURL+"/y.png") {
				t.Errorf("the request to 127.0.0.2 is not recorded: %q", reqs)
			}
			if errs := tab.Errors(); !containsAll(errs, "ERR_NAME_NOT_RESOLVED ("+aliasURL+"/y.png)") {
				t.Errorf("the load from 127.0.0.2 did not fail for want of a name: %q", errs)
			}
		}
		if !slices.Equal(broken, want) {
			t.Errorf("images that failed: %q, want %q", broken, want)
		}
		if errs := tab.Errors(); !containsAll(errs, "ERR_NAME_NOT_RESOLVED") {
			t.Errorf("the failed loads are not among the errors: %q", errs)
		}
		var fetched string
		tab.Eval(`fetch('http://example.com/').then(() => 'reached', e => 'failed: ' + e.message)`, &fetched)
		if !strings.HasPrefix(fetched, "failed") {
			t.Errorf("fetch from example.com: %s", fetched)
		}
		if n := aliasHits.Load(); n != 0 {
			t.Errorf("the server on 127.0.0.2 was reached %d times", n)
		}
	})

	t.Run("narrow screen", func(t *testing.T) {
		tab := b.NewTab(t)
		tab.SetViewport(360, 800, 1)
		tab.Go(srv.URL + "/fluid")
		if sw, cw := tab.ScrollWidth(), tab.ClientWidth(); sw > cw || cw > 360 {
			t.Errorf("fluid page at 360 px: scroll width %d, client width %d", sw, cw)
		}
		tab.Go(srv.URL + "/wide")
		if sw, cw := tab.ScrollWidth(), tab.ClientWidth(); sw <= cw {
			t.Errorf("page with a 1000 px box at 360 px: scroll width %d, client width %d", sw, cw)
		}
		// 200% zoom of a 1280 px window.
		tab.SetViewport(640, 400, 2)
		if sw, cw := tab.ScrollWidth(), tab.ClientWidth(); sw <= cw || cw > 640 {
			t.Errorf("page with a 1000 px box at 640 px: scroll width %d, client width %d", sw, cw)
		}
	})

	t.Run("tabs do not share cookies", func(t *testing.T) {
		a, c := b.NewTab(t), b.NewTab(t)
		a.Go(srv.URL + "/")
		c.Go(srv.URL + "/")
		a.Eval(`document.cookie = 'who=a; path=/'`, nil)
		var got string
		c.Eval(`document.cookie`, &got)
		if got != "" {
			t.Errorf("the other tab sees the cookie %q", got)
		}
		a.Eval(`document.cookie`, &got)
		if got != "who=a" {
			t.Errorf("the tab's own cookie is %q", got)
		}
	})
}

// closedURL returns the address of a loopback port that nothing listens on.
func closedURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

func containsAll(list []string, sub string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, sub) })
}

func TestFindChromium(t *testing.T) {
	lookPath := func(found ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, f := range found {
				if filepath.Base(f) == filepath.Base(name) {
					return f, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	env := func(v string) func(string) string {
		return func(name string) string {
			if name == EnvChromium {
				return v
			}
			return ""
		}
	}
	if p, err := findChromium(env("/opt/chrome"), lookPath("/opt/chrome", "/usr/bin/chromium")); err != nil || p != "/opt/chrome" {
		t.Errorf("with %s: %q, %v", EnvChromium, p, err)
	}
	if _, err := findChromium(env("/opt/none"), lookPath("/usr/bin/chromium")); !errors.Is(err, errExplicitChromium) {
		t.Errorf("with a wrong %s: %v", EnvChromium, err)
	}
	if p, err := findChromium(env(""), lookPath("/usr/bin/chromium")); err != nil || p != "/usr/bin/chromium" {
		t.Errorf("default: %q, %v", p, err)
	}
	if p, err := findChromium(env(""), lookPath("/snap/bin/google-chrome")); err != nil || p != "/snap/bin/google-chrome" {
		t.Errorf("on PATH: %q, %v", p, err)
	}
	if _, err := findChromium(env(""), lookPath()); err == nil {
		t.Error("found a browser where there is none")
	}
}

func TestBrowserEnv(t *testing.T) {
	got := browserEnv([]string{"HOME=/root", "http_proxy=http://proxy:3128", "HTTPS_PROXY=x", "NO_PROXY=y", "PATH=/bin"})
	if want := []string{"HOME=/root", "PATH=/bin"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestKeyEvents(t *testing.T) {
	type ev struct {
		typ  input.DispatchKeyEventType
		key  string
		mods int64
		text string
	}
	simplify := func(evs []input.DispatchKeyEventParams) []ev {
		var out []ev
		for _, e := range evs {
			out = append(out, ev{e.Type, e.Key, e.Modifiers, e.Text})
		}
		return out
	}
	cases := map[string][]ev{
		"Tab":   {{"keyDown", "Tab", 0, ""}, {"keyUp", "Tab", 0, ""}},
		"Enter": {{"keyDown", "Enter", 0, ""}, {"char", "Enter", 0, "\r"}, {"keyUp", "Enter", 0, ""}},
		"Space": {{"keyDown", " ", 0, ""}, {"char", " ", 0, " "}, {"keyUp", " ", 0, ""}},
		"Shift+Tab": {{"rawKeyDown", "Shift", 8, ""}, {"keyDown", "Tab", 8, ""}, {"keyUp", "Tab", 8, ""},
			{"keyUp", "Shift", 0, ""}},
		"Control+a": {{"rawKeyDown", "Control", 2, ""}, {"keyDown", "a", 2, ""}, {"keyUp", "a", 2, ""},
			{"keyUp", "Control", 0, ""}},
		"ArrowDown": {{"keyDown", "ArrowDown", 0, ""}, {"keyUp", "ArrowDown", 0, ""}},
		"Escape":    {{"keyDown", "Escape", 0, ""}, {"keyUp", "Escape", 0, ""}},
		"+":         {{"keyDown", "+", 8, ""}, {"char", "+", 8, "+"}, {"keyUp", "+", 8, ""}},
	}
	for key, want := range cases {
		evs, err := keyEvents(key)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if got := simplify(evs); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", key, got, want)
		}
	}
	for _, bad := range []string{"", "Hyper+Tab", "Nokey"} {
		if _, err := keyEvents(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
