package store_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// clock is a settable time for sessions' timeouts.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestSessions(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)}
			s := storetest.Open(t, engine, store.Options{Now: c.now})
			f := &fixture{s: s}
			u := f.users(t, 1, "2004-05-06")[0]
			idle := 2 * time.Hour
			if err := s.CreateSession(ctx, u.ID, "hash-a", c.now().Add(7*24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			got, err := s.SessionUser(ctx, "hash-a", idle)
			if err != nil || got.ID != u.ID {
				t.Fatalf("a new session: %v %v", got.ID, err)
			}
			if _, err := s.SessionUser(ctx, "hash-unknown", idle); code(err) != domain.Unauthorized {
				t.Fatalf("an unknown session: %v", err)
			}
			// used every hour, it outlives the idle timeout, but never its absolute end
			for range 24*7 - 1 {
				c.add(time.Hour)
				if _, err := s.SessionUser(ctx, "hash-a", idle); err != nil {
					t.Fatalf("at %v: %v", c.now(), err)
				}
			}
			c.add(time.Hour)
			if _, err := s.SessionUser(ctx, "hash-a", idle); code(err) != domain.Unauthorized {
				t.Fatalf("past its absolute end: %v", err)
			}
			// left alone past the idle timeout, it ends
			if err := s.CreateSession(ctx, u.ID, "hash-b", c.now().Add(7*24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			c.add(idle + time.Minute)
			if _, err := s.SessionUser(ctx, "hash-b", idle); code(err) != domain.Unauthorized {
				t.Fatalf("idle too long: %v", err)
			}
			// signing out ends it on the server
			if err := s.CreateSession(ctx, u.ID, "hash-c", c.now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteSession(ctx, "hash-c"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SessionUser(ctx, "hash-c", idle); code(err) != domain.Unauthorized {
				t.Fatalf("after sign-out: %v", err)
			}
		})
	}
}

func TestProfileAndMemberships(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		u := f.users(t, 1, "1958-11-30")[0]
		p := domain.Profile{District: "medeu", University: "ҚазҰУ", Languages: []string{"kk", "sign"}, Skills: "Мұғалім", AccessibilityNeeds: "Үлкен қаріп"}
		if err := s.UpdateProfile(ctx, u.ID, "Сәуле Ахметова", "ru", p); err != nil {
			t.Fatal(err)
		}
		got, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Сәуле Ахметова" || got.Locale != "ru" || got.District != "medeu" || got.University != "ҚазҰУ" ||
			!slices.Equal(got.Languages, []string{"kk", "sign"}) || got.Skills != "Мұғалім" || got.AccessibilityNeeds != "Үлкен қаріп" {
			t.Fatalf("profile read back as %+v", got)
		}
		if !got.Silver(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)) {
			t.Fatal("a volunteer born in 1958 is silver in 2026")
		}
		if err := s.UpdateProfile(ctx, 999999, "x", "kk", domain.Profile{}); code(err) != domain.NotFound {
			t.Fatalf("profile of nobody: %v", err)
		}
		ms, err := s.Memberships(ctx, u.ID)
		if err != nil || len(ms) != 0 {
			t.Fatalf("memberships of a volunteer: %v %v", ms, err)
		}
		org := domain.Organization{Name: domain.Text{KK: "Қамқор"}}
		if err := s.CreateOrganization(ctx, u.ID, &org); err != nil {
			t.Fatal(err)
		}
		if err := s.AddMember(ctx, 0, f.org.ID, u.ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		ms, err = s.Memberships(ctx, u.ID)
		if err != nil || len(ms) != 2 {
			t.Fatalf("memberships: %v %v", ms, err)
		}
		roles := map[string]string{}
		for _, m := range ms {
			roles[m.Org.Name.KK] = m.Role
		}
		if roles["Қамқор"] != domain.RoleAdmin || roles["Жасыл Алматы"] != domain.RoleCoordinator {
			t.Fatalf("roles: %v", roles)
		}
	})
}

