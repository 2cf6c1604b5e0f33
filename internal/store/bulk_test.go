package store_test

import (
	"fmt"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

func bulkPeople(t *testing.T, n int, birth string) ([]store.BulkVolunteer, []string) {
	t.Helper()
	b, _ := domain.ParseDate(birth)
	vs := make([]store.BulkVolunteer, n)
	tokens := make([]string, n)
	for i := range vs {
		tok, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		tokens[i] = tok
		vs[i] = store.BulkVolunteer{Email: fmt.Sprintf("bulk%d@example.kz", i), Name: fmt.Sprintf("Ерікті %d", i), BirthDate: b, Locale: "ru", TokenHash: hash}
	}
	return vs, tokens
}

var bulkConsent = store.Consent{Kind: store.ConsentPrivacy, Version: domain.PrivacyPolicyVersion, Method: "loadtest"}

// Volunteers inserted in bulk (more than one statement's worth) are accounts like any other: their
// tokens sign them in, their consent stands, their mail preferences exist, they sign up under the
// normal rules, and no password opens them.
func TestBulkVolunteersSignUpLikeAnyone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 2, 0)
		vs, tokens := bulkPeople(t, 4100, "1990-05-05")
		if err := s.BulkVolunteers(ctx, vs, bulkConsent, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, i := range []int{0, 1, 3999, 4000, 4099} {
			u, err := s.UserByToken(ctx, auth.HashToken(tokens[i]))
			if err != nil {
				t.Fatalf("token %d: %v", i, err)
			}
			if u.ID != vs[i].ID || u.Email != vs[i].Email || u.Locale != "ru" || !u.EmailVerified || u.SecondFactor || seen[u.ID] {
				t.Fatalf("token %d gives %+v, want %+v", i, u, vs[i])
			}
			seen[u.ID] = true
			if v, err := s.ConsentVersion(ctx, u.ID, store.ConsentPrivacy); err != nil || v != domain.PrivacyPolicyVersion {
				t.Fatalf("consent of %d: %q %v", i, v, err)
			}
			if p, err := s.MailPrefs(ctx, u.ID); err != nil || !p.Signups || p.Token == "" {
				t.Fatalf("mail preferences of %d: %+v %v", i, p, err)
			}
			if _, hash, err := s.UserByEmail(ctx, u.Email); err != nil || auth.CheckPassword("", hash) || auth.CheckPassword(hash, hash) {
				t.Fatalf("a password opens bulk account %d: %v", i, err)
			}
		}
		var got []domain.Signup
		for _, i := range []int{0, 4000, 4099} {
			sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: vs[i].ID, IdempotencyKey: fmt.Sprint("k", i)})
			if err != nil {
				t.Fatalf("signup %d: %v", i, err)
			}
			got = append(got, sg)
		}
		if got[0].Status != domain.SignupConfirmed || got[1].Status != domain.SignupConfirmed || got[2].Status != domain.SignupWaitlisted || got[2].WaitlistPosition != 1 {
			t.Fatalf("signups: %+v", got)
		}
		out, err := s.ShiftOutcomes(ctx, []int64{sh.ID})
		if err != nil {
			t.Fatal(err)
		}
		o := out[sh.ID]
		if o.Capacity != 2 || o.Confirmed != 2 || o.Waitlisted != 1 || len(o.Signups) != 3 {
			t.Fatalf("outcome: %+v", o)
		}
		for i, sg := range o.Signups {
			if sg.ID != got[i].ID || sg.UserID != got[i].UserID || sg.Status != got[i].Status || sg.Keys != 1 {
				t.Fatalf("outcome row %d: %+v, answer %+v", i, sg, got[i])
			}
		}
		if o.Signups[2].WaitlistSeq == 0 || o.Signups[0].WaitlistSeq != 0 {
			t.Fatalf("waitlist order: %+v", o.Signups)
		}
		if _, err := s.ShiftOutcomes(ctx, []int64{sh.ID, sh.ID + 1000}); code(err) != domain.NotFound {
			t.Fatalf("outcome of a missing shift: %v", err)
		}
	})
}

// A batch holding a minor or an address already taken stores nothing at all.
func TestBulkVolunteersAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		vs, tokens := bulkPeople(t, 3, "1990-05-05")
		minor := time.Now().AddDate(-15, 0, 0).Format(time.DateOnly)
		young, _ := bulkPeople(t, 1, minor)
		young[0].Email = "young@example.kz"
		if err := s.BulkVolunteers(ctx, append(vs, young...), bulkConsent, time.Now().Add(time.Hour)); err == nil {
			t.Fatal("a minor was accepted")
		}
		if _, err := s.UserByToken(ctx, auth.HashToken(tokens[0])); code(err) != domain.Unauthorized {
			t.Fatalf("after a refused batch, a token works: %v", err)
		}
		taken := domain.User{Email: "bulk2@example.kz", Name: "Бар", BirthDate: vs[0].BirthDate, Locale: "kk"}
		if err := s.CreateUser(ctx, &taken, "x"); err != nil {
			t.Fatal(err)
		}
		if err := s.BulkVolunteers(ctx, vs, bulkConsent, time.Now().Add(time.Hour)); code(err) != domain.Conflict || key(err) != "field.email_taken" {
			t.Fatalf("a taken address: %v", err)
		}
		for i := range tokens {
			if _, err := s.UserByToken(ctx, auth.HashToken(tokens[i])); code(err) != domain.Unauthorized {
				t.Fatalf("after a refused batch, token %d works: %v", i, err)
			}
		}
		if _, _, err := s.UserByEmail(ctx, "bulk0@example.kz"); code(err) != domain.NotFound {
			t.Fatalf("after a refused batch, an account exists: %v", err)
		}
	})
}
