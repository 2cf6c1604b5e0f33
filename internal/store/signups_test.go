package store_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

var ctx = context.Background()

// fixture is a verified organization with one published event a week ahead.
type fixture struct {
	s     *store.Store
	org   domain.Organization
	event domain.Event
}

func newFixture(t *testing.T, s *store.Store) *fixture {
	t.Helper()
	f := &fixture{s: s, org: domain.Organization{Name: domain.Text{KK: "Жасыл Алматы"}, Status: domain.OrgVerified}}
	if err := s.CreateOrganization(ctx, 0, &f.org); err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	f.event = domain.Event{OrgID: f.org.ID, Direction: "ecology", Title: domain.Text{KK: "Сенбілік", RU: "Субботник", EN: "Clean-up"},
		Venue: domain.Text{KK: "Орталық саябақ"}, District: "medeu", StartsAt: start, EndsAt: start.Add(8 * time.Hour), Status: domain.EventPublished}
	if err := s.CreateEvent(ctx, 0, &f.event); err != nil {
		t.Fatal(err)
	}
	return f
}

// shift adds a shift starting offset after the event's start, lasting two hours.
func (f *fixture) shift(t *testing.T, capacity int, offset time.Duration) domain.Shift {
	t.Helper()
	sh := domain.Shift{EventID: f.event.ID, Role: domain.Text{KK: "Көмекші", RU: "Помощник", EN: "Helper"},
		StartsAt: f.event.StartsAt.Add(offset), EndsAt: f.event.StartsAt.Add(offset + 2*time.Hour), Capacity: capacity}
	if err := f.s.CreateShift(ctx, 0, &sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

func (f *fixture) users(t *testing.T, n int, birth string) []domain.User {
	t.Helper()
	b, _ := domain.ParseDate(birth)
	out := make([]domain.User, n)
	for i := range out {
		out[i] = domain.User{Email: fmt.Sprintf("v%d-%d@example.kz", i, time.Now().UnixNano()), Name: fmt.Sprintf("Ерікті %d", i), BirthDate: b, Locale: "kk"}
		if err := f.s.CreateUser(ctx, &out[i], "x"); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func code(err error) domain.Code {
	if err == nil {
		return ""
	}
	return domain.ErrorCode(err)
}

func key(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		if len(e.Fields) > 0 {
			return e.Fields[0].Key
		}
		return e.Key
	}
	return ""
}

// checkShift asserts the shift's counters agree with its rows, confirmed never exceeds capacity,
// and the waitlist positions are exactly 1..waitlisted.
func checkShift(t *testing.T, s *store.Store, shiftID int64, wantConfirmed, wantWaitlisted int) []domain.Signup {
	t.Helper()
	sh, _, err := s.Shift(ctx, shiftID)
	if err != nil {
		t.Fatal(err)
	}
	roster, err := s.Roster(ctx, shiftID)
	if err != nil {
		t.Fatal(err)
	}
	var confirmed, waitlisted int
	var positions []int
	for _, sg := range roster {
		switch sg.Status {
		case domain.SignupConfirmed:
			confirmed++
		case domain.SignupWaitlisted:
			waitlisted++
			positions = append(positions, sg.WaitlistPosition)
		}
	}
	if confirmed > sh.Capacity {
		t.Fatalf("overbooked: %d confirmed on a shift of %d", confirmed, sh.Capacity)
	}
	if confirmed != wantConfirmed || waitlisted != wantWaitlisted {
		t.Fatalf("roster: %d confirmed, %d waitlisted; want %d and %d", confirmed, waitlisted, wantConfirmed, wantWaitlisted)
	}
	if sh.Confirmed != confirmed || sh.Waitlisted != waitlisted {
		t.Fatalf("counters: %d confirmed, %d waitlisted; rows say %d and %d", sh.Confirmed, sh.Waitlisted, confirmed, waitlisted)
	}
	sort.Ints(positions)
	for i, p := range positions {
		if p != i+1 {
			t.Fatalf("waitlist positions are not 1..%d: %v", waitlisted, positions)
		}
	}
	return roster
}

func TestConcurrentSignupsNeverOverbook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 50, 0)
		vols := f.users(t, 500, "2000-01-01")

		results := make([]domain.Signup, len(vols))
		errs := make([]error, len(vols))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, v := range vols {
			wg.Go(func() {
				<-start
				results[i], _, errs[i] = s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: v.ID})
			})
		}
		close(start)
		wg.Wait()
		seen := map[int]bool{}
		confirmed := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("signup %d: %v", i, err)
			}
			switch r := results[i]; r.Status {
			case domain.SignupConfirmed:
				confirmed++
			case domain.SignupWaitlisted:
				if seen[r.WaitlistPosition] || r.WaitlistPosition < 1 || r.WaitlistPosition > 450 {
					t.Fatalf("answer %d: waitlist position %d repeated or out of 1..450", i, r.WaitlistPosition)
				}
				seen[r.WaitlistPosition] = true
			}
		}
		if confirmed != 50 || len(seen) != 450 {
			t.Fatalf("answers: %d confirmed, %d waitlisted; want 50 and 450", confirmed, len(seen))
		}
		roster := checkShift(t, s, sh.ID, 50, 450)

		// 20 confirmed volunteers cancel at once: positions 1..20 are promoted, each once.
		firstTwenty := map[int64]bool{}
		var toCancel []int64
		for _, sg := range roster {
			if sg.Status == domain.SignupWaitlisted && sg.WaitlistPosition <= 20 {
				firstTwenty[sg.ID] = true
			}
			if sg.Status == domain.SignupConfirmed && len(toCancel) < 20 {
				toCancel = append(toCancel, sg.ID)
			}
		}
		var mu sync.Mutex
		promoted := map[int64]int{}
		allow := func(domain.Signup, int64) error { return nil }
		for _, id := range toCancel {
			wg.Go(func() {
				_, p, err := s.CancelSignup(ctx, 0, id, allow)
				if err != nil {
					t.Errorf("cancel %d: %v", id, err)
				}
				mu.Lock()
				for _, pid := range p {
					promoted[pid]++
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		if len(promoted) != 20 {
			t.Fatalf("%d promoted, want 20", len(promoted))
		}
		for id, n := range promoted {
			if !firstTwenty[id] || n != 1 {
				t.Fatalf("signup %d promoted %d times; it was not among positions 1..20 or promoted twice", id, n)
			}
		}
		checkShift(t, s, sh.ID, 50, 430)
	})
}

func TestOneVolunteerTenTimesAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 5, 0)
		v := f.users(t, 1, "2000-01-01")[0]
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, already := 0, 0
		for range 10 {
			wg.Go(func() {
				_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: v.ID})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case key(err) == "signup.already":
					already++
				default:
					t.Errorf("signup: %v", err)
				}
			})
		}
		wg.Wait()
		if ok != 1 || already != 9 {
			t.Fatalf("%d booked, %d refused as already signed up; want 1 and 9", ok, already)
		}
		checkShift(t, s, sh.ID, 1, 0)
	})
}

