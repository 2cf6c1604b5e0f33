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

// Migration 0025 keeps what a database of one-language venues and organizations held: the old
// value goes into every language, so that no reader sees an empty name, on both engines (on
// PostgreSQL the programme's deferred trigger must have run before the columns go).
func TestMigrationKeepsOldTextsInEveryLanguage(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			s, err := store.Open(ctx, dsn, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.MigrateUpToForTest(ctx, 24); err != nil {
				t.Fatal(err)
			}
			db := storetest.Raw(t, dsn)
			for _, q := range []string{
				`INSERT INTO organizations (id, name, description, status, created_at) VALUES (1, 'Жасыл Алматы', 'Экоклуб', 'verified', 1)`,
				`INSERT INTO events (id, org_id, direction, title_kk, venue, district, starts_at, ends_at, status, created_at, updated_at)
					VALUES (1, 1, 'ecology', 'Сенбілік', 'Орталық саябақ / Центральный парк', 'medeu', 1893456000, 1893470400, 'published', 1, 1)`,
			} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatalf("migrate a database with rows: %v", err)
			}
			e, err := s.Event(ctx, 1)
			old := "Орталық саябақ / Центральный парк"
			if err != nil || e.Venue != (domain.Text{KK: old, RU: old, EN: old}) || !e.Address.Empty() || e.HasCoordinates() ||
				e.OrgName != (domain.Text{KK: "Жасыл Алматы", RU: "Жасыл Алматы", EN: "Жасыл Алматы"}) {
				t.Fatalf("the event after the migration: %+v %v", e, err)
			}
			o, err := s.Organization(ctx, 1)
			if err != nil || o.Description != (domain.Text{KK: "Экоклуб", RU: "Экоклуб", EN: "Экоклуб"}) {
				t.Fatalf("the organization after the migration: %+v %v", o, err)
			}
			// the programme's counter still moves when an organization is renamed
			version := func() int64 {
				var n int64
				if err := db.QueryRowContext(ctx, `SELECT n FROM programme_version WHERE id = 1`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			before := version()
			o.Name.EN = "Green Almaty"
			if err := s.UpdateOrganization(ctx, 0, o); err != nil {
				t.Fatal(err)
			}
			if after := version(); after == before {
				t.Fatalf("renaming an organization left the programme's version at %d", after)
			}
		})
	}
}
