package store_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// mentoringRound makes a programme of a new organization and a round of it that takes
// applications from the test clock's start (2026-03-01 09:00 UTC) for nine days.
func mentoringRound(t *testing.T, s *store.Store, c *clock) (domain.MentoringProgramme, domain.MentoringRound) {
	t.Helper()
	admin := newUser(t, s, "coordinator@example.kz")
	org := newOrg(t, s, admin.ID, "Ұрпақтар диалогы")
	p := domain.MentoringProgramme{OrgID: org.ID, Name: domain.Text{KK: "Ұрпақтар диалогы", RU: "Диалог поколений", EN: "Dialogue of Generations"},
		PreferSilver: true}
	if err := s.CreateMentoringProgramme(ctx, admin.ID, &p); err != nil {
		t.Fatal(err)
	}
	r := domain.MentoringRound{ProgrammeID: p.ID, Name: domain.Text{EN: "Spring 2026"}, OpensAt: c.now().Add(-time.Hour),
		ClosesAt: c.now().Add(9 * 24 * time.Hour), MatchOn: c.now().Add(10 * 24 * time.Hour), Weeks: 12,
		Themes: []string{"career", "digital", "crafts", "culture"}}
	if err := s.CreateMentoringRound(ctx, admin.ID, &r); err != nil {
		t.Fatal(err)
	}
	return p, r
}

// applicant registers someone born on birth and applies with a.
func applicant(t *testing.T, s *store.Store, email, birth string, a domain.MentoringApplication) domain.MentoringApplication {
	t.Helper()
	b, _ := domain.ParseDate(birth)
	u := domain.User{Email: email, Name: email, BirthDate: b, Locale: "ru"}
	if err := s.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	a.UserID = u.ID
	if err := s.ApplyForMentoring(ctx, &a); err != nil {
		t.Fatalf("%s applies: %v", email, err)
	}
	return a
}

// wantField fails unless err is a domain error of code naming field with key.
func wantField(t *testing.T, err error, code domain.Code, field, key string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != code || len(de.Fields) == 0 || de.Fields[0].Field != field || de.Fields[0].Key != key {
		t.Fatalf("want %s naming %s (%s), got %v", code, field, key, err)
	}
}

func pairsByMentee(t *testing.T, s *store.Store, roundID int64) map[int64]store.MentoringPair {
	t.Helper()
	ps, err := s.MentoringPairs(ctx, roundID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]store.MentoringPair{}
	for _, p := range ps {
		if p.Status != store.PairDeclined {
			if _, dup := out[p.Mentee.ID]; dup {
				t.Fatalf("mentee %d holds two pairs", p.Mentee.ID)
			}
			out[p.Mentee.ID] = p
		}
	}
	return out
}

