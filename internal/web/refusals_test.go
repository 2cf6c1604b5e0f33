package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"erikti/internal/store"
)

// atMinuteStart moves a's clock to just after the start of a minute, so that a burst of requests
// falls within one minute of the refusal budget.
func atMinuteStart(a *app) {
	a.clock.mu.Lock()
	defer a.clock.mu.Unlock()
	now := time.Now().Add(a.clock.off)
	a.clock.off += now.Truncate(time.Minute).Add(time.Minute + time.Second).Sub(now)
}

// TestRefusalsCannotFloodTheAuditLog: fifty anonymous cross-origin posts with 60,000-character
// paths write at most the budget of one source into the audit log that is never deleted, each row
// small; the rest are counted in the metrics. Another source still gets its own rows.
func TestRefusalsCannotFloodTheAuditLog(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		atMinuteStart(a)
		long := "/" + strings.Repeat("a", 60000)
		for range 50 {
			r, err := http.NewRequest("POST", a.srv.URL+long, strings.NewReader("x=1"))
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.Header.Set("Origin", "https://attacker.example")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			rep, err := a.srv.Client().Do(r)
			if err != nil {
				t.Fatal(err)
			}
			rep.Body.Close()
			if rep.StatusCode != 403 {
				t.Fatalf("a cross-origin post: %d, want 403", rep.StatusCode)
			}
		}
		rows, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "access.denied", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		size := 0
		for _, e := range rows {
			size += len(e.Detail) + len(e.Origin)
		}
		if len(rows) != refusalsPerSource || size > refusalsPerSource*400 {
			t.Errorf("50 refusals wrote %d rows of %d bytes, want %d rows of at most 400 bytes each", len(rows), size, refusalsPerSource)
		}
		s := a.srv.Config.Handler.(*Server)
		var m dto.Metric
		if err := s.metrics.refusalsSuppressed.WithLabelValues("access.denied").Write(&m); err != nil {
			t.Fatal(err)
		}
		if n := m.GetCounter().GetValue(); n != 50-refusalsPerSource {
			t.Errorf("suppressed refusals counted: %v, want %d", n, 50-refusalsPerSource)
		}

		// a signed-in volunteer is a source of their own
		v := a.register("Арман Сейітов", "2001-03-04")
		a.must(403, req{method: "GET", path: "/api/v1/signups/export", token: v.token})
		rows, err = a.store.AuditLog(context.Background(), store.AuditFilter{Action: "access.denied", ActorID: v.ID, Limit: 10})
		if err != nil || len(rows) != 1 {
			t.Errorf("the volunteer's refusal: %d rows, %v", len(rows), err)
		}
	})
}

func TestRefusalBudgetPerSourceAndInAll(t *testing.T) {
	b := newRefusalBudget()
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	taken := 0
	for i := range 2000 {
		if b.take(refusalSource(0, "192.0.2."+string(rune('0'+i%40))), now) {
			taken++
		}
	}
	if taken != refusalsTotal {
		t.Errorf("2000 refusals from 40 addresses in a minute: %d written, want %d", taken, refusalsTotal)
	}
	// IPv6 addresses of one /64 are one source
	b = newRefusalBudget()
	taken = 0
	for i := range 100 {
		addr := "2001:db8:1:2::" + strings.Repeat("f", 1+i%4)
		if b.take(refusalSource(0, addr), now) {
			taken++
		}
	}
	if taken != refusalsPerSource {
		t.Errorf("100 refusals from one /64: %d written, want %d", taken, refusalsPerSource)
	}
	// a new minute, a new budget
	if !b.take(refusalSource(0, "2001:db8:1:2::1"), now.Add(time.Minute)) {
		t.Error("the next minute's first refusal was not written")
	}
}
