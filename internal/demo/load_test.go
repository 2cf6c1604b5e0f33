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

// historyDay is a day the demo is loaded on in the tests of its history: the day its history is
// written up to, whatever day the tests run.
var historyDay = time.Date(2026, time.December, 7, 12, 0, 0, 0, domain.Almaty())

// The demo tells the year truthfully: the events that took place have their volunteers, who were
// checked in (a few did not come) and whose hours are in the ledger, approved for most; the
// opening ceremony of 5 March 2026 had its 450 places nearly all taken; the demo volunteer has a
// history with a certificate and places ahead; and every count agrees with the rows, as the signup
// path keeps them, with the hours ledger's and the audit log's chains whole.
func TestDemoHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Now()
		if err := Load(ctx, s, Build(), historyDay); err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded in %s", time.Since(t0).Round(time.Millisecond))
		if v, err := s.ScaleViolations(ctx, historyDay, 0); err != nil || v.Total() != 0 {
			t.Fatalf("violations of the signup rules: %+v %v", v, err)
		}
		if n, err := s.VerifyLedger(ctx); err != nil {
			t.Fatalf("hours ledger: %d %v", n, err)
		}
		if n, err := s.VerifyAudit(ctx); err != nil {
			t.Fatalf("audit log: %d %v", n, err)
		}
		checkDemoMentoring(t, s)
		events, _, err := s.Events(ctx, store.EventFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		held, withClaims, approved, confirmed, came := 0, 0, 0, 0, 0
		ceremonyIn := -1
		for _, listed := range events {
			e, err := s.Event(ctx, listed.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range e.Shifts {
				roster, err := s.Roster(ctx, sh.ID)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, sg := range roster {
					if sg.Status == domain.SignupConfirmed {
						n++
					}
				}
				if n != sh.Confirmed || n > sh.Capacity {
					t.Errorf("shift %d of %q: %d confirmed by count, %d signups, capacity %d", sh.ID, e.Title.EN, sh.Confirmed, n, sh.Capacity)
				}
				if !sh.EndsAt.Before(historyDay) || e.Status != domain.EventPublished {
					continue
				}
				held++
				checkins, err := s.Checkins(ctx, sh.ID)
				if err != nil {
					t.Fatal(err)
				}
				in := 0
				for _, c := range checkins {
					if !c.CheckedInAt.IsZero() {
						in++
						if c.CheckedInAt.Before(sh.StartsAt.Add(-domain.CheckinOpensBefore)) || c.CheckedInAt.After(sh.EndsAt) || c.CheckedOutAt.IsZero() {
							t.Errorf("shift %d of %q: checked in at %s, out at %s", sh.ID, e.Title.EN, c.CheckedInAt, c.CheckedOutAt)
						}
					}
				}
				if n > 0 && in == 0 {
					t.Errorf("shift %d of %q took place with %d volunteers and nobody checked in", sh.ID, e.Title.EN, n)
				}
				confirmed += n
				came += in
				claims, err := s.ShiftClaims(ctx, sh.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(claims) != in {
					t.Errorf("shift %d of %q: %d checked in, %d claims of hours", sh.ID, e.Title.EN, in, len(claims))
				}
				if len(claims) > 0 {
					withClaims++
					if claims[0].Status == domain.LedgerApproved {
						approved++
					}
				}
				if sh.Capacity == 450 {
					ceremonyIn = in
				}
			}
		}
		if held < 250 {
			t.Errorf("%d shifts took place before %s, want the year's", held, historyDay.Format(time.DateOnly))
		}
		if came*100 < confirmed*85 || came == confirmed {
			t.Errorf("%d of %d volunteers with a place came, want most but not all", came, confirmed)
		}
		if approved*10 < withClaims*8 || approved == withClaims {
			t.Errorf("the hours of %d of %d shifts are approved, want most, the latest waiting", approved, withClaims)
		}
		if ceremonyIn < 400 || ceremonyIn > 450 {
			t.Errorf("%d checked in to the opening ceremony's 450 places, want about 400", ceremonyIn)
		}

		for _, who := range []struct {
			email          string
			shifts, certes int
		}{{"volunteer@example.kz", 5, 1}, {"silver@example.kz", 2, 0}} {
			u, _, err := s.UserByEmail(ctx, who.email)
			if err != nil {
				t.Fatal(err)
			}
			book, err := s.HoursBook(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(book) < who.shifts {
				t.Errorf("%s has approved hours of %d shifts, want %d", who.email, len(book), who.shifts)
			}
			certs, err := s.UserCertificates(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(certs) != who.certes || (len(certs) > 0 && certs[0].TotalMinutes < 5*60) {
				t.Errorf("%s has certificates %+v, want %d", who.email, certs, who.certes)
			}
			signups, err := s.UserSignups(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			ahead := 0
			for _, sg := range signups {
				if sg.Status == domain.SignupConfirmed && sg.Shift != nil && sg.Shift.StartsAt.After(historyDay) {
					ahead++
				}
			}
			if ahead < 1 || ahead > 2 {
				t.Errorf("%s holds %d places ahead, want one or two", who.email, ahead)
			}
		}
	})
}

// checkDemoMentoring: the demo's programme has a past round whose pairs keep the hard rules and
// were answered (most accepted, one declined), and an open round with applications of both sides.
func checkDemoMentoring(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	progs, err := s.MentoringProgrammes(ctx, 0)
	if err != nil || len(progs) != 1 || progs[0].ProjectID == 0 {
		t.Fatalf("the demo's mentoring programmes: %+v %v", progs, err)
	}
	prog := progs[0]
	rounds, err := s.MentoringRounds(ctx, prog.ID)
	if err != nil || len(rounds) != 2 || !rounds[0].Open(historyDay) || rounds[1].PublishedAt.IsZero() {
		t.Fatalf("the demo's rounds: %+v %v", rounds, err)
	}
	pairs, err := s.MentoringPairs(ctx, rounds[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, p := range pairs {
		status[p.Status]++
		pm, pe := p.Mentor.Profile(&rounds[1]), p.Mentee.Profile(&rounds[1])
		if rule := domain.PairRule(&prog, &pm, &pe); rule != "" {
			t.Errorf("pair %d breaks the rule %s", p.ID, rule)
		}
	}
	if status[store.PairAccepted] < 10 || status[store.PairDeclined] != 1 {
		t.Errorf("the past round's pairs by status: %v", status)
	}
	figures, err := s.MentoringFigures(ctx, prog.ID)
	if err != nil || len(figures) != 2 || figures[1].Meetings < 3*figures[1].Pairs || figures[1].Completed == 0 || figures[1].Rating < 3 {
		t.Errorf("the past round's figures: %+v %v", figures, err)
	}
	apps, err := s.MentoringApplications(ctx, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]int{}
	for _, a := range apps {
		roles[a.Role]++
	}
	if roles[domain.RoleMentor] < 5 || roles[domain.RoleMentee] < 20 {
		t.Errorf("the open round's applications: %v", roles)
	}
}