func TestApplyForVerification(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		admin := f.users(t, 1, "1990-01-01")[0]
		org := domain.Organization{Name: domain.Text{KK: "Жаңа ұйым"}}
		if err := s.CreateOrganization(ctx, admin.ID, &org); err != nil {
			t.Fatal(err)
		}
		if !org.AppliedAt.IsZero() {
			t.Fatal("a new organization has not applied")
		}
		if err := s.ApplyForVerification(ctx, admin.ID, org.ID); err != nil {
			t.Fatal(err)
		}
		first, _ := s.Organization(ctx, org.ID)
		if first.AppliedAt.IsZero() || first.Status != domain.OrgPending {
			t.Fatalf("after applying: %+v", first)
		}
		if err := s.ApplyForVerification(ctx, admin.ID, org.ID); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Organization(ctx, org.ID); !again.AppliedAt.Equal(first.AppliedAt) {
			t.Fatal("applying again changed the date")
		}
		if err := s.ApplyForVerification(ctx, admin.ID, f.org.ID); code(err) != domain.Conflict {
			t.Fatalf("a verified organization applied: %v", err)
		}
		if err := s.ApplyForVerification(ctx, admin.ID, 999999); code(err) != domain.NotFound {
			t.Fatalf("no such organization: %v", err)
		}
		o := first
		o.Name, o.BIN = domain.Text{KK: "Жаңа ұйым ЖШС"}, "040340001283"
		if err := s.UpdateOrganization(ctx, admin.ID, o); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Organization(ctx, org.ID); got.Name.KK != "Жаңа ұйым ЖШС" || got.BIN != "040340001283" || got.Status != domain.OrgPending {
			t.Fatalf("after update: %+v", got)
		}
	})
}

func TestProgrammeFiltersAndFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		full := f.shift(t, 1, 0)
		f.shift(t, 5, 3*time.Hour)
		start := f.event.StartsAt.Add(24 * time.Hour)
		other := domain.Event{OrgID: f.org.ID, Direction: "mentoring", Title: domain.Text{KK: "Ұрпақтар диалогы"}, Venue: domain.Text{KK: "Кітапхана"},
			District: "almaly", StartsAt: start, EndsAt: start.Add(3 * time.Hour), Status: domain.EventPublished, Silver: true,
			Accessibility: []string{"wheelchair", "seating"},
			Shifts:        []domain.Shift{{Role: domain.Text{KK: "Тәлімгер"}, StartsAt: start, EndsAt: start.Add(3 * time.Hour), Capacity: 1}}}
		if err := s.CreateEvent(ctx, 0, &other); err != nil {
			t.Fatal(err)
		}
		draft := domain.Event{OrgID: f.org.ID, Direction: "ecology", Title: domain.Text{EN: "Draft"}, Venue: domain.Text{KK: "x"}, District: "medeu",
			StartsAt: start, EndsAt: start.Add(time.Hour), Status: domain.EventDraft}
		if err := s.CreateEvent(ctx, 0, &draft); err != nil {
			t.Fatal(err)
		}
		ids := func(flt store.EventFilter) []int64 {
			t.Helper()
			evs, _, err := s.Events(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, e := range evs {
				out = append(out, e.ID)
			}
			return out
		}
		both := []int64{f.event.ID, other.ID}
		for name, c := range map[string]struct {
			flt  store.EventFilter
			want []int64
		}{
			"all":                 {store.EventFilter{}, both},
			"silver":              {store.EventFilter{Silver: true}, []int64{other.ID}},
			"wheelchair":          {store.EventFilter{Accessibility: []string{"wheelchair"}}, []int64{other.ID}},
			"wheelchair+seating":  {store.EventFilter{Accessibility: []string{"wheelchair", "seating"}}, []int64{other.ID}},
			"a part of a code":    {store.EventFilter{Accessibility: []string{"chair"}}, nil},
			"hearing loop":        {store.EventFilter{Accessibility: []string{"hearing_loop"}}, nil},
			"free places":         {store.EventFilter{FreePlaces: true}, both},
			"organization":        {store.EventFilter{OrgID: f.org.ID}, both},
			"organization+drafts": {store.EventFilter{OrgID: f.org.ID, WithDrafts: true}, []int64{f.event.ID, other.ID, draft.ID}},
		} {
			if got := ids(c.flt); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", name, got, c.want)
			}
		}
		// the one seat of the mentoring shift taken: no free place left there
		u := f.users(t, 2, "1990-01-01")
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: other.Shifts[0].ID, UserID: u[0].ID}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: full.ID, UserID: u[1].ID}); err != nil {
			t.Fatal(err)
		}
		if got := ids(store.EventFilter{FreePlaces: true}); !slices.Equal(got, []int64{f.event.ID}) {
			t.Errorf("free places after signups: %v", got)
		}

		year := time.Date(f.event.StartsAt.Year(), 1, 1, 0, 0, 0, 0, domain.Almaty())
		fig, err := s.Figures(ctx, year.AddDate(-1, 0, 0), year.AddDate(2, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if fig.Planned != 2 || fig.Held != 0 || fig.Confirmed != 2 || fig.Volunteers != 2 {
			t.Fatalf("figures: %+v", fig)
		}
		byDir := map[string]store.DirectionFigures{}
		for _, d := range fig.ByDirection {
			byDir[d.Direction] = d
		}
		if len(fig.ByDirection) != 8 || byDir["mentoring"].Planned != 1 || byDir["mentoring"].Capacity != 1 || byDir["ecology"].Capacity != 6 {
			t.Fatalf("figures by direction: %+v", fig.ByDirection)
		}
		total := 0
		y0, y1 := f.event.StartsAt.In(domain.Almaty()).Year(), other.StartsAt.In(domain.Almaty()).Year()
		for y := y0; y <= y1; y++ { // the two days may fall in two years
			plan, err := s.MonthPlan(ctx, y)
			if err != nil {
				t.Fatal(err)
			}
			for _, months := range plan {
				for _, n := range months.Events {
					total += n
				}
			}
		}
		if total != 3 { // two published and a draft
			t.Fatalf("month plan counts %d events", total)
		}
		dirs, err := s.OrganizationDirections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(dirs[f.org.ID], []string{"ecology", "mentoring"}) {
			t.Fatalf("directions: %v", dirs)
		}
	})
}

