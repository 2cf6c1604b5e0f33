package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

func TestScaleNames(t *testing.T) {
	for _, name := range ScaleNames() {
		if sc, err := ScaleByName(name); err != nil || sc.Name != name {
			t.Errorf("%s: %+v, %v", name, sc, err)
		}
	}
	if _, err := ScaleByName("planet"); err == nil {
		t.Error("an unknown scale was taken")
	}
	if c := ScaleCountry; c.Volunteers != 10*ScaleCity.Volunteers || c.Signups != 10*ScaleCity.Signups || c.Shifts != 10*ScaleCity.Shifts ||
		ScaleCity.Volunteers != 100_000 || ScaleCity.Events != 5_000 || ScaleCity.Shifts != 20_000 || ScaleCity.Signups != 500_000 {
		t.Errorf("the scales: city %+v, country %+v", ScaleCity, c)
	}
}

// The generator is deterministic: the same scale and clock give the same rows, to the last one.
func TestScaleIsTheSameOnEveryRun(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	sc := ScaleCity.Fraction(200)
	run := func() ([]store.ScaleOrg, []domain.Event, []store.ScaleUser, []store.ScaleSignup) {
		g := newScaleGen(sc, store.ScaleIDs{Users: 164, Events: 230}, now)
		orgs, events, users := g.organizations(), g.events(), g.volunteers(0, sc.Volunteers)
		var signups []store.ScaleSignup
		if err := g.signups(func(b []store.ScaleSignup) error { signups = append(signups, b...); return nil }); err != nil {
			t.Fatal(err)
		}
		return orgs, events, users, signups
	}
	o1, e1, u1, s1 := run()
	o2, e2, u2, s2 := run()
	if !reflect.DeepEqual(o1, o2) || !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(u1, u2) || !reflect.DeepEqual(s1, s2) {
		t.Fatal("two runs made different data sets")
	}
	if len(s1) != sc.Signups || len(u1) != sc.Volunteers || len(e1) != sc.Events {
		t.Fatalf("%d signups, %d volunteers, %d events; want %+v", len(s1), len(u1), len(e1), sc)
	}
}

// A hundredth of the city, on top of the demo, on both databases: exactly the rows asked for, no
// rule broken (the loader checks, and so does the test), waitlists in order behind full shifts,
// no mail or reminder for the made-up people, and the data works with the normal signup path.
func TestScaleLoadsAHundredthOfTheCity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now()
		if loaded, err := LoadIfEmpty(ctx, s, now); err != nil || !loaded {
			t.Fatalf("demo: %v %v", loaded, err)
		}
		before, err := s.ScaleCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := s.ScaleNextIDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sc := ScaleCity.Fraction(100)
		rep, err := LoadScale(ctx, s, sc, now)
		if err != nil {
			t.Fatal(err)
		}
		after, err := s.ScaleCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := store.ScaleCounts{Organizations: before.Organizations + 3, Users: before.Users + 1000, Events: before.Events + 50,
			Shifts: before.Shifts + 200, Signups: before.Signups + 5000, Jobs: before.Jobs}
		after.Listed = 0
		if after != want {
			t.Fatalf("rows after the load: %+v, want %+v", after, want)
		}
		if v, err := s.ScaleViolations(ctx, now, 0); err != nil || v.Total() != 0 || rep.Violations.Total() != 0 {
			t.Fatalf("violations: %s, %v", v, err)
		}
		if rep.Waitlisted == 0 || rep.Cancelled == 0 || rep.Minors == 0 {
			t.Fatalf("a data set without waitlists, cancellations or minors proves little: %+v", rep)
		}
		pending, err := s.Jobs(ctx, store.JobPending, 100000)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range pending {
			if j.Kind == store.JobMail || j.UserID > ids.Users {
				t.Fatalf("a job for a made-up volunteer: %+v", j)
			}
		}

		// the shift with the longest waitlist is full, and its line runs 1..n in order of signup
		var full domain.Shift
		for id := ids.Shifts + 1; id <= ids.Shifts+200; id++ {
			sh, _, err := s.Shift(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if sh.Waitlisted > full.Waitlisted {
				full = sh
			}
		}
		if full.Waitlisted == 0 || full.Confirmed != full.Capacity {
			t.Fatalf("the longest waitlist: %+v", full)
		}
		roster, err := s.Roster(ctx, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		pos := 0
		for i, sg := range roster {
			switch {
			case i < full.Capacity && sg.Status != domain.SignupConfirmed:
				t.Fatalf("roster %d: %+v", i, sg)
			case i >= full.Capacity:
				pos++
				if sg.Status != domain.SignupWaitlisted || sg.WaitlistPosition != pos || sg.CreatedAt.Before(roster[i-1].CreatedAt) {
					t.Fatalf("roster %d: %+v after %+v", i, sg, roster[i-1])
				}
			}
		}
		if pos != full.Waitlisted {
			t.Fatalf("%d in line, want %d", pos, full.Waitlisted)
		}

		// a made-up volunteer signs in with the demo's password and meets the normal rules
		u, hash, err := s.UserByEmail(ctx, "v0000001@scale.example.kz")
		if err != nil || !auth.CheckPassword(Password, hash) || !u.EmailVerified {
			t.Fatalf("volunteer 1: %+v, %v", u, err)
		}
		mine, err := s.UserSignups(ctx, roster[0].UserID)
		if err != nil || len(mine) == 0 {
			t.Fatalf("signups of %d: %v", roster[0].UserID, err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: full.ID, UserID: roster[0].UserID}); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("signing up twice: %v", err)
		}
		var minor *store.GuardianState
		for id := ids.Users + 1; id <= ids.Users+1000 && minor == nil; id++ {
			st, err := s.GuardianState(ctx, id, 0)
			if err != nil {
				t.Fatal(err)
			}
			if st.Status == domain.GuardianGiven {
				minor = &st
			}
		}
		if minor == nil || minor.Consent.Method != "demo" || minor.Consent.Version != domain.GuardianConsentVersion {
			t.Fatalf("no minor with a guardian's consent: %+v", minor)
		}
	})
}
