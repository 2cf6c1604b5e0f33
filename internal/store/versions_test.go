package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// The read cache's validators move with every change the pages show, whichever path makes it, and
// the programme's moves only when its lists may change.
func TestReadVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 2, 0)
		other := newFixture(t, s)
		vols := f.users(t, 4, "1990-01-01")
		vs, err := s.Validators(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer vs.Close()
		ev := func(id int64) string {
			t.Helper()
			v, public, err := vs.Event(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !public {
				t.Fatalf("event %d not public", id)
			}
			return v
		}
		pv := func() string {
			t.Helper()
			v, err := vs.Programme(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		allow := func(domain.Signup, int64) error { return nil }

		e0, o0, p0 := ev(f.event.ID), ev(other.event.ID), pv()
		if ev(f.event.ID) != e0 || pv() != p0 {
			t.Fatal("a validator moved with no change")
		}
		// a signup that leaves a place free changes the event, not the programme nor another event
		first, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vols[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		e1 := ev(f.event.ID)
		if e1 == e0 || pv() != p0 || ev(other.event.ID) != o0 {
			t.Fatalf("after a signup: event %s→%s, programme %s→%s, other %s→%s", e0, e1, p0, pv(), o0, ev(other.event.ID))
		}
		// the signup that fills the shift changes the "free places" answer: the programme moves
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vols[1].ID}); err != nil {
			t.Fatal(err)
		}
		e2, p2 := ev(f.event.ID), pv()
		if e2 == e1 || p2 == p0 {
			t.Fatalf("filling the shift: event %s→%s, programme %s→%s", e1, e2, p0, p2)
		}
		// a place on the waitlist changes the page (its length), not the programme
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vols[2].ID}); err != nil {
			t.Fatal(err)
		}
		e3 := ev(f.event.ID)
		if e3 == e2 || pv() != p2 {
			t.Fatalf("a waitlisted signup: event %s→%s, programme %s→%s", e2, e3, p2, pv())
		}
		// a cancellation that promotes the first waitlisted leaves the shift full but changes the page
		if _, promoted, err := s.CancelSignup(ctx, vols[0].ID, first.ID, allow); err != nil || len(promoted) != 1 {
			t.Fatalf("cancel: %v, promoted %v", err, promoted)
		}
		e4 := ev(f.event.ID)
		if e4 == e3 {
			t.Fatal("a cancellation left the event's validator")
		}
		// a shift's edit, a new shift, an event's edit and the organization's renaming each move both
		if _, err := s.UpdateShift(ctx, 0, sh.ID, func(x *domain.Shift) error { x.Capacity = 5; return nil }); err != nil {
			t.Fatal(err)
		}
		e5, p5 := ev(f.event.ID), pv()
		if e5 == e4 || p5 == p2 {
			t.Fatalf("a shift's edit: event %s→%s, programme %s→%s", e4, e5, p2, p5)
		}
		f.shift(t, 3, time.Hour)
		e6, p6 := ev(f.event.ID), pv()
		if e6 == e5 || p6 == p5 {
			t.Fatalf("a new shift: event %s→%s, programme %s→%s", e5, e6, p5, p6)
		}
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.Venue = domain.Text{KK: "Абай алаңы"}; return nil }); err != nil {
			t.Fatal(err)
		}
		e7, p7 := ev(f.event.ID), pv()
		if e7 == e6 || p7 == p6 {
			t.Fatalf("an event's edit: event %s→%s, programme %s→%s", e6, e7, p6, p7)
		}
		f.org.Name = domain.Text{KK: "Жасыл Алматы қоры"}
		if err := s.UpdateOrganization(ctx, 0, f.org); err != nil {
			t.Fatal(err)
		}
		e8, p8 := ev(f.event.ID), pv()
		if e8 == e7 || p8 == p7 || ev(other.event.ID) != o0 {
			t.Fatalf("renaming the organization: event %s→%s, programme %s→%s", e7, e8, p7, p8)
		}
		if _, _, err := vs.Event(ctx, 1<<40); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("an unknown event: %v", err)
		}
	})
}
