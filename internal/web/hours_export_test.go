package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"erikti/internal/store"
)

// hoursWorld is a shift with two volunteers whose hours a coordinator entered: 90 minutes
// approved for the first, 60 rejected for the second with a reason that looks like a formula.
func hoursWorld(t *testing.T, a *app) (world, person, person) {
	t.Helper()
	w := a.world(3)
	first := a.register("Әлия Ғұмарова", "1995-04-05")
	second := a.register("Үміт Қайратқызы", "1998-06-07")
	ctx := context.Background()
	var claims []int64
	var signups []int64
	for _, p := range []person{first, second} {
		signups = append(signups, id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})))
	}
	a.moveClockTo(w.start.Add(time.Hour)) // hours only once the shift has started
	for i, sg := range signups {
		c, err := a.store.EnterHours(ctx, w.coord.ID, sg, 90-30*i, 0)
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, c)
	}
	if err := a.store.ApproveHours(ctx, w.coord.ID, claims[0]); err != nil {
		t.Fatal(err)
	}
	if err := a.store.RejectHours(ctx, w.coord.ID, claims[1], "=Келмеді"); err != nil {
		t.Fatal(err)
	}
	return w, first, second
}

// An organization's hours and the city's, as CSV and XLSX: every claim with its status, minutes
// and hours, in the reader's language; no address; audit-logged.
func TestHoursExport(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w, first, second := hoursWorld(t, a)
		b := a.browser("kk")
		b.signIn(t, w.coord)
		rows := readCSV(t, b.get(fmt.Sprintf("/manage/organizations/%d/hours.csv", w.orgID)))
		head := "Іс-шара|Бағыт|Ауысымның басталуы|Ұйым|Ерікті|Қайдан|Минут|Сағат|Күйі|Жазылған уақыты|Шешім уақыты|Себебі"
		if len(rows) != 3 || strings.Join(rows[0], "|") != head {
			t.Fatalf("%d rows: %q", len(rows), rows)
		}
		want := [][]string{
			{"Көктемгі сенбілік", "Экология", exportTime(w.start), "Жасыл Алматы", first.Name, "Үйлестіруші енгізді", "90", "1.5", "Бекітілді"},
			{"Көктемгі сенбілік", "Экология", exportTime(w.start), "Жасыл Алматы", second.Name, "Үйлестіруші енгізді", "60", "1", "Қабылданбады"},
		}
		for i, wr := range want {
			got := rows[i+1]
			if strings.Join(got[:9], "|") != strings.Join(wr, "|") || got[9] == "" || got[10] == "" {
				t.Errorf("row %d:\n got %q\nwant %q", i+1, got, wr)
			}
		}
		if rows[2][11] != "'=Келмеді" || rows[1][11] != "" {
			t.Errorf("the reasons (neutralized): %q %q", rows[1][11], rows[2][11])
		}
		if strings.Contains(fmt.Sprint(rows), "@example.kz") {
			t.Errorf("an address in the hours export: %q", rows)
		}
		// The API in English as XLSX: hours are numbers.
		x := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export?format=xlsx", w.orgID), token: w.coord.token,
			header: map[string]string{"Accept-Language": "en"}})
		if x.status != 200 || !strings.Contains(x.header.Get("Content-Disposition"), fmt.Sprintf(`hours-organization-%d.xlsx`, w.orgID)) {
			t.Fatalf("xlsx: %d %v", x.status, x.header)
		}
		f, err := excelize.OpenReader(strings.NewReader(string(x.raw)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		xr, err := f.GetRows("erikti")
		if err != nil || len(xr) != 3 || xr[0][7] != "Hours" || xr[1][7] != "1.5" || xr[1][8] != "Approved" || xr[2][11] != "=Келмеді" {
			t.Fatalf("excelize reads %q %v", xr, err)
		}
		if typ, _ := f.GetCellType("erikti", "H2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("H2 is of type %v, not a number", typ)
		}
		// The city's, for the Front Office, in Russian, on the page and the API.
		fo := a.browser("ru")
		fo.signIn(t, w.fo)
		city := readCSV(t, fo.get("/office/hours.csv"))
		if len(city) != 3 || city[0][0] != "Мероприятие" || city[1][8] != "Подтверждено" || city[2][11] != "'=Келмеді" {
			t.Errorf("the city's hours: %q", city)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/hours/export", token: w.fo.token}); r.status != 200 || !strings.Contains(string(r.raw), first.Name) {
			t.Errorf("the city's hours by API: %d", r.status)
		}
		log, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "export.hours", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 4 || log[3].ActorID != w.coord.ID || log[3].Entity != "organization" || log[0].Entity != "city" || log[0].ActorID != w.fo.ID {
			t.Errorf("audit: %+v", log)
		}
	})
}

// Another organization's coordinator gets nothing; a coordinator is not the Front Office; a bad
// format is a 422 naming the field, in the reader's language.
func TestHoursExportAccess(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w, first, _ := hoursWorld(t, a)
		other := a.world(1)
		b := a.browser("en")
		b.signIn(t, other.coord)
		for _, path := range []string{fmt.Sprintf("/manage/organizations/%d/hours.csv", w.orgID), fmt.Sprintf("/manage/organizations/%d/hours.xlsx", w.orgID), "/office/hours.csv"} {
			if p := b.get(path); p.status != 403 || strings.Contains(p.body, first.Name) {
				t.Errorf("%s: %d for another organization's coordinator", path, p.status)
			}
		}
		if r := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export", w.orgID), token: other.coord.token}); r.status != 403 {
			t.Errorf("another organization's token: %d", r.status)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/hours/export?format=xlsx", token: w.coord.token}); r.status != 403 {
			t.Errorf("the city for a coordinator: %d", r.status)
		}
		bad := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export?format=ods", w.orgID), token: w.coord.token,
			header: map[string]string{"Accept-Language": "kk"}})
		if bad.status != 422 || !strings.Contains(string(bad.raw), `"field":"format"`) || !strings.Contains(bad.header.Get("Content-Type"), "problem+json") {
			t.Errorf("a bad format: %d %s", bad.status, bad.raw)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/organizations/999999/hours/export", token: w.coord.token}); r.status != 404 {
			t.Errorf("no such organization: %d %s", r.status, r.raw)
		}
		// the links, on the organization's page and the office's
		cb := a.browser("ru")
		cb.signIn(t, w.coord)
		if p := cb.get(fmt.Sprintf("/manage/organizations/%d", w.orgID)); !strings.Contains(p.body, fmt.Sprintf(`href="/manage/organizations/%d/hours.xlsx"`, w.orgID)) || !strings.Contains(p.body, "Все часы организации") {
			t.Errorf("no link to the organization's hours")
		}
		fo := a.browser("en")
		fo.signIn(t, w.fo)
		if p := fo.get("/office"); !strings.Contains(p.body, `href="/office/hours.csv"`) {
			t.Errorf("no link to the city's hours")
		}
	})
}
