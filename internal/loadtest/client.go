package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// client is the one client every phase uses, fasthttp's: keep-alive connections to loopback,
// one for each of k concurrent requests, no compression. A load generator on the same two cores
// as the server takes its CPU from the server: fasthttp's client costs a fraction of net/http's
// per request (it allocates nearly nothing and needs no goroutines of its own), as wrk's would.
type client struct {
	base string
	hc   *fasthttp.Client
}

func newClient(base string, k int) *client {
	return &client{base: base, hc: &fasthttp.Client{
		MaxConnsPerHost:          k,
		MaxIdleConnDuration:      90 * time.Second,
		ReadTimeout:              60 * time.Second,
		WriteTimeout:             60 * time.Second,
		MaxConnWaitTimeout:       60 * time.Second,
		NoDefaultUserAgentHeader: true,
		DisablePathNormalizing:   true,
		Dial:                     (&fasthttp.TCPDialer{Concurrency: k}).Dial,
	}}
}

func (c *client) close() { c.hc.CloseIdleConnections() }

// call is one request: its method, its path under the client's base, its headers (name, value,
// name, value…) and its body.
type call struct {
	method, path string
	header       []string
	body         string
}

// sample is one request: what it was, when it started (since the phase began), how long it took,
// and what came back.
type sample struct {
	i       int           // the request's number: the volunteer of a signup, the path of a read
	path    string        // for reads: which page
	start   time.Duration // since the phase began
	latency time.Duration
	status  int    // 0 when no answer came (a transport error or a timeout)
	err     string // the transport error, or the problem's title of a non-2xx answer
	// a signup's answer
	replayed bool // Idempotent-Replayed: the answer of an earlier request with the same key
	id       int64
	state    string
	position int
}

// answer is the part of a signup's answer (or a problem document) the check reads.
type answer struct {
	ID       int64  `json:"id"`
	Status   string `json:"status"`
	Position *int   `json:"waitlist_position"`
	Title    string `json:"title"`
}

// phase is the samples of one phase and its wall time.
type phase struct {
	samples []sample
	seconds float64
}

