package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// Scale is the size of a big data set loaded on top of the demo programme (issue 7).
type Scale struct {
	Name                                               string
	Organizations, Events, Shifts, Volunteers, Signups int
}

// The scales: the hand-made demo alone, a city's year and a country's.
var (
	ScaleDemo    = Scale{Name: "demo"}
	ScaleCity    = Scale{Name: "city", Organizations: 300, Events: 5_000, Shifts: 20_000, Volunteers: 100_000, Signups: 500_000}
	ScaleCountry = Scale{Name: "country", Organizations: 3_000, Events: 50_000, Shifts: 200_000, Volunteers: 1_000_000, Signups: 5_000_000}
)

// ScaleNames lists the names --scale takes.
func ScaleNames() []string { return []string{"demo", "city", "country"} }

// ScaleByName returns the scale called name.
func ScaleByName(name string) (Scale, error) {
	for _, sc := range []Scale{ScaleDemo, ScaleCity, ScaleCountry} {
		if sc.Name == name {
			return sc, nil
		}
	}
	return Scale{}, fmt.Errorf("--scale %q: must be one of %s", name, strings.Join(ScaleNames(), ", "))
}

// Fraction is sc with every count divided by n (a small data set of the same shape, for tests).
func (sc Scale) Fraction(n int) Scale {
	return Scale{Name: fmt.Sprintf("%s/%d", sc.Name, n), Organizations: max(1, sc.Organizations/n), Events: sc.Events / n,
		Shifts: sc.Shifts / n, Volunteers: sc.Volunteers / n, Signups: sc.Signups / n}
}

// ScaleReport is what LoadScale added and how long it took.
type ScaleReport struct {
	Scale      Scale
	Cancelled  int // signups among Scale.Signups that their volunteers cancelled
	Waitlisted int
	Minors     int // volunteers under the guardian age when the programme starts (nine in ten with a guardian's consent)
	Took       time.Duration
	Phases     []Phase // how long each step took, in order
	Violations store.Violations
}

// Phase is one step of LoadScale and how long it took.
type Phase struct {
	Name string
	Took time.Duration
}

// PhasesString is the phases as "name 1.2s, name 3.4s".
func (r ScaleReport) PhasesString() string {
	var b strings.Builder
	for i, p := range r.Phases {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s", p.Name, p.Took.Round(10*time.Millisecond))
	}
	return b.String()
}

// scaleBatch is how many signups or volunteers go into the database per transaction.
const scaleBatch = 50_000