func TestIdempotencyKeyReplaysTheFirstAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 1, 0)
		other := f.shift(t, 1, 4*time.Hour)
		vols := f.users(t, 2, "2000-01-01")
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vols[0].ID}); err != nil {
			t.Fatal(err)
		}
		req := store.SignupRequest{ShiftID: sh.ID, UserID: vols[1].ID, IdempotencyKey: "k-1"}
		var wg sync.WaitGroup
		answers := make([]domain.Signup, 8)
		replays := make([]bool, 8)
		for i := range answers {
			wg.Go(func() {
				var err error
				answers[i], replays[i], err = s.SignUp(ctx, req)
				if err != nil {
					t.Errorf("attempt %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		fresh := 0
		for i, a := range answers {
			if !replays[i] {
				fresh++
			}
			if a.ID != answers[0].ID || a.Status != domain.SignupWaitlisted || a.WaitlistPosition != 1 {
				t.Fatalf("attempt %d answered %+v, attempt 0 %+v", i, a, answers[0])
			}
		}
		if fresh != 1 {
			t.Fatalf("%d attempts booked; want 1", fresh)
		}
		checkShift(t, s, sh.ID, 1, 1)
		// The same key for another shift is refused and books nothing.
		_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: other.ID, UserID: vols[1].ID, IdempotencyKey: "k-1"})
		if key(err) != "idempotency.mismatch" {
			t.Fatalf("key reused for another shift: %v", err)
		}
		checkShift(t, s, other.ID, 0, 0)
		// Another volunteer may use the same key.
		if _, replayed, err := s.SignUp(ctx, store.SignupRequest{ShiftID: other.ID, UserID: vols[0].ID, IdempotencyKey: "k-1"}); err != nil || replayed {
			t.Fatalf("another volunteer's key: %v, replayed %v", err, replayed)
		}
	})
}

func TestSignupRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		morning := f.shift(t, 10, 0)
		overlapping := f.shift(t, 10, time.Hour)
		afternoon := f.shift(t, 10, 4*time.Hour)
		adult := f.users(t, 1, "1990-05-05")[0]
		child := f.users(t, 1, time.Now().AddDate(-12, 0, 0).Format(time.DateOnly))[0]
		// under 18, with a guardian's consent (TestGuardianConsent tests the rule itself)
		if err := s.GiveGuardianConsent(ctx, child.ID, "parent@example.kz", "Әке", "test", false); err != nil {
			t.Fatal(err)
		}

		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: morning.ID, UserID: adult.ID}); err != nil {
			t.Fatal(err)
		}
		_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: overlapping.ID, UserID: adult.ID})
		if key(err) != "signup.overlap" {
			t.Fatalf("overlapping shift: %v", err)
		}
		var de *domain.Error
		if errors.As(err, &de); de.Params["shift_id"] != morning.ID {
			t.Fatalf("overlap names shift %v, want %d", de.Params["shift_id"], morning.ID)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: afternoon.ID, UserID: adult.ID}); err != nil {
			t.Fatalf("a later shift the same day: %v", err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: 999999, UserID: adult.ID}); code(err) != domain.NotFound {
			t.Fatalf("missing shift: %v", err)
		}

		// minimum age
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.MinAge = 16; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: afternoon.ID, UserID: child.ID}); key(err) != "signup.too_young" {
			t.Fatalf("12-year-old on a 16+ event: %v", err)
		}
		// drafts take no signups
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.MinAge = 0; e.Status = domain.EventDraft; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: afternoon.ID, UserID: child.ID}); key(err) != "signup.event_not_open" {
			t.Fatalf("draft event: %v", err)
		}
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.Status = domain.EventPublished; return nil }); err != nil {
			t.Fatal(err)
		}
		// suspended organizations take no signups
		if _, err := s.SetOrganizationStatus(ctx, 0, f.org.ID, domain.OrgSuspended, "проверка"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: afternoon.ID, UserID: child.ID}); key(err) != "signup.org_suspended" {
			t.Fatalf("suspended organization: %v", err)
		}
		if _, err := s.SetOrganizationStatus(ctx, 0, f.org.ID, domain.OrgVerified, ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: afternoon.ID, UserID: child.ID}); err != nil {
			t.Fatalf("12-year-old on an event with no minimum age: %v", err)
		}

		// a shift that has started takes no signups
		past := newFixture(t, s)
		_, err = past.s.UpdateEvent(ctx, 0, past.event.ID, func(e *domain.Event) error {
			e.StartsAt, e.EndsAt = time.Now().Add(-time.Hour).Truncate(time.Second), time.Now().Add(5*time.Hour).Truncate(time.Second)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		past.event.StartsAt = time.Now().Add(-time.Hour).Truncate(time.Second)
		started := past.shift(t, 5, 0)
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: started.ID, UserID: child.ID}); key(err) != "signup.closed" {
			t.Fatalf("started shift: %v", err)
		}
		checkShift(t, s, started.ID, 0, 0)
	})
}