// hammer sends requests from k goroutines until next says there are no more; build makes
// request i and names its page. Each goroutine keeps its own samples, merged at the end.
func hammer(ctx context.Context, c *client, k int, next func() (int, bool), build func(i int) (call, string), decode bool) phase {
	began := time.Now()
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	for range k {
		wg.Go(func() {
			var mine []sample
			for {
				i, ok := next()
				if !ok || ctx.Err() != nil {
					break
				}
				x, path := build(i)
				mine = append(mine, c.do(x, i, path, began, decode))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return phase{samples: all, seconds: time.Since(began).Seconds()}
}

// do sends one request and reads its whole answer.
func (c *client) do(x call, i int, path string, began time.Time, decode bool) sample {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(c.base + x.path)
	req.Header.SetMethod(x.method)
	for h := 0; h+1 < len(x.header); h += 2 {
		req.Header.Set(x.header[h], x.header[h+1])
	}
	if x.body != "" {
		req.SetBodyString(x.body)
	}
	t0 := time.Now()
	s := sample{i: i, path: path, start: t0.Sub(began)}
	err := c.hc.Do(req, resp)
	s.latency = time.Since(t0)
	if err != nil {
		s.err = err.Error()
		return s
	}
	s.status = resp.StatusCode()
	s.replayed = string(resp.Header.Peek("Idempotent-Replayed")) == "true"
	if decode || s.status >= 300 {
		var a answer
		if err := json.Unmarshal(resp.Body(), &a); err != nil && s.status < 300 {
			s.err = "the answer is not JSON: " + err.Error()
			return s
		}
		s.id, s.state = a.ID, a.Status
		if a.Position != nil {
			s.position = *a.Position
		}
		if s.status >= 300 {
			s.err = fmt.Sprintf("%d %s", s.status, a.Title)
		}
	}
	return s
}

// warm opens k keep-alive connections (k concurrent GET /healthz), so that no phase pays for its
// connections inside its measured time.
func warm(ctx context.Context, c *client, k int) {
	hammer(ctx, c, k, counter(k), func(int) (call, string) { return call{method: "GET", path: "/healthz"}, "" }, false)
}

// counter hands out 0..n-1.
func counter(n int) func() (int, bool) {
	var c atomic.Int64
	return func() (int, bool) {
		i := int(c.Add(1) - 1)
		return i, i < n
	}
}

// signupCall is volunteer i's signup for shift, as a client sends it: the token (none when
// empty), a fresh idempotency key, an empty JSON body.
func signupCall(shift int64, token, key string) call {
	x := call{method: "POST", path: "/api/v1/shifts/" + strconv.FormatInt(shift, 10) + "/signups", body: "{}",
		header: []string{"Idempotency-Key", key, "Content-Type", "application/json", "Accept-Language", "en"}}
	if token != "" {
		x.header = append(x.header, "Authorization", "Bearer "+token)
	}
	return x
}

// readPaths are what a browsing visitor asks for: the programme list and the event, as pages and
// through the API.
func readPaths(event int64) []string {
	id := strconv.FormatInt(event, 10)
	return []string{"/programme", "/events/" + id, "/api/v1/events", "/api/v1/events/" + id}
}

// runLoad sends the scenario's signups at base, and in browse the reads beside them.
func runLoad(ctx context.Context, cfg Config, base string, fx *fixture) (signups phase, reads *phase) {
	c := newClient(base, cfg.Clients)
	defer c.close()
	key := strconv.FormatInt(time.Now().UnixNano(), 36)
	build := func(i int) (call, string) {
		return signupCall(fx.shiftOf(i), fx.load[i].token, "lt-"+key+"-"+strconv.Itoa(i)), ""
	}
	warm(ctx, c, cfg.Clients)
	if cfg.Scenario != Browse {
		return hammer(ctx, c, cfg.Clients, counter(len(fx.load)), build, true), nil
	}
	readers := newClient(base, cfg.Readers)
	defer readers.close()
	warm(ctx, readers, cfg.Readers)
	paths := readPaths(fx.hotEvent)
	var signupsDone atomic.Bool
	deadline := time.Now().Add(cfg.Duration)
	var n atomic.Int64
	next := func() (int, bool) {
		if signupsDone.Load() && time.Now().After(deadline) {
			return 0, false
		}
		return int(n.Add(1) - 1), true
	}
	done := make(chan phase)
	go func() {
		done <- hammer(ctx, readers, cfg.Readers, next, readCall(paths), false)
	}()
	signups = hammer(ctx, c, cfg.Clients, counter(len(fx.load)), build, true)
	signupsDone.Store(true)
	r := <-done
	return signups, &r
}

// readCall makes read i: the paths in turn, in the three languages in turn, taking gzip as every
// browser does.
func readCall(paths []string) func(i int) (call, string) {
	return func(i int) (call, string) {
		p := paths[i%len(paths)]
		return call{method: "GET", path: p, header: []string{"Accept-Language", []string{"kk", "ru", "en"}[i%3], "Accept-Encoding", "gzip"}}, p
	}
}

// Stats are the figures of one phase.
type Stats struct {
	Requests  int            `json:"requests"`
	Seconds   float64        `json:"seconds"`
	Rate      float64        `json:"per_second"`
	P50       float64        `json:"p50_ms"`
	P95       float64        `json:"p95_ms"`
	P99       float64        `json:"p99_ms"`
	Max       float64        `json:"max_ms"`
	Errors    int            `json:"errors"`    // answers that are not 2xx, and requests with no answer
	NoAnswer  int            `json:"no_answer"` // of those: transport errors and timeouts
	Statuses  map[string]int `json:"statuses"`  // answers by status code
	FirstErrs []string       `json:"first_errors,omitempty"`
}

func summarize(ss []sample, seconds float64) Stats {
	st := Stats{Requests: len(ss), Seconds: seconds, Statuses: map[string]int{}}
	if seconds > 0 {
		st.Rate = float64(len(ss)) / seconds
	}
	lat := make([]time.Duration, 0, len(ss))
	for _, s := range ss {
		lat = append(lat, s.latency)
		if s.status == 0 {
			st.NoAnswer++
			st.Statuses["none"]++
		} else {
			st.Statuses[strconv.Itoa(s.status)]++
		}
		if s.status < 200 || s.status >= 300 || s.err != "" {
			st.Errors++
			if len(st.FirstErrs) < 5 {
				st.FirstErrs = append(st.FirstErrs, s.err)
			}
		}
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	st.P50, st.P95, st.P99 = percentile(lat, 50), percentile(lat, 95), percentile(lat, 99)
	if len(lat) > 0 {
		st.Max = ms(lat[len(lat)-1])
	}
	return st
}

// percentile is the nearest-rank percentile p of the sorted sample, in milliseconds.
func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100+0.999999) - 1
	return ms(sorted[min(max(rank, 0), len(sorted)-1)])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// summarizeWindow is the figures of the reads that started while the signups ran.
func summarizeWindow(ss []sample, seconds float64) *Stats {
	var in []sample
	for _, s := range ss {
		if s.start.Seconds() < seconds {
			in = append(in, s)
		}
	}
	st := summarize(in, seconds)
	return &st
}

// summarizePaths is the figures of each page read.
func summarizePaths(ss []sample, seconds float64) map[string]Stats {
	by := map[string][]sample{}
	for _, s := range ss {
		by[s.path] = append(by[s.path], s)
	}
	out := map[string]Stats{}
	for p, v := range by {
		out[p] = summarize(v, seconds)
	}
	return out
}

func (s Stats) line() string {
	return fmt.Sprintf("%d requests in %.2f s: %.0f/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d",
		s.Requests, s.Seconds, s.Rate, s.P50, s.P95, s.P99, s.Max, s.Errors)
}
