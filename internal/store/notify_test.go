package store_test

import (
	"encoding/json"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// eachNow runs fn on every engine with a store whose clock starts at the real now and can be moved.
func eachNow(t *testing.T, fn func(t *testing.T, s *store.Store, c *clock)) {
	t.Helper()
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: time.Now().UTC().Truncate(time.Second)}
			fn(t, storetest.Open(t, engine, store.Options{Now: c.now}), c)
		})
	}
}

func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// mailKinds lists the kinds of the mails queued for userID, oldest first.
func mailKinds(t *testing.T, s *store.Store, userID int64) []string {
	t.Helper()
	var out []string
	for _, m := range mailsOf(t, s, userID) {
		out = append(out, m.Kind)
	}
	return out
}

func lastMail(t *testing.T, s *store.Store, userID int64) domain.Mail {
	t.Helper()
	ms := mailsOf(t, s, userID)
	if len(ms) == 0 {
		t.Fatalf("no mail for %d", userID)
	}
	return ms[len(ms)-1]
}

// The mail that answers a signup is written in the signup's transaction: a confirmation with the
// shift as a calendar file, a waitlist place with its position, a promotion when a place frees up;
// a refused signup writes none.
func TestSignupMailsCommitWithTheSignup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 1, 0)
		people := f.users(t, 2, "2000-01-01")
		first, second := people[0], people[1]
		mine, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: first.ID})
		if err != nil {
			t.Fatal(err)
		}
		m := lastMail(t, s, first.ID)
		if m.Kind != domain.MailSignupConfirmed || m.ShiftICS != sh.ID || m.Category != domain.CategorySignups || m.Unsubscribe == "" ||
			m.Texts["event"].KK != "Сенбілік" || m.Times["starts"] != sh.StartsAt.Unix() || m.Texts["venue"].KK != "Орталық саябақ" {
			t.Fatalf("confirmation: %+v", m)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: second.ID}); err != nil {
			t.Fatal(err)
		}
		if m := lastMail(t, s, second.ID); m.Kind != domain.MailSignupWaitlisted || m.Params["position"] != "1" || m.ShiftICS != 0 {
			t.Fatalf("waitlist: %+v", m)
		}
		before := len(mailsOf(t, s, second.ID))
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: second.ID}); code(err) != domain.Conflict {
			t.Fatalf("a second signup: %v", err)
		}
		if n := len(mailsOf(t, s, second.ID)); n != before {
			t.Fatalf("a refused signup wrote a mail: %d → %d", before, n)
		}
		if _, _, err := s.CancelSignup(ctx, first.ID, mine.ID, func(domain.Signup, int64) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if m := lastMail(t, s, second.ID); m.Kind != domain.MailSignupPromoted || m.ShiftICS != sh.ID {
			t.Fatalf("promotion: %+v", m)
		}
	})
}

