package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The plan's month grid (issue 17): an event not cancelled counts in its month of Almaty's
// calendar; while it has not ended it is coming, a draft as well as a published one; once ended a
// published event is held, and a draft whose time passed is neither; a cancelled one counts nowhere.
func TestMonthPlanHeldAndComing(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s) // published, ecology, a week ahead, eight hours long
		for _, st := range []domain.EventStatus{domain.EventDraft, domain.EventCancelled} {
			e := f.event
			e.ID, e.Status, e.Shifts = 0, st, nil
			if err := s.CreateEvent(ctx, 0, &e); err != nil {
				t.Fatal(err)
			}
		}
		at := f.event.StartsAt.In(domain.Almaty())
		m := at.Month() - 1
		check := func(events, held, coming int) {
			t.Helper()
			plan, err := s.MonthPlan(ctx, at.Year())
			if err != nil {
				t.Fatal(err)
			}
			got := plan["ecology"]
			if got.Events[m] != events || got.Held[m] != held || got.Coming[m] != coming {
				t.Fatalf("month %d: %d events, %d held, %d coming; want %d, %d, %d", m+1, got.Events[m], got.Held[m], got.Coming[m], events, held, coming)
			}
			for i := range 12 {
				if i != int(m) && got.Events[i]+got.Held[i]+got.Coming[i] != 0 {
					t.Fatalf("month %d counts events: %+v", i+1, got)
				}
			}
			if len(plan) != 1 {
				t.Fatalf("directions counted: %v", plan)
			}
		}
		check(2, 0, 2)
		c.set(f.event.EndsAt.Add(-time.Minute))
		check(2, 0, 2)
		c.set(f.event.EndsAt)
		check(2, 1, 0)
		if plan, err := s.MonthPlan(ctx, at.Year()+1); err != nil || len(plan) != 0 {
			t.Fatalf("the next year: %v %v", plan, err)
		}
	})
}

// A volunteer's hours waiting for a decision (issue 17): the live claim of each signup, at its
// shift's start, until it is approved (then in the book) or rejected; a corrected claim is not
// pending, and another volunteer's claims are not listed.
func TestPendingHours(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, sg, vol, coord := hoursCase(t, s)
		c.set(sh.EndsAt)
		pending := func(want ...int) {
			t.Helper()
			got, err := s.PendingHours(ctx, vol.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("pending: %+v, want minutes %v", got, want)
			}
			for i, b := range got {
				if b.Minutes != want[i] || !b.ShiftStarts.Equal(sh.StartsAt) {
					t.Fatalf("pending %d: %d minutes at %v, want %d at %v", i, b.Minutes, b.ShiftStarts, want[i], sh.StartsAt)
				}
			}
		}
		pending()
		first, err := s.EnterHours(ctx, coord.ID, sg.ID, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		pending(100)
		second, err := s.EnterHours(ctx, coord.ID, sg.ID, 90, first)
		if err != nil {
			t.Fatal(err)
		}
		pending(90)
		if other, err := s.PendingHours(ctx, coord.ID); err != nil || len(other) != 0 {
			t.Fatalf("the coordinator's pending hours: %+v %v", other, err)
		}
		if err := s.RejectHours(ctx, coord.ID, second, "not there"); err != nil {
			t.Fatal(err)
		}
		pending()
		third, err := s.EnterHours(ctx, coord.ID, sg.ID, 80, 0)
		if err != nil {
			t.Fatal(err)
		}
		pending(80)
		if err := s.ApproveHours(ctx, coord.ID, third); err != nil {
			t.Fatal(err)
		}
		pending()
		if book, err := s.HoursBook(ctx, vol.ID); err != nil || len(book) != 1 || book[0].Minutes != 80 {
			t.Fatalf("the book: %+v %v", book, err)
		}
	})
}
