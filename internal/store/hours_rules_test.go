package store_test

import (
	"errors"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// hoursCase is a confirmed signup of a volunteer to a new 2-hour shift a week ahead (cap 150
// minutes), and a coordinator who is someone else.
func hoursCase(t *testing.T, s *store.Store) (domain.Shift, domain.Signup, domain.User, domain.User) {
	t.Helper()
	f := newFixture(t, s)
	sh := f.shift(t, 5, 0)
	people := f.users(t, 2, "2000-01-01")
	sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: people[0].ID})
	if err != nil || sg.Status != domain.SignupConfirmed {
		t.Fatalf("signup: %+v %v", sg, err)
	}
	return sh, sg, people[0], people[1]
}

func claimsOf(t *testing.T, s *store.Store, shiftID int64) []domain.LedgerEntry {
	t.Helper()
	claims, err := s.ShiftClaims(ctx, shiftID)
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

// notStarted reports whether err is the refusal of hours for a shift that has not started: invalid
// (422), naming the shift's starts_at.
func notStarted(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == domain.Invalid && len(e.Fields) == 1 &&
		e.Fields[0].Field == "starts_at" && e.Fields[0].Key == "hours.not_started"
}

// Issues 14 and 17: hours are entered and approved only for a shift that has started; before,
// every path is refused as invalid naming starts_at (hours.not_started) and nothing is written,
// so that a certificate's period never lies after its issue date.
func TestHoursOnlyOnceTheShiftStarted(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, sg, _, coord := hoursCase(t, s)
		if _, err := s.EnterHours(ctx, coord.ID, sg.ID, 150, 0); !notStarted(err) {
			t.Fatalf("hours entered for a shift that starts tomorrow: %v", err)
		}
		if got := claimsOf(t, s, sh.ID); len(got) != 0 {
			t.Fatalf("a refused claim was written: %+v", got)
		}
		// a claim written once the shift started cannot be approved with the clock before it
		c.set(sh.StartsAt)
		id, err := s.EnterHours(ctx, coord.ID, sg.ID, 60, 0)
		if err != nil {
			t.Fatal(err)
		}
		c.set(sh.StartsAt.Add(-time.Second))
		if err := s.ApproveHours(ctx, coord.ID, id); !notStarted(err) {
			t.Fatalf("approval before the start: %v", err)
		}
		if n, err := s.ApproveShiftHours(ctx, coord.ID, sh.ID); !notStarted(err) || n != 0 {
			t.Fatalf("the shift's approval before its start: %d %v", n, err)
		}
		if got := claimsOf(t, s, sh.ID); len(got) != 1 || got[0].Status != domain.ClaimPending {
			t.Fatalf("a refused approval was written: %+v", got)
		}
		c.set(sh.StartsAt.Add(time.Minute))
		if err := s.ApproveHours(ctx, coord.ID, id); err != nil {
			t.Fatal(err)
		}
	})
}

// Issue 14: nobody approves their own hours, alone or with the whole shift, whatever their role;
// a rejection of one's own claim stays allowed.
func TestHoursNeverApprovedByTheirVolunteer(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, sg, vol, coord := hoursCase(t, s)
		c.set(sh.StartsAt.Add(time.Hour))
		id, err := s.EnterHours(ctx, vol.ID, sg.ID, 150, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ApproveHours(ctx, vol.ID, id); key(err) != "hours.own" || code(err) != domain.Conflict {
			t.Fatalf("a volunteer approved their own hours: %v", err)
		}
		if n, err := s.ApproveShiftHours(ctx, vol.ID, sh.ID); err != nil || n != 0 {
			t.Fatalf("the shift's approval by its own volunteer approved %d: %v", n, err)
		}
		if got := claimsOf(t, s, sh.ID); len(got) != 1 || got[0].Status != domain.ClaimPending {
			t.Fatalf("the claim: %+v", got)
		}
		if book, err := s.HoursBook(ctx, vol.ID); err != nil || len(book) != 0 {
			t.Fatalf("the book: %+v %v", book, err)
		}
		if err := s.ApproveHours(ctx, coord.ID, id); err != nil {
			t.Fatal(err)
		}
	})
}

