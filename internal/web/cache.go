package web

import (
	"bytes"
	"compress/gzip"
	lru "container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// The read cache (issue 7): the programme page, the event page and their API answers, kept
// rendered (and gzipped) in memory under a key that names everything the answer depends on besides
// the data (language, host, path and filters), and served while the data's validator — read from
// the database at each request, so right on every node (see store.Validators) — is the one they
// were made under, and until the moment the clock alone would change them (a shift's start or
// end, an event's end: the programme's upcoming list loses it). The programme's cards also show
// places and attendance, which move with signups and check-ins that do not all raise its version,
// so its answers stand at most programmeMaxAge (a minute). Each answer carries an ETag, the hash of
// its body, so If-None-Match gets a 304.
//
// Only viewer-independent answers are kept: pages for readers who are not signed in, and the
// API's published and cancelled events (drafts, which only members see, are never kept). A signed-in
// reader's page (their name, their signups, a guardian's consent) is rendered for them alone and
// marked no-store, as before.
//
// Memory is bounded by bytes, in two segments (segmented LRU): a new answer enters on probation and
// moves to the protected segment when it is asked for again, so a stream of one-off searches
// churns only the probation segment and never evicts the programme's popular pages. A new version
// of an answer replaces the old in place. Each key and version is rendered at most once at a time
// (singleflight): a flash crowd on one shift re-renders its event page once per signup committed,
// not once per reader.

// defaultCacheBytes is the cache's size when Options.CacheBytes is 0: room for a city's year, 5,000
// event pages in three languages (about 5 KiB each, gzipped), and its programme's pages.
const defaultCacheBytes = 128 << 20

// cacheEntry is one kept answer.
type cacheEntry struct {
	key, version string
	status       int
	ctype, lang  string // Content-Type; Content-Language for pages
	gz           []byte // the answer, gzipped: most readers take it so, the others get it unzipped
	length       int    // the answer's length unzipped
	etag         string
	expires      time.Time // when the answer changes by the clock alone (a shift starts); zero: never
	protected    bool      // in the protected segment
}

func (e *cacheEntry) size() int64 {
	return int64(len(e.key)+len(e.version)+len(e.gz)) + 256
}

// respCache is the bounded store of kept answers.
type respCache struct {
	max, probationMax int64

	mu        sync.Mutex
	used      [2]int64     // bytes in probation [0] and protected [1]
	lru       [2]*lru.List // most recently used at the front
	items     map[string]*lru.Element
	clockMemo clockMemo
	flight    singleflight.Group
}

// clockMemo remembers, for one programme version, when the programme's lists next change by the
// clock alone.
type clockMemo struct {
	version string
	until   time.Time
}

func newRespCache(max int64) *respCache {
	return &respCache{max: max, probationMax: max / 5, lru: [2]*lru.List{lru.New(), lru.New()}, items: map[string]*lru.Element{}}
}

// get returns key's answer made under version and still good at now, or nil; a hit on probation
// promotes it.
func (c *respCache) get(key, version string, now time.Time) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil
	}
	e := el.Value.(*cacheEntry)
	if e.version != version || (!e.expires.IsZero() && !now.Before(e.expires)) {
		return nil
	}
	if !e.protected {
		c.lru[0].Remove(el)
		c.used[0] -= e.size()
		e.protected = true
		c.items[key] = c.lru[1].PushFront(e)
		c.used[1] += e.size()
		c.trim()
	} else {
		c.lru[1].MoveToFront(el)
	}
	return e
}

// put keeps e, replacing the key's older version in its segment, or entering on probation.
func (c *respCache) put(e *cacheEntry) {
	if e.size() > c.probationMax {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[e.key]; ok {
		old := el.Value.(*cacheEntry)
		seg := segment(old)
		c.lru[seg].Remove(el)
		c.used[seg] -= old.size()
		e.protected = old.protected
	}
	seg := segment(e)
	c.items[e.key] = c.lru[seg].PushFront(e)
	c.used[seg] += e.size()
	c.trim()
}

func segment(e *cacheEntry) int {
	if e.protected {
		return 1
	}
	return 0
}

// trim evicts least recently used answers: the protected segment gives its oldest back to
// probation, probation drops its oldest.
func (c *respCache) trim() {
	for c.used[1] > c.max-c.probationMax {
		el := c.lru[1].Back()
		e := el.Value.(*cacheEntry)
		c.lru[1].Remove(el)
		c.used[1] -= e.size()
		e.protected = false
		c.items[e.key] = c.lru[0].PushFront(e)
		c.used[0] += e.size()
	}
	for c.used[0] > c.probationMax {
		el := c.lru[0].Back()
		e := el.Value.(*cacheEntry)
		c.lru[0].Remove(el)
		c.used[0] -= e.size()
		delete(c.items, e.key)
	}
}

// stats reports the entries and bytes kept, for tests and metrics.
func (c *respCache) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.used[0] + c.used[1]
}