// A round from applications to answers: bad applications are refused naming the field and store
// nothing; the match waits for the window to close, keeps the hard rules, says why a mentee is
// left alone, keeps a pin and never makes a forbidden pair; publishing mails both sides in their
// language; a decline frees the mentee and that pair is never proposed again.
func TestMentoringRound(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		prog, r := mentoringRound(t, s, c)
		mentor := func(langs []string, district, mode string, themes, slots []string, capacity int) domain.MentoringApplication {
			return domain.MentoringApplication{RoundID: r.ID, Role: domain.RoleMentor, Languages: langs, District: district, Mode: mode,
				Themes: themes, Slots: slots, Capacity: capacity}
		}
		mentee := func(langs []string, district, mode string, themes, slots []string) domain.MentoringApplication {
			return domain.MentoringApplication{RoundID: r.ID, Role: domain.RoleMentee, Languages: langs, District: district, Mode: mode,
				Themes: themes, Slots: slots}
		}
		kkru, evenings := []string{"kk", "ru"}, []string{"tue_evening", "thu_evening"}
		silver := applicant(t, s, "silver@example.kz", "1958-05-01", mentor(kkru, "almaly", domain.MeetBoth, []string{"career", "crafts"}, evenings, 1))
		young := applicant(t, s, "young@example.kz", "1990-05-01", mentor([]string{"ru", "en"}, "bostandyk", domain.MeetOnline, []string{"digital"}, evenings, 2))
		aru := applicant(t, s, "aru@example.kz", "2004-02-02", mentee(kkru, "almaly", domain.MeetInPerson, []string{"career"}, evenings))
		dima := applicant(t, s, "dima@example.kz", "2003-02-02", mentee([]string{"ru"}, "medeu", domain.MeetOnline, []string{"digital", "career"}, []string{"thu_evening"}))
		// speaks only English and meets only in person: the one mentor who speaks English meets
		// only online
		kate := applicant(t, s, "kate@example.kz", "2001-02-02", mentee([]string{"en"}, "nauryzbay", domain.MeetInPerson, []string{"culture"}, evenings))

		bad := []struct {
			name       string
			a          domain.MentoringApplication
			birth      string
			code       domain.Code
			field, key string
		}{
			{"capacity over five", mentor(kkru, "almaly", domain.MeetBoth, []string{"career"}, evenings, 6), "1970-01-01", domain.Invalid, "capacity", "field.range"},
			{"capacity zero", mentor(kkru, "almaly", domain.MeetBoth, []string{"career"}, evenings, 0), "1970-01-01", domain.Invalid, "capacity", "field.range"},
			{"a theme the round has not", mentee(kkru, "almaly", domain.MeetBoth, []string{"sport"}, evenings), "2004-01-01", domain.Invalid, "themes", "mentoring.unknown_theme"},
			{"an unknown district", mentee(kkru, "atlantis", domain.MeetBoth, []string{"career"}, evenings), "2004-01-01", domain.Invalid, "district", "field.unknown_district"},
			{"no slot", mentee(kkru, "almaly", domain.MeetBoth, []string{"career"}, nil), "2004-01-01", domain.Invalid, "slots", "mentoring.no_slot"},
			{"an unknown slot", mentee(kkru, "almaly", domain.MeetBoth, []string{"career"}, []string{"mon_night"}), "2004-01-01", domain.Invalid, "slots", "mentoring.unknown_slot"},
			{"a mentee of 40", mentee(kkru, "almaly", domain.MeetBoth, []string{"career"}, evenings), "1986-01-01", domain.Invalid, "role", "mentoring.mentee_age"},
			{"four themes", mentor(kkru, "almaly", domain.MeetBoth, []string{"career", "digital", "crafts", "culture"}, evenings, 1), "1970-01-01", domain.Invalid, "themes", "mentoring.too_many_themes"},
			{"no language", mentor(nil, "almaly", domain.MeetBoth, []string{"career"}, evenings, 1), "1970-01-01", domain.Invalid, "languages", "field.required"},
			{"a way to meet unknown", mentor(kkru, "almaly", "telepathy", []string{"career"}, evenings, 1), "1970-01-01", domain.Invalid, "mode", "mentoring.mode"},
		}
		for i, b := range bad {
			bd, _ := domain.ParseDate(b.birth)
			u := domain.User{Email: fmt.Sprintf("bad%d@example.kz", i), Name: "Bad", BirthDate: bd, Locale: "en"}
			if err := s.CreateUser(ctx, &u, "x"); err != nil {
				t.Fatal(err)
			}
			b.a.UserID = u.ID
			err := s.ApplyForMentoring(ctx, &b.a)
			t.Run(b.name, func(t *testing.T) { wantField(t, err, b.code, b.field, b.key) })
		}
		// applying again, in the other role: a conflict naming the role; a minor without a
		// guardian's consent is forbidden
		again := mentor(kkru, "almaly", domain.MeetBoth, []string{"career"}, evenings, 1)
		again.UserID = aru.UserID
		wantField(t, s.ApplyForMentoring(ctx, &again), domain.Conflict, "role", "mentoring.already_applied")
		teen := domain.User{Email: "teen@example.kz", Name: "Teen", Locale: "kk"}
		teen.BirthDate, _ = domain.ParseDate("2009-06-01")
		if err := s.CreateUser(ctx, &teen, "x"); err != nil {
			t.Fatal(err)
		}
		teenApp := mentee(kkru, "almaly", domain.MeetBoth, []string{"career"}, evenings)
		teenApp.UserID = teen.ID
		if err := s.ApplyForMentoring(ctx, &teenApp); domain.ErrorCode(err) != domain.Forbidden {
			t.Fatalf("a minor without consent applies: %v", err)
		}
		apps, err := s.MentoringApplications(ctx, r.ID)
		if err != nil || len(apps) != 5 {
			t.Fatalf("applications after the refusals: %d %v", len(apps), err)
		}

		// the window is open: no match yet
		if _, err := s.RunMatch(ctx, 1, r.ID); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("a match while the window is open: %v", err)
		}
		c.add(10 * 24 * time.Hour)
		if err := s.ApplyForMentoring(ctx, &domain.MentoringApplication{RoundID: r.ID, UserID: teen.ID, Role: domain.RoleMentor}); err == nil {
			t.Fatal("an application after the window")
		} else {
			wantField(t, err, domain.Invalid, "round_id", "mentoring.window_closed")
		}
		run, err := s.RunMatch(ctx, 1, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		pairs := pairsByMentee(t, s, r.ID)
		if run.Pairs != 2 || run.Unmatched != 1 || len(pairs) != 2 || pairs[aru.ID].Mentor.ID != silver.ID || pairs[dima.ID].Mentor.ID != young.ID {
			t.Fatalf("the first run: %+v %+v", run, pairs)
		}
		kateNow, err := s.MentoringApplication(ctx, kate.ID)
		if err != nil || kateNow.Unmatched != domain.UnmatchedDistance {
			t.Fatalf("why Kate is alone: %q %v", kateNow.Unmatched, err)
		}
		aruPair := pairs[aru.ID]
		why := domain.Explain(&prog, &r, &aruPair.Mentor, &aruPair.Mentee)
		if fmt.Sprint(why.Languages) != "[kk ru]" || fmt.Sprint(why.Themes) != "[career]" || why.District != "almaly" || !why.Silver ||
			fmt.Sprint(why.Slots) != "[tue_evening thu_evening]" {
			t.Fatalf("why Aru and her mentor: %+v", why)
		}

		// a pin that breaks a rule is refused and changes nothing; Dima pinned to the silver mentor
		// is not (both online? the silver mentor meets both ways, Dima online: allowed)
		wantField(t, s.SetPairRule(ctx, 1, r.ID, silver.ID, kate.ID, store.RulePin), domain.Invalid, "mentee_application_id", "mentoring.rule.language")
		wantField(t, s.SetPairRule(ctx, 1, r.ID, aru.ID, dima.ID, store.RulePin), domain.Invalid, "mentor_application_id", "mentoring.not_in_round_as_mentor")
		if err := s.SetPairRule(ctx, 1, r.ID, silver.ID, dima.ID, store.RulePin); err != nil {
			t.Fatal(err)
		}
		// the silver mentor takes one: Aru's proposed pair with him is now beyond his capacity
		if err := s.SetPairRule(ctx, 1, r.ID, silver.ID, aru.ID, store.RulePin); err == nil {
			t.Fatal("a pin past the mentor's capacity")
		} else {
			wantField(t, err, domain.Conflict, "mentor_application_id", "mentoring.mentor_full")
		}
		if _, err := s.RunMatch(ctx, 1, r.ID); err != nil {
			t.Fatal(err)
		}
		pairs = pairsByMentee(t, s, r.ID)
		if p := pairs[dima.ID]; p.Mentor.ID != silver.ID || !p.Pinned {
			t.Fatalf("the pin did not hold: %+v", p)
		}
		if _, ok := pairs[aru.ID]; ok {
			t.Fatalf("Aru has a pair though her only mentor is full: %+v", pairs[aru.ID])
		}
		if a, _ := s.MentoringApplication(ctx, aru.ID); a.Unmatched != domain.UnmatchedCapacity {
			t.Fatalf("why Aru is alone: %q", a.Unmatched)
		}
		// free the pin and forbid it: Dima goes back to the young mentor, Aru to the silver one
		if err := s.SetPairRule(ctx, 1, r.ID, silver.ID, dima.ID, store.RuleForbid); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RunMatch(ctx, 1, r.ID); err != nil {
			t.Fatal(err)
		}
		pairs = pairsByMentee(t, s, r.ID)
		if pairs[dima.ID].Mentor.ID != young.ID || pairs[aru.ID].Mentor.ID != silver.ID {
			t.Fatalf("after the forbid: %+v", pairs)
		}

		n, err := s.PublishMatch(ctx, 1, r.ID)
		if err != nil || n != 2 {
			t.Fatalf("publish: %d %v", n, err)
		}
		if _, err := s.PublishMatch(ctx, 1, r.ID); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("publishing nothing new: %v", err)
		}
		m := mailTo(t, s, "aru@example.kz", domain.MailMentoringMatch)
		if m.Locale != "ru" || m.Params["partner"] != "silver@example.kz" || m.ParamKeys["as"] != "mentoring.as_mentee" || m.Texts["programme"] != prog.Name {
			t.Fatalf("Aru's mail: %+v", m)
		}
		if m := mailTo(t, s, "silver@example.kz", domain.MailMentoringMatch); m.ParamKeys["as"] != "mentoring.as_mentor" || m.Params["partner"] != "aru@example.kz" {
			t.Fatalf("the mentor's mail: %+v", m)
		}

		// a stranger cannot answer; Aru and her mentor accept; Dima declines
		aruPairID, dimaPair := pairs[aru.ID].ID, pairs[dima.ID].ID
		if _, err := s.AnswerPair(ctx, kate.UserID, aruPairID, true); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a stranger answers: %v", err)
		}
		if st, err := s.AnswerPair(ctx, aru.UserID, aruPairID, true); err != nil || st != store.PairPublished {
			t.Fatalf("Aru accepts: %s %v", st, err)
		}
		if _, err := s.AnswerPair(ctx, aru.UserID, aruPairID, false); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("Aru answers twice: %v", err)
		}
		if st, err := s.AnswerPair(ctx, silver.UserID, aruPairID, true); err != nil || st != store.PairAccepted {
			t.Fatalf("the mentor accepts: %s %v", st, err)
		}
		if st, err := s.AnswerPair(ctx, dima.UserID, dimaPair, false); err != nil || st != store.PairDeclined {
			t.Fatalf("Dima declines: %s %v", st, err)
		}
		// the next run: the accepted pair stays; Dima's only other mentor is forbidden, his
		// declined one refused
		if _, err := s.RunMatch(ctx, 1, r.ID); err != nil {
			t.Fatal(err)
		}
		pairs = pairsByMentee(t, s, r.ID)
		if len(pairs) != 1 || pairs[aru.ID].Status != store.PairAccepted {
			t.Fatalf("after the decline: %+v", pairs)
		}
		if a, _ := s.MentoringApplication(ctx, dima.ID); a.Unmatched != domain.UnmatchedRefused {
			t.Fatalf("why Dima is alone now: %q", a.Unmatched)
		}
		wantField(t, s.SetPairRule(ctx, 1, r.ID, young.ID, dima.ID, store.RulePin), domain.Invalid, "mentee_application_id", "mentoring.rule.refused")
		mine, err := s.MentoringPairsOf(ctx, dima.UserID)
		if err != nil || len(mine) != 1 || mine[0].Status != store.PairDeclined || mine[0].MenteeAnswer != store.PairDeclined {
			t.Fatalf("Dima's pairs: %+v %v", mine, err)
		}
	})
}

