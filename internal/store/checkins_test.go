package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// Check-in: a confirmed volunteer's code checks them in once, only inside the window, only on its
// own shift; check-out follows check-in; forged codes and old tokens are refused, nothing changed.
func TestCheckin(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 2, 0)
		other := f.shift(t, 5, 4*time.Hour)
		people := f.users(t, 3, "2000-01-01")
		var signups []domain.Signup
		for _, p := range people {
			sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			signups = append(signups, sg)
		}
		if signups[2].Status != domain.SignupWaitlisted {
			t.Fatalf("third: %+v", signups[2])
		}
		if _, _, err := s.CheckinPass(ctx, people[2].ID, signups[2].ID); code(err) != domain.NotFound {
			t.Fatalf("a waitlisted signup has no pass: %v", err)
		}
		if _, _, err := s.CheckinPass(ctx, people[1].ID, signups[0].ID); code(err) != domain.NotFound {
			t.Fatalf("someone else's signup: %v", err)
		}
		code0, tok0, err := s.CheckinPass(ctx, people[0].ID, signups[0].ID)
		if err != nil || len(code0) != domain.CheckinCodeLen || len(tok0) < 40 {
			t.Fatalf("pass: %q %q %v", code0, tok0, err)
		}
		again, tok0b, err := s.CheckinPass(ctx, people[0].ID, signups[0].ID)
		if err != nil || again != code0 || tok0b == tok0 {
			t.Fatalf("a second ask keeps the code and renews the token: %q %q %v", again, tok0b, err)
		}
		code1, _, err := s.CheckinPass(ctx, people[1].ID, signups[1].ID)
		if err != nil || code1 == code0 {
			t.Fatalf("second pass: %q %v", code1, err)
		}

		c.set(sh.StartsAt.Add(-domain.CheckinOpensBefore - time.Minute))
		if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: code0}); key(err) != "checkin.too_early" {
			t.Fatalf("too early: %v", err)
		}
		c.set(sh.StartsAt.Add(-domain.CheckinOpensBefore + time.Minute))
		for _, bad := range []store.CheckinCredential{{Code: ""}, {Code: "AAAAAAA"}, {Code: "O0O0O0O"}, {Token: tok0}, {Token: "forged"}} {
			if _, err := s.CheckIn(ctx, 0, sh.ID, bad); code(err) != domain.Invalid {
				t.Fatalf("%+v: %v", bad, err)
			}
		}
		if _, err := s.CheckIn(ctx, 0, other.ID, store.CheckinCredential{Code: code0}); key(err) != "checkin.code_unknown" {
			t.Fatalf("another shift's code: %v", err)
		}
		if _, err := s.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: code0}); key(err) != "checkin.not_in" {
			t.Fatalf("out before in: %v", err)
		}
		in, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: " " + code0[:3] + "-" + strings.ToLower(code0[3:])})
		if err != nil || in.UserID != people[0].ID || in.CheckedInAt.IsZero() {
			t.Fatalf("check-in: %+v %v", in, err)
		}
		if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: code0}); key(err) != "checkin.already" || code(err) != domain.Conflict {
			t.Fatalf("a second check-in: %v", err)
		}
		if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Token: tok0b}); key(err) != "checkin.already" {
			t.Fatalf("a second check-in by token: %v", err)
		}
		c.set(sh.EndsAt.Add(time.Second))
		if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: code1}); key(err) != "checkin.closed" {
			t.Fatalf("after the end: %v", err)
		}
		out, err := s.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: code0})
		if err != nil || out.CheckedOutAt.IsZero() {
			t.Fatalf("check-out: %+v %v", out, err)
		}
		if _, err := s.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: code0}); key(err) != "checkin.already_out" {
			t.Fatalf("a second check-out: %v", err)
		}
		list, err := s.Checkins(ctx, sh.ID)
		if err != nil || len(list) != 2 || !domain.NoShow(sh, list[1], c.now()) || domain.NoShow(sh, list[0], c.now()) {
			t.Fatalf("check-ins: %+v %v", list, err)
		}
		mine, err := s.UserCheckins(ctx, people[0].ID)
		if err != nil || mine[signups[0].ID].CheckedOutAt.IsZero() {
			t.Fatalf("mine: %+v %v", mine, err)
		}
	})
}

// Checking out everyone still in leaves the others as they were.
func TestCheckOutAll(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 3, 0)
		var codes []string
		for _, p := range f.users(t, 3, "2000-01-01") {
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
		if _, err := s.CheckOutAll(ctx, 0, sh.ID); key(err) != "checkin.checkout_early" {
			t.Fatalf("before the window: %v", err)
		}
		c.set(sh.StartsAt)
		for _, cd := range codes[:2] {
			if _, err := s.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: cd}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: codes[0]}); err != nil {
			t.Fatal(err)
		}
		c.set(sh.EndsAt)
		if n, err := s.CheckOutAll(ctx, 0, sh.ID); err != nil || n != 1 {
			t.Fatalf("checked out %d: %v", n, err)
		}
		c.set(sh.EndsAt.Add(domain.CheckoutGrace + time.Second))
		if _, err := s.CheckOutAll(ctx, 0, sh.ID); key(err) != "checkin.checkout_closed" {
			t.Fatalf("too late: %v", err)
		}
	})
}

