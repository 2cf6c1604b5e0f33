package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

func TestEachSignupRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		var events []domain.Event
		for i, name := range []string{"Жасыл Алматы", "Мейірім"} {
			org := domain.Organization{Name: domain.Text{KK: name}, Status: domain.OrgVerified}
			if err := s.CreateOrganization(ctx, 0, &org); err != nil {
				t.Fatal(err)
			}
			ev := benchEvent(org.ID)
			ev.StartsAt = ev.StartsAt.Add(time.Duration(i) * time.Hour)
			ev.Shifts[0].StartsAt, ev.Shifts[0].EndsAt = ev.StartsAt, ev.StartsAt.Add(3*time.Hour)
			ev.Shifts[0].Capacity = 1
			if i == 0 {
				second := ev.Shifts[0]
				second.Role = domain.Text{KK: "Тіркеуші", RU: "Регистратор"}
				ev.Shifts = append(ev.Shifts, second)
			}
			if err := s.CreateEvent(ctx, 0, &ev); err != nil {
				t.Fatal(err)
			}
			events = append(events, ev)
		}
		a, b, other := events[0].Shifts[0].ID, events[0].Shifts[1].ID, events[1].Shifts[0].ID
		var ids []int64
		for i, shift := range []int64{a, a, a, b, other} {
			u := domain.User{Email: fmt.Sprintf("e%d@example.kz", i), Name: fmt.Sprintf("Ерікті %d", i), BirthDate: events[0].StartsAt.AddDate(-30, 0, 0), Locale: "kk"}
			if err := s.CreateUser(ctx, &u, "x"); err != nil {
				t.Fatal(err)
			}
			sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: shift, UserID: u.ID})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, sg.ID)
		}
		// The first of the two in line on shift a leaves: the other moves up to first.
		if _, _, err := s.CancelSignup(ctx, 0, ids[1], func(domain.Signup, int64) error { return nil }); err != nil {
			t.Fatal(err)
		}
		read := func(f store.SignupFilter) []string {
			t.Helper()
			var out []string
			err := s.EachSignupRow(ctx, f, func(r store.SignupRow) error {
				out = append(out, fmt.Sprintf("%s/%s/%s/%s/%s/%d", r.EventTitle.KK, r.ShiftRole.KK, r.OrgName.KK, r.VolunteerName, r.Status, r.WaitlistPosition))
				if r.VolunteerEmail == "" || r.SignedUpAt.IsZero() || r.ShiftStart.IsZero() {
					t.Errorf("a row without its email or times: %+v", r)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		check := func(name string, got []string, want ...string) {
			t.Helper()
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s:\n got %q\nwant %q", name, got, want)
			}
		}
		e0, e1 := "Ашылу салтанаты/Қатысушы/Жасыл Алматы/", "Ашылу салтанаты/Тіркеуші/Жасыл Алматы/"
		check("shift", read(store.SignupFilter{ShiftID: a}), e0+"Ерікті 0/confirmed/0", e0+"Ерікті 2/waitlisted/1")
		check("event", read(store.SignupFilter{EventID: events[0].ID}), e0+"Ерікті 0/confirmed/0", e0+"Ерікті 2/waitlisted/1", e1+"Ерікті 3/confirmed/0")
		check("organization, cancelled too", read(store.SignupFilter{OrgID: events[0].OrgID, Cancelled: true}),
			e0+"Ерікті 0/confirmed/0", e0+"Ерікті 2/waitlisted/1", e0+"Ерікті 1/cancelled/0", e1+"Ерікті 3/confirmed/0")
		check("city", read(store.SignupFilter{}), e0+"Ерікті 0/confirmed/0", e0+"Ерікті 2/waitlisted/1", e1+"Ерікті 3/confirmed/0",
			"Ашылу салтанаты/Қатысушы/Мейірім/Ерікті 4/confirmed/0")
		check("another shift", read(store.SignupFilter{ShiftID: other + 1000}))
		// An error from the function stops the reading and comes back.
		stop, n := errors.New("stop"), 0
		if err := s.EachSignupRow(ctx, store.SignupFilter{}, func(store.SignupRow) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
			t.Errorf("stop: %v after %d rows", err, n)
		}
	})
}

// The hours export reads every claim with what became of it: approved (with when), rejected (with
// the reason), superseded by a correction (and the correction, pending, naming the claim it
// replaces), or still pending; an organization's reads only its own.
func TestEachHoursRow(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, _, _ := attended(t, s, c, 4)
		c.set(sh.StartsAt.Add(time.Hour))
		if n, err := s.CheckOutAll(ctx, 0, sh.ID); err != nil || n != 4 {
			t.Fatalf("check out all: %d %v", n, err)
		}
		claims, err := s.ShiftClaims(ctx, sh.ID)
		if err != nil || len(claims) != 4 {
			t.Fatalf("claims: %+v %v", claims, err)
		}
		c.set(sh.EndsAt.Add(time.Hour))
		if err := s.ApproveHours(ctx, 0, claims[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RejectHours(ctx, 0, claims[1].ID, "Келмеді"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.EnterHours(ctx, 0, claims[2].SignupID, 45, claims[2].ID); err != nil {
			t.Fatal(err)
		}
		// another organization's shift, with one pending claim
		c.set(time.Now().UTC())
		other, _, _ := attended(t, s, c, 1)
		c.set(other.StartsAt.Add(30 * time.Minute))
		if _, err := s.CheckOutAll(ctx, 0, other.ID); err != nil {
			t.Fatal(err)
		}
		decided := sh.EndsAt.Add(time.Hour)
		read := func(f store.HoursFilter) []string {
			t.Helper()
			var out []string
			err := s.EachHoursRow(ctx, f, func(r store.HoursRow) error {
				out = append(out, fmt.Sprintf("%s/%s/%s/%d/%s/%d/%s", r.VolunteerName, r.Kind, r.Status, r.Minutes, r.Reason, r.Replaces, r.Direction))
				if r.EventTitle.KK != "Сенбілік" || r.OrgName.KK != "Жасыл Алматы" || r.ShiftStart.IsZero() || r.EnteredAt.IsZero() {
					t.Errorf("a row without its event, organization or times: %+v", r)
				}
				if want := r.Status == domain.LedgerApproved || r.Status == domain.LedgerRejected; want != !r.DecidedAt.IsZero() ||
					(want && !r.DecidedAt.Equal(decided)) {
					t.Errorf("decided at %v for a %s claim", r.DecidedAt, r.Status)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		own := []string{"Ерікті 0/checkin/approved/70//0/ecology", "Ерікті 1/checkin/rejected/70/Келмеді/0/ecology",
			"Ерікті 2/checkin/superseded/70//0/ecology", "Ерікті 3/checkin/pending/70//0/ecology",
			fmt.Sprintf("Ерікті 2/entered/pending/45//%d/ecology", claims[2].ID)}
		if got := read(store.HoursFilter{OrgID: claims[0].OrgID}); fmt.Sprint(got) != fmt.Sprint(own) {
			t.Errorf("organization:\n got %q\nwant %q", got, own)
		}
		city := read(store.HoursFilter{})
		if len(city) != 6 || city[5] != "Ерікті 0/checkin/pending/40//0/ecology" {
			t.Errorf("city: %q", city)
		}
		stop, n := errors.New("stop"), 0
		if err := s.EachHoursRow(ctx, store.HoursFilter{}, func(store.HoursRow) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
			t.Errorf("stop: %v after %d rows", err, n)
		}
	})
}
