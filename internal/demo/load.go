package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// Password is the password of every demo account. The demo is for trying erikti out, never for
// a database with real people in it.
const Password = "erikti-demo-2026"

// TOTPSecret is the two-factor (TOTP) key of the demo's Front Office and coordinator, who may
// not sign in with a password alone: add it to any authenticator app (SHA-1, 6 digits, 30
// seconds) to try the demo. Like Password, it is for the demo only.
const TOTPSecret = "ERIKTIDEMOTWOFACTORSECRETALMATY2" // #nosec G101 -- the published demo's TOTP secret, documented; demo accounts exist only in the demo programme

// Account is a demo account a newcomer can sign in with.
type Account struct {
	Email, Name, Role string
}

// Accounts are the demo's named accounts; the README lists them.
func Accounts() []Account {
	return []Account{
		{"front-office@example.kz", "Айгерім Сапарова", "front office"},
		{"coordinator@example.kz", "Дәурен Қасымов", "coordinator"},
		{"volunteer@example.kz", "Мадина Ержанова", "volunteer"},
		{"silver@example.kz", "Гүлнар Әбдірахманова", "silver volunteer"},
	}
}

// LoadIfEmpty loads the demo programme into st when it holds no organization yet, and reports
// whether it did. now decides which shifts are still ahead for the demo volunteers' signups.
func LoadIfEmpty(ctx context.Context, st *store.Store, now time.Time) (bool, error) {
	empty, err := st.Empty(ctx)
	if err != nil || !empty {
		return false, err
	}
	if err := Load(ctx, st, Build(), now); err != nil {
		return true, err
	}
	// the demo's made-up people are sent none of the mails their made-up signups wrote
	if _, err := st.SettleQueuedMail(ctx); err != nil {
		return true, err
	}
	return true, nil
}

// demoConsent stands for the demo people's consent to the privacy policy.
func demoConsent() store.Consent {
	return store.Consent{Kind: store.ConsentPrivacy, Version: domain.PrivacyPolicyVersion, Method: "demo"}
}

// historyUntil is the day the demo's history is written up to: the events of the programme before
// it took place, with their signups, check-ins and hours. The programme is fixed to 2026, and so is
// its history; loaded before that day, the history stops at the day of loading.
var historyUntil = time.Date(2026, time.December, 7, 0, 0, 0, 0, domain.Almaty())

// joined is when the demo's people made their accounts: before the programme's first event.
var joined = time.Date(2025, time.December, 1, 10, 0, 0, 0, domain.Almaty())

// volunteers is how many demo volunteers there are besides the named accounts: enough for the
// opening ceremony's 450 places to be nearly all taken. The first signedUpAhead of them also hold
// places on shifts still ahead.
const (
	volunteers    = 480
	signedUpAhead = 160
)

// heldShift is a shift of an event that took place, with who checks its volunteers in.
type heldShift struct {
	shift domain.Shift
	event *domain.Event
	actor int64 // a coordinator of its organization, or the Front Office
}