// runDueReminders claims the due jobs and runs the reminder ones, returning how many mails they
// wrote; the mail jobs it claims are completed as if sent.
func runDueReminders(t *testing.T, s *store.Store) (jobs, mails int) {
	t.Helper()
	got, err := s.ClaimJobs(ctx, "test", 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range got {
		if j.Kind == store.JobReminder {
			jobs++
			n, err := s.SendReminders(ctx, j)
			if err != nil {
				t.Fatal(err)
			}
			mails += n
		}
		if _, err := s.CompleteJob(ctx, "test", j); err != nil {
			t.Fatal(err)
		}
	}
	return jobs, mails
}

// Reminders go a day and two hours before a shift, once each, to its confirmed volunteers who want
// them; a moved shift's old reminders send nothing and new ones are written; a job run twice sends
// nothing twice.
func TestRemindersComeOnceAtTheRightTime(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 2, 0)
		people := f.users(t, 3, "2000-01-01")
		for _, p := range people {
			if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID}); err != nil {
				t.Fatal(err)
			}
		}
		runDueReminders(t, s) // the confirmations go
		if err := s.SetMailPrefs(ctx, people[1].ID, true, false); err != nil {
			t.Fatal(err)
		}
		// a minute before the day-before reminder: nothing is due
		c.set(sh.StartsAt.Add(-domain.ReminderDayBefore - time.Minute))
		if jobs, _ := runDueReminders(t, s); jobs != 0 {
			t.Fatalf("%d reminder jobs ran early", jobs)
		}
		c.add(time.Minute)
		var dayJob store.Job
		got, _ := s.ClaimJobs(ctx, "test", 100, time.Minute)
		for _, j := range got {
			if j.Kind == store.JobReminder {
				dayJob = j
			}
		}
		n, err := s.SendReminders(ctx, dayJob)
		if err != nil || n != 1 {
			t.Fatalf("the day's reminders: %d %v (one confirmed volunteer wants them, one does not, one waits)", n, err)
		}
		if m := lastMail(t, s, people[0].ID); m.Kind != domain.MailReminderDay || m.Category != domain.CategoryReminders {
			t.Fatalf("reminder: %+v", m)
		}
		// the same job again (its worker died before marking it done): nothing more
		if n, _ := s.SendReminders(ctx, dayJob); n != 0 {
			t.Fatalf("a reminder job run twice sent %d more", n)
		}
		for _, j := range got {
			s.CompleteJob(ctx, "test", j)
		}

		// the shift moves an hour later: its holders are told, and the reminders move with it
		moved, err := s.UpdateShift(ctx, 0, sh.ID, func(x *domain.Shift) error {
			x.StartsAt, x.EndsAt = x.StartsAt.Add(time.Hour), x.EndsAt.Add(time.Hour)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			if m := lastMail(t, s, p.ID); m.Kind != domain.MailShiftChanged || m.Times["starts"] != moved.StartsAt.Unix() || m.Category != "" {
				t.Fatalf("%s was not told of the change: %+v", p.Email, m)
			}
		}
		// two hours before the old start, the old job finds the shift moved and sends nothing; the
		// moved shift's new day-before job is due too, and sends no second day-before reminder
		c.set(sh.StartsAt.Add(-domain.ReminderHoursBefore))
		if jobs, mails := runDueReminders(t, s); jobs != 2 || mails != 0 {
			t.Fatalf("the old two-hour job and the new day job: %d jobs, %d mails", jobs, mails)
		}
		c.set(moved.StartsAt.Add(-domain.ReminderHoursBefore))
		if jobs, mails := runDueReminders(t, s); jobs != 1 || mails != 1 {
			t.Fatalf("the new two-hour job: %d jobs, %d mails", jobs, mails)
		}
		if m := lastMail(t, s, people[0].ID); m.Kind != domain.MailReminderHours || m.Times["starts"] != moved.StartsAt.Unix() {
			t.Fatalf("two-hour reminder: %+v", m)
		}
		// and after the start, nothing more is due
		c.set(moved.StartsAt.Add(time.Hour))
		if jobs, mails := runDueReminders(t, s); jobs != 0 || mails != 0 {
			t.Fatalf("after the start: %d jobs, %d mails", jobs, mails)
		}
	})
}

// A cancellation reaches everyone holding or waiting for a place, whatever mails they turned off.
func TestCancellationIsAlwaysTold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		sh := f.shift(t, 1, 0)
		people := f.users(t, 2, "2000-01-01")
		for _, p := range people {
			if err := s.SetMailPrefs(ctx, p.ID, false, false); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID}); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range people {
			if kinds := mailKinds(t, s, p.ID); len(kinds) != 1 || kinds[0] != domain.MailVerifyEmail {
				t.Fatalf("mails turned off still came: %v", kinds)
			}
		}
		if _, err := s.UpdateEvent(ctx, 0, f.event.ID, func(e *domain.Event) error { e.Status = domain.EventCancelled; return nil }); err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			m := lastMail(t, s, p.ID)
			if m.Kind != domain.MailEventCancelled || m.Category != "" || m.Unsubscribe != "" || m.Link != "/programme" {
				t.Fatalf("cancellation: %+v", m)
			}
		}
		// a cancelled event's reminders send nothing
		jobs, err := s.Jobs(ctx, store.JobPending, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			if j.Kind == store.JobReminder {
				if n, err := s.SendReminders(ctx, j); err != nil || n != 0 {
					t.Fatalf("a cancelled event's reminder: %d %v", n, err)
				}
			}
		}
	})
}