// The desk's list: a tap checks a confirmed volunteer in without any code asked for; the coordinator
// who tapped may undo it within domain.CheckinUndoWindow, audited; another coordinator, a later
// undo, one after the check-out and a tap on someone not confirmed on the shift are refused.
func TestCheckinTapAndUndo(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 3, 0)
		other := f.shift(t, 3, 4*time.Hour)
		coords := f.users(t, 2, "1990-01-01")
		people := f.users(t, 3, "2000-01-01")
		var signups []domain.Signup
		for _, p := range people {
			sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			signups = append(signups, sg)
		}
		elsewhere, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: other.ID, UserID: people[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		me, them := coords[0].ID, coords[1].ID
		tap := func(sg domain.Signup) store.CheckinCredential { return store.CheckinCredential{SignupID: sg.ID} }
		c.set(sh.StartsAt.Add(-10 * time.Minute))
		for _, bad := range []int64{elsewhere.ID, 1 << 40} {
			if _, err := s.CheckIn(ctx, me, sh.ID, store.CheckinCredential{SignupID: bad}); key(err) != "checkin.signup_unknown" || field(err) != "signup_id" {
				t.Fatalf("a tap on signup %d not of the shift: %v", bad, err)
			}
		}
		in, err := s.CheckIn(ctx, me, sh.ID, tap(signups[0]))
		if err != nil || in.UserID != people[0].ID || in.CheckedInAt.IsZero() || in.CheckedInBy != me || len(in.Code) != domain.CheckinCodeLen {
			t.Fatalf("a tap: %+v %v", in, err)
		}
		if _, err := s.CheckIn(ctx, me, sh.ID, tap(signups[0])); key(err) != "checkin.already" {
			t.Fatalf("a second tap: %v", err)
		}
		// the volunteer's pass, asked for after the tap, keeps the code the tap drew
		if cd, _, err := s.CheckinPass(ctx, people[0].ID, signups[0].ID); err != nil || cd != in.Code {
			t.Fatalf("the pass after a tap: %q %v", cd, err)
		}
		if _, err := s.UndoCheckIn(ctx, them, sh.ID, signups[0].ID); key(err) != "checkin.undo_not_yours" || code(err) != domain.Conflict {
			t.Fatalf("another coordinator's undo: %v", err)
		}
		if _, err := s.UndoCheckIn(ctx, me, other.ID, signups[0].ID); code(err) != domain.NotFound {
			t.Fatalf("an undo on another shift: %v", err)
		}
		if _, err := s.UndoCheckIn(ctx, me, sh.ID, signups[1].ID); key(err) != "checkin.not_in" {
			t.Fatalf("an undo of a signup never checked in: %v", err)
		}
		if _, err := s.UndoCheckIn(ctx, me, sh.ID, elsewhere.ID); code(err) != domain.NotFound {
			t.Fatalf("an undo of another shift's signup: %v", err)
		}
		c.set(sh.StartsAt.Add(-10*time.Minute + domain.CheckinUndoWindow))
		undone, err := s.UndoCheckIn(ctx, me, sh.ID, signups[0].ID)
		if err != nil || !undone.CheckedInAt.IsZero() {
			t.Fatalf("an undo at the window's end: %+v %v", undone, err)
		}
		if got, err := s.Checkin(ctx, signups[0].ID); err != nil || !got.CheckedInAt.IsZero() || got.CheckedInBy != 0 {
			t.Fatalf("after the undo: %+v %v", got, err)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{Action: "shift.checkin_undone", EntityID: signups[0].ID})
		if err != nil || len(log) != 1 || log[0].ActorID != me || !strings.Contains(log[0].Detail, `"shift":`) {
			t.Fatalf("the audit of the undo: %+v %v", log, err)
		}
		if _, err := s.UndoCheckIn(ctx, me, sh.ID, signups[0].ID); key(err) != "checkin.not_in" {
			t.Fatalf("undoing twice: %v", err)
		}

		// checked in again; an undo a second past the window is refused
		if _, err := s.CheckIn(ctx, me, sh.ID, tap(signups[0])); err != nil {
			t.Fatal(err)
		}
		c.set(c.now().Add(domain.CheckinUndoWindow + time.Second))
		if _, err := s.UndoCheckIn(ctx, me, sh.ID, signups[0].ID); key(err) != "checkin.undo_expired" || code(err) != domain.Conflict {
			t.Fatalf("an undo after the window: %v", err)
		}
		// a check-out claims hours: its check-in stays, however soon the undo
		if _, err := s.CheckIn(ctx, me, sh.ID, tap(signups[1])); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckOut(ctx, me, sh.ID, store.CheckinCredential{Code: mustCheckin(t, s, signups[1].ID).Code}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UndoCheckIn(ctx, me, sh.ID, signups[1].ID); key(err) != "checkin.undo_out" {
			t.Fatalf("an undo after the check-out: %v", err)
		}
		if got, _ := s.AuditLog(ctx, store.AuditFilter{Action: "shift.checkin_undone"}); len(got) != 1 {
			t.Fatalf("refused undos were audited as done: %+v", got)
		}
		if _, err := s.Checkin(ctx, signups[2].ID); code(err) != domain.NotFound {
			t.Fatalf("a signup never issued a code: %v", err)
		}
	})
}

func mustCheckin(t *testing.T, s *store.Store, signupID int64) domain.Checkin {
	t.Helper()
	c, err := s.Checkin(ctx, signupID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// field is the first field an error names.
func field(err error) string {
	var e *domain.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}
