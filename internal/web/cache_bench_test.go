package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// BenchmarkReads measures the programme list and the event page as a visitor reads them (Kazakh,
// gzip), over real HTTP on loopback, on a city's data (100,000 volunteers, 5,000 events, 20,000
// shifts, 500,000 signups): served from the read cache, made afresh at every request (the cache
// off), and, as the baseline of the same run, a bare net/http handler that sends a page of the
// same size. Each reports its rate as a fraction of the bare handler's (x-bare) and its p99. The
// last two read while a flash crowd signs up for one shift at 10,000 signups a minute.
//
//	go test -run '^$' -bench Reads -benchtime 5s ./internal/web/
//
// ERIKTI_BENCH_ENGINE=postgres runs it on PostgreSQL (ERIKTI_TEST_POSTGRES).
func BenchmarkReads(b *testing.B) {
	engine := "sqlite"
	if e := os.Getenv("ERIKTI_BENCH_ENGINE"); e != "" {
		engine = e
	}
	dsn := storetest.DSN(b, engine)
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	seedCity(b, dsn)
	var hotEvent atomic.Int64 // the event of the flash crowd under way
	msgs, err := locale.Load()
	if err != nil {
		b.Fatal(err)
	}
	server := func(cacheBytes int64) *httptest.Server {
		h, err := New(st, msgs, slog.New(slog.NewTextHandler(io.Discard, nil)),
			Options{CacheBytes: cacheBytes, Password: auth.Params{Memory: 1024, Time: 1, Threads: 1}})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(h)
		b.Cleanup(srv.Close)
		return srv
	}
	cached, uncached := server(0), server(-1)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	get := func(url string) int {
		r, _ := http.NewRequest("GET", url, nil)
		r.Header.Set("Accept-Language", "kk")
		r.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(r)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", url, resp.StatusCode)
		}
		return int(n)
	}
	// the bare handler's page: as big as a programme page, gzipped
	size := get(cached.URL + "/programme")
	bareBody := make([]byte, size)
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bareBody)
	}))
	b.Cleanup(bare.Close)

	directions := []string{"", "ecology", "social", "culture", "animals", "mentoring", "sport", "emergency", "digital"}
	programme := func(base string) func(*rand.Rand) string {
		return func(rnd *rand.Rand) string {
			if d := directions[rnd.IntN(len(directions))]; d != "" {
				return base + "/programme?direction=" + d
			}
			return base + "/programme"
		}
	}
	event := func(base string) func(*rand.Rand) string {
		return func(rnd *rand.Rand) string { return fmt.Sprintf("%s/events/%d", base, 1+rnd.IntN(5000)) }
	}
	hot := func(base string) func(*rand.Rand) string {
		return func(rnd *rand.Rand) string {
			if rnd.IntN(2) == 0 {
				return fmt.Sprintf("%s/events/%d", base, hotEvent.Load())
			}
			return programme(base)(rnd)
		}
	}

	// every event page and programme list read once, as a day's visitors would have
	for _, base := range []string{cached.URL} {
		for id := 1; id <= 5000; id++ {
			get(fmt.Sprintf("%s/events/%d", base, id))
		}
		for _, d := range directions {
			get(base + "/programme?direction=" + d)
		}
	}
	var bareNs float64
	run := func(name string, url func(*rand.Rand) string, crowd bool) {
		b.Run(name, func(b *testing.B) {
			var stop func() int
			if crowd {
				stop = flashCrowd(b, st, &hotEvent)
			}
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(4) // 8 clients on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				rnd := rand.New(rand.NewPCG(rand.Uint64(), 1))
				mine := make([]time.Duration, 0, 1024)
				for pb.Next() {
					t0 := time.Now()
					get(url(rnd))
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			b.StopTimer()
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if name == "bare" {
				bareNs = ns
			} else if bareNs > 0 {
				b.ReportMetric(bareNs/ns, "x-bare")
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(1e9/ns, "req/s")
			if stop != nil {
				b.ReportMetric(float64(stop())/b.Elapsed().Minutes(), "signups/min")
			}
		})
	}
	// what the validators cost, read one at a time without HTTP: each cached answer pays one
	vs, err := st.Validators(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("validator/event", func(b *testing.B) {
		for i := range b.N {
			if _, _, err := vs.Event(context.Background(), int64(1+i%5000)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("validator/programme", func(b *testing.B) {
		for range b.N {
			if _, err := vs.Programme(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("bare", func(*rand.Rand) string { return bare.URL + "/" }, false)
	run("programme/cached", programme(cached.URL), false)
	run("programme/uncached", programme(uncached.URL), false)
	run("event/cached", event(cached.URL), false)
	run("event/uncached", event(uncached.URL), false)
	run("flash-crowd/cached", hot(cached.URL), true)
	run("flash-crowd/uncached", hot(uncached.URL), true)
}

// flashCrowd makes a new event with one shift of 450 places (as the opening ceremony's) and signs
// volunteers up for it at 10,000 a minute (one every 6 ms, at most 64 at once) until the function
// it returns is called, which tells how many signups were answered (450 confirmed, then the
// waitlist). Each crowd has an event of its own, on a day of its own, so that the city's 100,000
// volunteers are all free for it.
func flashCrowd(b *testing.B, st *store.Store, hot *atomic.Int64) func() int {
	day := crowds.Add(1)
	at := time.Now().AddDate(0, 1, int(day)).Truncate(time.Hour)
	e := domain.Event{OrgID: 1, Direction: "social", Title: domain.Text{KK: "Ашылу салтанаты", RU: "Церемония открытия", EN: "Opening ceremony"},
		Venue: domain.Text{KK: "Республика сарайы"}, District: "almaly", StartsAt: at, EndsAt: at.Add(4 * time.Hour), Status: domain.EventPublished,
		Shifts: []domain.Shift{{Role: domain.Text{KK: "Ерікті", RU: "Волонтёр", EN: "Volunteer"}, StartsAt: at, EndsAt: at.Add(4 * time.Hour), Capacity: 450}}}
	if err := st.CreateEvent(context.Background(), 0, &e); err != nil {
		b.Fatal(err)
	}
	shiftID := e.Shifts[0].ID
	hot.Store(e.ID)
	var n, next atomic.Int64
	done, inFlight := make(chan struct{}), make(chan struct{}, 64)
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(6 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				select {
				case inFlight <- struct{}{}: // at most 64 people pressing at once; the rest of the tick's are lost
				default:
					continue
				}
				uid := 1 + next.Add(1)%100000
				wg.Go(func() {
					defer func() { <-inFlight }()
					if _, _, err := st.SignUp(context.Background(), store.SignupRequest{ShiftID: shiftID, UserID: uid}); err == nil {
						n.Add(1)
					}
				})
			}
		}
	})
	return func() int { close(done); wg.Wait(); return int(n.Load()) }
}

var crowds atomic.Int64 // how many flash crowds the process has made, for their days

// seedCity writes a city's year into the database at dsn: an organization, 5,000 published events
// through the year in the eight directions, 4 shifts each (20,000), 100,000 volunteers and 25
// signups on every shift (500,000).
func seedCity(b *testing.B, dsn string) {
	b.Helper()
	db := storetest.Raw(b, dsn)
	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour).Unix()
	count := func(n int) string {
		return fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ", n)
	}
	dirs := `CASE i % 8 WHEN 0 THEN 'ecology' WHEN 1 THEN 'social' WHEN 2 THEN 'culture' WHEN 3 THEN 'animals'
		WHEN 4 THEN 'mentoring' WHEN 5 THEN 'sport' WHEN 6 THEN 'emergency' ELSE 'digital' END`
	for _, q := range []string{
		`INSERT INTO organizations (name_kk, status, created_at) VALUES ('Жасыл Алматы', 'verified', 0)`,
		`INSERT INTO events (org_id, direction, title_kk, title_ru, title_en, description_kk, description_ru, description_en,
			venue_kk, district, starts_at, ends_at, status, search_text, created_at, updated_at) ` + count(5000) +
			fmt.Sprintf(`SELECT 1, %s, 'Көктемгі сенбілік ' || i, 'Весенний субботник ' || i, 'Spring clean-up ' || i,
			'Қаланың саябақтарын тазалаймыз, ағаш отырғызамыз және қоқысты сұрыптаймыз.', 'Убираем парки города, сажаем деревья и сортируем мусор.',
			'We clean the city''s parks, plant trees and sort waste.', 'Орталық саябақ', 'medeu', %d + i * 6000, %d + i * 6000 + 14400,
			'published', 'көктемгі сенбілік ' || i, 0, 0 FROM n`, dirs, start, start),
		`INSERT INTO shifts (event_id, role_kk, role_ru, role_en, starts_at, ends_at, capacity, confirmed_count)
			SELECT e.id, 'Көмекші ' || k.i, 'Помощник ' || k.i, 'Helper ' || k.i, e.starts_at + k.i * 3600, e.starts_at + k.i * 3600 + 3600,
			30, 25
			FROM events e CROSS JOIN (` + count(4) + `SELECT i FROM n) k`,
		`INSERT INTO users (email, name, password_hash, birth_date, created_at) ` + count(100000) +
			`SELECT 'v' || i || '@example.kz', 'Ерікті ' || i, 'x', '1995-01-01', 0 FROM n`,
		`INSERT INTO signups (shift_id, user_id, status, created_at, updated_at)
			SELECT sh.id, 1 + (sh.id * 25 + k.i) % 100000, 'confirmed', 0, 0
			FROM shifts sh CROSS JOIN (` + count(25) + `SELECT i FROM n) k`,
	} {
		if _, err := db.Exec(q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
}
