package store_test

import (
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

func TestPersonalDataAndDeletion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 1, 0)
		people := f.users(t, 2, "2001-02-03")
		me, next := people[0], people[1]
		if err := s.UpdateProfile(ctx, me.ID, me.Name, "ru", domain.Profile{District: "medeu", Skills: "Фото"}); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, me.ID, "h-"+me.Email, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		mine, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: me.ID})
		if err != nil || mine.Status != domain.SignupConfirmed {
			t.Fatalf("signup: %v %v", mine.Status, err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: next.ID}); err != nil {
			t.Fatal(err)
		}
		if err := s.Record(ctx, me.ID, "user.export", "user", me.ID, nil); err != nil {
			t.Fatal(err)
		}
		d, err := s.PersonalData(ctx, me.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.User.Email != me.Email || d.User.District != "medeu" || len(d.Signups) != 1 || len(d.Sessions) != 1 || len(d.Actions) != 1 {
			t.Fatalf("personal data: %+v", d)
		}

		if err := s.DeleteAccount(ctx, me.ID); err != nil {
			t.Fatal(err)
		}
		gone, err := s.User(ctx, me.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gone.Name != "" || !strings.HasPrefix(gone.Email, "deleted-") || !gone.BirthDate.IsZero() || gone.District != "" || gone.Skills != "" || !gone.Disabled {
			t.Fatalf("after deletion: %+v", gone)
		}
		if _, _, err := s.UserByEmail(ctx, me.Email); code(err) != domain.NotFound {
			t.Fatalf("the old email still finds the account: %v", err)
		}
		if _, err := s.SessionUser(ctx, "h-"+me.Email, time.Hour); code(err) != domain.Unauthorized {
			t.Fatalf("a session survived: %v", err)
		}
		// the seat went to the next in line; the signup is still counted as cancelled history
		checkShift(t, s, sh.ID, 1, 0)
		roster, _ := s.Roster(ctx, sh.ID)
		if len(roster) != 1 || roster[0].UserID != next.ID || roster[0].Status != domain.SignupConfirmed {
			t.Fatalf("roster after deletion: %+v", roster)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n == 0 {
			t.Fatalf("audit chain after deletion: %d %v", n, err)
		}
		if err := s.DeleteAccount(ctx, 999999); code(err) != domain.NotFound {
			t.Fatalf("deleting nobody: %v", err)
		}
	})
}
