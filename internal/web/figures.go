package web

import (
	"context"
	"sync"
	"time"

	"erikti/internal/store"
)

// figuresMemo keeps the home page's figures of the year. They count every confirmed signup of the
// year's events — at a city's scale half a million rows, a scan that takes seconds — so they are
// counted at most once every ttl, by one request at a time: the first page of a year waits for
// them; after that a page is served the last count, at most ttl old, while one request counts
// again behind it. A count that takes long is made less often, at most once every ten times
// its last length (a country's 5,000,000 signups take seconds to count), so that counting
// never takes more than a tenth of a core. They are a year's totals, not a shift's places left,
// which are never kept.
type figuresMemo struct {
	ttl time.Duration
	now func() time.Time

	mu         sync.Mutex
	from, to   time.Time
	at         time.Time     // when val was counted; zero before the first count
	took       time.Duration // how long that count took
	val        store.Figures
	refreshing bool
}

// stale reports whether the kept figures are due to be counted again; the caller holds mu.
func (m *figuresMemo) stale() bool {
	return m.now().Sub(m.at) >= max(m.ttl, 10*m.took)
}

// count counts the figures and reports how long it took.
func (m *figuresMemo) count(ctx context.Context, from, to time.Time, count func(context.Context, time.Time, time.Time) (store.Figures, error)) (store.Figures, time.Duration, error) {
	t0 := m.now()
	f, err := count(ctx, from, to)
	return f, m.now().Sub(t0), err
}

// get returns the figures of [from, to), counted by count when they are older than ttl.
func (m *figuresMemo) get(ctx context.Context, from, to time.Time, count func(context.Context, time.Time, time.Time) (store.Figures, error)) (store.Figures, error) {
	m.mu.Lock()
	if !m.at.IsZero() && m.from.Equal(from) && m.to.Equal(to) {
		val := m.val
		if m.stale() && !m.refreshing {
			m.refreshing = true
			go m.refresh(context.WithoutCancel(ctx), from, to, count)
		}
		m.mu.Unlock()
		return val, nil
	}
	m.mu.Unlock()
	f, took, err := m.count(ctx, from, to, count)
	if err != nil {
		return f, err
	}
	m.keep(from, to, f, took)
	return f, nil
}

func (m *figuresMemo) refresh(ctx context.Context, from, to time.Time, count func(context.Context, time.Time, time.Time) (store.Figures, error)) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	f, took, err := m.count(ctx, from, to, count)
	m.mu.Lock()
	m.refreshing = false
	m.mu.Unlock()
	if err == nil {
		m.keep(from, to, f, took)
	}
}

func (m *figuresMemo) keep(from, to time.Time, f store.Figures, took time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.from, m.to, m.at, m.took, m.val = from, to, m.now(), took, f
}
