package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The coordinator enters hours for a volunteer who was never checked in, from the check-in desk:
// bad input is a 422 naming the field in the page's language with nothing stored; a second entry
// corrects the pending first (a new entry referring to it); another organization's coordinator
// and a waitlisted signup are refused.
func TestHoursEntryPage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1) // a 2-hour shift: at most 2 h 30 min
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		waiting := a.register("Болат Серіков", "1999-09-09")
		sg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token}))
		waitSg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: waiting.token}))
		a.moveClockTo(w.start.Add(time.Hour)) // hours only once the shift has started
		entry := fmt.Sprintf("/manage/signups/%d/hours", sg)
		cb := a.browser("ru")
		cb.signIn(t, w.coord)
		desk := cb.get(fmt.Sprintf("/manage/shifts/%d/checkin", w.shiftID)).must(t, 200)
		if !strings.Contains(desk.body, `href="`+entry+`"`) {
			t.Fatalf("no link to the entry of hours on the desk: %s", desk.body)
		}
		p := cb.get(entry).must(t, 200)
		if !strings.Contains(p.body, "Максимум для этой смены: 2 ч 30 мин") || !strings.Contains(p.body, `name="hours"`) || !strings.Contains(p.body, vol.Name) {
			t.Fatalf("the entry page: %s", p.body)
		}
		claims := func() []domain.LedgerEntry {
			t.Helper()
			c, err := a.store.ShiftClaims(context.Background(), w.shiftID)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		for _, bad := range []struct {
			hours, minutes, field, text string
		}{
			{"", "", "hours", "Обязательное поле"},
			{"два", "", "hours", "Должно быть целым числом"},
			{"1", "1.5", "minutes", "Должно быть целым числом"},
			{"-1", "", "hours", "Часы не могут быть меньше нуля"},
			{"1", "75", "minutes", "От 0 до 59"},
			{"2", "31", "hours", "Для этой смены не больше 2 ч 30 мин"},
			{"99999999999999999999999", "", "hours", "Для этой смены не больше 2 ч 30 мин"},
			{"-99999999999999999999999", "", "hours", "Часы не могут быть меньше нуля"},
		} {
			r := cb.post(entry, url.Values{"hours": {bad.hours}, "minutes": {bad.minutes}})
			if r.status != 422 || !strings.Contains(r.body, bad.text) || !strings.Contains(r.body, `id="f-`+bad.field+`-error"`) || !strings.Contains(r.body, `value="`+bad.hours+`"`) {
				t.Errorf("%q h %q min: %d, want 422 with %q on %s: %s", bad.hours, bad.minutes, r.status, bad.text, bad.field, r.body)
			}
		}
		if c := claims(); len(c) != 0 {
			t.Fatalf("a refused entry stored %+v", c)
		}
		done := cb.post(entry, url.Values{"hours": {"1"}, "minutes": {"45"}}).must(t, 303)
		if done.location != fmt.Sprintf("/manage/shifts/%d/checkin?done=hours&signup=%d", w.shiftID, sg) {
			t.Fatalf("back to %q", done.location)
		}
		if back := cb.get(done.location).must(t, 200); !strings.Contains(back.body, "Часы для "+vol.Name+" сохранены: 1 ч 45 мин") {
			t.Errorf("no notice: %s", back.body)
		}
		first := claims()
		if len(first) != 1 || first[0].Minutes != 105 || first[0].Kind != domain.LedgerEntered || first[0].RefersTo != 0 || first[0].ActorID != w.coord.ID {
			t.Fatalf("the entry: %+v", first)
		}
		// the second entry corrects the first, which is pending
		if p := cb.get(entry).must(t, 200); !strings.Contains(p.body, "исправят запись 1 ч 45 мин") {
			t.Errorf("the page does not say it corrects: %s", p.body)
		}
		cb.post(entry, url.Values{"hours": {"2"}, "minutes": {""}}).must(t, 303)
		both := claims()
		if len(both) != 2 || both[0].Status != domain.ClaimSuperseded || both[1].RefersTo != first[0].ID || both[1].Minutes != 120 || both[1].Status != domain.ClaimPending {
			t.Fatalf("the correction: %+v", both)
		}
		log, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "hours.enter", Limit: 10})
		if err != nil || len(log) != 2 || log[0].ActorID != w.coord.ID {
			t.Errorf("audit: %+v %v", log, err)
		}
		// a waitlisted signup has no hours; another organization's coordinator is refused; a bad id is 404
		cb.get(fmt.Sprintf("/manage/signups/%d/hours", waitSg)).must(t, 404)
		cb.post(fmt.Sprintf("/manage/signups/%d/hours", waitSg), url.Values{"hours": {"1"}}).must(t, 404)
		cb.get("/manage/signups/abc/hours").must(t, 404)
		other := a.world(1)
		ob := a.browser("en")
		ob.signIn(t, other.coord)
		ob.get(entry).must(t, 403)
		ob.post(entry, url.Values{"hours": {"1"}}).must(t, 403)
		if c := claims(); len(c) != 2 {
			t.Errorf("a refused request stored %+v", c)
		}
	})
}

