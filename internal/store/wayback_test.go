package store_test

import (
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The link that verifies a new address keeps where its owner was going when they registered, in
// the token and not in the link, and a resent link keeps it too.
func TestVerificationLinkKeepsTheWayBack(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		b, _ := domain.ParseDate("2000-01-02")
		u := domain.User{Email: "wayback@example.kz", Name: "Әсел Нұрғалиқызы", BirthDate: b, Locale: "kk"}
		if err := s.CreateUserWayBack(ctx, &u, "x", "/signup?shift=7"); err != nil {
			t.Fatal(err)
		}
		m := mailsOf(t, s, u.ID)[0]
		if strings.Contains(m.Link, "signup") {
			t.Fatalf("the link shows the way back: %s", m.Link)
		}
		c.add(2 * time.Minute)
		if sent, err := s.ResendVerification(ctx, u.ID); err != nil || !sent {
			t.Fatalf("resend: %v %v", sent, err)
		}
		resent := linkToken(t, mailsOf(t, s, u.ID)[1])
		id, back, err := s.VerifyEmailWayBack(ctx, resent)
		if err != nil || id != u.ID || back != "/signup?shift=7" {
			t.Fatalf("verify the resent link: %d %q %v", id, back, err)
		}
		// an account made without one has none
		plain := newUser(t, s, "plain@example.kz")
		if _, back, err := s.VerifyEmailWayBack(ctx, linkToken(t, mailsOf(t, s, plain.ID)[0])); err != nil || back != "" {
			t.Fatalf("a way back from nowhere: %q %v", back, err)
		}
	})
}