// Load stores p with the demo accounts and volunteers, through the same store methods the API uses.
// The events before historyUntil (and now) took place: volunteers signed up for them days before,
// were checked in on the day (a few did not come), checked out at the end, and had their hours
// approved, each step written at the time it would have happened (store.At).
func Load(ctx context.Context, st *store.Store, p Programme, now time.Time) error {
	// One hash for every demo account: argon2id is slow on purpose, and these are demo passwords.
	hash, err := auth.HashPassword(Password, auth.DefaultParams())
	if err != nil {
		return err
	}
	// the demo's people have had their accounts since before the programme began
	past := st.At(func() time.Time { return minTime(now, joined) })
	people := map[string]domain.User{}
	births := map[string]string{"front-office@example.kz": "1988-09-14", "coordinator@example.kz": "1996-02-03",
		"volunteer@example.kz": "2005-04-21", "silver@example.kz": "1958-11-30"}
	for _, a := range Accounts() {
		b, _ := domain.ParseDate(births[a.Email])
		u := domain.User{Email: a.Email, Name: a.Name, BirthDate: b, Locale: "kk", FrontOffice: a.Role == "front office", EmailVerified: true}
		if err := past.CreateUser(ctx, &u, hash, demoConsent()); err != nil {
			return fmt.Errorf("demo: account %s: %w", a.Email, err)
		}
		people[a.Email] = u
		if a.Role == "front office" || a.Role == "coordinator" { // roles need a second factor
			if err := st.BeginTOTP(ctx, u.ID, TOTPSecret); err != nil {
				return fmt.Errorf("demo: totp %s: %w", a.Email, err)
			}
			if err := st.ConfirmTOTP(ctx, u.ID, TOTPSecret, 0, nil, ""); err != nil {
				return fmt.Errorf("demo: totp %s: %w", a.Email, err)
			}
		}
	}
	profiles := map[string]domain.Profile{
		"volunteer@example.kz": {District: "bostandyk", University: "Әл-Фараби атындағы ҚазҰУ", Languages: []string{"kk", "ru", "en"},
			Skills: "Фотография, SMM, ағылшын тілі"},
		"silver@example.kz": {District: "medeu", Languages: []string{"kk", "ru"}, Skills: "Мұғалім, 35 жыл тәжірибе",
			AccessibilityNeeds: "Үлкен қаріп, отыратын орын"},
	}
	for email, pr := range profiles {
		u := people[email]
		if err := st.UpdateProfile(ctx, u.ID, u.Name, u.Locale, pr); err != nil {
			return fmt.Errorf("demo: profile %s: %w", email, err)
		}
	}

	projects := map[string]int64{}
	for _, pr := range p.Projects {
		if err := st.CreateProject(ctx, 0, &pr); err != nil {
			return fmt.Errorf("demo: project %s: %w", pr.Slug, err)
		}
		projects[pr.Slug] = pr.ID
	}
	historyEnd := minTime(now, historyUntil)
	var mentoringOrg int64 // the organization of the demo's coordinator, which runs the mentoring programme
	var upcoming []domain.Shift
	var held []heldShift
	var pics []picture
	covered := map[string]bool{} // the directions with an event with a cover: its first upcoming one
	for i, o := range p.Organizations {
		org := o.Organization
		if org.Status == domain.OrgPending && i%2 == 0 {
			// some pending organizations have applied, so the Front Office's queue is not empty
			org.AppliedAt = now.AddDate(0, 0, -1-i%9).Truncate(time.Second)
		}
		if err := st.CreateOrganization(ctx, 0, &org); err != nil {
			return fmt.Errorf("demo: organization %q: %w", org.Name, err)
		}
		// The demo coordinator runs the first few organizations, so every coordinator page has something.
		actor := people["front-office@example.kz"].ID
		if i < 3 {
			role := domain.RoleCoordinator
			if i == 0 {
				role = domain.RoleAdmin
			}
			if err := st.AddMember(ctx, 0, org.ID, people["coordinator@example.kz"].ID, role); err != nil {
				return fmt.Errorf("demo: member: %w", err)
			}
			actor = people["coordinator@example.kz"].ID
			if i == 0 {
				mentoringOrg = org.ID
			}
		}
		pics = append(pics, orgLogo(org, o.Events, actor))
		for _, ev := range o.Events {
			e := ev.Event
			e.OrgID = org.ID
			e.ProjectID = projects[ev.ProjectSlug]
			e.Shifts = append([]domain.Shift(nil), ev.Shifts...)
			if err := st.CreateEvent(ctx, 0, &e); err != nil {
				return fmt.Errorf("demo: event %q: %w", e.Title.EN, err)
			}
			if e.Status == domain.EventPublished && org.Status == domain.OrgVerified && e.StartsAt.After(now) &&
				!covered[e.Direction] && len(covered) < demoCovers {
				covered[e.Direction] = true
				pics = append(pics, eventCover(e, actor))
			}
			if e.Status == domain.EventPublished && org.Status == domain.OrgVerified {
				for _, sh := range e.Shifts {
					switch {
					case sh.StartsAt.After(now):
						upcoming = append(upcoming, sh)
					case !sh.EndsAt.After(historyEnd):
						held = append(held, heldShift{shift: sh, event: &e, actor: actor})
					}
				}
			}
		}
	}
	pictures := drawPictures(pics)
	pool, err := createVolunteers(ctx, past, hash, now)
	if err != nil {
		return err
	}
	if err := writeHistory(ctx, st, held, pool, people, historyEnd, now); err != nil {
		return err
	}
	if err := signUpAhead(ctx, st, pool[:min(signedUpAhead, len(pool))], people, upcoming, now); err != nil {
		return err
	}
	if err := loadMentoring(ctx, st, mentoringOrg, projects[slugDialogue], people["coordinator@example.kz"].ID, people, pool, now); err != nil {
		return err
	}
	return storePictures(ctx, st, pics, <-pictures)
}

