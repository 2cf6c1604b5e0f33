package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The demo's mentoring: Dialogue of Generations runs a programme with a round that is over
// (matched, told, answered: most pairs accepted, one declined) and a round that takes
// applications now, where the demo's silver account has applied.

// mentoringProgramme is the demo's programme.
func mentoringProgramme(orgID, projectID int64) domain.MentoringProgramme {
	return domain.MentoringProgramme{OrgID: orgID, ProjectID: projectID, PreferSilver: true, TravelKm: domain.DefaultTravelKm,
		Name: tx("Ұрпақтар диалогы: тәлімгерлік", "Диалог поколений: наставничество", "Dialogue of Generations: mentoring"),
		Description: tx("Тәжірибелі мамандар мен «күміс» еріктілер жастарға бірнеше ай бойы тәлімгер болады: мансап, цифрлық дағдылар, қолөнер, мәдениет.",
			"Опытные специалисты и «серебряные» волонтёры несколько месяцев наставляют молодёжь: карьера, цифровые навыки, ремёсла, культура.",
			"Experienced professionals and silver volunteers mentor young people for a few months: careers, digital skills, crafts, culture."),
		Question: tx("Нені үйренгіңіз немесе үйреткіңіз келеді?", "Чему вы хотите научиться или научить?", "What would you like to learn or teach?"),
	}
}

// mentoringRounds are the demo's two rounds, relative to now: one long over, one open.
func mentoringRounds(programmeID int64, now time.Time) (past, open domain.MentoringRound) {
	local := now.In(domain.Almaty())
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, domain.Almaty())
	evening := 23*time.Hour + 59*time.Minute // windows close at the end of a day
	themes := []string{"career", "digital", "crafts", "languages", "culture"}
	past = domain.MentoringRound{ProgrammeID: programmeID, Name: tx("Көктемгі кезең", "Весенний набор", "Spring round"),
		OpensAt: day.AddDate(0, -9, 0), ClosesAt: day.AddDate(0, -8, 0).Add(evening), MatchOn: day.AddDate(0, -8, 2), Weeks: 16, Themes: themes}
	open = domain.MentoringRound{ProgrammeID: programmeID, Name: tx("Қысқы кезең", "Зимний набор", "Winter round"),
		OpensAt: day.AddDate(0, 0, -10), ClosesAt: day.AddDate(0, 0, 20).Add(evening), MatchOn: day.AddDate(0, 0, 22), Weeks: 12, Themes: themes}
	return past, open
}

// demoApplication is an application to round, as people of Almaty fill it in.
func demoApplication(rng *rand.Rand, round domain.MentoringRound, role string) domain.MentoringApplication {
	a := domain.MentoringApplication{RoundID: round.ID, Role: role, Capacity: 1}
	switch x := rng.IntN(100); {
	case x < 55:
		a.Languages = []string{"kk", "ru"}
	case x < 80:
		a.Languages = []string{"ru"}
	default:
		a.Languages = []string{"kk"}
	}
	if rng.IntN(100) < 20 {
		a.Languages = append(a.Languages, "en")
	}
	districts := domain.Districts()
	a.District = districts[rng.IntN(len(districts))].Code
	a.Mode = []string{domain.MeetBoth, domain.MeetBoth, domain.MeetOnline, domain.MeetInPerson}[rng.IntN(4)]
	for n := 1 + rng.IntN(domain.MaxMentoringThemes); len(a.Themes) < n; {
		if t := round.Themes[rng.IntN(len(round.Themes))]; !slices.Contains(a.Themes, t) {
			a.Themes = append(a.Themes, t)
		}
	}
	evenings := []string{"mon_evening", "tue_evening", "wed_evening", "thu_evening", "fri_evening", "sat_morning", "sat_afternoon", "sun_afternoon"}
	for n := 2 + rng.IntN(3); len(a.Slots) < n; {
		if s := evenings[rng.IntN(len(evenings))]; !slices.Contains(a.Slots, s) {
			a.Slots = append(a.Slots, s)
		}
	}
	if role == domain.RoleMentor {
		a.Capacity = 1 + rng.IntN(3)
	}
	return a
}

