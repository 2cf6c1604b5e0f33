package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// mailsOf returns the mails queued for userID, oldest first.
func mailsOf(t *testing.T, s *store.Store, userID int64) []domain.Mail {
	t.Helper()
	jobs, err := s.UserJobs(ctx, userID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.Mail
	for i := len(jobs) - 1; i >= 0; i-- {
		m, err := jobs[i].Mail()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// A verification link works once, before it expires, for the address it was sent to.
func TestVerificationLinks(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "zhansaya@example.kz")
		first := linkToken(t, mailsOf(t, s, u.ID)[0])

		if _, err := s.VerifyEmail(ctx, "not-a-real-token"); key(err) != "field.token_invalid" {
			t.Fatalf("a forged token: %v", err)
		}
		// a reset link is no verification link, nor the other way round
		if _, err := s.ResetPassword(ctx, first, "h"); key(err) != "field.token_invalid" {
			t.Fatalf("a verification token reset a password: %v", err)
		}
		// the same minute, a resend sends nothing; later it sends a second link
		if sent, err := s.ResendVerification(ctx, u.ID); err != nil || sent {
			t.Fatalf("resend within a minute: %v %v", sent, err)
		}
		c.add(2 * time.Minute)
		if sent, err := s.ResendVerification(ctx, u.ID); err != nil || !sent {
			t.Fatalf("resend: %v %v", sent, err)
		}
		second := linkToken(t, mailsOf(t, s, u.ID)[1])

		id, err := s.VerifyEmail(ctx, first)
		if err != nil || id != u.ID {
			t.Fatalf("verify: %d %v", id, err)
		}
		got, _ := s.User(ctx, u.ID)
		if !got.EmailVerified {
			t.Fatal("the address is not verified")
		}
		if _, err := s.VerifyEmail(ctx, first); key(err) != "field.token_invalid" {
			t.Fatalf("a link used twice: %v", err)
		}
		// the second link still works (and changes nothing); once verified, no resend goes out
		if _, err := s.VerifyEmail(ctx, second); err != nil {
			t.Fatalf("second link: %v", err)
		}
		if sent, _ := s.ResendVerification(ctx, u.ID); sent {
			t.Fatal("a verified address was sent a link")
		}

		v := newUser(t, s, "temir@example.kz")
		late := linkToken(t, mailsOf(t, s, v.ID)[0])
		c.add(domain.VerifyEmailTTL + time.Second)
		if _, err := s.VerifyEmail(ctx, late); key(err) != "field.token_invalid" {
			t.Fatalf("an expired link: %v", err)
		}
		if got, _ := s.User(ctx, v.ID); got.EmailVerified {
			t.Fatal("an expired link verified the address")
		}
	})
}

// A reset link sets a new password once, ends every session and token of the account, spends the
// account's other reset links, and proves the address.
func TestPasswordReset(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "tomiris@example.kz")
		if err := s.CreateSession(ctx, u.ID, "session-of-tomiris", c.now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateToken(ctx, u.ID, "token-of-tomiris", c.now().Add(time.Hour), false); err != nil {
			t.Fatal(err)
		}
		// an unknown address: nothing is written, nothing is said
		if err := s.RequestPasswordReset(ctx, "nobody@example.kz"); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			if err := s.RequestPasswordReset(ctx, u.Email); err != nil {
				t.Fatal(err)
			}
		}
		mails := mailsOf(t, s, u.ID)
		if len(mails) != 1+3 { // the verification, then at most three reset links an hour
			t.Fatalf("%d mails, want 4: %+v", len(mails), mails)
		}
		if mails[1].Kind != domain.MailResetPassword || mails[1].To != u.Email {
			t.Fatalf("reset mail: %+v", mails[1])
		}
		first, second := linkToken(t, mails[1]), linkToken(t, mails[2])

		id, err := s.ResetPassword(ctx, first, "new-hash")
		if err != nil || id != u.ID {
			t.Fatalf("reset: %d %v", id, err)
		}
		_, hash, _ := s.UserByEmail(ctx, u.Email)
		got, _ := s.User(ctx, u.ID)
		if hash != "new-hash" || !got.EmailVerified {
			t.Fatalf("after reset: hash %q verified %v", hash, got.EmailVerified)
		}
		if _, err := s.SessionUser(ctx, "session-of-tomiris", time.Hour); code(err) != domain.Unauthorized {
			t.Fatalf("a session survived the reset: %v", err)
		}
		if _, err := s.UserByToken(ctx, "token-of-tomiris"); code(err) != domain.Unauthorized {
			t.Fatalf("a token survived the reset: %v", err)
		}
		for _, tok := range []string{first, second} {
			if _, err := s.ResetPassword(ctx, tok, "other-hash"); key(err) != "field.token_invalid" {
				t.Fatalf("a spent reset link: %v", err)
			}
		}
		if _, hash, _ := s.UserByEmail(ctx, u.Email); hash != "new-hash" {
			t.Fatal("a refused reset changed the password")
		}

		// an hour later links may be asked again; each lasts an hour
		c.add(time.Hour + time.Second)
		if err := s.RequestPasswordReset(ctx, u.Email); err != nil {
			t.Fatal(err)
		}
		late := linkToken(t, mailsOf(t, s, u.ID)[4])
		c.add(domain.ResetPasswordTTL + time.Second)
		if _, err := s.ResetPassword(ctx, late, "late-hash"); key(err) != "field.token_invalid" {
			t.Fatalf("an expired reset link: %v", err)
		}
		// a disabled account is sent no link
		if err := s.SetDisabled(ctx, 0, u.ID, true); err != nil {
			t.Fatal(err)
		}
		c.add(2 * time.Hour)
		if err := s.RequestPasswordReset(ctx, u.Email); err != nil {
			t.Fatal(err)
		}
		if n := len(mailsOf(t, s, u.ID)); n != 5 {
			t.Fatalf("a disabled account was sent a reset link: %d mails", n)
		}
	})
}

// Deleting an account removes the links and mails sent to it.
func TestDeletionRemovesMails(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "ilyas@example.kz")
		tok := linkToken(t, mailsOf(t, s, u.ID)[0])
		if err := s.DeleteAccount(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if jobs, _ := s.UserJobs(ctx, u.ID, 10); len(jobs) != 0 {
			t.Fatalf("mails kept after deletion: %+v", jobs)
		}
		if _, err := s.VerifyEmail(ctx, tok); key(err) != "field.token_invalid" {
			t.Fatalf("a link outlived its account: %v", err)
		}
	})
}

// A registration with a taken address mails its owner, in their language, and returns an id that
// a new account could have had; an unknown address gets the id alone, nothing is mailed.
func TestRegistrationOfTaken(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "aruzhan@example.kz")
		id, err := s.RegistrationOfTaken(ctx, u.Email)
		if err != nil || id <= u.ID {
			t.Fatalf("decoy id %d (owner %d): %v", id, u.ID, err)
		}
		mails := mailsOf(t, s, u.ID)
		if len(mails) != 2 || mails[1].Kind != domain.MailAccountExists || mails[1].To != u.Email || mails[1].Locale != u.Locale || mails[1].Link != "/login" {
			t.Fatalf("mails: %+v", mails)
		}
		if _, err := s.RegistrationOfTaken(ctx, "nobody@example.kz"); err != nil {
			t.Fatal(err)
		}
		if got := len(mailsOf(t, s, 0)); got != 0 {
			t.Fatalf("%d mails to no account", got)
		}
	})
}
