package store_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/export"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// BenchmarkExport measures an export of the whole city's 500,000 signups, streamed from
// EachSignupRow to io.Discard as CSV and as XLSX, on SQLite, with the peak memory of each; beside
// a baseline measured in the same run: the same rows read from the database and thrown away,
// with no file written.
//
//	go test -run '^$' -bench Export -benchtime 1x ./internal/store/
func BenchmarkExport(b *testing.B) {
	const shifts, perShift = 1000, 500 // 500,000 signups: 400 confirmed and 100 waiting on each shift
	s := storetest.Open(b, "sqlite", store.Options{})
	seedExport(b, s, shifts, perShift)
	run := func(name string, write func(io.Writer) (func(store.SignupRow) error, func() error)) {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				peak := sampleMemory()
				fn, done := write(io.Discard)
				n := 0
				if err := s.EachSignupRow(ctx, store.SignupFilter{Cancelled: true}, func(r store.SignupRow) error { n++; return fn(r) }); err != nil {
					b.Fatal(err)
				}
				if err := done(); err != nil {
					b.Fatal(err)
				}
				heap, sys, rss := peak()
				if n != shifts*perShift {
					b.Fatalf("%d rows, want %d", n, shifts*perShift)
				}
				b.ReportMetric(float64(n), "rows")
				b.ReportMetric(heap/(1<<20), "peak-heap-MiB")
				b.ReportMetric(sys/(1<<20), "peak-sys-MiB")
				if rss > 0 {
					b.ReportMetric(rss/(1<<20), "peak-rss-MiB")
				}
			}
		})
	}
	run("sqlite/baseline-read", func(io.Writer) (func(store.SignupRow) error, func() error) {
		return func(store.SignupRow) error { return nil }, func() error { return nil }
	})
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		run("sqlite/"+string(f), func(w io.Writer) (func(store.SignupRow) error, func() error) {
			xw, err := export.New(f, w)
			if err != nil {
				b.Fatal(err)
			}
			if err := xw.Write("Іс-шара", "Рөл", "Басталуы", "Ұйым", "Ерікті", "Күйі", "Кезектегі орны", "Жазылған уақыты"); err != nil {
				b.Fatal(err)
			}
			cells := make([]any, 0, 8)
			return func(r store.SignupRow) error {
				cells = append(cells[:0], r.EventTitle.In("kk"), r.ShiftRole.In("kk"), r.ShiftStart.Format("2006-01-02 15:04"), r.OrgName.In("kk"),
					r.VolunteerName, string(r.Status), r.WaitlistPosition, r.SignedUpAt.Format("2006-01-02 15:04"))
				return xw.Write(cells...)
			}, xw.Close
		})
	}
}

