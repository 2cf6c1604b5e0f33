package store_test

import (
	"sync"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// Issue 14: the events of an organization that is not verified are not in the programme and take
// no signups, alone or in the SQLite committer's batch, until the Front Office verifies it; then
// they are listed, and the programme's validator moved with the status.
func TestPendingOrganizationEventsArePrivate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		f.org = domain.Organization{Name: domain.Text{KK: "Жаңа қор"}}
		if err := s.CreateOrganization(ctx, 0, &f.org); err != nil {
			t.Fatal(err)
		}
		if f.org.Status != domain.OrgPending {
			t.Fatalf("a new organization is %q", f.org.Status)
		}
		f.event.OrgID = f.org.ID
		if err := s.CreateEvent(ctx, 0, &f.event); err != nil {
			t.Fatal(err)
		}
		sh := f.shift(t, 5, 0)
		people := f.users(t, 4, "2000-01-01")
		var wg sync.WaitGroup
		errs := make([]error, len(people))
		for i, p := range people { // together: on SQLite they wait in one line of the committer
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[i] = s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if key(err) != "signup.org_not_verified" || code(err) != domain.Conflict {
				t.Fatalf("signup %d to a pending organization's shift: %v", i, err)
			}
		}
		if got, err := s.Event(ctx, f.event.ID); err != nil || got.Public() || got.OrgStatus != domain.OrgPending {
			t.Fatalf("the event: %+v %v", got.OrgStatus, err)
		}
		listed := func(flt store.EventFilter) bool {
			t.Helper()
			events, _, err := s.Events(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range events {
				if e.ID == f.event.ID {
					return true
				}
			}
			return false
		}
		if listed(store.EventFilter{Limit: 200}) || listed(store.EventFilter{OrgID: f.org.ID}) {
			t.Fatal("a pending organization's event is in the programme")
		}
		if !listed(store.EventFilter{OrgID: f.org.ID, WithDrafts: true}) {
			t.Fatal("the organization's own list lacks its event")
		}
		vs, err := s.Validators(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer vs.Close()
		before, err := vs.Programme(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, public, err := vs.Event(ctx, f.event.ID); err != nil || public {
			t.Fatalf("the event's validator: public %v, %v", public, err)
		}
		if _, err := s.SetOrganizationStatus(ctx, 0, f.org.ID, domain.OrgVerified, ""); err != nil {
			t.Fatal(err)
		}
		if after, err := vs.Programme(ctx); err != nil || after == before {
			t.Fatalf("the programme's validator did not move with the verification: %s %s %v", before, after, err)
		}
		if _, public, err := vs.Event(ctx, f.event.ID); err != nil || !public {
			t.Fatalf("the event's validator once verified: public %v, %v", public, err)
		}
		if !listed(store.EventFilter{Limit: 200}) {
			t.Fatal("a verified organization's event is not listed")
		}
		if sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: people[0].ID}); err != nil || sg.Status != domain.SignupConfirmed {
			t.Fatalf("a signup once verified: %+v %v", sg, err)
		}
	})
}
