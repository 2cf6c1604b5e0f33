package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// The programme's halves: an event is upcoming until it ends, then past; the upcoming list is
// soonest first, the past one latest first, page after page; each event carries its places summed
// over the shifts not started and how many people were checked in; the programme's next change
// by the clock is the next event end or shift start.
func TestProgrammeHalvesAndTallies(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: time.Now().UTC().Truncate(time.Second)}
			s := storetest.Open(t, engine, store.Options{Now: c.now})
			f := newFixture(t, s) // an event a week ahead, eight hours long
			a := f.shift(t, 2, 0)
			b := f.shift(t, 1, 3*time.Hour)
			soon := domain.Event{OrgID: f.org.ID, Direction: "social", Title: domain.Text{KK: "Жәрмеңке"}, Venue: domain.Text{KK: "Арбат"}, District: "almaly",
				StartsAt: c.now().Add(48 * time.Hour).Truncate(time.Hour), Status: domain.EventPublished}
			soon.EndsAt = soon.StartsAt.Add(2 * time.Hour)
			if err := s.CreateEvent(ctx, 0, &soon); err != nil {
				t.Fatal(err)
			}
			v := f.users(t, 3, "1990-01-01")
			came, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: a.ID, UserID: v[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range v[1:] { // one confirmed, one waiting
				if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: b.ID, UserID: u.ID}); err != nil {
					t.Fatal(err)
				}
			}
			list := func(when store.When, cursor string, limit int) ([]domain.Event, string) {
				t.Helper()
				events, next, err := s.Events(ctx, store.EventFilter{When: when, Cursor: cursor, Limit: limit})
				if err != nil {
					t.Fatal(err)
				}
				return events, next
			}
			ids := func(events []domain.Event) []int64 {
				out := []int64{}
				for _, e := range events {
					out = append(out, e.ID)
				}
				return out
			}
			counted := func(when store.When, want int) {
				t.Helper()
				if n, err := s.CountEvents(ctx, store.EventFilter{When: when, Cursor: "ignored"}); err != nil || n != want {
					t.Fatalf("%q: %d events counted (%v), want %d", when, n, err, want)
				}
			}
			next := func(want time.Time) {
				t.Helper()
				if at, err := s.NextProgrammeChange(ctx, c.now()); err != nil || !at.Equal(want) {
					t.Fatalf("the next change at %v (%v), want %v", at, err, want)
				}
			}

			up, _ := list(store.Upcoming, "", 0)
			if got := ids(up); len(got) != 2 || got[0] != soon.ID || got[1] != f.event.ID {
				t.Fatalf("upcoming %v, want [%d %d]", got, soon.ID, f.event.ID)
			}
			if *up[0].Tally != (domain.EventTally{}) {
				t.Fatalf("an event without shifts: %+v", *up[0].Tally)
			}
			if want := (domain.EventTally{Shifts: 2, OpenShifts: 2, PlacesLeft: 1, Waiting: 1}); *up[1].Tally != want {
				t.Fatalf("the week's event: %+v, want %+v", *up[1].Tally, want)
			}
			counted(store.Upcoming, 2)
			counted(store.Past, 0)
			counted("", 2)
			next(soon.EndsAt)

			// an hour into the first shift: the volunteer is checked in, the second shift is still open
			c.add(f.event.StartsAt.Add(time.Hour).Sub(c.now()))
			pass, _, err := s.CheckinPass(ctx, v[0].ID, came.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CheckIn(ctx, 0, a.ID, store.CheckinCredential{Code: pass}); err != nil {
				t.Fatal(err)
			}
			up, _ = list(store.Upcoming, "", 0)
			if got := ids(up); len(got) != 1 || got[0] != f.event.ID {
				t.Fatalf("upcoming during the event: %v", got)
			}
			if want := (domain.EventTally{Shifts: 2, OpenShifts: 1, PlacesLeft: 0, Waiting: 1, Came: 1}); *up[0].Tally != want {
				t.Fatalf("during the event: %+v, want %+v", *up[0].Tally, want)
			}
			if past, _ := list(store.Past, "", 0); len(past) != 1 || past[0].ID != soon.ID {
				t.Fatalf("past during the event: %v", ids(past))
			}
			next(b.StartsAt)

			// after the event: both past, the latest first, one page at a time
			c.add(f.event.EndsAt.Sub(c.now()))
			if up, _ := list(store.Upcoming, "", 0); len(up) != 0 {
				t.Fatalf("an event that ended is upcoming: %v", ids(up))
			}
			counted(store.Past, 2)
			first, cursor := list(store.Past, "", 1)
			if len(first) != 1 || first[0].ID != f.event.ID || cursor == "" || first[0].Tally.Came != 1 {
				t.Fatalf("the past's first page: %v, cursor %q", ids(first), cursor)
			}
			second, end := list(store.Past, cursor, 1)
			if len(second) != 1 || second[0].ID != soon.ID || end != "" {
				t.Fatalf("the past's second page: %v, cursor %q", ids(second), end)
			}
			if n, err := s.EventCame(ctx, f.event.ID); err != nil || n != 1 {
				t.Fatalf("came %d, %v", n, err)
			}
			next(time.Time{})
		})
	}
}