// Under-18s cannot sign up for heavy or hazardous work or the emergencies direction, whatever
// the event's minimum age says; adults can.
func TestAdultsOnlyWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		teen := f.users(t, 1, time.Now().AddDate(-16, 0, 0).Format("2006-01-02"))[0]
		adult := f.users(t, 1, "1990-01-01")[0]
		start := f.event.StartsAt
		for i, e := range []domain.Event{
			{Direction: "ecology", Heavy: true, Title: domain.Text{KK: "Ағаш кесу"}},
			{Direction: domain.DirectionEmergency, Title: domain.Text{KK: "Құтқару"}},
		} {
			e.OrgID, e.Venue, e.District, e.Status = f.org.ID, domain.Text{KK: "Тау"}, "medeu", domain.EventPublished
			e.StartsAt = start.AddDate(0, 0, 3+i) // on different days: no overlap
			e.EndsAt = e.StartsAt.Add(4 * time.Hour)
			e.Shifts = []domain.Shift{{Role: domain.Text{KK: "x"}, StartsAt: e.StartsAt, EndsAt: e.EndsAt, Capacity: 5}}
			if err := s.CreateEvent(ctx, 0, &e); err != nil {
				t.Fatal(err)
			}
			got, _ := s.Event(ctx, e.ID)
			if got.Heavy != e.Heavy {
				t.Fatalf("heavy read back as %v", got.Heavy)
			}
			if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: e.Shifts[0].ID, UserID: teen.ID}); code(err) != domain.Forbidden || key(err) != "signup.adults_only" {
				t.Fatalf("%s: a 16-year-old signed up: %v", e.Title.KK, err)
			}
			if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: e.Shifts[0].ID, UserID: adult.ID}); err != nil {
				t.Fatalf("%s: an adult was refused: %v", e.Title.KK, err)
			}
			checkShift(t, s, e.Shifts[0].ID, 1, 0)
		}
	})
}
