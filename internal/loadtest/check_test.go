package loadtest

import (
	"strings"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// A shift of 2 places, four volunteers: two confirmed, two waiting, each answered what is stored.
func sound() (map[int64]*store.ShiftOutcome, *fixture, []sample) {
	fx := &fixture{shifts: []int64{10}, load: []volunteer{{id: 1}, {id: 2}, {id: 3}, {id: 4}}}
	out := map[int64]*store.ShiftOutcome{10: {ShiftID: 10, Capacity: 2, Confirmed: 2, Waitlisted: 2, Signups: []store.OutcomeSignup{
		{ID: 101, UserID: 1, Status: domain.SignupConfirmed, Keys: 1},
		{ID: 102, UserID: 2, Status: domain.SignupConfirmed, Keys: 1},
		{ID: 103, UserID: 3, Status: domain.SignupWaitlisted, WaitlistSeq: 5, Keys: 1},
		{ID: 104, UserID: 4, Status: domain.SignupWaitlisted, WaitlistSeq: 9, Keys: 1},
	}}}
	answers := []sample{
		{i: 0, status: 201, id: 101, state: "confirmed"},
		{i: 1, status: 201, id: 102, state: "confirmed"},
		{i: 2, status: 201, id: 103, state: "waitlisted", position: 1},
		{i: 3, status: 201, id: 104, state: "waitlisted", position: 2},
	}
	return out, fx, answers
}

// The check passes a sound outcome and catches each way one can go wrong.
func TestCheckCatchesEveryBrokenInvariant(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(out map[int64]*store.ShiftOutcome, answers []sample) []sample
		want  string // in a violation; "" for none
	}{
		{"sound", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample { return a }, ""},
		{"a request in flight whose signup was stored", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample {
			a[3] = sample{i: 3, err: "timeout"}
			return a
		}, ""},
		{"overbooked", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Signups[2].Status, o[10].Confirmed, o[10].Waitlisted = domain.SignupConfirmed, 3, 1
			a[2].state, a[2].position = "confirmed", 0
			return a
		}, "OVERBOOKED"},
		{"positions swapped", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample {
			a[2].position, a[3].position = 2, 1
			return a
		}, "waitlist position"},
		{"answered another id", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample {
			a[0].id = 999
			return a
		}, "the row is 101"},
		{"refused but stored", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample {
			a[3] = sample{i: 3, status: 409, err: "409 Conflict"}
			return a
		}, "was refused"},
		{"stored without an answer", func(_ map[int64]*store.ShiftOutcome, a []sample) []sample { return a[:3] }, "without an answer"},
		{"answered but not stored", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Signups, o[10].Waitlisted = o[10].Signups[:3], 1
			return a
		}, "nothing is stored"},
		{"counters disagree with the rows", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Waitlisted = 3
			return a
		}, "counters say"},
		{"a place free while someone waits", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Capacity = 3
			return a
		}, "3 places, but 2 confirmed"},
		{"waitlist out of order", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Signups[3].WaitlistSeq = 5
			return a
		}, "waitlist_seq"},
		{"a signup without its idempotency key", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Signups[1].Keys = 0
			return a
		}, "idempotency keys"},
		{"two signups of one volunteer", func(o map[int64]*store.ShiftOutcome, a []sample) []sample {
			o[10].Signups[3].UserID = 3
			return a
		}, "two signups"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, fx, answers := sound()
			answers = c.spoil(out, answers)
			rep := &Report{}
			holdAgainst(out, fx, answers, rep)
			got := strings.Join(rep.Violations, "\n")
			if c.want == "" && got != "" {
				t.Fatalf("violations in a sound outcome:\n%s", got)
			}
			if !strings.Contains(got, c.want) {
				t.Fatalf("want a violation naming %q, got:\n%s", c.want, got)
			}
		})
	}
}
