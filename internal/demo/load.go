package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
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

// Load stores p with the demo accounts and volunteers, through the same store methods the API uses.
func Load(ctx context.Context, st *store.Store, p Programme, now time.Time) error {
	// One hash for every demo account: argon2id is slow on purpose, and these are demo passwords.
	hash, err := auth.HashPassword(Password, auth.DefaultParams())
	if err != nil {
		return err
	}
	people := map[string]domain.User{}
	births := map[string]string{"front-office@example.kz": "1988-09-14", "coordinator@example.kz": "1996-02-03",
		"volunteer@example.kz": "2005-04-21", "silver@example.kz": "1958-11-30"}
	for _, a := range Accounts() {
		b, _ := domain.ParseDate(births[a.Email])
		u := domain.User{Email: a.Email, Name: a.Name, BirthDate: b, Locale: "kk", FrontOffice: a.Role == "front office", EmailVerified: true}
		if err := st.CreateUser(ctx, &u, hash, demoConsent()); err != nil {
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
	var upcoming []domain.Shift
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
		if i < 3 {
			role := domain.RoleCoordinator
			if i == 0 {
				role = domain.RoleAdmin
			}
			if err := st.AddMember(ctx, 0, org.ID, people["coordinator@example.kz"].ID, role); err != nil {
				return fmt.Errorf("demo: member: %w", err)
			}
		}
		for _, ev := range o.Events {
			e := ev.Event
			e.OrgID = org.ID
			e.ProjectID = projects[ev.ProjectSlug]
			e.Shifts = append([]domain.Shift(nil), ev.Shifts...)
			if err := st.CreateEvent(ctx, 0, &e); err != nil {
				return fmt.Errorf("demo: event %q: %w", e.Title.EN, err)
			}
			if e.Status == domain.EventPublished && org.Status != domain.OrgSuspended {
				for _, sh := range e.Shifts {
					if sh.StartsAt.After(now) {
						upcoming = append(upcoming, sh)
					}
				}
			}
		}
	}
	return signUpVolunteers(ctx, st, hash, upcoming, now)
}

// signUpVolunteers adds demo volunteers and signs each up for a few upcoming shifts, through the
// same rules as everyone (a shift that is full puts them in its waitlist; an overlap is refused).
// A volunteer under 18 has a guardian's consent on record (method "demo"), as the rules require.
func signUpVolunteers(ctx context.Context, st *store.Store, hash string, upcoming []domain.Shift, now time.Time) error {
	first := []string{"Айгерім", "Нұрлан", "Дана", "Ерлан", "Аружан", "Алихан", "Жансая", "Тимур", "Томирис", "Арман",
		"Ольга", "Сергей", "Әсем", "Бауыржан", "Камила", "Данияр", "Інкәр", "Руслан", "Сәуле", "Ілияс"}
	last := []string{"Ахметова", "Серікбаев", "Оспанова", "Жақсылықов", "Ким", "Иванова", "Нұрланова", "Төлеуов",
		"Құдайбергенова", "Мұхтаров", "Ли", "Петров"}
	rng := rand.New(rand.NewPCG(2026, 5)) // #nosec G404 -- the load test's made-up data is meant to be the same every run; no secret comes from it
	for i := range 160 {
		birth := time.Date(1950+rng.IntN(58), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		u := domain.User{Email: fmt.Sprintf("volunteer%03d@example.kz", i+1),
			Name: first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))], BirthDate: birth, Locale: []string{"kk", "ru", "en"}[rng.IntN(3)], EmailVerified: true}
		if err := st.CreateUser(ctx, &u, hash, demoConsent()); err != nil {
			return fmt.Errorf("demo: volunteer: %w", err)
		}
		if domain.NeedsGuardian(u.BirthDate, now, domain.DefaultGuardianAge) {
			surname := u.Name[strings.LastIndexByte(u.Name, ' ')+1:]
			if err := st.GiveGuardianConsent(ctx, u.ID, fmt.Sprintf("parent%03d@example.kz", i+1), "Гүлнар "+surname, "demo", false); err != nil {
				return fmt.Errorf("demo: guardian's consent: %w", err)
			}
		}
		if len(upcoming) == 0 {
			continue
		}
		for range 3 {
			sh := upcoming[rng.IntN(len(upcoming))]
			_, _, err := st.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID})
			if err != nil && domain.ErrorCode(err) == domain.Internal {
				return fmt.Errorf("demo: signup: %w", err)
			}
		}
	}
	return nil
}
