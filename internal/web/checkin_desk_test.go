package web

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The desk on a phone: every confirmed volunteer listed with their state and counts, found by name
// (?q=, cut at deskQueryMax), checked in by a tap, the tap undone by its coordinator within the
// window and not after; malformed and unknown signups refused; volunteers and another organization's
// coordinator kept out.
func TestCheckinDesk(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		other := a.register("Болат Серіков", "1999-09-09")
		var signups []int64
		for _, p := range []person{vol, other} {
			signups = append(signups, id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})))
		}
		outsider := a.register("Басқа үйлестіруші", "1990-01-01")
		a.must(201, req{method: "POST", path: "/api/v1/organizations", token: outsider.token, body: map[string]any{"name": map[string]string{"kk": "Ұйым Y"}}})
		a.enrol(&outsider)

		a.moveClockTo(w.start.Add(-20 * time.Minute))
		cb := a.coordinatorBrowser(t, w)
		desk := fmt.Sprintf("/manage/shifts/%d/checkin", w.shiftID)
		row := func(body string, signup int64) string {
			m := regexp.MustCompile(fmt.Sprintf(`(?s)<li id="p-%d"[^>]*>.*?</li>`, signup)).FindString(body)
			if m == "" {
				t.Fatalf("no row of signup %d: %s", signup, body)
			}
			return m
		}
		page := cb.get(desk).must(t, 200)
		for i, name := range []string{"Айгерім Нұрланова", "Болат Серіков"} {
			r := row(page.body, signups[i])
			if !strings.Contains(r, name) || !strings.Contains(r, `class="state-waiting"`) || !strings.Contains(r, "Not yet") ||
				!strings.Contains(r, fmt.Sprintf(`name="signup_id" value="%d"`, signups[i])) || strings.Contains(r, " hidden") {
				t.Fatalf("row %d: %s", i, r)
			}
		}
		if !regexp.MustCompile(`<span class="figure">2</span> Not yet`).MatchString(page.body) {
			t.Fatalf("the counts: %s", page.body)
		}
		// the search hides who it does not find, whatever the case; the count stays the shift's
		found := cb.get(desk+"?q="+url.QueryEscape("БОЛАТ")).must(t, 200)
		if !strings.Contains(row(found.body, signups[0]), " hidden") || strings.Contains(row(found.body, signups[1]), " hidden") ||
			!strings.Contains(found.body, "Found: 1") || !strings.Contains(found.body, `<span class="figure">2</span> Not yet`) {
			t.Fatalf("the search: %s", found.body)
		}
		long := cb.get(desk+"?q="+strings.Repeat("ә", 300)).must(t, 200)
		if !strings.Contains(long.body, `value="`+strings.Repeat("ә", deskQueryMax)+`"`) || strings.Contains(long.body, strings.Repeat("ә", deskQueryMax+1)) {
			t.Fatalf("a long search is not cut at %d: %.300s", deskQueryMax, long.body)
		}

		// kept out: a volunteer, another organization's coordinator
		vb := a.browser("en")
		vb.signIn(t, vol)
		ob := a.browser("en")
		ob.signIn(t, outsider)
		for _, b := range []*browser{vb, ob} {
			for _, st := range []int{b.get(desk).status, b.post(desk, url.Values{"signup_id": {fmt.Sprint(signups[0])}}).status,
				b.post(desk+"/undo", url.Values{"signup_id": {fmt.Sprint(signups[0])}}).status} {
				if st != 403 && st != 404 {
					t.Fatalf("someone not of the organization: %d", st)
				}
			}
		}
		for _, bad := range []string{"", "x", "-3", "99999999999999999999"} {
			if r := cb.post(desk, url.Values{"signup_id": {bad}}).must(t, 422); !strings.Contains(r.body, "Volunteer: ") {
				t.Fatalf("signup_id %q: %s", bad, r.body)
			}
		}
		if r := cb.post(desk, url.Values{"signup_id": {"99999"}}).must(t, 422); !strings.Contains(r.body, "This person is not a confirmed volunteer of this shift") {
			t.Fatalf("an unknown signup: %s", r.body)
		}

		// a tap, then its Undo
		tap := cb.post(desk, url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 303)
		if !strings.HasSuffix(tap.location, "#done") {
			t.Fatalf("the tap leads to %s", tap.location)
		}
		after := cb.get(tap.location).must(t, 200)
		if !strings.Contains(after.body, "Айгерім Нұрланова is checked in.") || !strings.Contains(after.body, `action="`+desk+`/undo"`) ||
			!strings.Contains(row(after.body, signups[0]), "In since ") || !strings.Contains(row(after.body, signups[0]), `class="state-in"`) ||
			strings.Contains(row(after.body, signups[0]), `name="signup_id"`) || !strings.Contains(after.body, `<span class="figure">1</span> In`) {
			t.Fatalf("after the tap: %s", after.body)
		}
		cb.post(desk, url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 409)
		cb.post(desk+"/undo", url.Values{"signup_id": {fmt.Sprint(signups[1])}}).must(t, 409) // never checked in
		cb.post(desk+"/undo", url.Values{"signup_id": {"99999"}}).must(t, 404)
		cb.post(desk+"/undo", url.Values{"signup_id": {"x"}}).must(t, 422)
		undone := cb.post(desk+"/undo", url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 303)
		if back := cb.get(undone.location).must(t, 200); !strings.Contains(back.body, "The check-in of Айгерім Нұрланова is undone.") ||
			!strings.Contains(row(back.body, signups[0]), `class="state-waiting"`) {
			t.Fatalf("after the undo: %s", back.body)
		}
		if again := cb.post(desk+"/undo", url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 409); !strings.Contains(again.body, "This volunteer has not been checked in") {
			t.Fatalf("a second undo: %s", again.body)
		}
		// too late: the Undo is gone from the page, and refused
		cb.post(desk, url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 303)
		a.moveClockTo(w.start.Add(-17 * time.Minute))
		cb.signIn(t, w.coord)
		if late := cb.get(fmt.Sprintf("%s?done=in&signup=%d", desk, signups[0])).must(t, 200); strings.Contains(late.body, `action="`+desk+`/undo"`) {
			t.Fatalf("an Undo offered after the window: %s", late.body)
		}
		if late := cb.post(desk+"/undo", url.Values{"signup_id": {fmt.Sprint(signups[0])}}).must(t, 409); !strings.Contains(late.body, "A check-in can be undone only within 2 minutes") {
			t.Fatalf("an undo after the window: %s", late.body)
		}
	})
}