// LoadScale adds sc's organizations, events, shifts, volunteers and signups to st, which holds the
// demo programme already, and then checks in SQL that every signup rule holds: any violation
// fails it. The data set is the same on every run with the same now (a seeded generator);
// now decides only that nothing was made after it (registrations, events, signups). Every made-up volunteer's
// password is the demo's (one hash for all of them), and none of them is sent any mail.
func LoadScale(ctx context.Context, st *store.Store, sc Scale, now time.Time) (ScaleReport, error) {
	began := time.Now()
	rep := ScaleReport{Scale: sc}
	if sc.Events == 0 {
		return rep, nil
	}
	if sc.Shifts < sc.Events {
		return rep, fmt.Errorf("demo: scale %s: fewer shifts than events", sc.Name)
	}
	hash, err := auth.HashPassword(Password, auth.DefaultParams())
	if err != nil {
		return rep, err
	}
	ids, err := st.ScaleNextIDs(ctx)
	if err != nil {
		return rep, err
	}
	g := newScaleGen(sc, ids, now)
	last := time.Now()
	phase := func(name string) {
		rep.Phases = append(rep.Phases, Phase{name, time.Since(last)})
		last = time.Now()
	}

	orgs := g.organizations()
	if err := st.ScaleInsertOrganizations(ctx, orgs); err != nil {
		return rep, fmt.Errorf("demo: scale organizations: %w", err)
	}
	phase("organizations")
	events := g.events()
	for start := 0; start < len(events); start += scaleBatch / 10 {
		if err := st.ScaleInsertEvents(ctx, events[start:min(start+scaleBatch/10, len(events))]); err != nil {
			return rep, fmt.Errorf("demo: scale events: %w", err)
		}
	}
	phase("events and shifts")
	for start := 0; start < sc.Volunteers; start += scaleBatch {
		users := g.volunteers(start, min(start+scaleBatch, sc.Volunteers))
		if err := st.ScaleInsertUsers(ctx, hash, users); err != nil {
			return rep, fmt.Errorf("demo: scale volunteers: %w", err)
		}
	}
	phase("volunteers")
	err = g.signups(func(batch []store.ScaleSignup) error {
		if err := st.ScaleInsertSignups(ctx, batch); err != nil {
			return fmt.Errorf("demo: scale signups: %w", err)
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	phase("signups")
	rep.Cancelled, rep.Waitlisted, rep.Minors = g.cancelled, g.waitlisted, g.minors
	if err := st.ScaleFinish(ctx, ids.Shifts, map[string]any{"scale": sc.Name, "organizations": sc.Organizations,
		"events": sc.Events, "shifts": sc.Shifts, "volunteers": sc.Volunteers, "signups": sc.Signups}); err != nil {
		return rep, err
	}
	phase("shift counts")
	if rep.Violations, err = st.ScaleViolations(ctx, now, domain.DefaultGuardianAge); err != nil {
		return rep, err
	}
	phase("invariants")
	rep.Took = time.Since(began)
	if rep.Violations.Total() > 0 {
		return rep, fmt.Errorf("demo: scale %s breaks the signup rules: %s", sc.Name, rep.Violations)
	}
	return rep, nil
}

// scaleGen makes a big data set. Its only randomness is a PCG with a fixed seed.
type scaleGen struct {
	sc   Scale
	ids  store.ScaleIDs
	now  time.Time
	rng  *rand.Rand
	base *gen // the demo programme's vocabulary: places, activities, BINs

	orgs       []store.ScaleOrg
	shifts     []scaleShift
	births     []time.Time // of each volunteer, by index
	consent    []bool      // whether each volunteer under the guardian age has a guardian's consent
	created    []time.Time // when each volunteer registered
	minors     int
	cancelled  int
	waitlisted int
}

// scaleShift is what the signups need of a shift.
type scaleShift struct {
	id           int64
	starts, ends time.Time
	capacity     int
	minAge       int  // the age needed on the shift's day (18 for emergency relief)
	open         bool // a published event of a verified organization: it takes signups
}

func newScaleGen(sc Scale, ids store.ScaleIDs, now time.Time) *scaleGen {
	return &scaleGen{sc: sc, ids: ids, now: now, rng: rand.New(rand.NewPCG(2026, 7)), base: newGen()} // #nosec G404 -- the demo's made-up data is meant to be the same every run; no secret comes from it
}

// Organization names: a word of good will (a name, kept in English as its Latin spelling), a kind
// of organization, and for many a district; each in three languages.
var (
	orgWords = [][2]string{{"Жарқын", "Zharkyn"}, {"Мейір", "Meyir"}, {"Шуақ", "Shuaq"}, {"Қанат", "Qanat"}, {"Арман", "Arman"},
		{"Болашақ", "Bolashaq"}, {"Бірлік", "Birlik"}, {"Достық", "Dostyq"}, {"Жасыл әлем", "Zhasyl Alem"}, {"Нұр", "Nur"},
		{"Самал", "Samal"}, {"Тұлпар", "Tulpar"}, {"Ақниет", "Aqniet"}, {"Қамқор", "Qamqor"}, {"Ынтымақ", "Yntymaq"},
		{"Үміт", "Umit"}, {"Сенім", "Senim"}, {"Парыз", "Paryz"}, {"Жігер", "Zhiger"}, {"Алау", "Alau"}, {"Шаңырақ", "Shanyraq"},
		{"Көмек", "Komek"}, {"Ізгі жүрек", "Izgi Zhurek"}, {"Ақ жол", "Aq Zhol"}, {"Жұлдыз", "Zhuldyz"}, {"Дарын", "Daryn"},
		{"Серпін", "Serpin"}, {"Тірек", "Tirek"}, {"Құрмет", "Qurmet"}, {"Таза қала", "Taza Qala"}}
	orgKinds = []domain.Text{
		tx("еріктілер клубы", "клуб волонтёров", "volunteer club"), tx("қоғамдық қоры", "общественный фонд", "public foundation"),
		tx("жастар қозғалысы", "молодёжное движение", "youth movement"),
		tx("күміс еріктілер бірлестігі", "объединение серебряных волонтёров", "silver volunteers association"),
		tx("экологиялық бастамасы", "экологическая инициатива", "environmental initiative"),
		tx("қайырымдылық қоры", "благотворительный фонд", "charitable foundation"),
		tx("студенттік еріктілер клубы", "студенческий клуб волонтёров", "student volunteer club"),
		tx("көршілік көмек тобы", "группа соседской помощи", "neighbourly help group"),
		tx("спорт еріктілері қауымдастығы", "ассоциация спортивных волонтёров", "sports volunteers association"),
		tx("ерікті құтқарушылар жасағы", "отряд добровольных спасателей", "volunteer rescue team"),
	}
	orgAims = []domain.Text{
		tx("Қала тұрғындарына көмектесіп, жастарды еріктілікке тартамыз.", "Помогаем горожанам и вовлекаем молодёжь в волонтёрство.",
			"We help the city's residents and bring young people into volunteering."),
		tx("Аудан тұрғындарын игі істер төңірегінде біріктіріп, қиын жағдайдағыларға көмектесеміз.",
			"Объединяем жителей района вокруг добрых дел и помогаем тем, кому трудно.",
			"We bring the district's residents together around good deeds and help those having a hard time."),
		tx("Жыл бойы аулаларды, саябақтар мен өзен жағалауларын тазалаймыз.", "Круглый год убираем дворы, парки и берега рек.",
			"All year round we clean courtyards, parks and riverbanks."),
		tx("Егде адамдарға, балалы отбасыларға және мүгедектігі бар адамдарға қолдау көрсетеміз.",
			"Поддерживаем пожилых людей, семьи с детьми и людей с инвалидностью.",
			"We support older people, families with children and people with disabilities."),
		tx("Мектеп оқушылары мен студенттерге тәлімгерлік етеміз.", "Наставляем школьников и студентов.",
			"We mentor school pupils and students."),
		tx("Қалалық мерекелерге, жүгірулер мен турнирлерге еріктілер дайындаймыз.",
			"Готовим волонтёров для городских праздников, забегов и турниров.",
			"We prepare volunteers for city festivals, races and tournaments."),
	}
)

func (g *scaleGen) organizations() []store.ScaleOrg {
	g.orgs = make([]store.ScaleOrg, g.sc.Organizations)
	for i := range g.orgs {
		word, kind := orgWords[g.rng.IntN(len(orgWords))], orgKinds[g.rng.IntN(len(orgKinds))]
		d := districtNames[g.rng.IntN(len(districtNames))]
		name := tx(fmt.Sprintf("«%s» %s", word[0], kind.KK), fmt.Sprintf("%s «%s»", upperFirst(kind.RU), word[0]),
			fmt.Sprintf("%s %s", word[1], kind.EN))
		if g.rng.IntN(2) == 0 {
			name = tx(fmt.Sprintf("%s ауданының «%s» %s", d.kk, word[0], kind.KK),
				fmt.Sprintf("%s «%s» %s района", upperFirst(kind.RU), word[0], d.ruAdj), fmt.Sprintf("%s %s, %s district", word[1], kind.EN, d.en))
		}
		number := func(s string) string { return fmt.Sprintf("%s №%d", s, i+1) }
		id := g.ids.Organizations + int64(i) + 1
		o := store.ScaleOrg{Organization: domain.Organization{
			ID: id, Name: tx(number(name.KK), number(name.RU), number(name.EN)), Email: fmt.Sprintf("org%05d@example.kz", i+1),
			Phone:       fmt.Sprintf("+7 727 %03d %02d %02d", 100+i/10000, i/100%100, i%100),
			Description: orgAims[g.rng.IntN(len(orgAims))],
			Status:      domain.OrgVerified,
		}, CreatedAt: minTime(g.now, day(2025, time.June, 1).AddDate(0, 0, g.rng.IntN(180)))}
		switch {
		case i%40 == 39:
			o.Status, o.StatusReason = domain.OrgSuspended, "Есептілік құжаттары тексеруден өтпеді; тексеру аяқталғанша ұйымның қызметі тоқтатылды."
		case i%8 == 7:
			o.Status = domain.OrgPending
			if i%16 == 15 { // some have applied, so the Front Office's queue is long
				o.AppliedAt = minTime(g.now, o.CreatedAt.AddDate(0, 0, 1+g.rng.IntN(30)))
			}
		}
		if g.rng.IntN(3) > 0 {
			o.BIN = g.base.bin()
		}
		if g.rng.IntN(2) == 0 {
			o.Website = fmt.Sprintf("https://example.kz/org%05d", i+1)
		}
		g.orgs[i] = o
	}
	return g.orgs
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// events makes sc.Events events with sc.Shifts shifts between them, across the eight directions,
// the districts and the months of the programme, from the demo's activities and places.
func (g *scaleGen) events() []domain.Event {
	var verified, pendings []int
	for i, o := range g.orgs {
		switch o.Status {
		case domain.OrgVerified:
			verified = append(verified, i)
		case domain.OrgPending:
			pendings = append(pendings, i)
		}
	}
	if len(verified) == 0 {
		verified = []int{0}
		g.orgs[0].Status = domain.OrgVerified
	}
	byDir := map[string][]*activity{}
	for _, a := range g.base.acts {
		byDir[a.dir] = append(byDir[a.dir], a)
	}
	placesOf := map[*activity][]*place{}
	for _, a := range g.base.acts {
		for i := range g.base.places {
			p := &g.base.places[i]
			if slices.ContainsFunc(p.tags, func(t string) bool { return slices.Contains(a.tags, t) }) {
				placesOf[a] = append(placesOf[a], p)
			}
		}
	}
	// how many shifts each event has: 1 to 8, summing to sc.Shifts exactly
	counts := make([]int, g.sc.Events)
	for i := range counts {
		counts[i] = 1
	}
	for extra := g.sc.Shifts - g.sc.Events; extra > 0; {
		i := g.rng.IntN(len(counts))
		if counts[i] < 8 || g.sc.Shifts > 8*g.sc.Events {
			counts[i]++
			extra--
		}
	}
	dirs := domain.Directions()
	span := int(programmeEnd.Sub(programmeStart).Hours() / 24)
	seen := map[string]bool{}
	events := make([]domain.Event, g.sc.Events)
	shiftID := g.ids.Shifts
	for i := range events {
		dir := dirs[i%len(dirs)].Code
		var a *activity
		var p *place
		var when time.Time
		for try := 0; ; try++ {
			target := programmeStart.AddDate(0, 0, g.rng.IntN(span+1))
			acts := byDir[dir]
			a = acts[g.rng.IntN(len(acts))]
			d, ok := snap(target, a)
			if !ok {
				continue
			}
			ps := placesOf[a]
			p = ps[g.rng.IntN(len(ps))]
			when = d
			if key := d.Format(time.DateOnly) + "|" + a.key + "|" + p.key; !seen[key] || try > 8 {
				seen[key] = true
				break
			}
		}
		org, status := verified[g.rng.IntN(len(verified))], domain.EventPublished
		switch r := g.rng.IntN(100); {
		case r < 3 && len(pendings) > 0:
			org, status = pendings[g.rng.IntN(len(pendings))], domain.EventDraft
		case r == 3:
			status = domain.EventCancelled
		}
		d := g.base.fromActivity(a, p, nil, when)
		d.dir, d.status = dir, status
		if dir == domain.DirectionEmergency {
			d.minAge = domain.AdultAge // art. 12: no under-18s in emergency relief
		}
		start, end := d.start, d.end
		// the event's shifts: its roles side by side, in as many sessions one after another as it takes
		n := counts[i]
		sessions := (n + len(a.roles) - 1) / len(a.roles)
		slot := max(end.Sub(start)/time.Duration(sessions), time.Hour).Round(30 * time.Minute)
		end = start.Add(slot * time.Duration(sessions))
		big := g.rng.IntN(50) == 0 // a festival's worth of places
		e := domain.Event{
			ID: g.ids.Events + int64(i) + 1, OrgID: g.orgs[org].ID, Direction: dir,
			Title: d.title, Description: d.desc, Venue: p.name, Address: p.address, Lat: p.lat, Lon: p.lon, District: p.district,
			StartsAt: start.UTC(), EndsAt: end.UTC(), Accessibility: features(d.access, p.access),
			MinAge: d.minAge, Silver: silverFriendly(d), Status: status, CityProgramme: g.rng.IntN(100) < 10,
			CreatedAt: minTime(g.now, maxTime(g.orgs[org].CreatedAt, start.AddDate(0, 0, -30-g.rng.IntN(60)))).UTC().Truncate(time.Second),
		}
		open := status == domain.EventPublished && g.orgs[org].Status == domain.OrgVerified
		for k := range n {
			rs := a.roles[k%len(a.roles)]
			s := start.Add(slot * time.Duration(k/len(a.roles)))
			capacity := (rs.lo + g.rng.IntN(rs.hi-rs.lo+1)) * (2 + g.rng.IntN(4))
			if big {
				capacity *= 8
			}
			shiftID++
			sh := domain.Shift{ID: shiftID, EventID: e.ID, Role: rs.role, StartsAt: s.UTC(), EndsAt: s.Add(slot).UTC(), Capacity: capacity}
			e.Shifts = append(e.Shifts, sh)
			g.shifts = append(g.shifts, scaleShift{id: sh.ID, starts: sh.StartsAt, ends: sh.EndsAt, capacity: capacity,
				minAge: e.MinAge, open: open})
		}
		events[i] = e
	}
	return events
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Names: Kazakh, Russian and Korean first names by gender, and surnames with their feminine form.
var (
	menKK   = []string{"Нұрлан", "Ерлан", "Алихан", "Тимур", "Арман", "Бауыржан", "Данияр", "Руслан", "Ілияс", "Асқар", "Ержан", "Мұрат", "Әлібек", "Нұрсұлтан", "Дәурен", "Ақжол", "Санжар", "Бекзат", "Ернар", "Мағжан"}
	womenKK = []string{"Айгерім", "Дана", "Аружан", "Жансая", "Томирис", "Әсем", "Камила", "Інкәр", "Сәуле", "Гүлнар", "Меруерт", "Ақбота", "Айым", "Назерке", "Балнұр", "Динара", "Ләззат", "Аягөз", "Жұлдыз", "Мадина"}
	surKK   = []string{"Ахметов", "Серікбаев", "Оспанов", "Жақсылықов", "Нұрланов", "Төлеуов", "Құдайбергенов", "Мұхтаров", "Сейітов", "Әбілов", "Байжанов", "Есенов", "Қасымов", "Жұмабаев", "Омаров", "Сұлтанов", "Тоқтаров", "Рахимов", "Ысқақов", "Нұрғалиев", "Әлиев", "Бекмұхамбетов", "Қайратов", "Жанібеков"}
	menRU   = []string{"Сергей", "Алексей", "Дмитрий", "Андрей", "Михаил", "Иван", "Николай", "Артём", "Павел", "Владимир"}
	womenRU = []string{"Ольга", "Елена", "Наталья", "Анна", "Татьяна", "Мария", "Екатерина", "Ирина", "Светлана", "Юлия"}
	surRU   = []string{"Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Волков", "Морозов", "Новиков", "Фёдоров", "Лебедев", "Козлов", "Васильев", "Павлов", "Семёнов"}
	surKO   = []string{"Ким", "Пак", "Ли", "Цой", "Тен", "Хван"}
)

// name makes a realistic name; the surname agrees with the person's gender.
func (g *scaleGen) name() string {
	woman := g.rng.IntN(2) == 0
	pick := func(xs []string) string { return xs[g.rng.IntN(len(xs))] }
	switch r := g.rng.IntN(20); {
	case r < 13:
		if woman {
			return pick(womenKK) + " " + pick(surKK) + "а"
		}
		return pick(menKK) + " " + pick(surKK)
	case r < 19:
		if woman {
			return pick(womenRU) + " " + pick(surRU) + "а"
		}
		return pick(menRU) + " " + pick(surRU)
	default:
		if woman {
			return pick(append(womenKK[:5:5], womenRU[:5]...)) + " " + pick(surKO)
		}
		return pick(append(menKK[:5:5], menRU[:5]...)) + " " + pick(surKO)
	}
}

// volunteers makes the volunteers from index from to to. Ages: a few under 18 (most with a
// guardian's consent on record; the others have asked for none yet and sign up for nothing),
// most students and young adults, and a good share of silver volunteers aged 55 and over.
func (g *scaleGen) volunteers(from, to int) []store.ScaleUser {
	if g.births == nil {
		g.births = make([]time.Time, g.sc.Volunteers)
		g.consent = make([]bool, g.sc.Volunteers)
		g.created = make([]time.Time, g.sc.Volunteers)
	}
	var universities []string
	for _, p := range g.base.places {
		if slices.Contains(p.tags, "university") {
			universities = append(universities, p.name.KK)
		}
	}
	out := make([]store.ScaleUser, 0, to-from)
	consentID := g.ids.Consents + int64(2*from)
	for i := from; i < to; i++ {
		var age int
		switch r := g.rng.IntN(100); {
		case r < 8:
			age = 14 + g.rng.IntN(4)
		case r < 50:
			age = 18 + g.rng.IntN(8)
		case r < 72:
			age = 26 + g.rng.IntN(10)
		case r < 87:
			age = 36 + g.rng.IntN(19)
		default:
			age = 55 + g.rng.IntN(25)
		}
		// the age on the programme's first day
		birth := programmeStart.AddDate(-age-1, 0, 1+g.rng.IntN(365))
		birth = time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)
		created := minTime(g.now, day(2025, time.September, 1).Add(time.Duration(g.rng.IntN(120*24*3600))*time.Second)).UTC().Truncate(time.Second)
		u := store.ScaleUser{
			ID: g.ids.Users + int64(i) + 1, Email: fmt.Sprintf("v%07d@scale.example.kz", i+1), Name: g.name(),
			BirthDate: birth, Locale: []string{"kk", "kk", "kk", "ru", "ru", "en"}[g.rng.IntN(6)],
			District: districtNames[g.rng.IntN(len(districtNames))].code, CreatedAt: created,
			Langs: []string{"kk,ru", "kk,ru", "ru", "kk", "kk,ru,en", "ru,en"}[g.rng.IntN(6)],
		}
		if age >= 17 && age <= 24 && g.rng.IntN(3) > 0 {
			u.University = universities[g.rng.IntN(len(universities))]
		}
		consentID++
		u.ConsentID = consentID
		consentID++ // a guardian's consent's ID, used or not, keeps the numbering a function of i
		if domain.NeedsGuardian(birth, programmeStart, domain.DefaultGuardianAge) {
			g.minors++
			if g.rng.IntN(10) > 0 {
				surname := u.Name[strings.LastIndexByte(u.Name, ' ')+1:]
				u.GuardianConsentID, u.GuardianEmail = consentID, fmt.Sprintf("parent%07d@scale.example.kz", i+1)
				u.GuardianName = []string{"Гүлнар", "Айжан", "Ерболат", "Светлана", "Қайрат"}[g.rng.IntN(5)] + " " + surname
				g.consent[i] = true
			}
		}
		g.births[i], g.created[i] = birth, created
		out = append(out, u)
	}
	return out
}

// eligible reports whether volunteer v may hold shift sh, as the signup rules decide.
func (g *scaleGen) eligible(v int, sh *scaleShift) bool {
	age := domain.AgeOn(g.births[v], sh.starts)
	if age < sh.minAge {
		return false
	}
	return age >= domain.DefaultGuardianAge || g.consent[v]
}

// signups makes sc.Signups signups over the open shifts and hands them to put in batches, in ID
// order. Each shift's demand is drawn against its capacity (most are not full, some have a
// waitlist); its volunteers are drawn so that no one holds two shifts at once, nor one shift
// twice, nor a shift they are too young for; the first to sign up, up to the capacity, are
// confirmed and the rest wait in order. About one in thirty signups was cancelled by its volunteer.
func (g *scaleGen) signups(put func([]store.ScaleSignup) error) error {
	var open []int
	totalCap := 0
	for i := range g.shifts {
		if g.shifts[i].open {
			open = append(open, i)
			totalCap += g.shifts[i].capacity
		}
	}
	if len(open) == 0 || g.sc.Signups == 0 {
		return nil
	}
	cancelled := g.sc.Signups / 30
	active := g.sc.Signups - cancelled
	// demand: each open shift gets a share of the active signups by its capacity and popularity
	fill := make([]float64, len(open))
	sum := 0.0
	for k, i := range open {
		f := 0.3 + 0.7*g.rng.Float64()
		if g.rng.IntN(10) < 3 {
			f = 1 + 0.6*g.rng.Float64() // popular: a waitlist
		}
		fill[k] = f * float64(g.shifts[i].capacity)
		sum += fill[k]
	}
	demand := make([]int, len(open))
	placed := 0
	limit := func(k int) int { return min(3*g.shifts[open[k]].capacity, g.sc.Volunteers/2) }
	room := 0
	for k := range open {
		room += limit(k)
	}
	if room < active {
		return fmt.Errorf("demo: scale %s: %d signups do not fit in %d shifts", g.sc.Name, active, len(open))
	}
	for k := range open {
		demand[k] = min(int(fill[k]*float64(active)/sum), limit(k))
		placed += demand[k]
	}
	for placed != active {
		k := g.rng.IntN(len(open))
		switch {
		case placed < active && demand[k] < limit(k):
			demand[k]++
			placed++
		case placed > active && demand[k] > 0:
			demand[k]--
			placed--
		}
	}
	extra := make([]int, len(open)) // cancelled signups per shift
	for range cancelled {
		extra[g.rng.IntN(len(open))]++
	}

	held := make([][]int32, g.sc.Volunteers) // the shifts each volunteer holds or waits for
	core := max(1, g.sc.Volunteers/10)       // the most active tenth
	overlaps := func(v int, sh *scaleShift) bool {
		for _, j := range held[v] {
			o := &g.shifts[j]
			if o.starts.Before(sh.ends) && sh.starts.Before(o.ends) {
				return true
			}
		}
		return false
	}
	pick := func(sh *scaleShift, taken map[int]bool) (int, error) {
		for range 64 {
			v := g.rng.IntN(g.sc.Volunteers)
			if g.rng.IntN(100) < 35 {
				v = g.rng.IntN(core)
			}
			if !taken[v] && g.eligible(v, sh) && !overlaps(v, sh) {
				return v, nil
			}
		}
		for n, v := 0, g.rng.IntN(g.sc.Volunteers); n < g.sc.Volunteers; n, v = n+1, (v+1)%g.sc.Volunteers {
			if !taken[v] && g.eligible(v, sh) && !overlaps(v, sh) {
				return v, nil
			}
		}
		return 0, fmt.Errorf("demo: scale: no volunteer left for shift %d", sh.id)
	}

	batch := make([]store.ScaleSignup, 0, scaleBatch)
	id := g.ids.Signups
	type entry struct {
		v       int
		at      time.Time
		dropped bool // cancelled by its volunteer
	}
	for k, i := range open {
		sh := &g.shifts[i]
		taken := map[int]bool{}
		var ds []entry
		for range demand[k] {
			v, err := pick(sh, taken)
			if err != nil {
				return err
			}
			taken[v] = true
			held[v] = append(held[v], int32(i)) // #nosec G115 -- i counts the demo's volunteers, far below 2^31
			ds = append(ds, entry{v: v, at: g.signedUpAt(v, sh)})
		}
		for range extra[k] {
			v, err := pick(sh, taken)
			if err != nil {
				return err
			}
			taken[v] = true
			ds = append(ds, entry{v: v, at: g.signedUpAt(v, sh), dropped: true})
		}
		slices.SortStableFunc(ds, func(a, b entry) int { return a.at.Compare(b.at) })
		confirmed, seq := 0, int64(0)
		for _, d := range ds {
			id++
			sg := store.ScaleSignup{ID: id, ShiftID: sh.id, UserID: g.ids.Users + int64(d.v) + 1, CreatedAt: d.at}
			switch {
			case d.dropped:
				sg.Status = domain.SignupCancelled
				sg.CancelledAt = minTime(d.at.Add(time.Duration(1+g.rng.IntN(72))*time.Hour), minTime(sh.starts, g.now)).Truncate(time.Second)
				if sg.CancelledAt.Before(d.at) {
					sg.CancelledAt = d.at
				}
				g.cancelled++
			case confirmed < sh.capacity:
				sg.Status = domain.SignupConfirmed
				confirmed++
			default:
				seq++
				sg.Status, sg.WaitlistSeq = domain.SignupWaitlisted, seq
				g.waitlisted++
			}
			batch = append(batch, sg)
			if len(batch) == cap(batch) {
				if err := put(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
	}
	if len(batch) > 0 {
		return put(batch)
	}
	return nil
}

// signedUpAt is when volunteer v signed up for sh: a day to six weeks before it starts, after they
// registered, and never after now.
func (g *scaleGen) signedUpAt(v int, sh *scaleShift) time.Time {
	at := sh.starts.Add(-time.Duration(24*3600+g.rng.IntN(41*24*3600)) * time.Second)
	if g.now.Before(sh.starts) {
		at = minTime(at, g.now.Add(-time.Duration(60+g.rng.IntN(7*24*3600))*time.Second))
	}
	if at.Before(g.created[v]) {
		at = g.created[v].Add(time.Duration(g.rng.IntN(3600)) * time.Second)
		if !at.Before(sh.starts) {
			at = sh.starts.Add(-time.Minute)
		}
	}
	return at.UTC().Truncate(time.Second)
}
