package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// TestCredentialsAreListedAndEnded: a person's sessions and tokens are listed with where and with
// what they were opened; one of them ends by its handle, and only its owner can end it; ending the
// others keeps the session in use.
func TestCredentialsAreListedAndEnded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := domain.User{Email: "cred@example.kz", Name: "Әлия", Locale: "kk"}
		other := domain.User{Email: "other@example.kz", Name: "Бақыт", Locale: "kk"}
		for _, p := range []*domain.User{&u, &other} {
			if err := s.CreateUser(ctx, p, "x"); err != nil {
				t.Fatal(err)
			}
		}
		phone := store.WithAgent(store.WithOrigin(ctx, "192.0.2.10"), "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36")
		later := time.Now().Add(24 * time.Hour)
		for i, h := range []string{"aaaaaaaaaaaaaaaa1111", "bbbbbbbbbbbbbbbb2222"} {
			c := ctx
			if i == 0 {
				c = phone
			}
			if err := s.CreateSession(c, u.ID, h, later); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateToken(store.WithAgent(ctx, "curl/8.5.0"), u.ID, "cccccccccccccccc3333", later, false); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateToken(ctx, other.ID, "dddddddddddddddd4444", later, false); err != nil {
			t.Fatal(err)
		}
		cs, err := s.Credentials(ctx, u.ID, "bbbbbbbbbbbbbbbb2222")
		if err != nil || len(cs) != 3 {
			t.Fatalf("credentials: %+v, %v", cs, err)
		}
		if !cs[0].Current || cs[0].Handle != "bbbbbbbbbbbbbbbb" {
			t.Errorf("the session in use is not first: %+v", cs[0])
		}
		var phoneSeen bool
		for _, c := range cs {
			phoneSeen = phoneSeen || (c.Origin == "192.0.2.10" && c.Kind == "session" && c.Agent != "")
		}
		if !phoneSeen {
			t.Errorf("the phone's session lost its address or agent: %+v", cs)
		}
		// someone else's token is not theirs to end
		if err := s.EndCredential(ctx, u.ID, "token", "dddddddddddddddd"); domain.ErrorCode(err) != domain.NotFound {
			t.Errorf("ending another's token: %v, want not found", err)
		}
		if err := s.EndCredential(ctx, u.ID, "token", "cccccccccccccccc"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByToken(ctx, "cccccccccccccccc3333"); domain.ErrorCode(err) != domain.Unauthorized {
			t.Errorf("an ended token still works: %v", err)
		}
		n, err := s.EndOtherCredentials(ctx, u.ID, "bbbbbbbbbbbbbbbb2222")
		if err != nil || n != 1 {
			t.Errorf("ending the others: %d, %v; want 1", n, err)
		}
		if _, err := s.SessionUser(ctx, "bbbbbbbbbbbbbbbb2222", time.Hour); err != nil {
			t.Errorf("the session in use ended: %v", err)
		}
		if _, err := s.UserByToken(ctx, "dddddddddddddddd4444"); err != nil {
			t.Errorf("another person's token ended: %v", err)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{Action: "user.credential", ActorID: u.ID, Limit: 10})
		if err != nil || len(entries) != 2 {
			t.Errorf("audited: %d, %v; want 2", len(entries), err)
		}
	})
}