// The one-click unsubscribe link turns off its kind of mail and nothing else.
func TestUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "sanzhar@example.kz")
		p, err := s.MailPrefs(ctx, u.ID)
		if err != nil || !p.Signups || !p.Reminders || len(p.Token) < 32 {
			t.Fatalf("a new account's preferences: %+v %v", p, err)
		}
		if err := s.Unsubscribe(ctx, p.Token, domain.CategoryReminders); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.MailPrefs(ctx, u.ID); !got.Signups || got.Reminders {
			t.Fatalf("after unsubscribing from reminders: %+v", got)
		}
		if err := s.Unsubscribe(ctx, "forged", domain.CategorySignups); key(err) != "field.token_invalid" {
			t.Fatalf("a forged token: %v", err)
		}
		if err := s.Unsubscribe(ctx, p.Token, "safety"); key(err) != "field.unknown_category" {
			t.Fatalf("a category that cannot be turned off: %v", err)
		}
		if got, _ := s.MailPrefs(ctx, u.ID); !got.Signups {
			t.Fatal("a refused unsubscribe changed something")
		}
		// the payload of a reminder job that is not one is refused as invalid
		if _, err := s.SendReminders(ctx, store.Job{Kind: store.JobReminder, Payload: `{"x":1}`}); code(err) != domain.Invalid {
			t.Fatalf("a bad reminder payload: %v", err)
		}
		raw, _ := json.Marshal(map[string]any{"shift_id": 999999, "which": domain.MailReminderDay, "starts_at": 1})
		if n, err := s.SendReminders(ctx, store.Job{Kind: store.JobReminder, Payload: string(raw)}); err != nil || n != 0 {
			t.Fatalf("a reminder for a shift that is gone: %d %v", n, err)
		}
	})
}

// A coordinator's message reaches everyone holding or waiting for a place, in one transaction, at
// most three a day per shift; bad input writes nothing.
func TestRosterMessage(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 1, 0)
		people := f.users(t, 3, "2000-01-01")
		var left domain.Signup
		for i, p := range people {
			sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			if i == 2 {
				left = sg
			}
		}
		if _, _, err := s.CancelSignup(ctx, people[2].ID, left.ID, func(domain.Signup, int64) error { return nil }); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []domain.RosterMessage{{Subject: "", Text: "x"}, {Subject: "a\nb", Text: "x"}, {Subject: "x", Text: "  "},
			{Subject: "x", Text: string(make([]byte, domain.MaxRosterTextLen+1))}} {
			if _, err := s.MessageRoster(ctx, 0, sh.ID, bad); code(err) != domain.Invalid {
				t.Fatalf("%q: %v", bad.Subject, err)
			}
		}
		n, err := s.MessageRoster(ctx, 0, sh.ID, domain.RosterMessage{Subject: "Жиын орны", Text: "Бас кіреберісте кездесеміз.\r\n\r\nҚолғап бар."})
		if err != nil || n != 2 {
			t.Fatalf("sent to %d: %v (a confirmed and a waitlisted volunteer)", n, err)
		}
		for _, p := range people[:2] {
			m := lastMail(t, s, p.ID)
			if m.Kind != domain.MailRosterMessage || m.Params["subject"] != "Жиын орны" || m.Params["text"] != "Бас кіреберісте кездесеміз.\n\nҚолғап бар." ||
				m.Texts["organization"].KK != "Жасыл Алматы" || m.Category != "" {
				t.Fatalf("message: %+v", m)
			}
		}
		if m := lastMail(t, s, people[2].ID); m.Kind == domain.MailRosterMessage {
			t.Fatal("someone who cancelled got the message")
		}
		for range domain.RosterMessagesPerDay - 1 {
			if _, err := s.MessageRoster(ctx, 0, sh.ID, domain.RosterMessage{Subject: "Тағы", Text: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.MessageRoster(ctx, 0, sh.ID, domain.RosterMessage{Subject: "Тым көп", Text: "x"}); code(err) != domain.Conflict {
			t.Fatalf("past the day's limit: %v", err)
		}
		c.add(24*time.Hour + time.Second)
		if _, err := s.MessageRoster(ctx, 0, sh.ID, domain.RosterMessage{Subject: "Ертеңгі", Text: "x"}); err != nil {
			t.Fatalf("the next day: %v", err)
		}
		if _, err := s.MessageRoster(ctx, 0, 999999, domain.RosterMessage{Subject: "x", Text: "x"}); code(err) != domain.NotFound {
			t.Fatalf("no such shift: %v", err)
		}
	})
}