// seedExport writes one organization, 100 events of 10 shifts, perShift accounts and a signup of
// each on every shift, straight into the tables with INSERT … SELECT over a counting CTE.
func seedExport(b *testing.B, s *store.Store, shifts, perShift int) {
	b.Helper()
	org := domain.Organization{Name: domain.Text{KK: "Жасыл Алматы"}, Status: domain.OrgVerified}
	if err := s.CreateOrganization(ctx, 0, &org); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 12, 10, 4, 0, 0, 0, time.UTC).Unix()
	count := func(n int) string {
		return fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ", n)
	}
	waiting := perShift / 5
	for _, q := range []string{
		`INSERT INTO events (org_id, direction, title_kk, title_ru, title_en, venue_kk, district, starts_at, ends_at, status, created_at, updated_at) ` +
			count(shifts/10) + fmt.Sprintf(`SELECT %d, 'ecology', 'Көктемгі сенбілік ' || i, 'Весенний субботник ' || i, 'Spring clean-up ' || i,
			'Орталық саябақ', 'medeu', %d + i * 86400, %d + i * 86400 + 14400, 'published', %d, %d FROM n`, org.ID, start, start, start, start),
		`INSERT INTO shifts (event_id, role_kk, role_ru, role_en, starts_at, ends_at, capacity, confirmed_count, waitlisted_count, waitlist_seq) ` +
			fmt.Sprintf(`SELECT e.id, 'Көмекші ' || k.i, 'Помощник ' || k.i, 'Helper ' || k.i, e.starts_at, e.ends_at, %d, %d, %d, %d
			FROM events e CROSS JOIN (`, perShift-waiting, perShift-waiting, waiting, waiting) + count(10) + `SELECT i FROM n) k`,
		`INSERT INTO users (email, name, password_hash, birth_date, created_at) ` + count(perShift) +
			fmt.Sprintf(`SELECT 'v' || i || '@example.kz', 'Ерікті Әлиқызы ' || i, 'x', '1995-01-01', %d FROM n`, start),
		fmt.Sprintf(`INSERT INTO signups (shift_id, user_id, status, waitlist_seq, created_at, updated_at)
			SELECT sh.id, u.id, CASE WHEN u.id <= %d THEN 'confirmed' ELSE 'waitlisted' END, CASE WHEN u.id <= %d THEN NULL ELSE u.id END, %d + u.id, %d + u.id
			FROM shifts sh CROSS JOIN users u`, perShift-waiting, perShift-waiting, start, start),
	} {
		if err := s.ExecForTest(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	runtime.GC()
}

// sampleMemory watches the Go heap (HeapInuse) and all memory the Go runtime took from the
// system (Sys) every 2 ms until the function it returns is called, which gives the peaks and the
// process's peak resident set (VmHWM, reset at the start where Linux allows it; 0 elsewhere),
// which also counts SQLite's own memory.
func sampleMemory() func() (heap, sys, rss float64) {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM to the current RSS
	var mu sync.Mutex
	var maxHeap, maxSys uint64
	stop, done := make(chan struct{}), make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		maxHeap, maxSys = max(maxHeap, m.HeapInuse), max(maxSys, m.Sys)
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() (float64, float64, float64) {
		sample()
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return float64(maxHeap), float64(maxSys), float64(peakRSS())
	}
}

// peakRSS is VmHWM from /proc/self/status in bytes, or 0 where there is none.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkHoursExport measures an export of the whole city's hours: the 500,000 signups of
// BenchmarkExport each with a claim from its check-out, and every second claim approved (750,000
// ledger entries), streamed from EachHoursRow to io.Discard as CSV and as XLSX on SQLite, with
// the peak memory of each; beside a baseline: the same rows read and thrown away.
//
//	go test -run '^$' -bench HoursExport -benchtime 1x ./internal/store/
func BenchmarkHoursExport(b *testing.B) {
	const shifts, perShift = 1000, 500
	s := storetest.Open(b, "sqlite", store.Options{})
	seedExport(b, s, shifts, perShift)
	start := time.Date(2026, 12, 10, 4, 0, 0, 0, time.UTC).Unix()
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO hours_ledger (user_id, signup_id, shift_id, org_id, kind, minutes, refers_to, reason, actor_id, created_at, prev_hash, hash)
			SELECT g.user_id, g.id, g.shift_id, (SELECT MIN(id) FROM organizations), 'checkin', 120, 0, '', 0, %d, '', '' FROM signups g ORDER BY g.id`, start),
		`INSERT INTO hours_ledger (user_id, signup_id, shift_id, org_id, kind, minutes, refers_to, reason, actor_id, created_at, prev_hash, hash)
			SELECT user_id, signup_id, shift_id, org_id, 'approved', minutes, id, '', 0, created_at + 3600, '', '' FROM hours_ledger WHERE id % 2 = 0 ORDER BY id`,
	} {
		if err := s.ExecForTest(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	runtime.GC()
	run := func(name string, write func(io.Writer) (func(store.HoursRow) error, func() error)) {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				peak := sampleMemory()
				fn, done := write(io.Discard)
				n, approved := 0, 0
				if err := s.EachHoursRow(ctx, store.HoursFilter{}, func(r store.HoursRow) error {
					n++
					if r.Status == domain.LedgerApproved {
						approved++
					}
					return fn(r)
				}); err != nil {
					b.Fatal(err)
				}
				if err := done(); err != nil {
					b.Fatal(err)
				}
				heap, sys, rss := peak()
				if n != shifts*perShift || approved != n/2 {
					b.Fatalf("%d rows (%d approved), want %d (half approved)", n, approved, shifts*perShift)
				}
				b.ReportMetric(float64(n), "rows")
				b.ReportMetric(heap/(1<<20), "peak-heap-MiB")
				b.ReportMetric(sys/(1<<20), "peak-sys-MiB")
				if rss > 0 {
					b.ReportMetric(rss/(1<<20), "peak-rss-MiB")
				}
			}
		})
	}
	run("sqlite/baseline-read", func(io.Writer) (func(store.HoursRow) error, func() error) {
		return func(store.HoursRow) error { return nil }, func() error { return nil }
	})
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		run("sqlite/"+string(f), func(w io.Writer) (func(store.HoursRow) error, func() error) {
			xw, err := export.New(f, w)
			if err != nil {
				b.Fatal(err)
			}
			if err := xw.Write("Іс-шара", "Бағыт", "Басталуы", "Ұйым", "Ерікті", "Қайдан", "Минут", "Сағат", "Күйі", "Жазылған", "Шешім", "Себебі"); err != nil {
				b.Fatal(err)
			}
			cells := make([]any, 0, 12)
			return func(r store.HoursRow) error {
				decided := ""
				if !r.DecidedAt.IsZero() {
					decided = r.DecidedAt.Format("2006-01-02 15:04")
				}
				cells = append(cells[:0], r.EventTitle.In("kk"), r.Direction, r.ShiftStart.Format("2006-01-02 15:04"), r.OrgName.In("kk"), r.VolunteerName,
					r.Kind, r.Minutes, float64(r.Minutes)/60, r.Status, r.EnteredAt.Format("2006-01-02 15:04"), decided, r.Reason)
				return xw.Write(cells...)
			}, xw.Close
		})
	}
}