// A coordinator's decision on the pages writes the volunteer's mail to the outbox: a rejection
// with its reason, the approval of a shift's hours with them.
func TestHoursDecidedMailFromThePages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		ctx := context.Background()
		var claims []int64
		var people []person
		var signups []int64
		for _, name := range []string{"Айгерім Нұрланова", "Болат Серіков"} {
			p := a.register(name, "2000-01-01")
			signups = append(signups, id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})))
			people = append(people, p)
		}
		a.moveClockTo(w.start.Add(time.Hour)) // hours only once the shift has started
		for i, sg := range signups {
			c, err := a.store.EnterHours(ctx, w.coord.ID, sg, 60+i*30, 0)
			if err != nil {
				t.Fatal(err)
			}
			claims = append(claims, c)
		}
		cb := a.browser("en")
		cb.signIn(t, w.coord)
		cb.post(fmt.Sprintf("/manage/hours/%d", claims[0]), url.Values{"decision": {"rejected"}, "reason": {"Келмеді"}}).must(t, 303)
		if m := a.lastMailOf(people[0].ID); m.Kind != domain.MailHoursDecided || m.Params["reason"] != "Келмеді" || m.ParamKeys["outcome"] != "mail.hours_decided.rejected" {
			t.Errorf("the rejection's mail: %+v", m)
		}
		cb.post(fmt.Sprintf("/manage/shifts/%d/hours/approve", w.shiftID), url.Values{}).must(t, 303)
		if m := a.lastMailOf(people[1].ID); m.Kind != domain.MailHoursDecided || m.Params["h"] != "1" || m.Params["m"] != "30" || m.ParamKeys["outcome"] != "mail.hours_decided.approved" {
			t.Errorf("the approval's mail: %+v", m)
		}
		if m := a.lastMailOf(people[0].ID); m.ParamKeys["outcome"] != "mail.hours_decided.rejected" {
			t.Errorf("the rejected volunteer was mailed again: %+v", m)
		}
	})
}

// The volunteer's data download holds their check-ins and every entry of their hours ledger,
// on the page and in the JSON; another volunteer's holds none of them.
func TestMyDataHasCheckinsAndLedger(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		other := a.register("Болат Серіков", "1999-09-09")
		ctx := context.Background()
		sg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token}))
		code, _, err := a.store.CheckinPass(ctx, vol.ID, sg)
		if err != nil {
			t.Fatal(err)
		}
		a.moveClockTo(w.start)
		if _, err := a.store.CheckIn(ctx, w.coord.ID, w.shiftID, store.CheckinCredential{Code: code}); err != nil {
			t.Fatal(err)
		}
		a.moveClockTo(w.start.Add(time.Hour))
		if _, err := a.store.CheckOut(ctx, w.coord.ID, w.shiftID, store.CheckinCredential{Code: code}); err != nil {
			t.Fatal(err)
		}
		claims, err := a.store.ShiftClaims(ctx, w.shiftID)
		if err != nil || len(claims) != 1 {
			t.Fatalf("claims: %+v %v", claims, err)
		}
		if err := a.store.RejectHours(ctx, w.coord.ID, claims[0].ID, "Қате уақыт"); err != nil {
			t.Fatal(err)
		}
		a.moveClockTo(time.Now())
		b := a.browser("en")
		b.signIn(t, vol)
		in := w.start.In(domain.Almaty()).Format("15:04")
		out := w.start.Add(time.Hour).In(domain.Almaty()).Format("15:04")
		b.get("/me/data").must(t, 200).has(t, "Check-ins (1)", "“Spring clean-up”", "in "+in+", out "+out,
			"Hours ledger entries (2)", "claim from check-in: 1 h 0 min", "rejected: 1 h 0 min", "Қате уақыт")
		p := b.get("/me/data.json").must(t, 200)
		var d struct {
			Checkins []map[string]any `json:"checkins"`
			Ledger   []map[string]any `json:"hours_ledger"`
		}
		if err := json.Unmarshal([]byte(p.body), &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Checkins) != 1 || d.Checkins[0]["code"] != code || d.Checkins[0]["checked_in_at"] == nil || d.Checkins[0]["checked_out_at"] == nil {
			t.Errorf("check-ins: %v", d.Checkins)
		}
		if len(d.Ledger) != 2 || d.Ledger[0]["kind"] != "checkin" || d.Ledger[0]["minutes"] != float64(60) || d.Ledger[1]["kind"] != "rejected" ||
			d.Ledger[1]["reason"] != "Қате уақыт" || d.Ledger[1]["refers_to"] != float64(claims[0].ID) {
			t.Errorf("ledger: %v", d.Ledger)
		}
		ob := a.browser("en")
		ob.signIn(t, other)
		ob.get("/me/data").must(t, 200).has(t, "Check-ins (0)", "Hours ledger entries (0)").lacks(t, "Қате уақыт")
		if body := ob.get("/me/data.json").must(t, 200).body; !strings.Contains(body, `"checkins":[]`) || !strings.Contains(body, `"hours_ledger":[]`) {
			t.Errorf("another's data: %s", body)
		}
	})
}

