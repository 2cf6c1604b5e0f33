package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"erikti/internal/store"
)

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	signups  *prometheus.CounterVec
	cache    *prometheus.CounterVec
	// refusals not written into the audit log, the budget for them being spent (refusals.go)
	refusalsSuppressed *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer, st *store.Store) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "erikti_http_requests_total", Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "erikti_http_request_duration_seconds", Help: "HTTP request duration by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		signups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "erikti_signups_total", Help: "Signups taken, by the status they got.",
		}, []string{"status"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "erikti_read_cache_requests_total", Help: "Reads of the programme and event pages and their API by the read cache's answer: hit, miss (made afresh) or bypass (a signed-in reader, a draft, a query the cache does not keep).",
		}, []string{"result"}),
		refusalsSuppressed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "erikti_audit_refusals_suppressed_total", Help: "Refused requests not written into the audit log because the budget for refusals (20 a minute per account or address, 600 a minute in all) was spent, by audit action.",
		}, []string{"action"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.signups, m.cache, m.refusalsSuppressed, newJobsCollector(st)} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("web: metrics: %w", err)
		}
	}
	return m, nil
}

// jobsCollector reports the job table's jobs by state when /metrics is read: a parked job is a mail
// someone did not get.
type jobsCollector struct {
	st   *store.Store
	desc *prometheus.Desc
}

func newJobsCollector(st *store.Store) jobsCollector {
	return jobsCollector{st, prometheus.NewDesc("erikti_jobs", "Jobs in the job table by state (pending, running, done, parked).", []string{"state"}, nil)}
}

func (c jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.st.JobCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), state)
	}
}

func (m *metrics) observe(r *http.Request, status int, d time.Duration) {
	route := r.Pattern
	if route == "" || route == "/" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.opt.Gatherer, promhttp.HandlerOpts{})
}
