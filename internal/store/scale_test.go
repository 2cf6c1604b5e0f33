package store_test

import (
	"strconv"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// A big data set's rows go in as given, its shifts' counts are set once from the signups, and the
// checker counts each kind of broken rule once for each row that breaks it: every rule the signup
// path keeps one request at a time, broken here on purpose by rows that go around it.
func TestScaleRowsAndTheirViolations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		ids, err := s.ScaleNextIDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		org := ids.Organizations + 1
		if err := s.ScaleInsertOrganizations(ctx, []store.ScaleOrg{{Organization: domain.Organization{ID: org, Name: domain.Text{KK: "«Жарқын» еріктілер клубы"},
			Status: domain.OrgVerified}, CreatedAt: now.AddDate(0, -6, 0)}}); err != nil {
			t.Fatal(err)
		}
		u := ids.Users
		birth := func(age int) time.Time { return time.Date(2026-age, 1, 15, 0, 0, 0, 0, time.UTC) }
		users := []store.ScaleUser{
			{ID: u + 1, Email: "a@scale.example.kz", Name: "Айгерім Ахметова", BirthDate: birth(30), Locale: "kk", ConsentID: ids.Consents + 1},
			{ID: u + 2, Email: "b@scale.example.kz", Name: "Нұрлан Серікбаев", BirthDate: birth(25), Locale: "ru", ConsentID: ids.Consents + 2},
			{ID: u + 3, Email: "c@scale.example.kz", Name: "Дана Оспанова", BirthDate: birth(16), Locale: "kk", ConsentID: ids.Consents + 3,
				GuardianConsentID: ids.Consents + 4, GuardianEmail: "parent@scale.example.kz", GuardianName: "Гүлнар Оспанова"},
			{ID: u + 4, Email: "d@scale.example.kz", Name: "Тимур Ким", BirthDate: birth(15), Locale: "ru", ConsentID: ids.Consents + 5},
		}
		for i := range users {
			users[i].CreatedAt = now.AddDate(0, -3, 0)
		}
		if err := s.ScaleInsertUsers(ctx, "$argon2id$shared", users); err != nil {
			t.Fatal(err)
		}
		ahead := now.AddDate(0, 0, 10)
		ev := func(id int64, dir string, status domain.EventStatus, shifts ...domain.Shift) domain.Event {
			e := domain.Event{ID: id, OrgID: org, Direction: dir, Title: domain.Text{KK: "Сенбілік", RU: "Субботник", EN: "Clean-up"},
				Venue: domain.Text{KK: "Орталық саябақ"}, District: "medeu", StartsAt: ahead, EndsAt: ahead.Add(4 * time.Hour), Status: status, CreatedAt: now}
			for i := range shifts {
				shifts[i].EventID = id
			}
			e.Shifts = shifts
			return e
		}
		e, sh := ids.Events, ids.Shifts
		shift := func(id int64, from, hours, capacity int) domain.Shift {
			return domain.Shift{ID: id, Role: domain.Text{KK: "Тазалау тобы", RU: "Команда уборки", EN: "Clean-up crew"},
				StartsAt: ahead.Add(time.Duration(from) * time.Hour), EndsAt: ahead.Add(time.Duration(from+hours) * time.Hour), Capacity: capacity}
		}
		events := []domain.Event{
			ev(e+1, "ecology", domain.EventPublished, shift(sh+1, 0, 2, 2), shift(sh+2, 2, 2, 5)),
			ev(e+2, domain.DirectionEmergency, domain.EventPublished, shift(sh+3, 0, 4, 10)),
			ev(e+3, "social", domain.EventCancelled, shift(sh+4, 0, 4, 10)),
		}
		events[1].MinAge = 18
		if err := s.ScaleInsertEvents(ctx, events); err != nil {
			t.Fatal(err)
		}
		g := ids.Signups
		at := now.AddDate(0, 0, -1)
		signup := func(id, shift, user int64, status domain.SignupStatus, seq int64) store.ScaleSignup {
			return store.ScaleSignup{ID: id, ShiftID: shift, UserID: user, Status: status, WaitlistSeq: seq, CreatedAt: at}
		}
		// shift 1 (2 places): two confirmed, the minor with a guardian's consent waiting first
		if err := s.ScaleInsertSignups(ctx, []store.ScaleSignup{
			signup(g+1, sh+1, u+1, domain.SignupConfirmed, 0), signup(g+2, sh+1, u+2, domain.SignupConfirmed, 0),
			signup(g+3, sh+1, u+3, domain.SignupWaitlisted, 1),
			{ID: g + 4, ShiftID: sh + 2, UserID: u + 1, Status: domain.SignupCancelled, CreatedAt: at, CancelledAt: at.Add(time.Hour)},
		}); err != nil {
			t.Fatal(err)
		}
		v, err := s.ScaleViolations(ctx, now, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.CountMismatch != 1 || v.WaitlistOrder != 1 || v.Total() != 2 {
			t.Fatalf("before the counts are set: %s; want one count mismatch and one waitlist behind its places", v)
		}
		if err := s.ScaleFinish(ctx, ids.Shifts, map[string]any{"scale": "test"}); err != nil {
			t.Fatal(err)
		}
		if v, err := s.ScaleViolations(ctx, now, 0); err != nil || v.Total() != 0 {
			t.Fatalf("a valid data set: %s, %v", v, err)
		}
		got, _, err := s.Shift(ctx, sh+1)
		if err != nil || got.Confirmed != 2 || got.Waitlisted != 1 {
			t.Fatalf("shift 1 after the counts: %+v, %v", got, err)
		}
		roster, err := s.Roster(ctx, sh+1)
		if err != nil || len(roster) != 3 || roster[2].UserID != u+3 || roster[2].WaitlistPosition != 1 {
			t.Fatalf("roster: %+v, %v", roster, err)
		}
		if st, err := s.GuardianState(ctx, u+3, 0); err != nil || st.Status != domain.GuardianGiven || st.Consent.GuardianEmail != "parent@scale.example.kz" {
			t.Fatalf("the minor's guardian's consent: %+v, %v", st, err)
		}
		if version, err := s.ConsentVersion(ctx, u+4, store.ConsentPrivacy); err != nil || version != domain.PrivacyPolicyVersion {
			t.Fatalf("privacy consent: %q, %v", version, err)
		}
		if _, hash, err := s.UserByEmail(ctx, "d@scale.example.kz"); err != nil || hash != "$argon2id$shared" {
			t.Fatalf("the shared hash: %q, %v", hash, err)
		}

		// now break one rule at a time, around the store
		steps := []struct {
			name  string
			rows  []store.ScaleSignup
			check func(v store.Violations) bool
		}{
			{"a volunteer on two shifts at once", []store.ScaleSignup{signup(g+5, sh+3, u+2, domain.SignupConfirmed, 0)},
				func(v store.Violations) bool { return v.Overlaps == 1 }},
			{"a 16-year-old in emergency relief", []store.ScaleSignup{signup(g+6, sh+3, u+3, domain.SignupConfirmed, 0)},
				func(v store.Violations) bool { return v.TooYoung == 1 && v.Overlaps == 2 }}, // u+3 waits on shift 1 too
			{"a 15-year-old without a guardian's consent", []store.ScaleSignup{signup(g+7, sh+2, u+4, domain.SignupConfirmed, 0)},
				func(v store.Violations) bool { return v.NoGuardian == 1 }},
			{"a signup on a cancelled event", []store.ScaleSignup{signup(g+8, sh+4, u+1, domain.SignupConfirmed, 0)},
				func(v store.Violations) bool { return v.CancelledEvents == 1 }},
		}
		for _, st := range steps {
			if err := s.ScaleInsertSignups(ctx, st.rows); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			v, err := s.ScaleViolations(ctx, now, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !st.check(v) {
				t.Errorf("%s: %s", st.name, v)
			}
		}
		// the counts of shifts 2, 3 and 4 no longer match their signups
		if v, _ := s.ScaleViolations(ctx, now, 0); v.CountMismatch != 3 {
			t.Errorf("count mismatches: %s", v)
		}
		// a place freed on shift 1 with someone waiting for it, and a shift over its capacity
		if err := s.ExecForTest(ctx, `UPDATE signups SET status = 'cancelled', cancelled_at = 1 WHERE id = `+itoa(g+2)); err != nil {
			t.Fatal(err)
		}
		if err := s.ExecForTest(ctx, `UPDATE shifts SET confirmed_count = 1 WHERE id = `+itoa(sh+1)); err != nil {
			t.Fatal(err)
		}
		v, err = s.ScaleViolations(ctx, now, 0)
		if err != nil || v.IdleWaitlist != 1 {
			t.Errorf("a waitlist beside a free place: %s, %v", v, err)
		}
		if v, _ := s.ScaleViolations(ctx, ahead.AddDate(0, 0, 1), 0); v.IdleWaitlist != 0 {
			t.Errorf("a waitlist of a shift that has started is idle no more: %s", v)
		}
		if err := s.ExecForTest(ctx, `UPDATE shifts SET capacity = 1, confirmed_count = 1 WHERE id = `+itoa(sh+2)); err != nil {
			t.Fatal(err)
		}
		if err := s.ScaleInsertSignups(ctx, []store.ScaleSignup{signup(g+9, sh+2, u+2, domain.SignupConfirmed, 0)}); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.ScaleViolations(ctx, now, 0); v.Overbooked != 1 {
			t.Errorf("two confirmed on a shift of one place: %s", v)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