// Issue 14: a signup counts at most one approved claim, so never more than the shift's length and
// the margin: entering hours again corrects the pending claim instead of adding one, and after
// the approval no claim is added or approved.
func TestHoursCappedPerSignup(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, sg, vol, coord := hoursCase(t, s)
		c.set(sh.EndsAt)
		for _, m := range []int{100, 150, 40} {
			if _, err := s.EnterHours(ctx, coord.ID, sg.ID, m, 0); err != nil {
				t.Fatal(err)
			}
		}
		claims := claimsOf(t, s, sh.ID)
		pending := 0
		for _, cl := range claims {
			if cl.Status == domain.ClaimPending {
				pending++
			}
		}
		if len(claims) != 3 || pending != 1 || claims[2].Minutes != 40 || claims[2].RefersTo != claims[1].ID {
			t.Fatalf("three entries, each correcting the one before: %+v", claims)
		}
		if n, err := s.ApproveShiftHours(ctx, coord.ID, sh.ID); err != nil || n != 1 {
			t.Fatalf("approve the shift: %d %v", n, err)
		}
		for i := 0; i < 3; i++ {
			if _, err := s.EnterHours(ctx, coord.ID, sg.ID, 150, 0); key(err) != "hours.already_approved" || code(err) != domain.Conflict {
				t.Fatalf("a claim after the approval: %v", err)
			}
		}
		if _, err := s.EnterHours(ctx, coord.ID, sg.ID, 150, claims[2].ID); key(err) != "hours.not_pending" {
			t.Fatalf("a correction of the approved claim: %v", err)
		}
		// nothing refused was written
		if got := claimsOf(t, s, sh.ID); len(got) != 3 {
			t.Fatalf("claims: %+v", got)
		}
		book, err := s.HoursBook(ctx, vol.ID)
		if err != nil || len(book) != 1 || book[0].Minutes != 40 {
			t.Fatalf("the book: %+v %v", book, err)
		}
		if n, err := s.VerifyLedger(ctx); err != nil || n != 4 {
			t.Fatalf("verify: %d %v", n, err)
		}
	})
}

// Issue 14: verify-ledger flags what an earlier version let through, on sound chains: a second
// approved claim for one signup, an approval by the volunteer themselves, a claim written before
// its shift started.
func TestVerifyLedgerFlagsBrokenHoursRules(t *testing.T) {
	cases := map[string]func(sh domain.Shift, sg domain.Signup, vol, coord domain.User, orgID int64) []domain.LedgerEntry{
		"a second approval": func(sh domain.Shift, sg domain.Signup, vol, coord domain.User, orgID int64) []domain.LedgerEntry {
			e := domain.LedgerEntry{UserID: vol.ID, SignupID: sg.ID, ShiftID: sh.ID, OrgID: orgID, Minutes: 40, ActorID: coord.ID}
			return []domain.LedgerEntry{with(e, domain.LedgerEntered, 0), with(e, domain.LedgerApproved, -1), with(e, domain.LedgerEntered, 0), with(e, domain.LedgerApproved, -1)}
		},
		"one's own approval": func(sh domain.Shift, sg domain.Signup, vol, coord domain.User, orgID int64) []domain.LedgerEntry {
			e := domain.LedgerEntry{UserID: vol.ID, SignupID: sg.ID, ShiftID: sh.ID, OrgID: orgID, Minutes: 40, ActorID: vol.ID}
			return []domain.LedgerEntry{with(e, domain.LedgerEntered, 0), with(e, domain.LedgerApproved, -1)}
		},
	}
	for name, entries := range cases {
		t.Run(name, func(t *testing.T) {
			eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
				sh, sg, vol, coord := hoursCase(t, s)
				_, orgID, err := s.Shift(ctx, sh.ID)
				if err != nil {
					t.Fatal(err)
				}
				c.set(sh.StartsAt.Add(time.Hour))
				appendAll(t, s, entries(sh, sg, vol, coord, orgID))
				var v *store.LedgerViolation
				if _, err := s.VerifyLedger(ctx); !errors.As(err, &v) || v.SignupID != sg.ID {
					t.Fatalf("verify: %v", err)
				}
			})
		})
	}
	t.Run("before the start", func(t *testing.T) {
		eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
			sh, sg, vol, coord := hoursCase(t, s)
			_, orgID, err := s.Shift(ctx, sh.ID)
			if err != nil {
				t.Fatal(err)
			}
			appendAll(t, s, []domain.LedgerEntry{{UserID: vol.ID, SignupID: sg.ID, ShiftID: sh.ID, OrgID: orgID, Kind: domain.LedgerEntered, Minutes: 150, ActorID: coord.ID}})
			var v *store.LedgerViolation
			if _, err := s.VerifyLedger(ctx); !errors.As(err, &v) {
				t.Fatalf("verify: %v", err)
			}
		})
	})
}

// with is e as an entry of kind; refersTo -1 means the entry written just before it.
func with(e domain.LedgerEntry, kind string, refersTo int64) domain.LedgerEntry {
	e.Kind, e.RefersTo = kind, refersTo
	return e
}

func appendAll(t *testing.T, s *store.Store, entries []domain.LedgerEntry) {
	t.Helper()
	var last int64
	for _, e := range entries {
		if e.RefersTo == -1 {
			e.RefersTo = last
		}
		id, err := s.AppendLedgerForTest(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		last = id
	}
}
