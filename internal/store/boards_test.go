package store_test

import (
	"errors"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// boardWorld is a coordinator's two organizations and a third they are not in, on a Monday of
// March 2026 at nine in Almaty.
type boardWorld struct {
	s          *store.Store
	c          *clock
	coord      domain.User
	mine, also domain.Organization
	other      domain.Organization
}

func newBoardWorld(t *testing.T, engine string) *boardWorld {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)}
	s := storetest.Open(t, engine, store.Options{Now: c.now})
	w := &boardWorld{s: s, c: c, coord: newUser(t, s, "coordinator@example.kz")}
	for _, o := range []struct {
		org   *domain.Organization
		admin int64
		name  string
	}{{&w.mine, w.coord.ID, "Жасыл Алматы"}, {&w.also, w.coord.ID, "Қамқор"}, {&w.other, 0, "Бөтен қор"}} {
		*o.org = domain.Organization{Name: domain.Text{KK: o.name}, Status: domain.OrgVerified}
		if err := s.CreateOrganization(ctx, o.admin, o.org); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetOrganizationStatus(ctx, 0, o.org.ID, domain.OrgVerified, ""); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// event adds an event of org starting at from the clock's start, two hours long, with a shift
// of capacity for each of its whole length.
func (w *boardWorld) event(t *testing.T, org domain.Organization, title string, at time.Duration, status domain.EventStatus, capacity ...int) domain.Event {
	t.Helper()
	start := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC).Add(at)
	e := domain.Event{OrgID: org.ID, Direction: "ecology", Title: domain.Text{KK: title}, Venue: domain.Text{KK: "Саябақ"},
		District: "medeu", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Status: status}
	if err := w.s.CreateEvent(ctx, 0, &e); err != nil {
		t.Fatal(err)
	}
	for _, n := range capacity {
		sh := domain.Shift{EventID: e.ID, Role: domain.Text{KK: "Көмекші"}, StartsAt: e.StartsAt, EndsAt: e.EndsAt, Capacity: n}
		if err := w.s.CreateShift(ctx, 0, &sh); err != nil {
			t.Fatal(err)
		}
		e.Shifts = append(e.Shifts, sh)
	}
	return e
}

