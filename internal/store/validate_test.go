package store_test

import (
	"errors"
	"strings"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// Every writer validates what it writes: a profile, organization or event that breaks the domain's rules
// is refused with an invalid error naming the field, even when no handler checked it first, and
// nothing of it is stored.
func TestWritersRefuseInvalidInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		admin := domain.User{Email: "a@example.kz", Name: "Админ", Locale: "ru"}
		if err := s.CreateUser(ctx, &admin, "x"); err != nil {
			t.Fatal(err)
		}
		refused := func(what string, err error, field string) {
			t.Helper()
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.Invalid || len(de.Fields) == 0 || de.Fields[0].Field != field {
				t.Fatalf("%s: %v, want invalid %s", what, err, field)
			}
		}

		refused("a profile of an unknown district", s.UpdateProfile(ctx, admin.ID, "Админ", "ru", domain.Profile{District: "mars"}), "district")
		refused("a name of spaces", s.UpdateProfile(ctx, admin.ID, " ", "ru", domain.Profile{}), "name")
		if u, err := s.User(ctx, admin.ID); err != nil || u.Name != "Админ" || u.Profile.District != "" {
			t.Fatalf("a refused profile was stored: %+v %v", u, err)
		}

		bad := domain.Organization{Name: domain.Text{KK: "Қ"}, BIN: "000740000729"}
		refused("an organization with a one-letter name", s.CreateOrganization(ctx, admin.ID, &bad), "name.kk")
		bad = domain.Organization{Name: domain.Text{KK: " ", RU: "", EN: ""}, Description: domain.Text{EN: "Help"}}
		refused("an organization with no name in any language", s.CreateOrganization(ctx, admin.ID, &bad), "name")
		bad = domain.Organization{Name: domain.Text{KK: "Қамқор", EN: strings.Repeat("n", domain.MaxNameLen+1)}}
		refused("an organization with a name too long in English", s.CreateOrganization(ctx, admin.ID, &bad), "name.en")
		bad = domain.Organization{Name: domain.Text{RU: "Забота"}, Description: domain.Text{KK: strings.Repeat("ә", domain.MaxDescriptionLen+1)}}
		refused("an organization with a description too long in Kazakh", s.CreateOrganization(ctx, admin.ID, &bad), "description.kk")
		if orgs, err := s.Organizations(ctx, ""); err != nil || len(orgs) != 0 {
			t.Fatalf("a refused organization was stored: %v %v", orgs, err)
		}
		org := domain.Organization{Name: domain.Text{KK: "Қамқор"}}
		if err := s.CreateOrganization(ctx, admin.ID, &org); err != nil {
			t.Fatal(err)
		}
		org.Website = "ftp://example.kz"
		refused("a profile with a website that is not one", s.UpdateOrganization(ctx, admin.ID, org), "website")
		if o, _ := s.Organization(ctx, org.ID); o.Website != "" {
			t.Fatalf("a refused profile was stored: %+v", o)
		}

		e := benchEvent(org.ID)
		e.Direction = "astronomy"
		refused("an event of an unknown direction", s.CreateEvent(ctx, admin.ID, &e), "direction")
		e = benchEvent(org.ID)
		e.Venue = domain.Text{}
		refused("an event with no venue in any language", s.CreateEvent(ctx, admin.ID, &e), "venue")
		e = benchEvent(org.ID)
		e.Venue.RU = strings.Repeat("я", domain.MaxVenueLen+1)
		refused("an event with a venue too long in Russian", s.CreateEvent(ctx, admin.ID, &e), "venue.ru")
		e = benchEvent(org.ID)
		e.Address.EN = strings.Repeat("a", domain.MaxVenueLen+1)
		refused("an event with an address too long in English", s.CreateEvent(ctx, admin.ID, &e), "address.en")
		e = benchEvent(org.ID)
		e.Lat, e.Lon = 95, 76.9
		refused("an event with a latitude past the pole", s.CreateEvent(ctx, admin.ID, &e), "lat")
		e = benchEvent(org.ID)
		e.Shifts[0].Capacity = 0
		refused("an event with a shift of no places", s.CreateEvent(ctx, admin.ID, &e), "shifts[0].capacity")
		e = benchEvent(org.ID)
		e.Shifts[0].EndsAt = e.Shifts[0].StartsAt
		refused("an event with a shift that ends as it starts", s.CreateEvent(ctx, admin.ID, &e), "shifts[0].ends_at")
		events, _, err := s.Events(ctx, store.EventFilter{OrgID: org.ID, WithDrafts: true})
		if err != nil || len(events) != 0 {
			t.Fatalf("a refused event was stored: %v %v", events, err)
		}
	})
}
