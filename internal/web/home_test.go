package web

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The organizers' home shows each of the coordinator's organizations, not another's, with each
// shift's places as a bar and in words, the waitlist, the hours waiting for approval with the link
// to approve them, and past events folded apart with how many came; a volunteer sees no board.
// The event's page for its organizers and the public event page draw the same bar.
func TestOrganizersHome(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(2)
		for _, name := range []string{"Асан", "Үсен", "Жанар"} {
			p := a.register(name, "1999-05-05")
			a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})
		}
		// another organization, whose event no one of the first sees
		other := a.register("Бөтен үйлестіруші", "1990-01-01")
		a.must(201, req{method: "POST", path: "/api/v1/organizations", token: other.token, body: map[string]any{
			"name": map[string]string{"kk": "Бөтен қор"}}})

		// a shift under way with a claim for hours waiting, and an event that has ended
		now := a.clock.now().Truncate(time.Second)
		soon := domain.Event{OrgID: w.orgID, Direction: "social", Title: domain.Text{KK: "Кешкі көмек", EN: "Evening help"},
			Venue: domain.Text{KK: "Абай даңғылы"}, District: "almaly", StartsAt: now.Add(time.Minute), EndsAt: now.Add(3 * time.Hour),
			Status: domain.EventPublished}
		if err := a.store.CreateEvent(ctx, 0, &soon); err != nil {
			t.Fatal(err)
		}
		sh := domain.Shift{EventID: soon.ID, Role: domain.Text{KK: "Кезекші", EN: "Steward"}, StartsAt: soon.StartsAt, EndsAt: soon.EndsAt, Capacity: 4}
		if err := a.store.CreateShift(ctx, 0, &sh); err != nil {
			t.Fatal(err)
		}
		helper := a.register("Сәуле", "1998-03-03")
		sg, _, err := a.store.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: helper.ID})
		if err != nil {
			t.Fatal(err)
		}
		past := domain.Event{OrgID: w.orgID, Direction: "culture", Title: domain.Text{KK: "Өткен концерт", EN: "Past concert"},
			Venue: domain.Text{KK: "Филармония"}, District: "almaly", StartsAt: now.AddDate(0, 0, -3), EndsAt: now.AddDate(0, 0, -3).Add(2 * time.Hour),
			Status: domain.EventPublished}
		if err := a.store.CreateEvent(ctx, 0, &past); err != nil {
			t.Fatal(err)
		}
		a.clock.mu.Lock()
		a.clock.off += 2 * time.Minute
		a.clock.mu.Unlock()
		if _, err := a.store.EnterHours(ctx, 0, sg.ID, 90, 0); err != nil {
			t.Fatal(err)
		}

		c := a.coordinatorBrowser(t, w)
		home := c.get("/manage").must(t, 200)
		home.has(t, "Жасыл Алматы", "Coming events", "Spring clean-up", "Evening help",
			`class="bars capacity-bar"`, `width="400" height="12"/></svg>`, // the full shift's bar, at its whole width
			"2 of 2 places taken · 1 person on the waitlist", "1 claim for 1 h 30 min waits for approval",
			fmt.Sprintf(`href="/manage/shifts/%d/checkin#hours-title"`, sh.ID), "1 of 4 places taken",
			"Past events (1)", "Past concert", "0 of 0 came")
		home.lacks(t, "Бөтен қор")
		c.get(fmt.Sprintf("/manage/events/%d", w.eventID)).must(t, 200).has(t, `class="bars capacity-bar"`, "2 of 2 places taken · 1 person on the waitlist")

		vol := a.browser("en")
		vol.signIn(t, a.register("Ерлан", "2000-02-02"))
		vol.get("/manage").must(t, 200).has(t, "You are not a member of any organization yet.").
			lacks(t, "Жасыл Алматы", "Spring clean-up", "capacity-bar")
		vol.get("/office").must(t, http.StatusForbidden)

		ru := a.browser("ru")
		ru.signIn(t, w.coord)
		ru.get("/manage").must(t, 200).has(t, "Занято 2 из 2 мест", "Прошедшие события (1)", "1 заявка на")
		kk := a.browser("kk")
		kk.signIn(t, w.coord)
		kk.get("/manage").must(t, 200).has(t, "2 орынның 2 орны алынды", "Өткен іс-шаралар (1)", "растауды күтіп тұр")

		event := a.browser("en").get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200)
		event.has(t, `class="bars capacity-bar"`, "Full: all 2 places are taken</strong> · 1 person on the waitlist")
	})
}

// The Front Office lands on the day's figures, each a link to where one acts on it.
func TestOfficeHomeFigures(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		admin := a.browser("en")
		admin.signIn(t, w.coord)
		applicant := a.register("Жаңа ұйым әкімі", "1990-01-01")
		org := a.must(201, req{method: "POST", path: "/api/v1/organizations", token: applicant.token, body: map[string]any{
			"name": map[string]string{"kk": "Кезектегі қор"}}})
		if err := a.store.ApplyForVerification(context.Background(), applicant.ID, id(org)); err != nil {
			t.Fatal(err)
		}
		fo := a.browser("en")
		fo.signIn(t, w.fo)
		p := fo.get("/office").must(t, 200)
		p.has(t, "The day&#39;s figures", `<a href="#queue-title"><span class="figure">1</span> organization waits for verification</a>`,
			"the oldest since", `<a href="/office/jobs"><span class="figure">0</span> mails failed</a>`,
			`<a href="/office/certificates"><span class="figure">0</span> certificates issued today</a>`, "0 this year",
			`<a href="/office/plan">`, "more coming this week", "Кезектегі қор")
		c := a.browser("en")
		c.signIn(t, w.coord)
		c.get("/office").must(t, http.StatusForbidden)
	})
}
