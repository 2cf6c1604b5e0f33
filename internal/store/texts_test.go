package store_test

import (
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// An event's venue and address, its coordinates, and an organization's name and description are
// stored and read back in each of the three languages; the programme search finds an event by its
// venue or address in any of them (issue 16).
func TestTextsInThreeLanguages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := domain.Organization{Name: domain.Text{KK: "Жасыл Алматы", RU: "Зелёный Алматы", EN: "Green Almaty"},
			Description: domain.Text{KK: "Қала тазалығы", RU: "Чистота города", EN: "A clean city"}, Status: domain.OrgVerified}
		if err := s.CreateOrganization(ctx, 0, &org); err != nil {
			t.Fatal(err)
		}
		e := benchEvent(org.ID)
		e.Venue = domain.Text{KK: "Орталық саябақ", RU: "Центральный парк", EN: "Central Park"}
		e.Address = domain.Text{KK: "Гоголь көшесі, 1", RU: "улица Гоголя, 1", EN: "1 Gogol Street"}
		e.Lat, e.Lon = 43.2612, 76.9573
		if err := s.CreateEvent(ctx, 0, &e); err != nil {
			t.Fatal(err)
		}
		got, err := s.Event(ctx, e.ID)
		if err != nil || got.Venue != e.Venue || got.Address != e.Address || got.Lat != e.Lat || got.Lon != e.Lon || got.OrgName != org.Name {
			t.Fatalf("read back: %+v %v", got, err)
		}
		o, err := s.Organization(ctx, org.ID)
		if err != nil || o.Name != org.Name || o.Description != org.Description {
			t.Fatalf("organization read back: %+v %v", o, err)
		}
		for _, q := range []string{"central park", "ЦЕНТРАЛЬНЫЙ", "саябақ", "gogol", "гоголя"} {
			events, _, err := s.Events(ctx, store.EventFilter{Query: q})
			if err != nil || len(events) != 1 || events[0].ID != e.ID {
				t.Errorf("search %q: %d events, %v", q, len(events), err)
			}
		}
		o.Name.EN = "Green Almaty Foundation"
		if err := s.UpdateOrganization(ctx, 0, o); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Event(ctx, e.ID); err != nil || got.OrgName.EN != "Green Almaty Foundation" || got.OrgName.KK != "Жасыл Алматы" {
			t.Fatalf("the event's organization name after a change: %+v %v", got.OrgName, err)
		}
	})
}