// newEntry makes a kept answer of body: its gzip encoding and its ETag.
func newEntry(status int, ctype, lang string, body []byte) *cacheEntry {
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	zw.Write(body)
	zw.Close()
	sum := sha256.Sum256(body)
	return &cacheEntry{status: status, ctype: ctype, lang: lang, gz: zbuf.Bytes(), length: len(body),
		etag: `W/"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
}

// serveCached answers r from the cache: key's answer under version, made by build when there is
// none. Answers other than 200 are sent but not kept; an error of build is returned to the caller.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, key, version string, page bool, build func() (*cacheEntry, error)) error {
	c := s.cache
	result := "hit"
	e := c.get(key, version, s.opt.Now())
	if e == nil {
		result = "miss"
		v, err, _ := c.flight.Do(key+"\x00"+version, func() (any, error) {
			if e := c.get(key, version, s.opt.Now()); e != nil {
				return e, nil
			}
			e, err := build()
			if err != nil {
				return nil, err
			}
			e.key, e.version = key, version
			if e.status == http.StatusOK {
				c.put(e)
			}
			return e, nil
		})
		if err != nil {
			return err
		}
		e = v.(*cacheEntry)
	}
	s.metrics.cache.WithLabelValues(result).Inc()
	h := w.Header()
	if page {
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("Content-Language", e.lang)
		h.Set("Vary", "Cookie, Accept-Language, Accept-Encoding")
	} else {
		h.Set("Vary", "Accept-Encoding")
	}
	if e.status != http.StatusOK {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", e.etag)
		if etagMatch(r.Header.Get("If-None-Match"), e.etag) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	}
	h.Set("Content-Type", e.ctype)
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(e.gz)))
		w.WriteHeader(e.status)
		if r.Method != http.MethodHead {
			w.Write(e.gz) // #nosec G705 -- a response erikti rendered itself (html/template, JSON), cached gzipped
		}
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(e.length))
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		zr, err := gzip.NewReader(bytes.NewReader(e.gz))
		if err != nil {
			return fmt.Errorf("web: cached answer: %w", err)
		}
		io.Copy(w, zr) // #nosec G110 -- unzips a response erikti compressed itself, never a client's data
	}
	return nil
}

// etagMatch is If-None-Match's weak comparison (RFC 9110, 13.1.2): any listed tag equal to etag
// once W/ is set aside, or *.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// onlyParams reports whether q holds no parameter but those named: an answer to any other query
// is made afresh, so that made-up parameters cannot fill the cache.
func onlyParams(q url.Values, names ...string) bool {
	for k := range q {
		found := false
		for _, n := range names {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// programmeParams are the programme's filters, on the page and in the API.
var programmeParams = []string{"q", "direction", "district", "from", "to", "access", "silver", "free", "when", "cursor"}

// programmeVersion is the validator of the programme's lists: the programme's version and the
// next moment its lists change by the clock alone (an event ends and leaves the upcoming list, a
// shift starts and its places leave the cards and the "free places" filter), remembered per
// programme version. So "now" moving on never serves an upcoming list that has gone stale.
func (s *Server) programmeVersion(ctx context.Context) (string, error) {
	v, err := s.validators.Programme(ctx)
	if err != nil {
		return v, err
	}
	now := s.opt.Now()
	c := s.cache
	c.mu.Lock()
	m := c.clockMemo
	c.mu.Unlock()
	if m.version != v || (!m.until.IsZero() && !now.Before(m.until)) {
		until, err := s.store.NextProgrammeChange(ctx, now)
		if err != nil {
			return "", err
		}
		m = clockMemo{v, until}
		c.mu.Lock()
		c.clockMemo = m
		c.mu.Unlock()
	}
	return v + ".until." + strconv.FormatInt(m.until.Unix(), 10), nil
}

// cacheKey joins the parts of a key.
func cacheKey(parts ...string) string { return strings.Join(parts, "\x1f") }

// requestOrigin is the scheme and host a page's absolute links (Open Graph, schema.org) are made of.
func requestOrigin(r *http.Request) string {
	if isHTTPS(r) {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// jsonRecorder takes what an API handler writes, for the cache.
type jsonRecorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (j *jsonRecorder) Header() http.Header {
	if j.header == nil {
		j.header = http.Header{}
	}
	return j.header
}
func (j *jsonRecorder) WriteHeader(status int)      { j.status = status }
func (j *jsonRecorder) Write(b []byte) (int, error) { return j.buf.Write(b) }

func (j *jsonRecorder) entry() *cacheEntry {
	return newEntry(j.status, j.Header().Get("Content-Type"), "", j.buf.Bytes())
}
