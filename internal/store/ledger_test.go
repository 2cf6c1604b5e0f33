package store_test

import (
	"errors"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// attended signs n volunteers up for a new 2-hour shift and checks each in at its start; it
// returns the shift, the volunteers and their codes.
func attended(t *testing.T, s *store.Store, c *clock, n int) (domain.Shift, []domain.User, []string) {
	t.Helper()
	f := newFixture(t, s)
	sh := f.shift(t, n, 0)
	people := f.users(t, n, "2000-01-01")
	var codes []string
	for _, p := range people {
		sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		cd, _, err := s.CheckinPass(ctx, p.ID, sg.ID)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, cd)
	}
	c.set(sh.StartsAt.Add(-10 * time.Minute))
	for _, cd := range codes {
		if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: cd}); err != nil {
			t.Fatal(err)
		}
	}
	return sh, people, codes
}

// Check-out writes a pending claim, cut to the shift's length and the margin; a coordinator's
// entry over the cap or below zero is refused; approvals, rejections (only with a reason) and
// corrections are new entries, and a decided claim takes no second decision.
func TestHoursLedger(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, people, codes := attended(t, s, c, 3)
		c.set(sh.StartsAt.Add(90 * time.Minute))
		if _, err := s.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: codes[0]}); err != nil {
			t.Fatal(err)
		}
		c.set(sh.EndsAt.Add(domain.CheckoutGrace)) // 2h40m after the check-in: cut to 2h30m
		if n, err := s.CheckOutAll(ctx, 0, sh.ID); err != nil || n != 2 {
			t.Fatalf("check out all: %d %v", n, err)
		}
		claims, err := s.ShiftClaims(ctx, sh.ID)
		if err != nil || len(claims) != 3 {
			t.Fatalf("claims: %+v %v", claims, err)
		}
		if claims[0].Minutes != 100 || claims[1].Minutes != 150 || claims[2].Minutes != 150 || claims[0].Status != domain.ClaimPending || claims[0].Kind != domain.LedgerCheckin {
			t.Fatalf("the claims (100 min; 160 cut to 150): %+v", claims)
		}
		signup := claims[1].SignupID
		for _, bad := range []int{-1, 151} {
			if _, err := s.EnterHours(ctx, 0, signup, bad, 0); code(err) != domain.Invalid {
				t.Fatalf("%d minutes: %v", bad, err)
			}
		}
		if _, err := s.EnterHours(ctx, 0, signup, 60, claims[0].ID); key(err) != "hours.other_signup" {
			t.Fatalf("correcting another signup's claim: %v", err)
		}
		fixed, err := s.EnterHours(ctx, 0, signup, 120, claims[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RejectHours(ctx, 0, claims[2].ID, "  "); key(err) != "hours.reason_required" {
			t.Fatalf("a rejection without a reason: %v", err)
		}
		if err := s.RejectHours(ctx, 0, claims[2].ID, "Кешікті, ерте кетті"); err != nil {
			t.Fatal(err)
		}
		if err := s.ApproveHours(ctx, 0, claims[2].ID); key(err) != "hours.not_pending" {
			t.Fatalf("approving a rejected claim: %v", err)
		}
		if err := s.ApproveHours(ctx, 0, claims[1].ID); key(err) != "hours.not_pending" {
			t.Fatalf("approving a corrected claim: %v", err)
		}
		if err := s.ApproveHours(ctx, 0, 999999); code(err) != domain.NotFound {
			t.Fatalf("no such claim: %v", err)
		}
		if n, err := s.ApproveShiftHours(ctx, 0, sh.ID); err != nil || n != 2 {
			t.Fatalf("approve the shift: %d %v (the first claim and the correction)", n, err)
		}
		if n, err := s.ApproveShiftHours(ctx, 0, sh.ID); err != nil || n != 0 {
			t.Fatalf("approve the shift again: %d %v", n, err)
		}
		mine, err := s.UserClaims(ctx, people[1].ID)
		if err != nil || len(mine) != 2 || mine[0].Status != domain.ClaimSuperseded || mine[1].ID != fixed || mine[1].Status != domain.LedgerApproved || mine[1].Minutes != 120 {
			t.Fatalf("the corrected volunteer's claims: %+v %v", mine, err)
		}
		if n, err := s.VerifyLedger(ctx); err != nil || n != 7 {
			t.Fatalf("verify: %d %v (3 claims, a correction, a rejection, 2 approvals)", n, err)
		}
		if err := s.ExecForTest(ctx, `UPDATE hours_ledger SET minutes = 600`); err == nil {
			t.Fatal("a ledger entry was edited")
		}
		if err := s.ExecForTest(ctx, `DELETE FROM hours_ledger`); err == nil {
			t.Fatal("ledger entries were deleted")
		}
	})
}

