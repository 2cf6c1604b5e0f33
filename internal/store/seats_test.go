package store

import (
	"errors"
	"testing"
	"time"

	"erikti/internal/domain"
)

// counters is a shift's seat counters, as a case of the seat rule writes them.
type counters struct{ capacity, confirmed, waitlisted int }

func (c counters) shift(starts time.Time) domain.Shift {
	return domain.Shift{ID: 1, StartsAt: starts, EndsAt: starts.Add(2 * time.Hour), Capacity: c.capacity, Confirmed: c.confirmed, Waitlisted: c.waitlisted}
}

func countersOf(sh domain.Shift) counters { return counters{sh.Capacity, sh.Confirmed, sh.Waitlisted} }

// TestTakeSeat: a new signup is confirmed while a seat is free, and waits at the end of the line
// otherwise, counted into the shift either way.
func TestTakeSeat(t *testing.T) {
	starts := time.Now().Add(time.Hour)
	for _, c := range []struct {
		name   string
		before counters
		want   domain.SignupStatus
		after  counters
	}{
		{"empty shift", counters{3, 0, 0}, domain.SignupConfirmed, counters{3, 1, 0}},
		{"last seat", counters{3, 2, 0}, domain.SignupConfirmed, counters{3, 3, 0}},
		{"full", counters{3, 3, 0}, domain.SignupWaitlisted, counters{3, 3, 1}},
		{"full with a line", counters{3, 3, 4}, domain.SignupWaitlisted, counters{3, 3, 5}},
		{"over its capacity (a CHECK forbids it)", counters{3, 4, 0}, domain.SignupWaitlisted, counters{3, 4, 1}},
		{"one seat", counters{1, 0, 0}, domain.SignupConfirmed, counters{1, 1, 0}},
	} {
		sh := c.before.shift(starts)
		if got := takeSeat(&sh); got != c.want || countersOf(sh) != c.after {
			t.Errorf("%s: %+v gives %s, %+v; want %s, %+v", c.name, c.before, got, countersOf(sh), c.want, c.after)
		}
	}

	// one after another, as a crowd is taken: the first capacity are confirmed, the rest wait in
	// the order they came, at positions 1, 2, 3
	sh := counters{2, 0, 0}.shift(starts)
	var got []domain.SignupStatus
	var positions []int
	for range 5 {
		st := takeSeat(&sh)
		got = append(got, st)
		if st == domain.SignupWaitlisted {
			positions = append(positions, sh.Waitlisted)
		}
	}
	want := []domain.SignupStatus{domain.SignupConfirmed, domain.SignupConfirmed, domain.SignupWaitlisted, domain.SignupWaitlisted, domain.SignupWaitlisted}
	if len(got) != len(want) || countersOf(sh) != (counters{2, 2, 3}) || len(positions) != 3 || positions[0] != 1 || positions[2] != 3 {
		t.Fatalf("five signups on two seats: %v, positions %v, counters %+v", got, positions, countersOf(sh))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("five signups on two seats: %v, want %v", got, want)
		}
	}
}

// TestLeaveSeat: a cancelled confirmed place goes to the first in line, unless the shift has
// started; a cancelled place in line frees no seat.
func TestLeaveSeat(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	ahead, started := now.Add(time.Hour), now.Add(-time.Hour)
	for _, c := range []struct {
		name    string
		before  counters
		starts  time.Time
		status  domain.SignupStatus
		promote int
		after   counters
	}{
		{"confirmed, a line waits", counters{3, 3, 2}, ahead, domain.SignupConfirmed, 1, counters{3, 2, 2}},
		{"confirmed, nobody waits", counters{3, 3, 0}, ahead, domain.SignupConfirmed, 0, counters{3, 2, 0}},
		{"confirmed, the shift has started", counters{3, 3, 2}, started, domain.SignupConfirmed, 0, counters{3, 2, 2}},
		{"confirmed, the shift starts now", counters{3, 3, 2}, now, domain.SignupConfirmed, 0, counters{3, 2, 2}},
		{"waitlisted", counters{3, 3, 2}, ahead, domain.SignupWaitlisted, 0, counters{3, 3, 1}},
		{"confirmed, seats already free and a line idle", counters{5, 3, 4}, ahead, domain.SignupConfirmed, 3, counters{5, 2, 4}},
		{"confirmed, more seats free than waiting", counters{5, 3, 1}, ahead, domain.SignupConfirmed, 1, counters{5, 2, 1}},
		{"already cancelled", counters{3, 3, 2}, ahead, domain.SignupCancelled, 0, counters{3, 3, 2}},
	} {
		sh := c.before.shift(c.starts)
		if n := leaveSeat(&sh, c.status, now); n != c.promote || countersOf(sh) != c.after {
			t.Errorf("%s: %+v gives %d to promote, %+v; want %d, %+v", c.name, c.before, n, countersOf(sh), c.promote, c.after)
		}
	}
}

// TestResizeSeats: a capacity below the confirmed count is refused; a higher one moves up as many
// of the line as it has new seats, even once the shift has started.
func TestResizeSeats(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		name     string
		counters counters // with the new capacity
		starts   time.Time
		promote  int
		refused  bool
	}{
		{"below the confirmed", counters{2, 3, 0}, now.Add(time.Hour), 0, true},
		{"to the confirmed", counters{3, 3, 4}, now.Add(time.Hour), 0, false},
		{"three more, five waiting", counters{6, 3, 5}, now.Add(time.Hour), 3, false},
		{"five more, two waiting", counters{8, 3, 2}, now.Add(time.Hour), 2, false},
		{"more, nobody waiting", counters{8, 3, 0}, now.Add(time.Hour), 0, false},
		{"more, the shift has started", counters{6, 3, 5}, now.Add(-time.Hour), 3, false},
	} {
		n, err := resizeSeats(c.counters.shift(c.starts))
		var refusal *domain.Error
		if refused := errors.As(err, &refusal); refused != c.refused || n != c.promote {
			t.Errorf("%s: %+v gives %d to promote, %v; want %d, refused %v", c.name, c.counters, n, err, c.promote, c.refused)
		}
		if c.refused && (refusal.Code != domain.Conflict || len(refusal.Fields) != 1 || refusal.Fields[0].Key != "field.capacity_below_confirmed") {
			t.Errorf("%s: refused with %+v", c.name, refusal)
		}
	}
}
