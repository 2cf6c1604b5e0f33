package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"erikti/internal/browsertest"
	"erikti/internal/demo"
)

// Mentoring in the browser, in each language and passing axe at each step: the demo volunteer reads
// the demo's programme, applies to its open round (refused first for want of a free time, shown
// beside the field), and finds the application on /me/mentoring; the coordinator runs the match of
// a round whose window has just closed, pins a pair, runs it again (the pin holds) and publishes;
// a mentee reads why the pair was made and accepts. With ERIKTI_SHOTS set to a folder, screenshots
// at 390 and 1280 px go there.
func TestBrowserMentoring(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	seen := 0
	shots := os.Getenv("ERIKTI_SHOTS")
	shot := func(tb *browsertest.Tab, name string) {
		if shots == "" {
			return
		}
		for _, w := range []int{390, 1280} {
			tb.SetViewport(w, 900, 1)
			tb.Screenshot(filepath.Join(shots, fmt.Sprintf("%s-%d.png", name, w)))
		}
		tb.SetViewport(1280, 800, 1)
	}
	var progs struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if st := s.api(t, "GET", "/api/v1/mentoring/programmes", "", nil, &progs); st != 200 || len(progs.Items) != 1 {
		t.Fatalf("the demo's programmes: %d %v", st, progs)
	}
	progID := progs.Items[0].ID
	var prog struct {
		Rounds []struct {
			ID int64 `json:"id"`
		} `json:"rounds"`
	}
	s.api(t, "GET", fmt.Sprintf("/api/v1/mentoring/programmes/%d", progID), "", nil, &prog)
	open := prog.Rounds[0].ID // the latest window first: the winter round, open now

	s.signIn(t, tab, "volunteer@example.kz", nil)
	programme, apply := fmt.Sprintf("/mentoring/%d", progID), fmt.Sprintf("/mentoring/rounds/%d/apply", open)
	for _, lang := range []string{"kk", "ru", "en"} {
		tab.Go(s.base + "/lang/" + lang + "?back=" + programme)
		if !tab.Exists(fmt.Sprintf(`a[href="%s"]`, apply)) {
			t.Fatalf("%s: the programme's page has no way to apply: %s", lang, tab.Text("main"))
		}
		s.check(t, tab, lang+" the programme", true, &seen)
		shot(tab, "mentoring-programme-"+lang)
		tab.Go(s.base + "/lang/" + lang + "?back=" + apply)
		s.check(t, tab, lang+" the application form", true, &seen)
		shot(tab, "mentoring-apply-"+lang)
	}
	// in Kazakh: a mentee, Kazakh and Russian, Bostandyk, career then IT, and no free time yet
	tab.Go(s.base + "/lang/kk?back=" + apply)
	tab.Check("#f-role-0")
	tab.Check("#f-languages-0")
	tab.Check("#f-languages-1")
	tab.Select("#f-district", "bostandyk")
	tab.Select("#f-theme_1", "career")
	tab.Select("#f-theme_2", "digital")
	tab.Fill("#f-answer", "Бағдарламалауды үйренгім келеді")
	tab.Submit("main form button[type=submit]")
	if got := tab.Text("#f-slots-error"); !strings.Contains(got, s.msgs.T("kk", "mentoring.no_slot", nil)) {
		t.Fatalf("no free time: %q\n%s", got, tab.Text("main"))
	}
	if !tab.Exists(`.error-summary a[href="#f-slots"]`) {
		t.Errorf("the error summary does not lead to the free times")
	}
	s.check(t, tab, "kk the application refused", true, &seen)
	tab.Check("#f-slots-tue_evening")
	tab.Check("#f-slots-sat_morning")
	tab.Submit("main form button[type=submit]")
	if !strings.Contains(tab.URL(), "/me/mentoring") || tab.Text("[role=status]") != s.msgs.T("kk", "mentoring.applied", nil) {
		t.Fatalf("after applying: %s %q", tab.URL(), tab.Text("main"))
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		tab.Go(s.base + "/lang/" + lang + "?back=/me/mentoring")
		if !strings.Contains(tab.Text("main"), s.msgs.T(lang, "mentoring.role_mentee", nil)) {
			t.Errorf("%s: my mentoring lacks the application: %s", lang, tab.Text("main"))
		}
		s.check(t, tab, lang+" my mentoring", true, &seen)
		shot(tab, "mentoring-mine-"+lang)
	}

	// a round whose window closes in a few seconds, with applications made on the API
	coord := s.token(t, "coordinator@example.kz", demo.Password)
	now := time.Now()
	closes := now.Add(20 * time.Second)
	var round struct {
		ID int64 `json:"id"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/mentoring/programmes/%d/rounds", progID), coord, map[string]any{
		"name": map[string]string{"kk": "Жедел кезең", "ru": "Быстрый набор", "en": "Quick round"}, "opens_at": now.Add(-time.Minute).Format(time.RFC3339),
		"closes_at": closes.Format(time.RFC3339), "match_on": closes.Format(time.RFC3339), "weeks": 8, "themes": []string{"career", "crafts"}}, &round); st != 201 {
		t.Fatalf("a quick round: %d", st)
	}
	people := map[string]string{} // name → email
	for i, p := range []struct{ name, role, district, theme string }{
		{"Сәуле Ахметова", "mentor", "almaly", "career"}, {"Владимир Ким", "mentor", "medeu", "crafts"},
		{"Аружан Сейітова", "mentee", "almaly", "career"}, {"Дамир Оспанов", "mentee", "medeu", "crafts"}, {"Анна Ли", "mentee", "almaly", "crafts"},
	} {
		email := fmt.Sprintf("mentoring%d-%d@example.kz", i, now.UnixNano())
		if st := s.api(t, "POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": newPassword, "name": p.name,
			"birth_date": "1999-05-05", "accept_privacy_policy": true}, nil); st != 201 {
			t.Fatalf("register %s: %d", p.name, st)
		}
		people[p.name] = email
		body := map[string]any{"role": p.role, "languages": []string{"kk", "ru"}, "district": p.district, "mode": "both",
			"themes": []string{p.theme}, "slots": []string{"tue_evening"}}
		if p.role == "mentor" {
			body["capacity"] = 2
		}
		if st := s.api(t, "POST", fmt.Sprintf("/api/v1/mentoring/rounds/%d/applications", round.ID), s.token(t, email, newPassword), body, nil); st != 201 {
			t.Fatalf("%s applies: %d", p.name, st)
		}
	}
	time.Sleep(time.Until(closes) + time.Second)

	desk := fmt.Sprintf("/manage/mentoring/rounds/%d", round.ID)
	ctab, cseen := b.NewTab(t), 0
	s.signIn(t, ctab, "coordinator@example.kz", nil)
	ctab.Go(s.base + "/lang/en?back=" + desk)
	ctab.Submit(`form[action$="/match"] button`)
	if got := ctab.Text("[role=status]"); !strings.Contains(got, "Matched: 3 pairs") {
		t.Fatalf("after the match: %q\n%s", got, ctab.Text("main"))
	}
	if main := ctab.Text("#pairs"); !strings.Contains(main, "both chose Career") || !strings.Contains(main, "both in Almaly district") {
		t.Errorf("the pairs say not why: %s", main)
	}
	// pin the first pair, run again: it holds
	ctab.Submit(`#pairs .pair form[action$="/rules"] button`)
	ctab.Submit(`form[action$="/match"] button`)
	if n := strings.Count(ctab.Text("#pairs ul.pairs"), "pinned by the coordinator"); n != 1 {
		t.Errorf("after a pin and another run, %d pinned pairs: %s", n, ctab.Text("#pairs"))
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		ctab.Go(s.base + "/lang/" + lang + "?back=" + desk)
		s.check(t, ctab, lang+" the round's desk", true, &cseen)
		shot(ctab, "mentoring-desk-"+lang)
	}
	ctab.Go(s.base + "/lang/ru?back=" + desk)
	ctab.Submit(`form[action$="/publish"] button`)
	if got := ctab.Text("[role=status]"); !strings.Contains(got, "3") {
		t.Fatalf("after publishing: %q", got)
	}

	// a mentee reads why, and accepts
	mtab, mseen := b.NewTab(t), 0
	s.signIn(t, mtab, people["Дамир Оспанов"], nil)
	mtab.Go(s.base + "/lang/ru?back=/me/mentoring")
	if main := mtab.Text("main"); !strings.Contains(main, "Ваш наставник — Владимир Ким") || !strings.Contains(main, "оба выбрали: Ремёсла") {
		t.Fatalf("the mentee's pair: %s", main)
	}
	s.check(t, mtab, "ru the mentee's pair", true, &mseen)
	shot(mtab, "mentoring-pair-ru")
	mtab.Submit(`form[action$="/answer"] button`)
	if got := mtab.Text("[role=status]"); got != s.msgs.T("ru", "mentoring.answer_accepted", nil) {
		t.Fatalf("after accepting: %q", got)
	}
	s.check(t, mtab, "ru the pair accepted", true, &mseen)

	// the mentor accepts too; the mentee logs their first meeting on the pair's page
	mentorToken := s.token(t, people["Владимир Ким"], newPassword)
	var mine struct {
		Pairs []struct {
			ID      int64  `json:"id"`
			Partner string `json:"partner"`
		} `json:"pairs"`
	}
	s.api(t, "GET", "/api/v1/me/mentoring", mentorToken, nil, &mine)
	var pairID int64
	for _, p := range mine.Pairs {
		if p.Partner == "Дамир Оспанов" {
			pairID = p.ID
		}
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/mentoring/pairs/%d/answer", pairID), mentorToken, map[string]any{"accept": true}, nil); st != 200 {
		t.Fatalf("the mentor accepts: %d", st)
	}
	pairPage := fmt.Sprintf("/me/mentoring/pairs/%d", pairID)
	for _, lang := range []string{"kk", "ru", "en"} {
		mtab.Go(s.base + "/lang/" + lang + "?back=" + pairPage)
		s.check(t, mtab, lang+" the pair's page", true, &mseen)
		shot(mtab, "mentoring-pair-page-"+lang)
	}
	mtab.Go(s.base + "/lang/ru?back=" + pairPage)
	mtab.Fill("#f-topic", "Как выбрать первый проект из дерева")
	mtab.Fill("#f-minutes", "90")
	mtab.Check("#f-online")
	mtab.Submit(`form[action$="/meetings"] button[type=submit]`)
	if got := mtab.Text("[role=status]"); got != s.msgs.T("ru", "mentoring.meeting_logged", nil) || !strings.Contains(mtab.Text("#meetings"), "Как выбрать первый проект") {
		t.Fatalf("after logging a meeting: %q\n%s", got, mtab.Text("main"))
	}
	s.check(t, mtab, "ru the meeting logged", true, &mseen)
}
