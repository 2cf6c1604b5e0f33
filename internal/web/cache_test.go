package web

import (
	"crypto/rand"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// placesLeft is what an event page shows of a shift with n of capacity places left, in English.
func placesLeft(n, capacity int) string {
	if n == 1 {
		return fmt.Sprintf("%d place left of %d", n, capacity)
	}
	return fmt.Sprintf("%d places left of %d", n, capacity)
}

// keyRe finds the idempotency key of an event page's signup form.
var keyRe = regexp.MustCompile(`name="key" value="([^"]+)"`)

// revalidate asks for path again with the ETag of an earlier answer.
func (b *browser) revalidate(path, etag string) page {
	b.a.t.Helper()
	return b.send("GET", path, nil, map[string]string{"If-None-Match": etag})
}

// A page served from the cache shows the places left as they are the moment a signup, a
// cancellation or a shift's edit is answered, through the pages and the API; a matching
// If-None-Match gets 304, a change a new ETag.
func TestCachedEventShowsLiveCounts(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		path := fmt.Sprintf("/events/%d", w.eventID)
		api := fmt.Sprintf("/api/v1/events/%d", w.eventID)
		anon := a.browser("en")

		p := anon.get(path).must(t, 200).has(t, placesLeft(3, 3))
		etag := p.header.Get("ETag")
		if !strings.HasPrefix(etag, `W/"`) || p.header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("ETag %q, Cache-Control %q", etag, p.header.Get("Cache-Control"))
		}
		if !strings.Contains(p.header.Get("Vary"), "Cookie") || !strings.Contains(p.header.Get("Vary"), "Accept-Language") {
			t.Errorf("Vary %q", p.header.Get("Vary"))
		}
		if again := anon.get(path).must(t, 200).has(t, placesLeft(3, 3)); again.header.Get("ETag") != etag || again.body != p.body {
			t.Fatalf("the same page twice: ETag %q then %q", etag, again.header.Get("ETag"))
		}
		if nm := anon.revalidate(path, etag).must(t, 304); nm.body != "" || nm.header.Get("ETag") != etag {
			t.Fatalf("304 with body %q, ETag %q", nm.body, nm.header.Get("ETag"))
		}
		ja := a.must(200, req{method: "GET", path: api})
		apiTag := ja.header.Get("ETag")
		if apiTag == "" || ja.header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("API: ETag %q, Cache-Control %q", apiTag, ja.header.Get("Cache-Control"))
		}
		a.must(304, req{method: "GET", path: api, header: map[string]string{"If-None-Match": apiTag}})
		places := func(r reply) float64 {
			return r.body["shifts"].([]any)[0].(map[string]any)["places_left"].(float64)
		}

		// a signup through the API
		vol := a.register("Әлия Сейітова", "1999-04-12")
		sg := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		after := anon.revalidate(path, etag).must(t, 200).has(t, placesLeft(2, 3))
		if after.header.Get("ETag") == etag || after.header.Get("ETag") == "" {
			t.Fatalf("after a signup the ETag stayed %q", etag)
		}
		ja = a.must(200, req{method: "GET", path: api, header: map[string]string{"If-None-Match": apiTag}})
		if places(ja) != 2 || ja.header.Get("ETag") == apiTag {
			t.Fatalf("API after a signup: %v places left, ETag %q", places(ja), ja.header.Get("ETag"))
		}

		// a signup through the event page's form
		b := a.browser("en")
		b.signUp(t, "Нұрлан Әбенов", "1998-01-20")
		form := b.get(path).must(t, 200)
		key := keyRe.FindStringSubmatch(form.body)
		if key == nil {
			t.Fatalf("no signup form: %s", form.body)
		}
		b.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {key[1]}}).must(t, 303)
		anon.get(path).must(t, 200).has(t, placesLeft(1, 3))

		// a cancellation
		a.must(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(sg)), token: vol.token})
		anon.get(path).must(t, 200).has(t, placesLeft(2, 3))
		if ja = a.must(200, req{method: "GET", path: api}); places(ja) != 2 {
			t.Fatalf("API after a cancellation: %v places left", places(ja))
		}

		// a coordinator's edit of the shift
		a.must(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/shifts/%d", w.shiftID), token: w.coord.token, body: map[string]any{"capacity": 5}})
		anon.get(path).must(t, 200).has(t, placesLeft(4, 5))
		if ja = a.must(200, req{method: "GET", path: api}); places(ja) != 4 {
			t.Fatalf("API after the shift's edit: %v places left", places(ja))
		}

		// the event's edit
		a.must(200, req{method: "PATCH", path: api, token: w.coord.token, body: map[string]any{"venue": map[string]string{"kk": "Абай алаңы"}}})
		anon.get(path).must(t, 200).has(t, "Абай алаңы")

		// the clock alone: once the shift has started, its signup button is gone (a visitor's is a
		// link to the shift's confirmation, by way of signing in)
		before := anon.get(path).must(t, 200).has(t, fmt.Sprintf(`href="/signup?shift=%d"`, w.shiftID))
		toShift := w.start.Add(time.Hour).Sub(a.clock.now()) // into the shift (of two hours)
		a.clock.mu.Lock()
		a.clock.off += toShift
		a.clock.mu.Unlock()
		late := anon.revalidate(path, before.header.Get("ETag")).must(t, 200).has(t, "Signups are closed.")
		late.lacks(t, fmt.Sprintf(`href="/signup?shift=%d"`, w.shiftID), fmt.Sprintf(`action="/shifts/%d/signup"`, w.shiftID))
		// and once the event has ended, it took place
		a.clock.mu.Lock()
		a.clock.off += 8 * 24 * time.Hour
		a.clock.mu.Unlock()
		anon.revalidate(path, late.header.Get("ETag")).must(t, 200).has(t, "Took place on ", "This shift took place.").
			lacks(t, "Signups are closed.", fmt.Sprintf(`href="/signup?shift=%d"`, w.shiftID), fmt.Sprintf(`action="/shifts/%d/signup"`, w.shiftID))
	})
}