// loadMentoring stores the demo's programme of orgID (run by coordinatorID), its past round with
// pairs and answers, and its open round with applications, from the demo's people and pool.
func loadMentoring(ctx context.Context, st *store.Store, orgID, projectID, coordinatorID int64, people map[string]domain.User, pool []domain.User, now time.Time) error {
	rng := rand.New(rand.NewPCG(2026, 18)) // #nosec G404 -- the demo's made-up data is meant to be the same every run; no secret comes from it
	at := func(t time.Time) *store.Store { return st.At(func() time.Time { return t }) }
	p := mentoringProgramme(orgID, projectID)
	if err := at(now.AddDate(0, -10, 0)).CreateMentoringProgramme(ctx, coordinatorID, &p); err != nil {
		return fmt.Errorf("demo: mentoring programme: %w", err)
	}
	past, open := mentoringRounds(p.ID, now)
	for _, r := range []*domain.MentoringRound{&past, &open} {
		if err := at(r.OpensAt.Add(-24*time.Hour)).CreateMentoringRound(ctx, coordinatorID, r); err != nil {
			return fmt.Errorf("demo: mentoring round: %w", err)
		}
	}
	// mentors are 30 and over; mentees of the past round 18 to 35 then, of the open one 16 to 35
	// on its matching date (under 18 with a guardian's consent on record, as every such volunteer)
	var mentors, pastMentees, openMentees []domain.User
	for _, u := range pool {
		switch then, soon := domain.AgeOn(u.BirthDate, past.MatchOn), domain.AgeOn(u.BirthDate, open.MatchOn); {
		case then >= 30 && len(mentors) < 24:
			mentors = append(mentors, u)
		case then >= domain.AdultAge && soon <= domain.MenteeMaxAge && len(pastMentees) < 30:
			pastMentees = append(pastMentees, u)
		case soon >= domain.MenteeMinAge && soon <= domain.MenteeMaxAge && len(openMentees) < 30:
			openMentees = append(openMentees, u)
		}
	}
	apply := func(r domain.MentoringRound, u domain.User, role string, i int) (domain.MentoringApplication, error) {
		a := demoApplication(rng, r, role)
		a.UserID = u.ID
		if role == domain.RoleMentor && i%3 != 2 {
			a.Answer = "Инженер, 30 жыл тәжірибе. Жастарға кәсіп таңдауға көмектескім келеді."
		}
		when := r.OpensAt.Add(time.Duration(1+i) * 3 * time.Hour)
		if err := at(when).ApplyForMentoring(ctx, &a); err != nil {
			return a, fmt.Errorf("demo: %s applies as %s: %w", u.Email, role, err)
		}
		return a, nil
	}
	// the past round: 12 mentors, 30 mentees; most mentors verified; matched, told, answered
	for i, u := range mentors[:12] {
		a, err := apply(past, u, domain.RoleMentor, i)
		if err != nil {
			return err
		}
		if i%4 != 3 {
			if err := at(past.ClosesAt).VerifyMentor(ctx, coordinatorID, a.ID, true); err != nil {
				return fmt.Errorf("demo: verify a mentor: %w", err)
			}
		}
	}
	for i, u := range pastMentees {
		if _, err := apply(past, u, domain.RoleMentee, i); err != nil {
			return err
		}
	}
	matchDay := at(past.MatchOn.Add(10 * time.Hour))
	if _, err := matchDay.RunMatch(ctx, coordinatorID, past.ID); err != nil {
		return fmt.Errorf("demo: match: %w", err)
	}
	if _, err := matchDay.PublishMatch(ctx, coordinatorID, past.ID); err != nil {
		return fmt.Errorf("demo: publish: %w", err)
	}
	pairs, err := st.MentoringPairs(ctx, past.ID)
	if err != nil {
		return err
	}
	answers := at(past.MatchOn.AddDate(0, 0, 2))
	for i, pr := range pairs {
		accept := i != 3 // one mentee declines
		if _, err := answers.AnswerPair(ctx, pr.Mentee.UserID, pr.ID, accept); err != nil {
			return fmt.Errorf("demo: answer: %w", err)
		}
		if accept {
			if _, err := answers.AnswerPair(ctx, pr.Mentor.UserID, pr.ID, true); err != nil {
				return fmt.Errorf("demo: answer: %w", err)
			}
		}
	}
	// the accepted pairs met every week or two, and most gave their feedback at the end
	topics := []string{"Танысу және жоспар", "Түйіндеме мен сұхбат", "Алғашқы жоба", "Кәсіби желі", "Қорытынды"}
	for i, pr := range pairs {
		if i == 3 {
			continue // declined
		}
		told := past.MatchOn.Add(10 * time.Hour)
		for k := range 3 + i%4 {
			held := told.AddDate(0, 0, 3+k*(10+i%5)).Truncate(time.Hour).Add(8 * time.Hour)
			m := domain.MentoringMeeting{PairID: pr.ID, HeldAt: held, Minutes: 45 + 15*((i+k)%4), Topic: topics[k%len(topics)], Online: (i+k)%3 == 0,
				PublicPlace: (i+k)%3 != 0}
			who := pr.Mentee.UserID
			if k%2 == 0 {
				who = pr.Mentor.UserID
			}
			if err := at(held.Add(2*time.Hour)).LogMeeting(ctx, who, &m); err != nil {
				return fmt.Errorf("demo: meeting: %w", err)
			}
		}
		end := at(past.RoundEnds().Add(24 * time.Hour))
		for j, who := range []int64{pr.Mentee.UserID, pr.Mentor.UserID} {
			if (i+j)%5 == 4 {
				continue // not everyone gives feedback
			}
			f := domain.MentoringFeedback{PairID: pr.ID, Rating: 3 + (i+j)%3}
			if err := end.GiveFeedback(ctx, who, &f); err != nil {
				return fmt.Errorf("demo: feedback: %w", err)
			}
		}
	}
	// the open round: the demo's silver account mentors, and others have applied (the demo's
	// volunteer has not: theirs is the form to try)
	silver := domain.MentoringApplication{RoundID: open.ID, UserID: people["silver@example.kz"].ID, Role: domain.RoleMentor,
		Languages: []string{"kk", "ru"}, District: "medeu", Mode: domain.MeetBoth, Themes: []string{"crafts", "culture"},
		Slots: []string{"tue_evening", "sat_morning"}, Capacity: 2, Answer: "Мұғалім, 35 жыл тәжірибе. Ою-өрнек пен кесте үйретемін."}
	if err := at(open.OpensAt.Add(time.Hour)).ApplyForMentoring(ctx, &silver); err != nil {
		return fmt.Errorf("demo: silver applies: %w", err)
	}
	for i, u := range mentors[12:] {
		if _, err := apply(open, u, domain.RoleMentor, i); err != nil {
			return err
		}
	}
	for i, u := range openMentees {
		if _, err := apply(open, u, domain.RoleMentee, i); err != nil {
			return err
		}
	}
	return nil
}
