package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
)

// moveClockTo sets the server's clock to t (the TOTP steps the harness takes still move it on).
func (a *app) moveClockTo(t time.Time) {
	a.clock.mu.Lock()
	a.clock.off = time.Until(t)
	a.clock.mu.Unlock()
}

// at runs fn with the server's clock at t, then puts the clock back as it was: for the hours of a
// shift ahead, which are entered and approved only once it has started.
func (a *app) at(t time.Time, fn func()) {
	a.clock.mu.Lock()
	was := a.clock.off
	a.clock.off = time.Until(t)
	a.clock.mu.Unlock()
	defer func() { a.clock.mu.Lock(); a.clock.off = was; a.clock.mu.Unlock() }()
	fn()
}

// The check-in desk: the volunteer's code and QR code, the coordinator checks them in once inside
// the window, out, and everyone still in; another organization's coordinator is refused; the
// volunteer sees the record on /me/shifts.
func TestCheckinPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		late := a.register("Болат Серіков", "1999-09-09")
		var signups []int64
		for _, p := range []person{vol, late} {
			signups = append(signups, id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})))
		}
		outsider := a.register("Басқа үйлестіруші", "1990-01-01")
		a.must(201, req{method: "POST", path: "/api/v1/organizations", token: outsider.token, body: map[string]any{"name": map[string]string{"kk": "Ұйым Y"}}})
		a.enrol(&outsider)

		vb := a.browser("en")
		vb.signIn(t, vol)
		passURL := fmt.Sprintf("/me/signups/%d/checkin", signups[0])
		if mine := vb.get("/me/shifts").must(t, 200); !strings.Contains(mine.body, `href="`+passURL+`"`) {
			t.Fatalf("no link to the check-in code: %s", mine.body)
		}
		pass := vb.get(passURL).must(t, 200)
		m := regexp.MustCompile(`<code>([` + domain.CheckinAlphabet + `]{7})</code>`).FindStringSubmatch(pass.body)
		if m == nil || pass.header.Get("Cache-Control") != "no-store" || !strings.Contains(pass.body, `src="`+passURL+`.png"`) {
			t.Fatalf("the pass page: %v %s", pass.header, pass.body)
		}
		code := m[1]
		qr := vb.get(passURL+".png").must(t, 200)
		if qr.header.Get("Content-Type") != "image/png" || qr.header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(qr.body, "\x89PNG") {
			t.Fatalf("the QR code: %v", qr.header)
		}
		lb := a.browser("en")
		lb.signIn(t, late)
		lb.get(passURL).must(t, 404) // someone else's
		lateCode := regexp.MustCompile(`<code>([A-Z0-9]{7})</code>`).FindStringSubmatch(lb.get(fmt.Sprintf("/me/signups/%d/checkin", signups[1])).must(t, 200).body)[1]

		cb := a.coordinatorBrowser(t, w)
		desk := fmt.Sprintf("/manage/shifts/%d/checkin", w.shiftID)
		if d := cb.get(desk).must(t, 200); !strings.Contains(d.body, "Айгерім Нұрланова") || !strings.Contains(d.body, `name="code"`) {
			t.Fatalf("the desk: %s", d.body)
		}
		if early := cb.post(desk, url.Values{"code": {code}, "action": {"in"}}).must(t, 422); !strings.Contains(early.body, "Check-in opens 30 minutes before the shift starts") {
			t.Fatalf("too early: %s", early.body)
		}
		a.moveClockTo(w.start.Add(-20 * time.Minute))
		ob := a.browser("en")
		ob.signIn(t, outsider)
		if st := ob.post(desk, url.Values{"code": {code}}).status; st != 404 && st != 403 {
			t.Fatalf("another organization's coordinator: %d", st)
		}
		cb.signIn(t, w.coord) // the clock moved past the session's life
		if bad := cb.post(desk, url.Values{"code": {"AAAAAAA"}}).must(t, 422); !strings.Contains(bad.body, "No confirmed volunteer of this shift has this code") {
			t.Fatalf("a forged code: %s", bad.body)
		}
		done := cb.post(desk, url.Values{"code": {strings.ToLower(code)}, "action": {"in"}}).must(t, 303)
		if n := cb.get(done.location).must(t, 200); !strings.Contains(n.body, "Айгерім Нұрланова is checked in.") {
			t.Fatalf("after the check-in: %s", n.body)
		}
		if again := cb.post(desk, url.Values{"code": {code}, "action": {"in"}}).must(t, 409); !strings.Contains(again.body, "This volunteer is checked in already") {
			t.Fatalf("a second check-in: %s", again.body)
		}
		cb.post(desk, url.Values{"code": {lateCode}, "action": {"out"}}).must(t, 409) // never checked in
		cb.post(desk, url.Values{"code": {lateCode}, "action": {"in"}}).must(t, 303)
		a.moveClockTo(w.start.Add(time.Minute)) // a check-out before the start would claim nothing
		cb.post(desk, url.Values{"code": {code}, "action": {"out"}}).must(t, 303)
		a.moveClockTo(w.start.Add(2*time.Hour + 25*time.Minute)) // the late one stayed 2 h 40 min or so
		cb.signIn(t, w.coord)
		all := cb.post(fmt.Sprintf("/manage/shifts/%d/checkout-all", w.shiftID), nil).must(t, 303)
		if n := cb.get(all.location).must(t, 200); !strings.Contains(n.body, "1 volunteer checked out.") {
			t.Fatalf("check out all: %s", n.body)
		}
		vb.signIn(t, vol)
		if mine := vb.get("/me/shifts").must(t, 200); !strings.Contains(mine.body, "Attended ") {
			t.Fatalf("my record: %s", mine.body)
		}
		// the book: the late-leaving volunteer's time are cut to the shift's 2 h and 30 min
		lb.signIn(t, late)
		if book := lb.get("/me/hours").must(t, 200); !strings.Contains(book.body, "No approved hours yet.") {
			t.Fatalf("a book before the approval: %s", book.body)
		}
		// the coordinator rejects the first volunteer's minute (a reason is required) and approves the rest
		claims, err := a.store.ShiftClaims(context.Background(), w.shiftID)
		if err != nil || len(claims) != 2 || claims[0].UserID != vol.ID {
			t.Fatalf("claims: %+v %v", claims, err)
		}
		cb.signIn(t, w.coord)
		if d := cb.get(desk).must(t, 200); !strings.Contains(d.body, fmt.Sprintf(`href="/manage/hours/%d"`, claims[0].ID)) || !strings.Contains(d.body, "Pending") {
			t.Fatalf("the desk's hours: %s", d.body)
		}
		decide := fmt.Sprintf("/manage/hours/%d", claims[0].ID)
		cb.get(decide).must(t, 200)
		if bad := cb.post(decide, url.Values{"decision": {"rejected"}, "reason": {" "}}).must(t, 422); !strings.Contains(bad.body, "Give the reason for the rejection") {
			t.Fatalf("a rejection without a reason: %s", bad.body)
		}
		cb.post(decide, url.Values{"decision": {"rejected"}, "reason": {"Бір минут қана болды"}}).must(t, 303)
		cb.post(decide, url.Values{"decision": {"approved"}}).must(t, 409)
		ob.signIn(t, outsider)
		if st := ob.get(fmt.Sprintf("/manage/hours/%d", claims[1].ID)).status; st != 403 && st != 404 {
			t.Fatalf("another organization's coordinator sees the claim: %d", st)
		}
		cb.post(fmt.Sprintf("/manage/shifts/%d/hours/approve", w.shiftID), nil).must(t, 303)
		if d := cb.get(desk).must(t, 200); !strings.Contains(d.body, "Approved") || !strings.Contains(d.body, "Rejected") {
			t.Fatalf("the desk after the decisions: %s", d.body)
		}
		book := lb.get("/me/hours").must(t, 200)
		if !strings.Contains(book.body, `<span class="figure figure-big">2 h 30 min</span> approved in all`) || !strings.Contains(book.body, fmt.Sprintf(`<th scope="row">%d</th>`, w.start.Year())) ||
			book.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("the book: %s", book.body)
		}
	})
}