func TestCapacityChangesAndEventCancellation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 3, 0)
		vols := f.users(t, 8, "1995-03-08")
		for _, v := range vols {
			if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: v.ID}); err != nil {
				t.Fatal(err)
			}
		}
		checkShift(t, s, sh.ID, 3, 5)

		_, err := s.UpdateShift(ctx, 0, sh.ID, func(x *domain.Shift) error { x.Capacity = 2; return nil })
		if key(err) != "field.capacity_below_confirmed" {
			t.Fatalf("capacity below confirmed: %v", err)
		}
		checkShift(t, s, sh.ID, 3, 5)

		up, err := s.UpdateShift(ctx, 0, sh.ID, func(x *domain.Shift) error { x.Capacity = 6; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if up.Confirmed != 6 || up.Waitlisted != 2 {
			t.Fatalf("after raising capacity to 6: %d confirmed, %d waitlisted", up.Confirmed, up.Waitlisted)
		}
		roster := checkShift(t, s, sh.ID, 6, 2)
		// the promoted are the first three in line: volunteers 3, 4 and 5, and 6 and 7 wait as 1 and 2
		for _, sg := range roster {
			want := domain.SignupConfirmed
			if sg.UserID == vols[6].ID || sg.UserID == vols[7].ID {
				want = domain.SignupWaitlisted
			}
			if sg.Status != want {
				t.Fatalf("user %d is %s, want %s", sg.UserID, sg.Status, want)
			}
		}

		// a waitlisted volunteer cancels: the line closes up
		var waitID int64
		for _, sg := range roster {
			if sg.UserID == vols[6].ID {
				waitID = sg.ID
			}
		}
		if _, _, err := s.CancelSignup(ctx, vols[6].ID, waitID, func(domain.Signup, int64) error { return nil }); err != nil {
			t.Fatal(err)
		}
		checkShift(t, s, sh.ID, 6, 1)
		// cancelling again changes nothing
		again, _, err := s.CancelSignup(ctx, vols[6].ID, waitID, func(domain.Signup, int64) error { return nil })
		if err != nil || again.Status != domain.SignupCancelled {
			t.Fatalf("second cancel: %v %v", again.Status, err)
		}
		checkShift(t, s, sh.ID, 6, 1)
		// a refused actor changes nothing
		refused := domain.Errorf(domain.Forbidden, "forbidden.not_yours", nil)
		if _, _, err := s.CancelSignup(ctx, 0, roster[0].ID, func(domain.Signup, int64) error { return refused }); code(err) != domain.Forbidden {
			t.Fatalf("refused cancel: %v", err)
		}
		checkShift(t, s, sh.ID, 6, 1)
		// the volunteer who cancelled may sign up again, at the end of the line
		again, _, err = s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vols[6].ID})
		if err != nil || again.Status != domain.SignupWaitlisted || again.WaitlistPosition != 2 {
			t.Fatalf("signing up again: %+v %v", again, err)
		}

		// cancelling the event cancels every signup
		e, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.Status = domain.EventCancelled; return nil })
		if err != nil || e.Status != domain.EventCancelled {
			t.Fatalf("cancel event: %v", err)
		}
		checkShift(t, s, sh.ID, 0, 0)
		mine, err := s.UserSignups(ctx, vols[0].ID)
		if err != nil || len(mine) != 1 || mine[0].Status != domain.SignupCancelled {
			t.Fatalf("volunteer's signups after the event was cancelled: %+v %v", mine, err)
		}
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.Status = domain.EventPublished; return nil }); key(err) != "event.cancelled_final" {
			t.Fatalf("reopening a cancelled event: %v", err)
		}
	})
}

// benchEvent is a published event a week ahead with one shift of 450 places, as the opening ceremony.
func benchEvent(orgID int64) domain.Event {
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	return domain.Event{OrgID: orgID, Direction: "social", Title: domain.Text{KK: "Ашылу салтанаты"}, Venue: domain.Text{KK: "Республика сарайы"},
		District: "medeu", StartsAt: start, EndsAt: start.Add(3 * time.Hour), Status: domain.EventPublished,
		Shifts: []domain.Shift{{Role: domain.Text{KK: "Қатысушы"}, StartsAt: start, EndsAt: start.Add(3 * time.Hour), Capacity: 450}}}
}
