package store_test

import (
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// TestSeatsWrittenOnlyAsDecided: the one statement that writes a shift's seats writes only over
// the counters its decision read, and the CHECK of migration 0001 refuses an overbooked shift
// whatever a decision says, on either database.
func TestSeatsWrittenOnlyAsDecided(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 2, 0)
		v := f.users(t, 1, "1990-01-01")
		if sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: v[0].ID}); err != nil || sg.Status != domain.SignupConfirmed {
			t.Fatalf("signup: %+v, %v", sg, err)
		}
		now, _, err := s.Shift(ctx, sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		with := func(capacity, confirmed, waitlisted int) domain.Shift {
			x := now
			x.Capacity, x.Confirmed, x.Waitlisted = capacity, confirmed, waitlisted
			return x
		}
		for _, c := range []struct {
			name          string
			before, after domain.Shift
		}{
			{"a decision on the counters before the signup", with(2, 0, 0), with(2, 1, 0)},
			{"a decision on another capacity", with(3, 1, 0), with(3, 2, 0)},
			{"a decision on another waitlist", with(2, 1, 1), with(2, 1, 2)},
			{"an overbooking decision on the true counters", with(2, 1, 0), with(2, 3, 0)},
		} {
			if err := s.WriteSeatsForTest(ctx, c.before, c.after); err == nil {
				t.Errorf("%s: written", c.name)
			}
			checkShift(t, s, sh.ID, 1, 0)
		}
		if err := s.WriteSeatsForTest(ctx, with(2, 1, 0), with(2, 1, 0)); err != nil {
			t.Fatalf("the true counters: %v", err)
		}
		checkShift(t, s, sh.ID, 1, 0)
	})
}
