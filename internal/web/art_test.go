package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"erikti/internal/domain"
)

// maxArtBytes bounds a direction's artwork: a programme page shows up to eight of them.
const maxArtBytes = 4 << 10

// Every direction has its artwork (static/art/CODE.svg), and nothing else is there; each is a
// well-formed SVG in the SVG namespace, with a viewBox, small, and self-contained: no script, no
// embedded image or foreign content, and no reference outside the file (every href and url() points
// at "#…"; the only http:// is the namespace's).
func TestDirectionArtwork(t *testing.T) {
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, d := range domain.Directions() {
		name := "art/" + d.Code + ".svg"
		want[name] = true
		x, ok := a.byName[name]
		if !ok {
			t.Errorf("%s: no artwork (%s)", d.Code, name)
			continue
		}
		if x.ctype != "image/svg+xml" {
			t.Errorf("%s: served as %q", name, x.ctype)
		}
		if n := len(x.plain); n > maxArtBytes {
			t.Errorf("%s: %d bytes, over %d", name, n, maxArtBytes)
		}
		for _, p := range svgProblems(x.plain) {
			t.Errorf("%s: %s", name, p)
		}
	}
	entries, err := fs.ReadDir(staticFiles, "static/art")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want["art/"+e.Name()] {
			t.Errorf("static/art/%s is no direction's artwork", e.Name())
		}
	}
}

// foreignRef finds an http(s):// or protocol-relative address, or a url(…) not into the file.
var foreignRef = regexp.MustCompile(`(?i)https?:|//[a-z0-9]|url\(\s*['"]?[^#'"\s]`)

// svgProblems lists what makes b no self-contained SVG image.
func svgProblems(b []byte) []string {
	var out []string
	if rest := bytes.Replace(b, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil, 1); foreignRef.Match(rest) {
		out = append(out, fmt.Sprintf("refers outside the file: %q", foreignRef.Find(rest)))
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(out, "not well-formed XML: "+err.Error())
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			root = false
			if el.Name.Space != "http://www.w3.org/2000/svg" || el.Name.Local != "svg" {
				out = append(out, fmt.Sprintf("the root is %s %s, not an SVG", el.Name.Space, el.Name.Local))
			}
			if !hasAttr(el, "viewBox") {
				out = append(out, "no viewBox")
			}
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "image", "foreignobject", "style", "a", "iframe":
			out = append(out, "has a <"+el.Name.Local+">")
		}
		for _, at := range el.Attr {
			if strings.HasPrefix(strings.ToLower(at.Name.Local), "on") {
				out = append(out, "has a handler "+at.Name.Local)
			}
			if at.Name.Local == "href" && !strings.HasPrefix(at.Value, "#") {
				out = append(out, "links to "+at.Value)
			}
		}
	}
	if root {
		out = append(out, "empty")
	}
	return out
}

func hasAttr(el xml.StartElement, name string) bool {
	for _, at := range el.Attr {
		if at.Name.Local == name {
			return true
		}
	}
	return false
}

// The check of the artwork fails on what it must refuse.
func TestSVGProblemsRefuses(t *testing.T) {
	ok := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><defs><path id="p" d="M0 0h1"/></defs><use href="#p" fill="url(#g)"/></svg>`
	if p := svgProblems([]byte(ok)); len(p) != 0 {
		t.Fatalf("a good SVG: %v", p)
	}
	for _, bad := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><image href="https://example.com/x.png"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><use href="other.svg#p"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect fill="url(//evil.example/f)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><script>alert(1)</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect onload="alert(1)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`,
		`<svg viewBox="0 0 2 1"><rect/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect></svg>`,
	} {
		if p := svgProblems([]byte(bad)); len(p) == 0 {
			t.Errorf("passes: %s", bad)
		}
	}
}

// An event without a cover of its own shows its direction's artwork, decorative and lazy, on top
// of its card on the programme and on its page; the artwork's hashed URL serves the SVG.
func TestEventWithoutCoverShowsItsArtwork(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2) // its event is about ecology
		assets, err := loadAssets()
		if err != nil {
			t.Fatal(err)
		}
		art, err := assets.url("art/ecology.svg")
		if err != nil {
			t.Fatal(err)
		}
		img := `<img class="cover" src="` + art + `" alt="" width="640" height="320" loading="lazy">`
		card := regexp.MustCompile(`<li class="card dir-ecology">\s*` + regexp.QuoteMeta(img) + `\s*<h3><a href="/events/` + fmt.Sprint(w.eventID) + `">`)
		for _, lang := range domain.Languages() {
			if r := a.must(200, req{method: "GET", path: "/programme?lang=" + lang}); !card.Match(r.raw) {
				t.Errorf("%s: the programme's card has no ecology artwork on top:\n%s", lang, r.raw)
			}
			page := a.must(200, req{method: "GET", path: fmt.Sprintf("/events/%d?lang=%s", w.eventID, lang)})
			// above the fold on the event's own page: not lazy there
			eager := strings.Replace(img, ` loading="lazy"`, "", 1)
			if !regexp.MustCompile(`<article>\s*` + regexp.QuoteMeta(eager) + `\s*<h1>`).Match(page.raw) {
				t.Errorf("%s: the event's page has no ecology artwork above its title", lang)
			}
		}
		r := a.must(200, req{method: "GET", path: art})
		if ct := r.header.Get("Content-Type"); ct != "image/svg+xml" || !bytes.HasPrefix(r.raw, []byte("<svg ")) {
			t.Errorf("the artwork is served as %q: %.40s", ct, r.raw)
		}
	})
}
