package web

import (
	"context"
	"fmt"
	"testing"

	"erikti/internal/demo"
)

// On a big data set (a hundredth of the city, on top of the demo) the API lists every event of
// the programme (when=all: past and upcoming), page after page, and shows an event with its shifts' counts; the pages answer.
func TestScaleDataSetIsServed(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		loadDemo(t, a)
		ids, err := a.store.ScaleNextIDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sc := demo.ScaleCity.Fraction(100)
		if _, err := demo.LoadScale(ctx, a.store, sc, a.clock.now()); err != nil {
			t.Fatal(err)
		}
		counts, err := a.store.ScaleCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		listed, cursor, pages := 0, "", 0
		seen := map[int64]bool{}
		for {
			r := a.must(200, req{method: "GET", path: "/api/v1/events?when=all&limit=200&cursor=" + cursor})
			for _, it := range r.body["items"].([]any) {
				id := int64(it.(map[string]any)["id"].(float64))
				if seen[id] {
					t.Fatalf("event %d listed twice", id)
				}
				seen[id] = true
				listed++
			}
			pages++
			next, _ := r.body["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		if int64(listed) != counts.Listed || pages < 2 {
			t.Fatalf("the API listed %d events in %d pages; the programme has %d", listed, pages, counts.Listed)
		}
		// the busiest shift of the data set, through the API
		best, bestEvent := 0.0, int64(0)
		for id := ids.Events + 1; id <= ids.Events+int64(sc.Events); id++ {
			r := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", id)})
			if r.status == 404 {
				continue // a draft is seen only by its organization
			}
			if r.status != 200 {
				t.Fatalf("event %d: %d %s", id, r.status, r.raw)
			}
			for _, sh := range r.body["shifts"].([]any) {
				m := sh.(map[string]any)
				if m["confirmed"].(float64) > m["capacity"].(float64) {
					t.Fatalf("event %d: an overbooked shift %v", id, m)
				}
				if w := m["waitlisted"].(float64); w > best {
					best, bestEvent = w, id
					if m["places_left"].(float64) != 0 {
						t.Fatalf("event %d: a waitlist beside free places %v", id, m)
					}
				}
			}
		}
		if best == 0 {
			t.Fatal("no shift of the data set has a waitlist")
		}
		for _, path := range []string{"/", "/programme", fmt.Sprintf("/events/%d", bestEvent), "/fair"} {
			a.must(200, req{method: "GET", path: path})
		}
	})
}