// Runs of the match at once never interleave: each is refused while another holds the round or
// runs after it, and the pairs left are those of one run.
func TestMentoringRunsAtOnce(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		_, r := mentoringRound(t, s, c)
		slots := []string{"mon_evening", "wed_evening", "sat_morning"}
		for i := range 6 {
			applicant(t, s, fmt.Sprintf("mentor%d@example.kz", i), "1970-01-01", domain.MentoringApplication{RoundID: r.ID, Role: domain.RoleMentor,
				Languages: []string{"kk", "ru"}, District: "almaly", Mode: domain.MeetBoth, Themes: []string{"career"}, Slots: slots[i%3:], Capacity: 1 + i%3})
		}
		for i := range 20 {
			applicant(t, s, fmt.Sprintf("mentee%d@example.kz", i), "2002-01-01", domain.MentoringApplication{RoundID: r.ID, Role: domain.RoleMentee,
				Languages: []string{[]string{"kk", "ru"}[i%2]}, District: "almaly", Mode: domain.MeetBoth, Themes: []string{"career", "crafts"}[:1+i%2], Slots: slots[i%3:]})
		}
		c.add(10 * 24 * time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() { _, errs[i] = s.RunMatch(ctx, 1, r.ID) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case domain.ErrorCode(err) == domain.Conflict:
				var de *domain.Error
				if !errors.As(err, &de) || de.Key != "mentoring.match_running" {
					t.Fatalf("a refused run: %v", err)
				}
			default:
				t.Fatal(err)
			}
		}
		if ok == 0 {
			t.Fatal("no run went through")
		}
		got := pairsByMentee(t, s, r.ID)
		if _, err := s.RunMatch(ctx, 1, r.ID); err != nil {
			t.Fatal(err)
		}
		want := pairsByMentee(t, s, r.ID)
		if len(got) != len(want) || len(want) != 12 { // the six mentors take 1+2+3+1+2+3 = 12
			t.Fatalf("pairs after runs at once: %d, after one more run: %d", len(got), len(want))
		}
		for id, p := range want {
			if got[id].Mentor.ID != p.Mentor.ID {
				t.Fatalf("mentee %d: %d after the runs at once, %d after one run", id, got[id].Mentor.ID, p.Mentor.ID)
			}
		}
	})
}
