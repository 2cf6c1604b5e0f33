package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// A request reads its person's standing privacy consent in the query that reads them by token or
// session: the answer must be ConsentVersion's, and follow a consent given and withdrawn.
func TestUserByTokenAndSessionReadTheStandingConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "consent@example.kz")
		if err := s.CreateToken(ctx, u.ID, "token-of-consent", time.Now().Add(time.Hour), false); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, u.ID, "session-of-consent", time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		want := func(step, version string) {
			t.Helper()
			if v, err := s.ConsentVersion(ctx, u.ID, store.ConsentPrivacy); err != nil || v != version {
				t.Fatalf("%s: ConsentVersion %q %v, want %q", step, v, err, version)
			}
			byToken, err := s.UserByToken(ctx, "token-of-consent")
			if err != nil || !byToken.ConsentRead || byToken.PrivacyConsent != version {
				t.Fatalf("%s: by token %v %q %v, want %q", step, byToken.ConsentRead, byToken.PrivacyConsent, err, version)
			}
			bySession, err := s.SessionUser(ctx, "session-of-consent", time.Hour)
			if err != nil || !bySession.ConsentRead || bySession.PrivacyConsent != version {
				t.Fatalf("%s: by session %v %q %v, want %q", step, bySession.ConsentRead, bySession.PrivacyConsent, err, version)
			}
		}
		want("none given", "")
		if err := s.GiveConsent(ctx, u.ID, store.ConsentPrivacy, "2025-01", "form"); err != nil {
			t.Fatal(err)
		}
		if err := s.GiveConsent(ctx, u.ID, store.ConsentPrivacy, domain.PrivacyPolicyVersion, "form"); err != nil {
			t.Fatal(err)
		}
		if err := s.GiveConsent(ctx, u.ID, store.ConsentGuardian, domain.GuardianConsentVersion, "form"); err != nil {
			t.Fatal(err)
		}
		want("the newest privacy consent, not the guardian's", domain.PrivacyPolicyVersion)
		if err := s.WithdrawConsent(ctx, u.ID, store.ConsentPrivacy); err != nil {
			t.Fatal(err)
		}
		want("withdrawn", "")
	})
}