// No reader's own part of a page — their name, their signup and its cancel button — reaches anyone
// else's answer, in either order; a signed-in reader's page is never kept by browsers.
func TestCacheKeepsReadersApart(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		path := fmt.Sprintf("/events/%d", w.eventID)
		anon := a.browser("en")
		anon.get(path).must(t, 200)
		anon.get("/programme").must(t, 200)

		first := a.browser("en")
		first.signUp(t, "Әлия Сейітова", "1999-04-12")
		form := first.get(path).must(t, 200)
		key := keyRe.FindStringSubmatch(form.body)
		first.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {key[1]}}).must(t, 303)
		mine := first.get(path).must(t, 200).has(t, "Әлия Сейітова", `href="/me/signups/`)
		if mine.header.Get("Cache-Control") != "no-store" || mine.header.Get("ETag") != "" {
			t.Fatalf("a signed-in page: Cache-Control %q, ETag %q", mine.header.Get("Cache-Control"), mine.header.Get("ETag"))
		}
		first.get("/programme").must(t, 200).has(t, "Әлия Сейітова")

		second := a.browser("en")
		second.signUp(t, "Ерлан Жұмабаев", "1997-07-07")
		second.get(path).must(t, 200).has(t, "Ерлан Жұмабаев").lacks(t, "Әлия Сейітова", `href="/me/signups/`)
		second.get("/programme").must(t, 200).lacks(t, "Әлия Сейітова")

		for _, p := range []string{path, "/programme"} {
			anon.get(p).must(t, 200).lacks(t, "Әлия Сейітова", "Ерлан Жұмабаев", `href="/me/signups/`, `action="/logout"`)
		}
		// a fresh visitor after all of them, so that no answer was made for a signed-in reader first
		a.browser("en").get(path).must(t, 200).has(t, placesLeft(2, 3)).lacks(t, "Әлия Сейітова", `href="/me/signups/`)
	})
}

