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
// again behind it. They are a year's totals, not a shift's places left, which are never kept.
type figuresMemo struct {
	ttl time.Duration
	now func() time.Time

	mu         sync.Mutex
	from, to   time.Time
	at         time.Time // when val was counted; zero before the first count
	val        store.Figures
	refreshing bool
}

// get returns the figures of [from, to), counted by count when they are older than ttl.
func (m *figuresMemo) get(ctx context.Context, from, to time.Time, count func(context.Context, time.Time, time.Time) (store.Figures, error)) (store.Figures, error) {
	m.mu.Lock()
	if !m.at.IsZero() && m.from.Equal(from) && m.to.Equal(to) {
		val := m.val
		if m.now().Sub(m.at) >= m.ttl && !m.refreshing {
			m.refreshing = true
			go m.refresh(context.WithoutCancel(ctx), from, to, count)
		}
		m.mu.Unlock()
		return val, nil
	}
	m.mu.Unlock()
	f, err := count(ctx, from, to)
	if err != nil {
		return f, err
	}
	m.keep(from, to, f)
	return f, nil
}

func (m *figuresMemo) refresh(ctx context.Context, from, to time.Time, count func(context.Context, time.Time, time.Time) (store.Figures, error)) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	f, err := count(ctx, from, to)
	m.mu.Lock()
	m.refreshing = false
	m.mu.Unlock()
	if err == nil {
		m.keep(from, to, f)
	}
}

func (m *figuresMemo) keep(from, to time.Time, f store.Figures) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.from, m.to, m.at, m.val = from, to, m.now(), f
}
