package web

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"erikti/internal/domain"
)

// The new-event form starts as a draft and proposes the event's times to its shift rows
// (issue 17, organizers' home).
func TestEventFormDraftAndProposedShiftTimes(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		c := a.coordinatorBrowser(t, w)
		newEvent := fmt.Sprintf("/manage/organizations/%d/events/new", w.orgID)
		c.get(newEvent).must(t, 200).has(t, `<option value="draft" selected>`, "A shift with a role and no times takes the event").
			lacks(t, `<option value="published" selected>`, `value="cancelled"`)

		day := w.start.AddDate(0, 0, 3).Format("2006-01-02")
		form := url.Values{"direction": {"ecology"}, "title_ru": {"Посадка деревьев"}, "venue_ru": {"Парк"},
			"district": {"medeu"}, "starts_at": {day + "T09:00"}, "ends_at": {day + "T15:00"}, "status": {"draft"}, "min_age": {"0"},
			"shift1_role_ru": {"Весь день"}, "shift1_capacity": {"5"},
			// a row the server's proposal (or the script's) filled with the event's times is still blank
			"shift2_starts_at": {day + "T09:00"}, "shift2_ends_at": {day + "T15:00"}}

		// shown again after an error, the rows' empty times hold the event's
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("title_ru", "")
		c.post(newEvent, bad).must(t, 422).has(t, `id="f-title_kk-error"`,
			fmt.Sprintf(`id="f-shift3_starts_at" name="shift3_starts_at" type="datetime-local" value="%sT09:00"`, day)).
			lacks(t, `id="f-shift2_starts_at-error"`, `id="f-shift3_role_kk-error"`)

		p := c.post(newEvent, form).must(t, 303)
		var eventID int64
		fmt.Sscanf(p.location, "/manage/events/%d", &eventID)
		e, err := a.store.Event(context.Background(), eventID)
		if err != nil || len(e.Shifts) != 1 {
			t.Fatalf("the event stored: %+v %v", e, err)
		}
		if e.Status != domain.EventDraft {
			t.Fatalf("the event is %s, not a draft", e.Status)
		}
		sh := e.Shifts[0]
		if !sh.StartsAt.Equal(e.StartsAt) || !sh.EndsAt.Equal(e.EndsAt) || e.EndsAt.Sub(e.StartsAt) != 6*time.Hour {
			t.Fatalf("the shift without times runs %v–%v; the event %v–%v", sh.StartsAt, sh.EndsAt, e.StartsAt, e.EndsAt)
		}

		// a row with times of its own but no role is still refused beside its role
		other := url.Values{}
		for k, v := range form {
			other[k] = v
		}
		other.Set("shift3_starts_at", day+"T10:00")
		c.post(newEvent, other).must(t, 422).has(t, `id="f-shift3_role_kk-error"`)
	})
}
