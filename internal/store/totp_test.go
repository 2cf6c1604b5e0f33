package store_test

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

func TestTOTPEnrolmentAndRemoval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s}
		me := f.users(t, 1, "1990-01-01")[0]
		st, err := s.TOTP(ctx, me.ID)
		if err != nil || st.Secret != "" || st.Confirmed() {
			t.Fatalf("a new account: %+v %v", st, err)
		}
		// a pending secret, replaced by another before it is confirmed
		for _, secret := range []string{"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"} {
			if err := s.BeginTOTP(ctx, me.ID, secret); err != nil {
				t.Fatal(err)
			}
		}
		if u, _ := s.User(ctx, me.ID); u.TOTP {
			t.Fatal("a pending secret counts as enrolled")
		}
		// confirming a secret that is no longer the pending one is refused
		if err := s.ConfirmTOTP(ctx, me.ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 100, nil, ""); code(err) != domain.Conflict {
			t.Fatalf("stale secret confirmed: %v", err)
		}
		// sessions and plain tokens from before end; the session that confirmed stays
		for _, h := range []string{"keep", "other"} {
			if err := s.CreateSession(ctx, me.ID, h, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateToken(ctx, me.ID, "plain", time.Now().Add(time.Hour), false); err != nil {
			t.Fatal(err)
		}
		if err := s.ConfirmTOTP(ctx, me.ID, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", 100, []string{"h1", "h2", "h3"}, "keep"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, "other", time.Hour); code(err) != domain.Unauthorized {
			t.Fatalf("another session survived enrolment: %v", err)
		}
		if _, err := s.UserByToken(ctx, "plain"); code(err) != domain.Unauthorized {
			t.Fatalf("a token without second factor survived enrolment: %v", err)
		}
		u, err := s.SessionUser(ctx, "keep", time.Hour)
		if err != nil || !u.TOTP || u.SecondFactor {
			t.Fatalf("the confirming session: %+v %v", u, err)
		}
		st, _ = s.TOTP(ctx, me.ID)
		if !st.Confirmed() || st.LastStep != 100 || st.RecoveryLeft != 3 || st.Secret != "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" {
			t.Fatalf("after confirming: %+v", st)
		}
		if err := s.BeginTOTP(ctx, me.ID, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"); code(err) != domain.Conflict {
			t.Fatalf("a confirmed secret replaced: %v", err)
		}
		// a session passes the second factor: a new token, the old one ends
		if err := s.SecondFactorSession(ctx, "keep", "strong", time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, "keep", time.Hour); code(err) != domain.Unauthorized {
			t.Fatalf("the partial session survived: %v", err)
		}
		if u, err := s.SessionUser(ctx, "strong", time.Hour); err != nil || !u.SecondFactor {
			t.Fatalf("the confirmed session: %+v %v", u, err)
		}
		if err := s.SecondFactorSession(ctx, "keep", "again", time.Now().Add(time.Hour)); code(err) != domain.Unauthorized {
			t.Fatalf("an ended session upgraded: %v", err)
		}
		if err := s.CreateToken(ctx, me.ID, "strong-token", time.Now().Add(time.Hour), true); err != nil {
			t.Fatal(err)
		}
		if u, err := s.UserByToken(ctx, "strong-token"); err != nil || !u.SecondFactor {
			t.Fatalf("the token: %+v %v", u, err)
		}
		// new recovery codes replace the old
		if err := s.NewRecoveryCodes(ctx, me.ID, []string{"n1", "n2"}); err != nil {
			t.Fatal(err)
		}
		if ok, _, _ := s.UseRecoveryCode(ctx, me.ID, "h1"); ok {
			t.Fatal("an old recovery code still works")
		}
		if err := s.RemoveTOTP(ctx, me.ID, me.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, "strong", time.Hour); err != nil {
			t.Fatalf("switching TOTP off ended the session: %v", err)
		}
		// a reset (by the CLI) ends every session and token as well
		if err := s.RemoveTOTP(ctx, 0, me.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionUser(ctx, "strong", time.Hour); code(err) != domain.Unauthorized {
			t.Fatalf("a session survived a reset: %v", err)
		}
		if _, err := s.UserByToken(ctx, "strong-token"); code(err) != domain.Unauthorized {
			t.Fatalf("a token survived a reset: %v", err)
		}
		st, _ = s.TOTP(ctx, me.ID)
		if st.Secret != "" || st.Confirmed() || st.RecoveryLeft != 0 {
			t.Fatalf("after removal: %+v", st)
		}
		if ok, _ := s.UseTOTPStep(ctx, me.ID, 200); ok {
			t.Fatal("a step accepted without a secret")
		}
		if err := s.NewRecoveryCodes(ctx, me.ID, []string{"x"}); code(err) != domain.Conflict {
			t.Fatalf("recovery codes without TOTP: %v", err)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{ActorID: me.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
		}
		for _, a := range []string{"user.totp_enrolled", "user.recovery_codes", "user.totp_removed"} {
			if !seen[a] {
				t.Errorf("no %s in the audit log: %v", a, seen)
			}
		}
	})
}

func TestTOTPStepAndRecoveryCodesAreUsedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s}
		me := f.users(t, 1, "1990-01-01")[0]
		if err := s.BeginTOTP(ctx, me.ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.UseTOTPStep(ctx, me.ID, 5); ok {
			t.Fatal("a step accepted for a pending secret")
		}
		if err := s.ConfirmTOTP(ctx, me.ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 10, []string{"r1", "r2"}, ""); err != nil {
			t.Fatal(err)
		}
		for step, want := range map[int64]bool{10: false, 9: false} {
			if ok, err := s.UseTOTPStep(ctx, me.ID, step); ok != want || err != nil {
				t.Errorf("step %d: %v %v", step, ok, err)
			}
		}
		// ten requests with the same new step at once: exactly one is accepted
		var wg sync.WaitGroup
		var accepted atomic.Int32
		for range 10 {
			wg.Go(func() {
				ok, err := s.UseTOTPStep(ctx, me.ID, 11)
				if err != nil {
					t.Error(err)
				}
				if ok {
					accepted.Add(1)
				}
			})
		}
		wg.Wait()
		if accepted.Load() != 1 {
			t.Fatalf("the same step was accepted %d times", accepted.Load())
		}
		ok, left, err := s.UseRecoveryCode(ctx, me.ID, "r1")
		if !ok || left != 1 || err != nil {
			t.Fatalf("first use: %v %d %v", ok, left, err)
		}
		if ok, _, _ := s.UseRecoveryCode(ctx, me.ID, "r1"); ok {
			t.Fatal("a recovery code worked twice")
		}
		if ok, _, _ := s.UseRecoveryCode(ctx, me.ID, "nope"); ok {
			t.Fatal("an unknown recovery code worked")
		}
		other := f.users(t, 1, "1990-01-01")[0]
		if ok, _, _ := s.UseRecoveryCode(ctx, other.ID, "r2"); ok {
			t.Fatal("someone else's recovery code worked")
		}
		entries, _ := s.AuditLog(ctx, store.AuditFilter{Action: "auth.recovery_code_used", Limit: 10})
		if len(entries) != 1 {
			t.Fatalf("recovery code uses in the audit log: %d", len(entries))
		}
	})
}

func TestHoldsRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		people := f.users(t, 3, "1990-01-01")
		if err := s.SetFrontOffice(ctx, 0, people[1].ID, true); err != nil {
			t.Fatal(err)
		}
		if err := s.AddMember(ctx, 0, f.org.ID, people[2].ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		for i, want := range []bool{false, true, true} {
			if got, err := s.HoldsRole(ctx, people[i].ID); got != want || err != nil {
				t.Errorf("person %d: %v %v", i, got, err)
			}
		}
		if _, err := s.HoldsRole(ctx, 1<<40); code(err) != domain.NotFound {
			t.Errorf("no such person: %v", err)
		}
	})
}

// Recovery codes have 120 bits now; the 50-bit codes an account was given before keep working,
// each once, until the account asks for new ones (finding 7 of issue 14).
func TestRecoveryCodesOf120BitsAndLegacyOnes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s}
		me := f.users(t, 1, "1990-01-01")[0]
		if err := s.BeginTOTP(ctx, me.ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); err != nil {
			t.Fatal(err)
		}
		// what erikti stored before: SHA-256 of "recovery:" and ten characters
		legacy := []string{"abcde-23456", "fghij-789ab"}
		stored := []string{auth.HashToken("recovery:abcde23456"), auth.HashToken("recovery:fghij789ab")}
		if err := s.ConfirmTOTP(ctx, me.ID, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 10, stored, ""); err != nil {
			t.Fatal(err)
		}
		if ok, left, err := s.UseRecoveryCode(ctx, me.ID, auth.HashRecoveryCode(strings.ToUpper(legacy[0]))); !ok || left != 1 || err != nil {
			t.Fatalf("a stored legacy code: %v %d %v", ok, left, err)
		}
		if ok, _, _ := s.UseRecoveryCode(ctx, me.ID, auth.HashRecoveryCode(legacy[0])); ok {
			t.Fatal("a legacy code worked twice")
		}
		codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodes)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.NewRecoveryCodes(ctx, me.ID, hashes); err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			if n := len(strings.ReplaceAll(c, "-", "")) * 5; n < 112 {
				t.Fatalf("a new recovery code %q has %d bits", c, n)
			}
		}
		if ok, _, _ := s.UseRecoveryCode(ctx, me.ID, auth.HashRecoveryCode(legacy[1])); ok {
			t.Fatal("a legacy code worked after it was replaced")
		}
		if ok, left, err := s.UseRecoveryCode(ctx, me.ID, auth.HashRecoveryCode(codes[3])); !ok || left != auth.RecoveryCodes-1 || err != nil {
			t.Fatalf("a new code: %v %d %v", ok, left, err)
		}
	})
}
