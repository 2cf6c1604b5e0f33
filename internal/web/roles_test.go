package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The coordinators' shift forms take the role in kk, ru and en, at least one of them, as the
// event form takes the title.
func TestShiftFormsTakeTheRoleInEachLanguage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(3)
		c := a.browser("ru")
		c.signIn(t, w.coord)
		shifts := func() []domain.Shift {
			t.Helper()
			e, err := a.store.Event(ctx, w.eventID)
			if err != nil {
				t.Fatal(err)
			}
			return e.Shifts
		}
		edit := fmt.Sprintf("/manage/events/%d", w.eventID)
		sh := fmt.Sprintf("s%d_", w.shiftID)
		c.get(edit).must(t, 200).has(t, fmt.Sprintf(`name="%srole_kk" type="text" value="Көмекші"`, sh),
			fmt.Sprintf(`name="%srole_ru" type="text" value=""`, sh), fmt.Sprintf(`name="%srole_en" type="text" value=""`, sh),
			`id="f-new_role_kk"`, `id="f-new_role_ru"`, `id="f-new_role_en"`, "Роль (на английском)").lacks(t, `name="new_role"`, fmt.Sprintf(`name="%srole"`, sh))

		// a shift added with its role in English only stores it so; a Russian page shows it
		add := url.Values{"new_role_kk": {""}, "new_role_ru": {" "}, "new_role_en": {"Steward"}, "new_starts_at": {localValue(w.start)},
			"new_ends_at": {localValue(w.start.Add(time.Hour))}, "new_capacity": {"2"}}
		c.post(edit+"/shifts", add).must(t, 303)
		all := shifts()
		if len(all) != 2 || all[1].Role != (domain.Text{EN: "Steward"}) {
			t.Fatalf("the shifts after adding one in English: %+v", all)
		}
		a.browser("ru").get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200).has(t, `<h3 data-i18n="role">Steward</h3>`, `<h3 data-i18n="role">Көмекші</h3>`)

		// no language at all: refused beside the role's first field, in the reader's language; nothing stored
		add.Set("new_role_en", "  ")
		c.post(edit+"/shifts", add).must(t, 422).has(t, `id="f-new_role_kk-error"`, `href="#f-new_role_kk">Роль (на казахском): Укажите хотя бы на одном языке`)
		if got := shifts(); len(got) != 2 {
			t.Fatalf("a shift without a role was stored: %+v", got)
		}
		save := url.Values{sh + "role_kk": {""}, sh + "role_ru": {""}, sh + "role_en": {""}, sh + "starts_at": {localValue(w.start)},
			sh + "ends_at": {localValue(w.start.Add(2 * time.Hour))}, sh + "capacity": {"3"}}
		c.post("/manage/shifts/"+fmt.Sprint(w.shiftID), save).must(t, 422).has(t, fmt.Sprintf(`id="f-%srole_kk-error"`, sh), "Укажите хотя бы на одном языке")
		// a language too long is refused beside its own field
		save.Set(sh+"role_ru", "Помощник")
		save.Set(sh+"role_en", strings.Repeat("a", domain.MaxRoleLen+1))
		c.post("/manage/shifts/"+fmt.Sprint(w.shiftID), save).must(t, 422).
			has(t, fmt.Sprintf(`id="f-%srole_en-error"`, sh), fmt.Sprintf("Роль (на английском): Не длиннее %d символов", domain.MaxRoleLen)).
			lacks(t, fmt.Sprintf(`id="f-%srole_ru-error"`, sh))
		if got := shifts()[0].Role; got != (domain.Text{KK: "Көмекші"}) {
			t.Fatalf("a refused shift form changed the role: %+v", got)
		}
		// the edit form sets each language: Kazakh cleared, Russian given
		save.Set(sh+"role_en", "")
		c.post("/manage/shifts/"+fmt.Sprint(w.shiftID), save).must(t, 303)
		if got := shifts()[0].Role; got != (domain.Text{RU: "Помощник"}) {
			t.Fatalf("the role after saving: %+v", got)
		}

		// the new event's shift rows likewise
		newEvent := fmt.Sprintf("/manage/organizations/%d/events/new", w.orgID)
		c.get(newEvent).must(t, 200).has(t, `id="f-shift1_role_kk"`, `id="f-shift1_role_ru"`, `id="f-shift1_role_en"`)
		day := w.start.AddDate(0, 0, 2).Format("2006-01-02")
		form := url.Values{"direction": {"ecology"}, "title_ru": {"Уборка"}, "venue_ru": {"Парк"}, "district": {"medeu"},
			"starts_at": {day + "T09:00"}, "ends_at": {day + "T18:00"}, "status": {"published"}, "min_age": {"0"},
			"shift1_starts_at": {day + "T09:00"}, "shift1_ends_at": {day + "T13:00"}, "shift1_capacity": {"5"}}
		c.post(newEvent, form).must(t, 422).has(t, `id="f-shift1_role_kk-error"`, `href="#f-shift1_role_kk">Роль (на казахском): Укажите хотя бы на одном языке`)
		if got, _, _ := a.store.Events(ctx, store.EventFilter{OrgID: w.orgID, WithDrafts: true}); len(got) != 1 {
			t.Fatalf("an event with a shift without a role was stored: %d events", len(got))
		}
		form.Set("shift1_role_en", "Morning")
		p := c.post(newEvent, form).must(t, 303)
		var id int64
		fmt.Sscanf(p.location, "/manage/events/%d", &id)
		e, err := a.store.Event(ctx, id)
		if err != nil || len(e.Shifts) != 1 || e.Shifts[0].Role != (domain.Text{EN: "Morning"}) {
			t.Fatalf("the event stored: %+v %v", e, err)
		}
		a.browser("ru").get(fmt.Sprintf("/events/%d", id)).must(t, 200).has(t, `<h3 data-i18n="role">Morning</h3>`)
	})
}