// Names of the demo volunteers, as they are in Almaty: Kazakh and Russian first names, Kazakh,
// Russian and Korean surnames. Surnames are in the masculine; feminine adds "а" to -ов, -ев, -ин.
var (
	kkWomen      = []string{"Айгерім", "Дана", "Аружан", "Жансая", "Томирис", "Әсем", "Камила", "Інкәр", "Сәуле", "Мөлдір", "Динара", "Назерке", "Балжан", "Гүлнұр", "Ақерке", "Әлия"}
	kkMen        = []string{"Нұрлан", "Ерлан", "Алихан", "Тимур", "Арман", "Бауыржан", "Данияр", "Ілияс", "Асқар", "Ержан", "Дәулет", "Мұрат", "Санжар", "Азамат", "Ақжол", "Әлібек"}
	ruWomen      = []string{"Екатерина", "Ольга", "Анна", "Мария", "Наталья", "Елена", "Дарья", "Виктория", "Алина", "Юлия"}
	ruMen        = []string{"Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Артём", "Владимир", "Денис", "Руслан", "Игорь"}
	kkSurnames   = []string{"Ахметов", "Омаров", "Сәрсенов", "Серікбаев", "Жақсылықов", "Төлеуов", "Мұхтаров", "Нұрланов", "Құдайбергенов", "Оспанов", "Жұмабаев", "Бекмұханов", "Әбенов", "Исаев", "Тоқтаров", "Байжанов", "Қасенов", "Сейітов"}
	ruSurnames   = []string{"Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Волков", "Морозов", "Лебедев", "Новиков"}
	anySurnames  = []string{"Ким", "Ли", "Пак", "Цой", "Тен", "Шевченко"}
	feminineEnds = []string{"ов", "ев", "ёв", "ин"}
)

// personName makes a plausible name and a language for a demo volunteer: mostly Kazakh first names
// with Kazakh surnames, Russian first names with Russian ones, and Korean surnames with either.
func personName(rng *rand.Rand) (name, lang string) {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	woman := rng.IntN(100) < 55
	kazakh := rng.IntN(100) < 62
	var first, last string
	switch {
	case kazakh && woman:
		first = pick(kkWomen)
	case kazakh:
		first = pick(kkMen)
	case woman:
		first = pick(ruWomen)
	default:
		first = pick(ruMen)
	}
	switch n := rng.IntN(100); {
	case kazakh && n < 85, !kazakh && n < 12:
		last = pick(kkSurnames)
	case !kazakh && n < 72:
		last = pick(ruSurnames)
	default:
		last = pick(anySurnames)
	}
	if woman && slices.ContainsFunc(feminineEnds, func(e string) bool { return strings.HasSuffix(last, e) }) {
		last += "а"
	}
	lang = "ru"
	switch n := rng.IntN(100); {
	case n < 10:
		lang = "en"
	case kazakh && n < 75, !kazakh && n < 15:
		lang = "kk"
	}
	return first + " " + last, lang
}

