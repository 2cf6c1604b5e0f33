package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// newClient is the one client every phase uses: keep-alive connections to loopback, enough idle
// ones kept for k concurrent requests, no compression.
func newClient(k int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        2 * k,
			MaxIdleConnsPerHost: 2 * k,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		Timeout: 60 * time.Second,
	}
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
// request i. Each goroutine keeps its own samples, merged at the end.
func hammer(ctx context.Context, client *http.Client, k int, next func() (int, bool), build func(i int) (*http.Request, string, error), decode bool) phase {
	began := time.Now()
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []sample
			for {
				i, ok := next()
				if !ok || ctx.Err() != nil {
					break
				}
				req, path, err := build(i)
				if err != nil {
					mine = append(mine, sample{i: i, err: err.Error()})
					continue
				}
				mine = append(mine, do(client, req, i, path, began, decode))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return phase{samples: all, seconds: time.Since(began).Seconds()}
}

// do sends one request and reads its whole answer, so that the connection is reused.
func do(client *http.Client, req *http.Request, i int, path string, began time.Time, decode bool) sample {
	t0 := time.Now()
	s := sample{i: i, path: path, start: t0.Sub(began)}
	resp, err := client.Do(req)
	if err != nil {
		s.latency, s.err = time.Since(t0), err.Error()
		return s
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	s.latency, s.status = time.Since(t0), resp.StatusCode
	s.replayed = resp.Header.Get("Idempotent-Replayed") == "true"
	if err != nil {
		s.status, s.err = 0, "reading the answer: "+err.Error()
		return s
	}
	if decode || resp.StatusCode >= 300 {
		var a answer
		if err := json.Unmarshal(body, &a); err != nil && resp.StatusCode < 300 {
			s.err = "the answer is not JSON: " + err.Error()
			return s
		}
		s.id, s.state = a.ID, a.Status
		if a.Position != nil {
			s.position = *a.Position
		}
		if resp.StatusCode >= 300 {
			s.err = fmt.Sprintf("%d %s", resp.StatusCode, a.Title)
		}
	}
	return s
}

// warm opens k keep-alive connections to base (k concurrent GET /healthz), so that no phase
// pays for its connections inside its measured time.
func warm(ctx context.Context, client *http.Client, k int, base string) {
	hammer(ctx, client, k, counter(k), func(int) (*http.Request, string, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		return req, "", err
	}, false)
}

// counter hands out 0..n-1.
func counter(n int) func() (int, bool) {
	var c atomic.Int64
	return func() (int, bool) {
		i := int(c.Add(1) - 1)
		return i, i < n
	}
}

// signupRequest is volunteer i's signup for shift, as a client sends it: the token, a fresh
// idempotency key, an empty JSON body.
func signupRequest(ctx context.Context, base string, shift int64, token, key string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/shifts/"+strconv.FormatInt(shift, 10)+"/signups", strings.NewReader("{}"))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "en")
	return req, nil
}

// readPaths are what a browsing visitor asks for: the programme list and the event, as pages and
// through the API.
func readPaths(event int64) []string {
	id := strconv.FormatInt(event, 10)
	return []string{"/programme", "/events/" + id, "/api/v1/events", "/api/v1/events/" + id}
}

// runLoad sends the scenario's signups at base, and in browse the reads beside them.
func runLoad(ctx context.Context, cfg Config, base string, fx *fixture) (signups phase, reads *phase) {
	client := newClient(cfg.Clients)
	defer client.CloseIdleConnections()
	key := strconv.FormatInt(time.Now().UnixNano(), 36)
	build := func(i int) (*http.Request, string, error) {
		req, err := signupRequest(ctx, base, fx.shiftOf(i), fx.load[i].token, "lt-"+key+"-"+strconv.Itoa(i))
		return req, "", err
	}
	warm(ctx, client, cfg.Clients, base)
	if cfg.Scenario != Browse {
		return hammer(ctx, client, cfg.Clients, counter(len(fx.load)), build, true), nil
	}
	readers := newClient(cfg.Readers)
	defer readers.CloseIdleConnections()
	warm(ctx, readers, cfg.Readers, base)
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
		done <- hammer(ctx, readers, cfg.Readers, next, func(i int) (*http.Request, string, error) {
			p := paths[i%len(paths)]
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+p, nil)
			if req != nil {
				req.Header.Set("Accept-Language", []string{"kk", "ru", "en"}[i%3])
			}
			return req, p, err
		}, false)
	}()
	signups = hammer(ctx, client, cfg.Clients, counter(len(fx.load)), build, true)
	signupsDone.Store(true)
	r := <-done
	return signups, &r
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
