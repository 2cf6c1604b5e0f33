package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// The demo's volunteers under 18 on the day it is loaded have a guardian's consent on record, so
// that the signups the demo makes for them pass the same rule as everyone's. Loaded as of early
// 2025, the youngest demo volunteers (born in 2007) are 17.
func TestDemoMinorsHaveAGuardiansConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
		if err := Load(ctx, s, Build(), now); err != nil {
			t.Fatal(err)
		}
		minors := 0
		for i := 1; i <= 160; i++ {
			u, _, err := s.UserByEmail(ctx, fmt.Sprintf("volunteer%03d@example.kz", i))
			if err != nil {
				t.Fatal(err)
			}
			cs, err := s.Consents(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			var guardian *store.Consent
			for j := range cs {
				if cs[j].Kind == store.ConsentGuardian {
					guardian = &cs[j]
				}
			}
			minor := domain.NeedsGuardian(u.BirthDate, now, domain.DefaultGuardianAge)
			switch {
			case minor && (guardian == nil || guardian.Method != "demo" || guardian.GuardianEmail == "" || guardian.Version != domain.GuardianConsentVersion):
				t.Errorf("%s, born %s: guardian's consent %+v", u.Email, u.BirthDate.Format(time.DateOnly), guardian)
			case !minor && guardian != nil:
				t.Errorf("%s, an adult, has a guardian's consent", u.Email)
			}
			if minor {
				minors++
			}
		}
		if minors == 0 {
			t.Fatal("no demo volunteer was under 18 on the day: the test proves nothing")
		}
	})
}

// Loading the demo sends its made-up people none of the mails their made-up signups wrote, keeps
// the reminder jobs of its shifts, and loads only into an empty database.
func TestTheDemoSendsNoMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		loaded, err := LoadIfEmpty(ctx, s, time.Now())
		if err != nil || !loaded {
			t.Fatalf("load: %v %v", loaded, err)
		}
		pending, err := s.Jobs(ctx, store.JobPending, 10000)
		if err != nil {
			t.Fatal(err)
		}
		reminders := 0
		for _, j := range pending {
			switch j.Kind {
			case store.JobMail:
				t.Fatalf("a demo mail waits to be sent: %s", j.Payload)
			case store.JobReminder:
				reminders++
			}
		}
		if reminders == 0 {
			t.Fatal("the demo's shifts have no reminder jobs")
		}
		if again, err := LoadIfEmpty(ctx, s, time.Now()); err != nil || again {
			t.Fatalf("a second load: %v %v", again, err)
		}
	})
}

// The demo's password is published in the README, so no account may choose it (finding 10 of
// issue 14): auth refuses it whatever the account.
func TestTheDemoPasswordIsRefusedForNewAccounts(t *testing.T) {
	list, err := auth.LoadPasswordList()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{Password, strings.ToUpper(Password), " " + Password + " "} {
		if key := list.Refused(p, "someone@example.kz", "Someone"); key == "" {
			t.Errorf("%q is accepted as a new password", p)
		}
	}
}