// Languages and filters are kept apart: each gets its own answer and ETag, right for it, on the
// pages and in the API; a bad filter is refused, naming its field, and never kept.
func TestCacheKeysLanguagesAndFilters(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		path := fmt.Sprintf("/events/%d", w.eventID)
		titles := map[string]string{"kk": "Көктемгі сенбілік", "ru": "Весенний субботник", "en": "Spring clean-up"}
		tags := map[string]string{}
		for _, round := range []int{1, 2} {
			for lang, title := range titles {
				p := a.browser(lang).get(path).must(t, 200).has(t, "<h1>"+title+"</h1>")
				if p.header.Get("Content-Language") != lang {
					t.Fatalf("%s: Content-Language %q", lang, p.header.Get("Content-Language"))
				}
				if round == 1 {
					tags[lang] = p.header.Get("ETag")
				} else if tags[lang] != p.header.Get("ETag") {
					t.Fatalf("%s: ETag %q then %q", lang, tags[lang], p.header.Get("ETag"))
				}
			}
		}
		if tags["kk"] == tags["ru"] || tags["ru"] == tags["en"] {
			t.Fatalf("one ETag for two languages: %v", tags)
		}
		// a cached page in one language is no answer to a revalidation in another
		a.browser("ru").revalidate(path, tags["en"]).must(t, 200).has(t, titles["ru"])

		link := fmt.Sprintf(`href="/events/%d"`, w.eventID)
		anon := a.browser("en")
		for range 2 {
			anon.get("/programme?direction=ecology").must(t, 200).has(t, link)
			anon.get("/programme?direction=social").must(t, 200).lacks(t, link)
			anon.get("/programme?free=1").must(t, 200).has(t, link)
		}
		apiHas := func(query string) bool {
			t.Helper()
			r := a.must(200, req{method: "GET", path: "/api/v1/events?" + query})
			for _, it := range r.body["items"].([]any) {
				if int64(it.(map[string]any)["id"].(float64)) == w.eventID {
					return true
				}
			}
			return false
		}
		if !apiHas("direction=ecology") || apiHas("direction=social") || !apiHas("free=true") || !apiHas("direction=ecology&limit=1") {
			t.Fatal("the API's lists mix their filters up")
		}

		// the shift's one place taken: the "free places" lists lose the event at once
		vol := a.register("Әлия Сейітова", "1999-04-12")
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token})
		anon.get("/programme?free=1").must(t, 200).lacks(t, link)
		anon.get("/programme?direction=ecology").must(t, 200).has(t, link)
		if apiHas("free=true") || !apiHas("direction=ecology") {
			t.Fatal("the API's free-places list kept a full event")
		}

		// a wrong filter: 422 naming the field, in the reader's language, and not kept
		for range 2 {
			bad := a.browser("ru").get("/programme?direction=nowhere").must(t, 422)
			if bad.header.Get("ETag") != "" || bad.header.Get("Cache-Control") != "no-store" {
				t.Fatalf("a refused filter: ETag %q, Cache-Control %q", bad.header.Get("ETag"), bad.header.Get("Cache-Control"))
			}
			bad.has(t, `id="f-direction-error"`)
			pr := a.do(req{method: "GET", path: "/api/v1/events?direction=nowhere", header: map[string]string{"Accept-Language": "ru"}})
			if pr.status != 422 || pr.header.Get("ETag") != "" || !strings.Contains(string(pr.raw), `"direction"`) {
				t.Fatalf("API: %d %q %s", pr.status, pr.header.Get("ETag"), pr.raw)
			}
		}
	})
}

// A draft is never kept: its organization sees it, anyone else gets 404, in any order.
func TestCacheKeepsNoDraft(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		api := fmt.Sprintf("/api/v1/events/%d", w.eventID)
		a.must(200, req{method: "GET", path: api})
		a.must(200, req{method: "PATCH", path: api, token: w.coord.token, body: map[string]any{"status": "draft"}})
		a.must(404, req{method: "GET", path: api})
		a.must(200, req{method: "GET", path: api, token: w.coord.token})
		a.must(404, req{method: "GET", path: api})
		a.browser("en").get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 404)
	})
}

// The cache's memory stays within its bound, a stream of one-off answers does not push out the
// answers asked for again, and a new version of an answer takes its old one's place.
func TestRespCacheBound(t *testing.T) {
	c := newRespCache(100 << 10)
	body := func(n int) []byte { // random, so that gzip keeps its size
		b := make([]byte, n)
		rand.Read(b)
		return b
	}
	put := func(key, version string, n int) {
		e := newEntry(200, "text/plain", "", body(n))
		e.key, e.version = key, version
		c.put(e)
	}
	put("programme", "v1", 2000)
	if c.get("programme", "v1", time.Now()) == nil {
		t.Fatal("the programme is not kept")
	}
	for i := range 2000 {
		put("search "+strconv.Itoa(i), "v1", 1000)
		if _, used := c.stats(); used > 100<<10 {
			t.Fatalf("%d bytes kept, over the bound", used)
		}
	}
	if c.get("programme", "v1", time.Now()) == nil {
		t.Fatal("one-off answers pushed out the programme")
	}
	if c.get("search 0", "v1", time.Now()) != nil {
		t.Fatal("the oldest one-off answer is still kept")
	}
	for v := range 500 {
		put("hot event", "v"+strconv.Itoa(v), 3000)
		c.get("hot event", "v"+strconv.Itoa(v), time.Now())
	}
	if c.get("hot event", "v498", time.Now()) != nil || c.get("hot event", "v499", time.Now()) == nil {
		t.Fatal("an old version of the hot event is served")
	}
	if c.get("programme", "v1", time.Now()) == nil {
		t.Fatal("the hot event's versions pushed out the programme")
	}
	if c.get("programme", "v2", time.Now()) != nil {
		t.Fatal("an answer served under a version it was not made under")
	}
	if big := newEntry(200, "text/plain", "", body(30<<10)); true {
		big.key, big.version = "huge", "v1"
		c.put(big)
		if c.get("huge", "v1", time.Now()) != nil {
			t.Fatal("an answer bigger than probation is kept")
		}
	}
}

func TestETagMatch(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{`W/"abc"`, true}, {`"abc"`, true}, {`"x", W/"abc"`, true}, {`*`, true},
		{``, false}, {`W/"abd"`, false}, {`abc`, false},
	} {
		if got := etagMatch(tc.header, `W/"abc"`); got != tc.want {
			t.Errorf("If-None-Match %q: %v, want %v", tc.header, got, tc.want)
		}
	}
}
