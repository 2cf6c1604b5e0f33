package store_test

import (
	"context"
	"sync"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// Nodes that start together on one database migrate it once, and none waits forever.
func TestMigrateConcurrentlyAndTwice(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					s, err := store.Open(context.Background(), dsn, store.Options{})
					if err != nil {
						t.Error(err)
						return
					}
					defer s.Close()
					for range 2 {
						if err := s.Migrate(context.Background()); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			s, err := store.Open(ctx, dsn, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if empty, err := s.Empty(ctx); err != nil || !empty {
				t.Fatalf("the migrated database: empty %v, %v", empty, err)
			}
		})
	}
}

// Every change by a coordinator, organization admin or the Front Office is in the audit log, in
// the same transaction as the change.
func TestChangesAreAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		coord := domain.User{Email: "c@example.kz", Name: "Координатор", Locale: "ru"}
		if err := s.CreateUser(ctx, &coord, "x"); err != nil {
			t.Fatal(err)
		}
		org := domain.Organization{Name: domain.Text{KK: "Қамқор"}}
		if err := s.CreateOrganization(ctx, coord.ID, &org); err != nil {
			t.Fatal(err)
		}
		if org.Status != domain.OrgPending {
			t.Fatalf("an organization made by a person is %s, want pending", org.Status)
		}
		if _, err := s.SetOrganizationStatus(ctx, 99, org.ID, domain.OrgVerified, ""); err == nil {
			t.Fatal("an actor that does not exist was recorded")
		}
		if o, _ := s.Organization(ctx, org.ID); o.Status != domain.OrgPending {
			t.Fatalf("a change whose audit failed was kept: %s", o.Status)
		}
		e := benchEvent(org.ID)
		if err := s.CreateEvent(ctx, coord.ID, &e); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateShift(ctx, coord.ID, e.Shifts[0].ID, func(sh *domain.Shift) error { sh.Capacity = 500; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateEvent(ctx, coord.ID, e.ID, func(e *domain.Event) error { e.Status = domain.EventCancelled; return nil }); err != nil {
			t.Fatal(err)
		}
		got, err := s.AuditLog(ctx, store.AuditFilter{ActorID: coord.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"event.update", "shift.update", "event.create", "organization.create"} // newest first
		if len(got) != len(want) {
			t.Fatalf("audit log: %+v, want actions %v", got, want)
		}
		for i, a := range got {
			if a.Action != want[i] || a.ActorID != coord.ID || a.At.IsZero() {
				t.Fatalf("entry %d: %+v, want %s by %d", i, a, want[i], coord.ID)
			}
		}
	})
}
