package store

import (
	"context"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// Figures are the programme's numbers over a period: what the home page and the Front Office show.
type Figures struct {
	Planned     int // published events starting in the period
	Held        int // of those, the ones that have ended
	Volunteers  int // people holding a confirmed place on those events
	Confirmed   int // confirmed places on those events
	ByDirection []DirectionFigures
}

// DirectionFigures are the Figures of one direction.
type DirectionFigures struct {
	Direction                          string
	Planned, Held, Confirmed, Capacity int
}

// Figures counts the published events starting in [from, to).
func (s *Store) Figures(ctx context.Context, from, to time.Time) (Figures, error) {
	r := s.read(ctx)
	now := s.now().Unix()
	f := Figures{}
	byDir := map[string]*DirectionFigures{}
	for _, d := range domain.Directions() {
		f.ByDirection = append(f.ByDirection, DirectionFigures{Direction: d.Code})
	}
	for i := range f.ByDirection {
		byDir[f.ByDirection[i].Direction] = &f.ByDirection[i]
	}
	rows, err := r.Query(`SELECT e.direction, COUNT(*), SUM(CASE WHEN e.ends_at <= ? THEN 1 ELSE 0 END),
		COALESCE(SUM((SELECT COALESCE(SUM(s.confirmed_count), 0) FROM shifts s WHERE s.event_id = e.id)), 0),
		COALESCE(SUM((SELECT COALESCE(SUM(s.capacity), 0) FROM shifts s WHERE s.event_id = e.id)), 0)
		FROM events e WHERE e.status = 'published' AND e.starts_at >= ? AND e.starts_at < ? GROUP BY e.direction`,
		now, unix(from), unix(to))
	if err != nil {
		return f, fmt.Errorf("store: figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d DirectionFigures
		if err := rows.Scan(&d.Direction, &d.Planned, &d.Held, &d.Confirmed, &d.Capacity); err != nil {
			return f, fmt.Errorf("store: figures: %w", err)
		}
		if p := byDir[d.Direction]; p != nil {
			*p = d
		}
		f.Planned += d.Planned
		f.Held += d.Held
		f.Confirmed += d.Confirmed
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("store: figures: %w", err)
	}
	err = r.QueryRow(`SELECT COUNT(DISTINCT g.user_id) FROM signups g JOIN shifts s ON s.id = g.shift_id
		JOIN events e ON e.id = s.event_id
		WHERE g.status = 'confirmed' AND e.status = 'published' AND e.starts_at >= ? AND e.starts_at < ?`,
		unix(from), unix(to)).Scan(&f.Volunteers)
	if err != nil {
		return f, fmt.Errorf("store: figures: %w", err)
	}
	return f, nil
}

// MonthCounts are one direction's events in each month of a year (index 0 is January).
type MonthCounts struct {
	Events [12]int // not cancelled: drafts and published
	Held   [12]int // published and ended
	Coming [12]int // not cancelled and not ended: drafts and published still to come
}

// MonthPlan counts the events that are not cancelled (drafts and published) starting in year, by
// direction and by month of Almaty's calendar, and of those the held and the coming ones. A draft
// whose time has passed counts in Events only: it was never held and is no longer coming.
func (s *Store) MonthPlan(ctx context.Context, year int) (map[string]MonthCounts, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, domain.Almaty())
	to := from.AddDate(1, 0, 0)
	now := s.now().Unix()
	rows, err := s.read(ctx).Query(`SELECT direction, starts_at, ends_at, status FROM events
		WHERE status <> 'cancelled' AND starts_at >= ? AND starts_at < ?`, unix(from), unix(to))
	if err != nil {
		return nil, fmt.Errorf("store: month plan: %w", err)
	}
	defer rows.Close()
	out := map[string]MonthCounts{}
	for rows.Next() {
		var dir string
		var status domain.EventStatus
		var at, ends int64
		if err := rows.Scan(&dir, &at, &ends, &status); err != nil {
			return nil, fmt.Errorf("store: month plan: %w", err)
		}
		m := out[dir]
		i := fromUnix(at).In(domain.Almaty()).Month() - 1
		m.Events[i]++
		switch {
		case ends > now:
			m.Coming[i]++
		case status == domain.EventPublished:
			m.Held[i]++
		}
		out[dir] = m
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: month plan: %w", err)
	}
	return out, nil
}
