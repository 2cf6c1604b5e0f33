package web

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"erikti/internal/domain"
)

// A refused request writes a row into the audit log, which is never deleted from; so that no client
// can grow it at will, refusals are written within a budget: at most refusalsPerSource rows a
// minute for one source (an account, or else an address — an IPv6 address by its /64), and
// refusalsTotal a minute in all. What the budget does not take is counted in the metric
// erikti_audit_refusals_suppressed_total instead. Every text of a row is cut (refusalTextMax),
// so anonymous clients together write at most refusalsTotal × ~0.5 KB a minute.
const (
	refusalsPerSource = 20
	refusalsTotal     = 600
	refusalTextMax    = 256
)

// refusalBudget counts the refusals written in the current minute.
type refusalBudget struct {
	mu       sync.Mutex
	window   time.Duration
	start    time.Time
	total    int
	bySource map[string]int // holds at most refusalsTotal sources: only those written
}

func newRefusalBudget() *refusalBudget {
	return &refusalBudget{window: time.Minute, bySource: map[string]int{}}
}

// take reports whether a refusal of source may be written now, and counts it if so.
func (b *refusalBudget) take(source string, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if now.Sub(b.start) >= b.window || now.Before(b.start) {
		b.start, b.total = now.Truncate(b.window), 0
		clear(b.bySource)
	}
	if b.total >= refusalsTotal || b.bySource[source] >= refusalsPerSource {
		return false
	}
	b.total++
	b.bySource[source]++
	return true
}

// refusalSource is whom a refusal is counted against: the account when known, else the address,
// an IPv6 address by its /64 (one subscriber's whole network).
func refusalSource(actor int64, addr string) string {
	if actor > 0 {
		return "u" + strconv.FormatInt(actor, 10)
	}
	if ip := net.ParseIP(addr); ip != nil && ip.To4() == nil {
		return "n" + ip.Mask(net.CIDRMask(64, 128)).String()
	}
	return "a" + addr
}

// recordRefusal writes a refused request into the audit log within the budget, its texts cut, or
// counts it in the metrics when the budget is spent.
func (s *Server) recordRefusal(r *http.Request, actor int64, action, entity string, entityID int64, detail map[string]any) {
	if !s.refusals.take(refusalSource(actor, clientAddr(r)), s.opt.Now()) {
		s.metrics.refusalsSuppressed.WithLabelValues(action).Inc()
		return
	}
	for k, v := range detail {
		if t, ok := v.(string); ok {
			detail[k] = domain.CutText(t, refusalTextMax)
		}
	}
	if err := s.store.Record(r.Context(), actor, action, entity, entityID, detail); err != nil {
		s.log.Error("audit", "action", action, "err", err)
	}
}

// recordDenied writes a refused permission into the audit log: who (when known), what, from where.
func (s *Server) recordDenied(r *http.Request) {
	var actor int64
	if u, ok := r.Context().Value(userKey{}).(*domain.User); ok && u != nil {
		actor = u.ID
	} else if u, err := s.optionalUser(r); err == nil {
		actor = u.ID
	}
	s.recordRefusal(r, actor, "access.denied", "route", 0, map[string]any{"method": r.Method, "path": r.URL.Path})
}
