package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
)

// The mentoring pages, as their people use them: the coordinator makes a programme and a round on
// pages; two people apply (a bad application is refused beside its field, in the reader's
// language, and stores nothing); once the window closes the coordinator runs the match, reads why
// the pair was made, pins it, publishes; the mentee accepts on /me/mentoring.
func TestMentoringPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(1)
		coord := a.browser("en")
		coord.signIn(t, w.coord)
		now := a.clock.now().In(domain.Almaty())

		project := domain.Project{Slug: "dialogue-of-generations", Name: domain.Text{KK: "Ұрпақтар диалогы – Алматы", EN: "Dialogue of Generations – Almaty"}}
		if err := a.store.CreateProject(ctx, w.fo.ID, &project); err != nil {
			t.Fatal(err)
		}
		made := coord.post(fmt.Sprintf("/manage/organizations/%d/mentoring", w.orgID), url.Values{"project_id": {fmt.Sprint(project.ID)}, "name_en": {"Dialogue of Generations"},
			"name_kk": {"Ұрпақтар диалогы"}, "question_en": {"What would you like to learn or teach?"}, "travel_km": {"12"}, "prefer_silver": {"1"}}).must(t, 303)
		progs, err := a.store.MentoringProgrammes(ctx, w.orgID)
		if err != nil || len(progs) != 1 || progs[0].TravelKm != 12 || !progs[0].PreferSilver || progs[0].ProjectID != project.ID || !strings.HasPrefix(made.location, fmt.Sprintf("/manage/mentoring/programmes/%d", progs[0].ID)) {
			t.Fatalf("programme: %+v %v %s", progs, err, made.location)
		}
		prog := progs[0]
		bad := coord.post(fmt.Sprintf("/manage/organizations/%d/mentoring", w.orgID), url.Values{"name_en": {"X"}, "travel_km": {"99"}}).must(t, 422)
		if !strings.Contains(bad.body, `id="f-travel_km-error"`) {
			t.Fatalf("a travel limit of 99 km: %s", bad.body)
		}
		form := url.Values{"name_en": {"Spring 2026"}, "opens_at": {now.Add(-time.Hour).Format("2006-01-02T15:04")}, "closes_at": {now.Add(48 * time.Hour).Format("2006-01-02T15:04")},
			"match_on": {now.Add(72 * time.Hour).Format("2006-01-02T15:04")}, "weeks": {"10"}, "themes": {"career", "digital", "crafts"}}
		coord.post(fmt.Sprintf("/manage/mentoring/programmes/%d/rounds", prog.ID), form).must(t, 303)
		rounds, err := a.store.MentoringRounds(ctx, prog.ID)
		if err != nil || len(rounds) != 1 || rounds[0].Weeks != 10 || len(rounds[0].Themes) != 3 {
			t.Fatalf("round: %+v %v", rounds, err)
		}
		rd := rounds[0]
		form.Set("weeks", "0")
		if p := coord.post(fmt.Sprintf("/manage/mentoring/programmes/%d/rounds", prog.ID), form).must(t, 422); !strings.Contains(p.body, `id="f-weeks-error"`) {
			t.Fatalf("a round of 0 weeks: %s", p.body)
		}

		// the public pages show the programme and the way to apply, and the project's card on the
		// home page its open round
		anon := a.browser("ru")
		if p := anon.get("/").must(t, 200); !strings.Contains(p.body, fmt.Sprintf(`<a href="/mentoring/%d">`, prog.ID)) || !strings.Contains(p.body, "набор «Spring 2026», заявки до") {
			t.Fatalf("the home page's project card: %s", p.body)
		}
		if p := anon.get("/mentoring").must(t, 200); !strings.Contains(p.body, fmt.Sprintf(`href="/mentoring/%d"`, prog.ID)) {
			t.Fatalf("the list: %s", p.body)
		}
		if p := anon.get(fmt.Sprintf("/mentoring/%d", prog.ID)).must(t, 200); !strings.Contains(p.body, fmt.Sprintf(`href="/mentoring/rounds/%d/apply"`, rd.ID)) || !strings.Contains(p.body, "идёт приём заявок") {
			t.Fatalf("the programme: %s", p.body)
		}

		mentorP, menteeP := a.register("Бауыржан Ким", "1958-03-03"), a.register("Аружан Оспанова", "2004-06-01")
		mentor, mentee := a.browser("kk"), a.browser("ru")
		mentor.signIn(t, mentorP)
		mentee.signIn(t, menteeP)
		apply := fmt.Sprintf("/mentoring/rounds/%d/apply", rd.ID)
		if p := mentee.get(apply).must(t, 200); !strings.Contains(p.body, "What would you like to learn or teach?") || !strings.Contains(p.body, `name="slots" value="tue_evening"`) {
			t.Fatalf("the form: %s", p.body)
		}
		// no slot, and a theme the round has not: refused beside the fields, in Russian, nothing stored
		p := mentee.post(apply, url.Values{"role": {"mentee"}, "languages": {"ru", "kk"}, "district": {"medeu"}, "mode": {"both"}, "theme_1": {"sport"}}).must(t, 422)
		if !strings.Contains(p.body, `id="f-slots-error"`) || !strings.Contains(p.body, "Отметьте хотя бы одно свободное время") || !strings.Contains(p.body, `id="f-theme_1-error"`) {
			t.Fatalf("a bad application: %s", p.body)
		}
		if apps, _ := a.store.MentoringApplications(ctx, rd.ID); len(apps) != 0 {
			t.Fatalf("a refused application was stored: %+v", apps)
		}
		mentee.post(apply, url.Values{"role": {"mentee"}, "languages": {"ru", "kk"}, "district": {"medeu"}, "mode": {"both"}, "theme_1": {"career"},
			"theme_2": {"digital"}, "slots": {"tue_evening", "sat_morning"}}).must(t, 303)
		mentor.post(apply, url.Values{"role": {"mentor"}, "languages": {"kk", "ru"}, "district": {"almaly"}, "mode": {"both"}, "theme_1": {"career"},
			"slots": {"tue_evening"}, "capacity": {"2"}, "answer": {"Инженер, 40 жыл тәжірибе"}}).must(t, 303)
		if p := mentee.get("/me/mentoring").must(t, 200); !strings.Contains(p.body, "подопечный") {
			t.Fatalf("my mentoring: %s", p.body)
		}

		// the match, once the window has closed
		desk := fmt.Sprintf("/manage/mentoring/rounds/%d", rd.ID)
		if p := coord.post(desk+"/match", url.Values{}).must(t, 409); !strings.Contains(p.body, "Applications are still open") {
			t.Fatalf("a match while the window is open: %s", p.body)
		}
		a.moveClockTo(now.Add(73 * time.Hour)) // three days on: everyone signs in again
		for _, b := range []struct {
			b *browser
			p person
		}{{coord, w.coord}, {mentor, mentorP}, {mentee, menteeP}} {
			b.b.signIn(t, b.p)
		}
		coord.post(desk+"/match", url.Values{}).must(t, 303)
		p = coord.get(desk).must(t, 200)
		for _, want := range []string{"both speak Kazakh and Russian", "both chose Career", "Tuesday evening", "a silver mentor", "Publish 1 pair"} {
			if !strings.Contains(p.body, want) {
				t.Fatalf("the desk lacks %q: %s", want, p.body)
			}
		}
		apps, err := a.store.MentoringApplications(ctx, rd.ID)
		if err != nil || len(apps) != 2 {
			t.Fatal(apps, err)
		}
		mentorApp, menteeApp := apps[1].ID, apps[0].ID
		coord.post(desk+"/rules", url.Values{"mentor": {fmt.Sprint(mentorApp)}, "mentee": {fmt.Sprint(menteeApp)}, "kind": {"pin"}}).must(t, 303)
		// a pin the wrong way round: refused at the top of the desk, nothing changed
		if p := coord.post(desk+"/rules", url.Values{"mentor": {fmt.Sprint(menteeApp)}, "mentee": {fmt.Sprint(mentorApp)}, "kind": {"pin"}}).must(t, 422); !strings.Contains(p.body, "Not a mentor&#39;s application in this round") {
			t.Fatalf("a pin of two mentees: %s", p.body)
		}
		coord.post(desk+"/match", url.Values{}).must(t, 303)
		if p := coord.get(desk).must(t, 200); !strings.Contains(p.body, "pinned by the coordinator") {
			t.Fatalf("the pin: %s", p.body)
		}
		coord.post(desk+"/publish", url.Values{}).must(t, 303)

		// the mentee reads why, and accepts
		p = mentee.get("/me/mentoring").must(t, 200)
		if !strings.Contains(p.body, "Ваш наставник — Бауыржан Ким") || !strings.Contains(p.body, "общий язык: казахский и русский") {
			t.Fatalf("the mentee's pair: %s", p.body)
		}
		pairs, err := a.store.MentoringPairsOf(ctx, menteeP.ID)
		if err != nil || len(pairs) != 1 {
			t.Fatal(pairs, err)
		}
		mentee.post(fmt.Sprintf("/me/mentoring/pairs/%d/answer", pairs[0].ID), url.Values{"accept": {"1"}}).must(t, 303)
		mentor.post(fmt.Sprintf("/me/mentoring/pairs/%d/answer", pairs[0].ID), url.Values{"accept": {"1"}}).must(t, 303)
		if p := mentee.get("/me/mentoring").must(t, 200); !strings.Contains(p.body, "Оба согласились") || !strings.Contains(p.body, mentorP.Email) {
			t.Fatalf("after both accepted: %s", p.body)
		}
		// the pair's page: a meeting logged, refused first for want of a topic
		pairPage := fmt.Sprintf("/me/mentoring/pairs/%d", pairs[0].ID)
		if p := mentee.get(pairPage).must(t, 200); !strings.Contains(p.body, "Встреч пока не записано") {
			t.Fatalf("the pair's page: %s", p.body)
		}
		a.moveClockTo(now.Add(74 * time.Hour))
		held := now.Add(73*time.Hour + 30*time.Minute).Format("2006-01-02T15:04")
		if p := mentee.post(pairPage+"/meetings", url.Values{"held_at": {held}, "minutes": {"60"}, "online": {"1"}}).must(t, 422); !strings.Contains(p.body, `id="f-topic-error"`) {
			t.Fatalf("a meeting without a topic: %s", p.body)
		}
		mentee.post(pairPage+"/meetings", url.Values{"held_at": {held}, "minutes": {"60"}, "topic": {"Карьера в IT"}, "online": {"1"}}).must(t, 303)
		if p := mentee.get(pairPage).must(t, 200); !strings.Contains(p.body, "Карьера в IT") || !strings.Contains(p.body, "1 встреча") {
			t.Fatalf("the meeting on the pair's page: %s", p.body)
		}
		// feedback once the round's ten weeks are over; the coordinator's figures
		a.moveClockTo(rd.RoundEnds().Add(time.Hour))
		for _, b := range []struct {
			b *browser
			p person
		}{{coord, w.coord}, {mentee, menteeP}} {
			b.b.signIn(t, b.p)
		}
		mentee.post(pairPage+"/feedback", url.Values{"rating": {"5"}, "comment": {"Спасибо!"}}).must(t, 303)
		if p := mentee.get(pairPage).must(t, 200); !strings.Contains(p.body, "Ваша оценка: 5 из 5") {
			t.Fatalf("after the feedback: %s", p.body)
		}
		if p := coord.get(fmt.Sprintf("/manage/mentoring/programmes/%d", prog.ID)).must(t, 200); !strings.Contains(p.body, "Figures by round") || !strings.Contains(p.body, "5.0") {
			t.Fatalf("the figures: %s", p.body)
		}
		// someone else's pair does not exist for a stranger
		a.browser("en").get("/me/mentoring")
		stranger := a.browser("en")
		stranger.signIn(t, a.register("Stranger", "1990-01-01"))
		stranger.post(fmt.Sprintf("/me/mentoring/pairs/%d/answer", pairs[0].ID), url.Values{"accept": {"0"}}).must(t, 404)
	})
}