// Someone with the database in hand drops the guard and edits, removes or inserts: verify-ledger
// finds the first break.
func TestLedgerChainShowsTampering(t *testing.T) {
	tamper := map[string]string{
		"edited":       `UPDATE hours_ledger SET minutes = 600 WHERE id = (SELECT MIN(id) FROM hours_ledger)`,
		"removed":      `DELETE FROM hours_ledger WHERE id = (SELECT MIN(id) FROM hours_ledger)`,
		"tail removed": `DELETE FROM hours_ledger WHERE id = (SELECT MAX(id) FROM hours_ledger)`,
		"inserted": `INSERT INTO hours_ledger (user_id, signup_id, shift_id, org_id, kind, minutes, created_at, prev_hash, hash)
			SELECT user_id, signup_id, shift_id, org_id, 'approved', 600, created_at, hash, 'forged' FROM hours_ledger WHERE id = (SELECT MAX(id) FROM hours_ledger)`,
	}
	for _, engine := range storetest.Engines() {
		for name, stmt := range tamper {
			t.Run(engine+"/"+name, func(t *testing.T) {
				c := &clock{t: time.Now().UTC().Truncate(time.Second)}
				s := storetest.Open(t, engine, store.Options{Now: c.now})
				sh, _, _ := attended(t, s, c, 1)
				c.set(sh.EndsAt)
				if _, err := s.CheckOutAll(ctx, 0, sh.ID); err != nil {
					t.Fatal(err)
				}
				if _, err := s.ApproveShiftHours(ctx, 0, sh.ID); err != nil {
					t.Fatal(err)
				}
				if _, err := s.VerifyLedger(ctx); err != nil {
					t.Fatal(err)
				}
				drop := []string{`DROP TRIGGER hours_ledger_no_update`, `DROP TRIGGER hours_ledger_no_delete`}
				if engine == "postgres" {
					drop = []string{`DROP TRIGGER hours_ledger_append_only ON hours_ledger`}
				}
				for _, q := range append(drop, stmt) {
					if err := s.ExecForTest(ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				_, err := s.VerifyLedger(ctx)
				var br *store.LedgerBreak
				if !errors.As(err, &br) {
					t.Fatalf("tampering (%s) went unnoticed: %v", name, err)
				}
			})
		}
	}
}

// hoursMails are the hours_decided mails queued for userID, oldest first.
func hoursMails(t *testing.T, s *store.Store, userID int64) []domain.Mail {
	t.Helper()
	var out []domain.Mail
	for _, m := range mailsOf(t, s, userID) {
		if m.Kind == domain.MailHoursDecided {
			out = append(out, m)
		}
	}
	return out
}

// A decision on hours writes, in its transaction, a mail to the volunteer: approved with the
// hours, rejected with the reason; approving a shift writes one per volunteer (all their hours
// together); a refused decision writes none; a volunteer who turned off signup mails gets none.
func TestHoursDecidedMails(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		sh, people, _ := attended(t, s, c, 4)
		c.set(sh.StartsAt.Add(80 * time.Minute))
		if _, err := s.CheckOutAll(ctx, 0, sh.ID); err != nil {
			t.Fatal(err)
		}
		claims, err := s.ShiftClaims(ctx, sh.ID)
		if err != nil || len(claims) != 4 {
			t.Fatalf("claims: %+v %v", claims, err)
		}
		if err := s.SetMailPrefs(ctx, people[3].ID, false, true); err != nil {
			t.Fatal(err)
		}
		if err := s.ApproveHours(ctx, 0, claims[0].ID); err != nil {
			t.Fatal(err)
		}
		got := hoursMails(t, s, people[0].ID)
		if len(got) != 1 || got[0].ParamKeys["outcome"] != "mail.hours_decided.approved" || got[0].Params["h"] != "1" || got[0].Params["m"] != "30" ||
			got[0].Texts["organization"].KK != "Жасыл Алматы" || got[0].Link != "/me/hours" || got[0].Category != domain.CategorySignups ||
			got[0].Unsubscribe == "" || got[0].Texts["event"].KK != "Сенбілік" || got[0].To != people[0].Email {
			t.Fatalf("the approval's mail: %+v", got)
		}
		if err := s.RejectHours(ctx, 0, claims[1].ID, ""); err == nil {
			t.Fatal("a rejection without a reason")
		}
		if got := hoursMails(t, s, people[1].ID); len(got) != 0 {
			t.Fatalf("a refused rejection wrote %+v", got)
		}
		if err := s.RejectHours(ctx, 0, claims[1].ID, "Ерте кетті"); err != nil {
			t.Fatal(err)
		}
		if got := hoursMails(t, s, people[1].ID); len(got) != 1 || got[0].ParamKeys["outcome"] != "mail.hours_decided.rejected" || got[0].Params["reason"] != "Ерте кетті" {
			t.Fatalf("the rejection's mail: %+v", got)
		}
		// volunteer 2's hours entered again: the new claim corrects the pending one, not adds to it
		if _, err := s.EnterHours(ctx, 0, claims[2].SignupID, 15, 0); err != nil {
			t.Fatal(err)
		}
		if n, err := s.ApproveShiftHours(ctx, 0, sh.ID); err != nil || n != 2 {
			t.Fatalf("approve the shift: %d %v", n, err)
		}
		if got := hoursMails(t, s, people[2].ID); len(got) != 1 || got[0].Params["h"] != "0" || got[0].Params["m"] != "15" {
			t.Fatalf("the shift's approval to volunteer 2: %+v", got)
		}
		if got := hoursMails(t, s, people[3].ID); len(got) != 0 {
			t.Fatalf("a volunteer who turned signup mails off got %+v", got)
		}
		// a second decision is refused and writes nothing
		if err := s.ApproveHours(ctx, 0, claims[0].ID); err == nil {
			t.Fatal("a claim decided twice")
		}
		if n, err := s.ApproveShiftHours(ctx, 0, sh.ID); err != nil || n != 0 {
			t.Fatalf("approve again: %d %v", n, err)
		}
		for i, want := range []int{1, 1, 1, 0} {
			if got := hoursMails(t, s, people[i].ID); len(got) != want {
				t.Errorf("volunteer %d: %d mails, want %d", i, len(got), want)
			}
		}
	})
}