// The organizers' board: only the coordinator's organizations; coming events (drafts too, not
// cancelled ones) soonest first, each shift with its places, waitlist and pending hours; past
// published events the latest first, cut at the limit, with how many came.
func TestOrganizerBoards(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newBoardWorld(t, engine)
			s, c := w.s, w.c
			vols := make([]domain.User, 4)
			for i := range vols {
				vols[i] = newUser(t, s, "v"+string(rune('a'+i))+"@example.kz")
			}
			oldest := w.event(t, w.mine, "Ең ескі", time.Hour, domain.EventPublished, 5)
			held := w.event(t, w.mine, "Өткен сенбілік", 3*time.Hour, domain.EventPublished, 5, 5)
			latest := w.event(t, w.mine, "Соңғы өткен", 6*time.Hour, domain.EventPublished, 5)
			w.event(t, w.mine, "Өткен жоба", 4*time.Hour, domain.EventDraft, 5) // a past draft: left out
			full := w.event(t, w.mine, "Толық", 72*time.Hour, domain.EventPublished, 2, 10)
			draft := w.event(t, w.mine, "Жоба", 48*time.Hour, domain.EventDraft, 3)
			gone := w.event(t, w.mine, "Тоқтатылған", 24*time.Hour, domain.EventPublished, 3)
			if _, err := s.UpdateEvent(ctx, 0, gone.ID, func(e *domain.Event) error { e.Status = domain.EventCancelled; return nil }); err != nil {
				t.Fatal(err)
			}
			theirs := w.event(t, w.also, "Қарттарға көмек", 96*time.Hour, domain.EventPublished, 4)
			w.event(t, w.other, "Бөтен", 96*time.Hour, domain.EventPublished, 4)

			// three on a shift of two: two confirmed, one waiting
			for _, u := range vols[:3] {
				if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: full.Shifts[0].ID, UserID: u.ID}); err != nil {
					t.Fatal(err)
				}
			}
			// the held event: two came, one claim pending, one approved
			var signups []domain.Signup
			for _, u := range vols[:2] {
				sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: held.Shifts[0].ID, UserID: u.ID})
				if err != nil {
					t.Fatal(err)
				}
				signups = append(signups, sg)
			}
			c.set(held.StartsAt.Add(10 * time.Minute))
			for i, sg := range signups {
				code, _, err := s.CheckinPass(ctx, vols[i].ID, sg.ID)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.CheckIn(ctx, 0, held.Shifts[0].ID, store.CheckinCredential{Code: code}); err != nil {
					t.Fatal(err)
				}
			}
			pending, err := s.EnterHours(ctx, 0, signups[0].ID, 90, 0)
			if err != nil {
				t.Fatal(err)
			}
			approved, err := s.EnterHours(ctx, 0, signups[1].ID, 60, 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveHours(ctx, 0, approved); err != nil {
				t.Fatal(err)
			}
			c.set(time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)) // all three past events ended

			boards, err := s.OrganizerBoards(ctx, w.coord.ID, 10, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(boards) != 2 || boards[w.other.ID] != nil {
				t.Fatalf("boards of %d organizations, want the coordinator's two: %v", len(boards), boards)
			}
			b := boards[w.mine.ID]
			titles := func(list []store.BoardEvent) []string {
				var out []string
				for _, e := range list {
					out = append(out, e.Event.Title.KK)
				}
				return out
			}
			if got := titles(b.Coming); len(got) != 2 || got[0] != draft.Title.KK || got[1] != full.Title.KK {
				t.Fatalf("coming %v, want the draft then the full event", got)
			}
			if got := titles(b.Past); len(got) != 2 || got[0] != latest.Title.KK || got[1] != held.Title.KK {
				t.Fatalf("past %v, want the latest two, latest first (not %q)", got, oldest.Title.KK)
			}
			f := b.Coming[1]
			if len(f.Shifts) != 2 || f.Shifts[0].Confirmed != 2 || f.Shifts[0].Capacity != 2 || f.Shifts[0].Waitlisted != 1 ||
				f.Shifts[1].Confirmed != 0 || f.Shifts[1].Capacity != 10 {
				t.Fatalf("the full event's shifts: %+v", f.Shifts)
			}
			if f.Capacity != 12 || f.Confirmed != 2 || f.Waitlisted != 1 || f.PendingClaims != 0 {
				t.Fatalf("the full event's sums: %+v", f)
			}
			h := b.Past[1]
			if h.Event.Tally.Came != 2 || h.Confirmed != 2 || h.PendingClaims != 1 || h.PendingMinutes != 90 ||
				h.Shifts[0].PendingClaims != 1 || h.Shifts[1].PendingClaims != 0 {
				t.Fatalf("the held event: came %d, %+v", h.Event.Tally.Came, h)
			}
			if b.PendingClaims != 1 || b.PendingMinutes != 90 {
				t.Fatalf("the organization's pending hours: %d claims, %d min", b.PendingClaims, b.PendingMinutes)
			}
			if got := titles(boards[w.also.ID].Coming); len(got) != 1 || got[0] != theirs.Title.KK {
				t.Fatalf("the second organization: %v", got)
			}

			// deciding the claim takes it off the board
			if err := s.ApproveHours(ctx, 0, pending); err != nil {
				t.Fatal(err)
			}
			if boards, err = s.OrganizerBoards(ctx, w.coord.ID, 10, 2); err != nil || boards[w.mine.ID].PendingClaims != 0 {
				t.Fatalf("after approval: %v", err)
			}
			if boards, err = s.OrganizerBoards(ctx, vols[3].ID, 10, 2); err != nil || len(boards) != 0 {
				t.Fatalf("a volunteer's board: %v %v", boards, err)
			}
		})
	}
}

