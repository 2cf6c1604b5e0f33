package loadtest

import (
	"context"
	"fmt"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// volunteer is one prepared account and its API token.
type volunteer struct {
	id    int64
	token string
}

// fixture is what a run prepared in the database.
type fixture struct {
	hotEvent int64   // the event whose pages the readers open
	shifts   []int64 // the load's shifts; signup i goes to shifts[i % len]
	load     []volunteer
	probes   probeFixture
	// flash: the direct baseline's shift (the same places) and its volunteers
	directShift int64
	direct      []volunteer
}

// shiftOf is the shift signup i goes to.
func (f *fixture) shiftOf(i int) int64 { return f.shifts[i%len(f.shifts)] }

// probeFixture is what the bad requests need: a shift that has started, one that is full and
// has started, one with places to spare, and volunteers of their own.
type probeFixture struct {
	started, fullClosed, spare int64
	spareCapacity              int
	filler                     volunteer // holds the one place of fullClosed
	vols                       []volunteer
}

// probeVolunteers is how many volunteers the probes use.
const probeVolunteers = 24

// spread's capacities: each shift's is the base capacity times one of these, so that some shifts
// fill and wait, some fill exactly, and some keep places free.
var spreadFactors = []float64{0.5, 1, 1.5}

// prepare writes the organization, its events and shifts, and the volunteers with their tokens.
func prepare(ctx context.Context, st *store.Store, cfg Config) (*fixture, error) {
	fx := &fixture{}
	now := time.Now().UTC().Truncate(time.Hour)
	org := domain.Organization{Name: domain.Text{KK: "Алматы еріктілері — жүктеме сынағы", RU: "Волонтёры Алматы — нагрузочный тест", EN: "Almaty volunteers — load test"}, Status: domain.OrgVerified}
	if err := st.CreateOrganization(ctx, 0, &org); err != nil {
		return nil, err
	}
	event := func(n int, starts time.Time, shifts ...domain.Shift) (domain.Event, error) {
		e := domain.Event{OrgID: org.ID, Direction: "culture",
			Title: domain.Text{KK: fmt.Sprintf("Еріктілер жылының ашылуы %d", n), RU: fmt.Sprintf("Открытие Года волонтёров %d", n),
				EN: fmt.Sprintf("Opening of the Year of Volunteers %d", n)},
			Venue: domain.Text{KK: "Республика сарайы", RU: "Дворец Республики", EN: "Palace of the Republic"}, District: "medeu", StartsAt: starts, EndsAt: starts.Add(24 * time.Hour),
			Status: domain.EventPublished, Shifts: shifts}
		return e, st.CreateEvent(ctx, 0, &e)
	}
	shift := func(starts time.Time, capacity int) domain.Shift {
		return domain.Shift{Role: domain.Text{KK: "Қарсы алушы", RU: "Встречающий", EN: "Greeter"},
			StartsAt: starts, EndsAt: starts.Add(3 * time.Hour), Capacity: capacity}
	}
	ahead := now.Add(30 * 24 * time.Hour)
	switch cfg.Scenario {
	case Flash, Browse, Crash:
		e, err := event(1, ahead, shift(ahead, cfg.Capacity))
		if err != nil {
			return nil, err
		}
		fx.hotEvent, fx.shifts = e.ID, []int64{e.Shifts[0].ID}
		if cfg.Scenario == Browse { // a programme list worth reading: a page of events
			for n := 2; n <= 20; n++ {
				day := ahead.Add(time.Duration(n) * 24 * time.Hour)
				if _, err := event(n, day, shift(day, 50), shift(day.Add(4*time.Hour), 50)); err != nil {
					return nil, err
				}
			}
		}
	case Spread:
		const perEvent = 10
		for lo := 0; lo < cfg.Shifts; lo += perEvent {
			day := ahead.Add(time.Duration(lo/perEvent) * 24 * time.Hour)
			var shifts []domain.Shift
			for i := lo; i < min(lo+perEvent, cfg.Shifts); i++ {
				capacity := max(1, int(float64(cfg.Capacity)*spreadFactors[i%len(spreadFactors)]))
				shifts = append(shifts, shift(day.Add(time.Duration(i-lo)*time.Hour), capacity))
			}
			e, err := event(lo/perEvent+1, day, shifts...)
			if err != nil {
				return nil, err
			}
			if fx.hotEvent == 0 {
				fx.hotEvent = e.ID
			}
			for _, sh := range e.Shifts {
				fx.shifts = append(fx.shifts, sh.ID)
			}
		}
	}

	extra := 0
	if !cfg.NoProbes {
		extra = probeVolunteers + 1
	}
	if cfg.Scenario == Flash {
		e, err := event(800, ahead.Add(-24*time.Hour), shift(ahead.Add(-24*time.Hour), cfg.Capacity))
		if err != nil {
			return nil, err
		}
		fx.directShift = e.Shifts[0].ID
		if fx.direct, err = bulkVolunteers(ctx, st, cfg.N); err != nil {
			return nil, err
		}
	}
	vols, err := bulkVolunteers(ctx, st, cfg.N+extra)
	if err != nil {
		return nil, err
	}
	fx.load = vols[:cfg.N]
	if cfg.NoProbes {
		return fx, nil
	}
	p := &fx.probes
	p.filler, p.vols = vols[cfg.N], vols[cfg.N+1:]
	p.spareCapacity = 8
	spare, err := event(900, ahead.Add(-48*time.Hour), shift(ahead.Add(-48*time.Hour), p.spareCapacity))
	if err != nil {
		return nil, err
	}
	p.spare = spare.Shifts[0].ID
	started := now.Add(-time.Hour)
	e, err := event(901, started, shift(started, 10))
	if err != nil {
		return nil, err
	}
	p.started = e.Shifts[0].ID
	// the full one filled before it started: its one place was taken three hours ago
	if e, err = event(902, started, shift(started.Add(30*time.Minute), 1)); err != nil {
		return nil, err
	}
	p.fullClosed = e.Shifts[0].ID
	if err := fillBefore(ctx, cfg.DB, p.fullClosed, p.filler.id, now.Add(-3*time.Hour)); err != nil {
		return nil, err
	}
	return fx, nil
}

// fillBefore signs userID up for shiftID as the store would have at the time at.
func fillBefore(ctx context.Context, dsn string, shiftID, userID int64, at time.Time) error {
	past, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return at }, MaxConns: 1})
	if err != nil {
		return err
	}
	defer past.Close()
	sg, _, err := past.SignUp(ctx, store.SignupRequest{ShiftID: shiftID, UserID: userID})
	if err != nil {
		return fmt.Errorf("loadtest: fill the closed shift: %w", err)
	}
	if sg.Status != domain.SignupConfirmed {
		return fmt.Errorf("loadtest: fill the closed shift: %s", sg.Status)
	}
	return nil
}

// bulkVolunteers makes n adult volunteers with API tokens, in one transaction.
func bulkVolunteers(ctx context.Context, st *store.Store, n int) ([]volunteer, error) {
	birth, _ := domain.ParseDate("1998-03-21")
	stamp := time.Now().UnixNano()
	vs := make([]store.BulkVolunteer, n)
	out := make([]volunteer, n)
	for i := range vs {
		token, hash, err := auth.NewToken()
		if err != nil {
			return nil, err
		}
		out[i].token = token
		vs[i] = store.BulkVolunteer{Email: fmt.Sprintf("lt%d-%d@loadtest.example.kz", stamp, i), Name: fmt.Sprintf("Ерікті %d", i+1),
			BirthDate: birth, Locale: []string{"kk", "ru", "en"}[i%3], TokenHash: hash}
	}
	consent := store.Consent{Kind: store.ConsentPrivacy, Version: domain.PrivacyPolicyVersion, Method: "loadtest"}
	if err := st.BulkVolunteers(ctx, vs, consent, time.Now().Add(7*24*time.Hour)); err != nil {
		return nil, err
	}
	for i := range vs {
		out[i].id = vs[i].ID
	}
	return out, nil
}