// The check-in desk offers camera scanning to browsers that can (its texts in the page's
// language, hidden until scan.js finds a camera and a QR detector), and the form takes the QR's
// token as the script sends it: the volunteer is checked in; a forged token is a 422 beside the
// code, nothing changed.
func TestCheckinByScannedToken(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		sg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token}))
		_, token, err := a.store.CheckinPass(context.Background(), vol.ID, sg)
		if err != nil {
			t.Fatal(err)
		}
		a.moveClockTo(w.start) // the desk opens half an hour before the shift
		cb := a.browser("kk")
		cb.signIn(t, w.coord)
		desk := fmt.Sprintf("/manage/shifts/%d/checkin", w.shiftID)
		page := cb.get(desk).must(t, 200).has(t, `<div id="scan" class="scan narrow" hidden data-form="checkin-form"`, `data-failed="Камера ашылмады. Кодты қолмен теріңіз."`,
			">Камерамен сканерлеу</button>", `<input type="hidden" name="token" value="">`)
		m := regexp.MustCompile(`<script src="(/static/scan\.[0-9a-f]{12}\.js)" defer></script>`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("no content-hashed scan.js on the desk: %s", page.body)
		}
		script := m[1]
		js := cb.get(script).must(t, 200)
		if !strings.Contains(js.header.Get("Content-Type"), "javascript") || !strings.Contains(js.body, "BarcodeDetector") || strings.ContainsAny(js.body, "ӘәҚқҰұ") {
			t.Errorf("scan.js: %v", js.header)
		}
		cb.post(desk, url.Values{"code": {""}, "token": {"forged-" + token}, "action": {"in"}}).must(t, 422).has(t, `id="f-code-error"`)
		if c, _ := a.store.Checkins(context.Background(), w.shiftID); len(c) != 1 || !c[0].CheckedInAt.IsZero() {
			t.Fatalf("a forged token checked in: %+v", c)
		}
		done := cb.post(desk, url.Values{"code": {""}, "token": {token}, "action": {"in"}}).must(t, 303)
		if done.location != fmt.Sprintf("%s?done=in&signup=%d", desk, sg) {
			t.Fatalf("back to %q", done.location)
		}
		if c, _ := a.store.Checkins(context.Background(), w.shiftID); len(c) != 1 || c[0].CheckedInAt.IsZero() {
			t.Fatalf("not checked in: %+v", c)
		}
	})
}

// FuzzHoursEntry: the form's hours and minutes never panic; what is taken is a whole number of
// hours from 0 and minutes from 0 to 59 (a total that cannot overflow); what is refused is an
// invalid error naming only the hours or the minutes.
func FuzzHoursEntry(f *testing.F) {
	for _, c := range [][2]string{{"1", "30"}, {"", ""}, {"0", ""}, {"+2", "05"}, {"-1", "0"}, {"1", "60"}, {"1.5", ""}, {"два", "x"},
		{"99999999999999999999999", ""}, {"-99999999999999999999999", "-1"}, {" 3 ", " 7 "}, {"0x10", ""}, {"٣", ""}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, hours, minutes string) {
		fm := newForm(url.Values{"hours": {hours}, "minutes": {minutes}})
		total, err := parseHoursEntry(fm)
		if err == nil {
			h, m := strings.TrimSpace(hours), strings.TrimSpace(minutes)
			if total < 0 || total > (1<<20)*60+59 || h == "" {
				t.Fatalf("%q h %q min taken as %d", hours, minutes, total)
			}
			if m != "" {
				if n, e := strconv.Atoi(strings.TrimPrefix(m, "+")); e != nil || n != total%60 {
					t.Fatalf("%q min taken as %d of %d", minutes, total%60, total)
				}
			}
			return
		}
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.Invalid || len(de.Fields) == 0 {
			t.Fatalf("%q h %q min: %v", hours, minutes, err)
		}
		for _, fe := range de.Fields {
			if fe.Field != "hours" && fe.Field != "minutes" {
				t.Fatalf("%q h %q min: an error on %q", hours, minutes, fe.Field)
			}
		}
	})
}