// The Front Office's figures: the queue and its oldest application, the week's events held and
// coming, mails failed (parked) and still being tried, certificates today and this year.
func TestOfficeFigures(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newBoardWorld(t, engine)
			s, c := w.s, w.c
			figures := func() store.OfficeFigures {
				t.Helper()
				f, err := s.OfficeFigures(ctx, c.now())
				if err != nil {
					t.Fatal(err)
				}
				return f
			}
			if f := figures(); f != (store.OfficeFigures{}) {
				t.Fatalf("an empty day: %+v", f)
			}
			var waiting []domain.Organization
			for i, name := range []string{"Бірінші", "Екінші", "Үшінші"} {
				o := domain.Organization{Name: domain.Text{KK: name}}
				if err := s.CreateOrganization(ctx, w.coord.ID, &o); err != nil {
					t.Fatal(err)
				}
				waiting = append(waiting, o)
				if i < 2 {
					c.add(time.Hour)
					if err := s.ApplyForVerification(ctx, w.coord.ID, o.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
			firstApplied := time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC)

			w.event(t, w.mine, "Дүйсенбі", 0, domain.EventPublished)              // Monday 09:00, held by noon
			w.event(t, w.mine, "Жексенбі", 6*24*time.Hour, domain.EventPublished) // Sunday: coming
			w.event(t, w.mine, "Келесі апта", 7*24*time.Hour, domain.EventPublished)
			w.event(t, w.mine, "Өткен апта", -24*time.Hour, domain.EventPublished)
			w.event(t, w.mine, "Жоба", time.Hour, domain.EventDraft)

			// two mails: one parks after all its attempts, one failed once and waits for its retry
			vol := newUser(t, s, "vol@example.kz")
			jobs, err := s.ClaimJobs(ctx, "w", 10, time.Minute)
			if err != nil || len(jobs) == 0 {
				t.Fatalf("mails queued by the fixture: %d %v", len(jobs), err)
			}
			for _, j := range jobs {
				if _, err := s.CompleteJob(ctx, "w", j); err != nil {
					t.Fatal(err)
				}
			}
			for _, to := range []string{"one@example.kz", "two@example.kz"} {
				newUser(t, s, to)
			}
			jobs, err = s.ClaimJobs(ctx, "w", 10, time.Minute)
			if err != nil || len(jobs) != 2 {
				t.Fatalf("two mails: %d %v", len(jobs), err)
			}
			parked := jobs[0]
			parked.Attempts = parked.MaxAttempts
			if err := s.FailJob(ctx, "w", parked, errors.New("550 no such user"), store.FailureRefused); err != nil {
				t.Fatal(err)
			}
			if err := s.FailJob(ctx, "w", jobs[1], errors.New("dial tcp: refused"), store.FailureUnreachable); err != nil {
				t.Fatal(err)
			}

			c.set(time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)) // Monday noon in Almaty
			approvedHoursAt(t, s, c, w, vol)
			if _, err := s.IssueCertificate(ctx, vol.ID, "kk"); err != nil {
				t.Fatal(err)
			}
			c.set(time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC)) // Tuesday noon: yesterday's certificate
			if _, err := s.IssueCertificate(ctx, vol.ID, "ru"); err != nil {
				t.Fatal(err)
			}

			f := figures()
			want := store.OfficeFigures{Queue: 2, QueueSince: firstApplied, WeekHeld: 2, WeekComing: 1,
				MailsFailed: 1, MailsTrying: 1, CertsToday: 1, CertsThisYear: 2}
			if !f.QueueSince.Equal(want.QueueSince) {
				t.Fatalf("queue since %v, want %v", f.QueueSince, want.QueueSince)
			}
			f.QueueSince = want.QueueSince
			if f != want {
				t.Fatalf("figures %+v, want %+v", f, want)
			}
			if _, err := s.SetOrganizationStatus(ctx, 0, waiting[0].ID, domain.OrgVerified, ""); err != nil {
				t.Fatal(err)
			}
			if f := figures(); f.Queue != 1 || !f.QueueSince.Equal(firstApplied.Add(time.Hour)) {
				t.Fatalf("after verifying the oldest: %d since %v", f.Queue, f.QueueSince)
			}
			c.set(time.Date(2027, 1, 1, 7, 0, 0, 0, time.UTC))
			if f := figures(); f.CertsThisYear != 0 || f.CertsToday != 0 || f.WeekHeld+f.WeekComing != 0 {
				t.Fatalf("a new year: %+v", f)
			}
		})
	}
}

// approvedHoursAt gives vol approved hours on a shift that started an hour before the clock.
func approvedHoursAt(t *testing.T, s *store.Store, c *clock, w *boardWorld, vol domain.User) {
	t.Helper()
	was := c.now()
	c.set(was.Add(-24 * time.Hour))
	e := w.event(t, w.also, "Көмек", was.Sub(time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC))-time.Hour, domain.EventPublished, 3)
	sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: e.Shifts[0].ID, UserID: vol.ID})
	if err != nil {
		t.Fatal(err)
	}
	c.set(was)
	claim, err := s.EnterHours(ctx, 0, sg.ID, 60, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveHours(ctx, 0, claim); err != nil {
		t.Fatal(err)
	}
}