// createVolunteers makes the demo volunteers, their accounts made before the programme began. A
// volunteer under 18 on the day of loading has a guardian's consent on record (method "demo"), as
// the rules require.
func createVolunteers(ctx context.Context, past *store.Store, hash string, now time.Time) ([]domain.User, error) {
	rng := rand.New(rand.NewPCG(2026, 5)) // #nosec G404 -- the load test's made-up data is meant to be the same every run; no secret comes from it
	pool := make([]domain.User, volunteers)
	for i := range pool {
		birth := time.Date(1950+rng.IntN(58), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		name, lang := personName(rng)
		pool[i] = domain.User{Email: fmt.Sprintf("volunteer%03d@example.kz", i+1), Name: name, BirthDate: birth, Locale: lang, EmailVerified: true}
	}
	return pool, parallel(widths(past).rows, len(pool), func(i int) error {
		u := &pool[i]
		if err := past.CreateUser(ctx, u, hash, demoConsent()); err != nil {
			return fmt.Errorf("demo: volunteer: %w", err)
		}
		if domain.NeedsGuardian(u.BirthDate, now, domain.DefaultGuardianAge) {
			surname := u.Name[strings.LastIndexByte(u.Name, ' ')+1:]
			if err := past.GiveGuardianConsent(ctx, u.ID, fmt.Sprintf("parent%03d@example.kz", i+1), "Гүлнар "+surname, "demo", false); err != nil {
				return fmt.Errorf("demo: guardian's consent: %w", err)
			}
		}
		return nil
	})
}

// parallel runs fn(0) to fn(n-1), width at a time: SQLite's group committer takes writes that
// wait together in one transaction.
func parallel(width, n int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, width)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// widths says how many writes of the history to run at once. SQLite's group committer takes the
// writes that wait together in one transaction, so many go at once. On PostgreSQL each write is a
// transaction of its own, and one check-out or approval of a shift's hours locks its volunteers'
// rows and the audit log's head in turn, so they go one at a time (two at once would deadlock).
func widths(st *store.Store) (w struct{ rows, shifts int }) {
	if st.Dialect() == store.Postgres {
		w.rows, w.shifts = 8, 1
		return w
	}
	w.rows, w.shifts = 256, 64
	return w
}

// refused reports whether err is the rules refusing a demo signup (the shift overlaps another of
// the volunteer's, the volunteer is too young), which the demo passes over, rather than a failure.
func refused(err error) bool {
	return err != nil && domain.ErrorCode(err) != domain.Internal
}

// attendee is one planned signup of the history: who, on which shift, and when they came.
type attendee struct {
	shift  int // index in held
	user   int64
	came   time.Time // zero: did not come
	signup domain.Signup
}

// writeHistory writes the attendance of the shifts that took place. Each is filled to between two
// fifths and most of its places (the opening ceremony nearly all) by volunteers who signed
// up three days before; about one in fifteen does not come; the others are checked in around the
// start and checked out at the end, and their hours are approved two days later, except the last
// week's, which wait for their coordinators. The demo volunteer was at the opening ceremony and
// four more events, the silver volunteer at two; the demo volunteer has a certificate of her hours.
//
// Who goes where is planned first, in order, so that the plan is the same every run (nobody on two
// shifts at once, nobody too young); then each step is written for all the shifts at once, each
// write through the store's own methods at the time it would have happened, so that the store
// takes many in one transaction.
func writeHistory(ctx context.Context, st *store.Store, held []heldShift, pool []domain.User, people map[string]domain.User, historyEnd, now time.Time) error {
	if len(held) == 0 {
		return nil
	}
	slices.SortStableFunc(held, func(a, b heldShift) int { return a.shift.StartsAt.Compare(b.shift.StartsAt) })
	rng := rand.New(rand.NewPCG(2026, 12)) // #nosec G404 -- made-up data, the same every run
	me, silver := people["volunteer@example.kz"], people["silver@example.kz"]
	myPicks, silverPicks := historyPicks(held, historyEnd)
	busy := map[int64][]domain.Shift{}
	free := func(u int64, sh domain.Shift) bool {
		for _, b := range busy[u] {
			if b.StartsAt.Before(sh.EndsAt) && b.EndsAt.After(sh.StartsAt) {
				return false
			}
		}
		return true
	}
	var plan []attendee
	for i, h := range held {
		sh := h.shift
		fill := 40 + rng.IntN(46)
		if sh.Capacity >= 400 {
			fill = 98
		}
		target := max(1, sh.Capacity*fill/100)
		var users []int64
		for _, named := range []struct {
			u     domain.User
			picks []int
		}{{me, myPicks}, {silver, silverPicks}} {
			if slices.Contains(named.picks, i) {
				users = append(users, named.u.ID)
			}
		}
		for _, j := range rng.Perm(len(pool)) {
			if len(users) >= target {
				break
			}
			if u := pool[j]; fits(u, h.event, sh, now) && free(u.ID, sh) {
				users = append(users, u.ID)
			}
		}
		for k, u := range users {
			busy[u] = append(busy[u], sh)
			a := attendee{shift: i, user: u}
			if k == 0 || u == me.ID || u == silver.ID || rng.IntN(100) >= 7 { // the first always comes
				// checked in from a quarter of an hour before the start, sixteen a minute
				a.came = sh.StartsAt.Add(-15*time.Minute + time.Duration(k/16)*time.Minute)
				if !a.came.Before(sh.EndsAt) {
					a.came = sh.EndsAt.Add(-time.Minute)
				}
			}
			plan = append(plan, a)
		}
	}
	at := func(t time.Time) *store.Store { return st.At(func() time.Time { return t }) }

	// signups, three days before (a few hours apart)
	width := widths(st)
	err := parallel(width.rows, len(plan), func(k int) error {
		a := &plan[k]
		sh := held[a.shift].shift
		sg, _, err := at(sh.StartsAt.AddDate(0, 0, -3).Add(-time.Duration(k%24)*time.Hour)).SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: a.user})
		if refused(err) {
			a.came = time.Time{}
			return nil
		}
		a.signup = sg
		return err
	})
	if err != nil {
		return fmt.Errorf("demo: signup: %w", err)
	}
	// check-ins
	err = parallel(width.rows, len(plan), func(k int) error {
		a := &plan[k]
		if a.came.IsZero() || a.signup.Status != domain.SignupConfirmed {
			return nil
		}
		past := at(a.came)
		code, _, err := past.CheckinPass(ctx, a.user, a.signup.ID)
		if err != nil {
			return err
		}
		_, err = past.CheckIn(ctx, held[a.shift].actor, held[a.shift].shift.ID, store.CheckinCredential{Code: code})
		return err
	})
	if err != nil {
		return fmt.Errorf("demo: check-in: %w", err)
	}
	// check-outs at the end, hours approved two days later but for the last week's
	err = parallel(width.shifts, len(held), func(i int) error {
		h := held[i]
		if _, err := at(h.shift.EndsAt.Add(5*time.Minute)).CheckOutAll(ctx, h.actor, h.shift.ID); err != nil {
			return err
		}
		if approve := h.shift.EndsAt.AddDate(0, 0, 2); approve.Before(historyEnd.AddDate(0, 0, -7)) {
			if _, err := at(approve).ApproveShiftHours(ctx, h.actor, h.shift.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo: hours: %w", err)
	}
	// the demo volunteer asked for a certificate of her hours a week ago
	if _, err := at(historyEnd.AddDate(0, 0, -7)).IssueCertificate(ctx, me.ID, "kk"); err != nil && domain.ErrorCode(err) != domain.Conflict {
		return fmt.Errorf("demo: certificate: %w", err)
	}
	return nil
}

// fits reports whether u may take a place on sh of e as the signup rules decide it: old enough,
// and under the guardian age on the day only with the guardian's consent they have (given when
// they were under it on the day of loading).
func fits(u domain.User, e *domain.Event, sh domain.Shift, now time.Time) bool {
	age := domain.AgeOn(u.BirthDate, sh.StartsAt)
	if (e.Direction == domain.DirectionEmergency || e.Heavy) && age < domain.AdultAge {
		return false
	}
	if e.MinAge > 0 && age < e.MinAge {
		return false
	}
	return !domain.NeedsGuardian(u.BirthDate, sh.StartsAt, domain.DefaultGuardianAge) || domain.NeedsGuardian(u.BirthDate, now, domain.DefaultGuardianAge)
}

// historyPicks chooses, by index in held, the shifts the demo volunteer and the silver volunteer
// took part in: for the demo volunteer the opening ceremony and one event in each of four months,
// each in another direction; for the silver volunteer two events that suit older volunteers. All
// are long enough ago for their hours to be approved.
func historyPicks(held []heldShift, historyEnd time.Time) (me, silver []int) {
	old := historyEnd.AddDate(0, 0, -14)
	dirs := map[string]bool{}
	for i, h := range held {
		if h.shift.Capacity >= 400 && h.shift.EndsAt.Before(old) {
			me = append(me, i)
			dirs[h.event.Direction] = true
		}
	}
	for _, m := range []time.Month{time.April, time.June, time.September, time.October} {
		for i, h := range held {
			local := h.shift.StartsAt.In(domain.Almaty())
			if local.Month() == m && h.shift.Capacity >= 6 && h.shift.EndsAt.Before(old) && !dirs[h.event.Direction] {
				me = append(me, i)
				dirs[h.event.Direction] = true
				break
			}
		}
	}
	for _, m := range []time.Month{time.May, time.October} {
		for i, h := range held {
			local := h.shift.StartsAt.In(domain.Almaty())
			if local.Month() == m && h.event.Silver && h.shift.Capacity >= 6 && h.shift.EndsAt.Before(old) {
				silver = append(silver, i)
				break
			}
		}
	}
	return me, silver
}

// signUpAhead signs the demo volunteers up for shifts still ahead, through the same rules as
// everyone (a shift that is full puts them in its waitlist; an overlap is refused): each of vs for
// three at random, the demo volunteer for two in the coming week, the silver volunteer for one.
func signUpAhead(ctx context.Context, st *store.Store, vs []domain.User, people map[string]domain.User, upcoming []domain.Shift, now time.Time) error {
	if len(upcoming) == 0 {
		return nil
	}
	slices.SortStableFunc(upcoming, func(a, b domain.Shift) int { return a.StartsAt.Compare(b.StartsAt) })
	for _, who := range []struct {
		email string
		want  int
	}{{"volunteer@example.kz", 2}, {"silver@example.kz", 1}} {
		u, events, n := people[who.email], map[int64]bool{}, 0
		for _, sh := range upcoming {
			if n == who.want {
				break
			}
			if sh.StartsAt.After(now.AddDate(0, 0, 7)) {
				break // only this week's: a place further ahead is free for them to take
			}
			if sh.StartsAt.Before(now.Add(36*time.Hour)) || events[sh.EventID] || sh.Capacity < 6 {
				continue
			}
			// they sign up before the other volunteers, so a place is free
			_, _, err := st.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID})
			if refused(err) {
				continue
			}
			if err != nil {
				return fmt.Errorf("demo: %s's signup: %w", who.email, err)
			}
			events[sh.EventID] = true
			n++
		}
	}
	// who goes where is drawn in order; the signups then go many at once, so that who of those on
	// a shift that fills up gets its last place and who waits varies from one load to the next
	rng := rand.New(rand.NewPCG(2026, 5)) // #nosec G404 -- made-up data, the same every run
	picks := make([][3]int64, len(vs))
	for i := range vs {
		for j := range picks[i] {
			picks[i][j] = upcoming[rng.IntN(len(upcoming))].ID
		}
	}
	return parallel(widths(st).rows, len(vs), func(i int) error {
		for _, sh := range picks[i] {
			_, _, err := st.SignUp(ctx, store.SignupRequest{ShiftID: sh, UserID: vs[i].ID})
			if err != nil && !refused(err) {
				return fmt.Errorf("demo: signup: %w", err)
			}
		}
		return nil
	})
}
