package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"erikti/internal/store"
)

// exportWorld is a shift of one place with a confirmed volunteer whose name begins with "=" and
// a waitlisted one whose name begins with "@": Kazakh letters and formula-looking cells both.
func exportWorld(t *testing.T, a *app) (world, person, person) {
	t.Helper()
	w := a.world(1)
	first := a.register("=Әлия+Ғұмар", "1995-04-05")
	second := a.register("@Үміт Қайратқызы-Ңө", "1998-06-07")
	for _, p := range []person{first, second} {
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: p.token})
	}
	return w, first, second
}

// readCSV parses an export back with encoding/csv, after checking the byte order mark and CRLF.
func readCSV(t *testing.T, p page) [][]string {
	t.Helper()
	if p.status != 200 || !strings.HasPrefix(p.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q: %s", p.status, p.header.Get("Content-Type"), p.body)
	}
	if !strings.HasPrefix(p.header.Get("Content-Disposition"), "attachment; filename=") || p.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("headers: %v", p.header)
	}
	body, ok := strings.CutPrefix(p.body, "\uFEFF")
	if !ok || !strings.Contains(body, "\r\n") {
		t.Fatalf("no byte order mark or no CRLF: %q", p.body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180: %v: %q", err, body)
	}
	return rows
}

func TestRosterExportCSV(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w, first, second := exportWorld(t, a)
		b := a.browser("kk")
		b.signIn(t, w.coord)
		rows := readCSV(t, b.get(fmt.Sprintf("/manage/shifts/%d/roster.csv", w.shiftID)))
		want := [][]string{
			{"Іс-шара", "Ауысымдағы рөл", "Ауысымның басталуы", "Ұйым", "Ерікті", "Электрондық пошта", "Күйі", "Кезектегі орны", "Жазылған уақыты"},
			{"Көктемгі сенбілік", "Көмекші", exportTime(w.start), "Жасыл Алматы", "'=Әлия+Ғұмар", first.Email, "Орын расталды", ""},
			{"Көктемгі сенбілік", "Көмекші", exportTime(w.start), "Жасыл Алматы", "'@Үміт Қайратқызы-Ңө", second.Email, "Күту тізімінде", "1"},
		}
		if len(rows) != len(want) {
			t.Fatalf("%d rows, want %d: %q", len(rows), len(want), rows)
		}
		for i := range want {
			got := rows[i]
			if i > 0 {
				got = got[:len(got)-1] // the time of signing up, checked below
			}
			if strings.Join(got, "|") != strings.Join(want[i], "|") {
				t.Errorf("row %d:\n got %q\nwant %q", i, got, want[i])
			}
		}
		// The event's roster in Russian holds the same people; the organization's signups carry
		// no email addresses.
		ru := a.browser("ru")
		ru.signIn(t, w.coord)
		ev := readCSV(t, ru.get(fmt.Sprintf("/manage/events/%d/roster.csv", w.eventID)))
		if len(ev) != 3 || ev[0][0] != "Мероприятие" || ev[1][0] != "Весенний субботник" || ev[1][5] != first.Email {
			t.Errorf("event roster: %q", ev)
		}
		org := readCSV(t, b.get(fmt.Sprintf("/manage/organizations/%d/signups.csv", w.orgID)))
		if len(org) != 3 || len(org[0]) != 8 || strings.Contains(fmt.Sprint(org), "@example.kz") {
			t.Errorf("organization's signups: %q", org)
		}
		log, err := a.store.AuditLog(context.Background(), store.AuditFilter{Action: "export.", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 3 || log[0].Action != "export.signups" || log[0].ActorID != w.coord.ID || log[2].Entity != "shift" {
			t.Errorf("audit: %+v", log)
		}
	})
}

func TestRosterExportXLSX(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w, first, _ := exportWorld(t, a)
		b := a.browser("kk")
		b.signIn(t, w.coord)
		p := b.get(fmt.Sprintf("/manage/shifts/%d/roster.xlsx", w.shiftID))
		if p.status != 200 || p.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			!strings.Contains(p.header.Get("Content-Disposition"), `.xlsx"`) || p.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("status %d, headers %v", p.status, p.header)
		}
		f, err := excelize.OpenReader(strings.NewReader(p.body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("erikti")
		if err != nil {
			t.Fatal(err)
		}
		// In a workbook the cells are typed text, never formulas: kept letter for letter.
		if len(rows) != 3 || rows[0][4] != "Ерікті" || rows[1][4] != "=Әлия+Ғұмар" || rows[1][5] != first.Email || rows[2][7] != "1" {
			t.Fatalf("excelize reads %q", rows)
		}
		if formula, _ := f.GetCellFormula("erikti", "E2"); formula != "" {
			t.Errorf("E2 is a formula: %q", formula)
		}
		// A second, independent reader: openpyxl, the library most Python tools read XLSX with.
		py := openpyxl(t)
		file := filepath.Join(t.TempDir(), "roster.xlsx")
		if err := os.WriteFile(file, []byte(p.body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(py, "-c", `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["erikti"]
print(json.dumps([[c.value for c in row] for row in ws.iter_rows()], ensure_ascii=False))`, file).CombinedOutput()
		if err != nil {
			t.Fatalf("openpyxl: %v: %s", err, out)
		}
		var got [][]any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("openpyxl: %v: %s", err, out)
		}
		if len(got) != 3 || got[0][0] != "Іс-шара" || got[1][4] != "=Әлия+Ғұмар" || got[2][4] != "@Үміт Қайратқызы-Ңө" || got[2][7] != float64(1) {
			t.Fatalf("openpyxl reads %q", got)
		}
	})
}

// openpyxl is a Python that can import openpyxl (Debian's python3-openpyxl, installed by
// scripts/setup-browser.sh); without one the test is skipped, unless ERIKTI_REQUIRE_BROWSER is set.
func openpyxl(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import openpyxl").Run() == nil {
			return py
		}
	}
	if os.Getenv("ERIKTI_REQUIRE_BROWSER") != "" {
		t.Fatal("python3-openpyxl is missing: run scripts/setup-browser.sh")
	}
	t.Skip("python3-openpyxl is missing: run scripts/setup-browser.sh")
	return ""
}

func TestExportAccess(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w, _, _ := exportWorld(t, a)
		other := a.world(1) // another organization, its coordinator enrolled too
		b := a.browser("en")
		b.signIn(t, other.coord)
		for _, path := range []string{
			fmt.Sprintf("/manage/shifts/%d/roster.csv", w.shiftID),
			fmt.Sprintf("/manage/events/%d/roster.xlsx", w.eventID),
			fmt.Sprintf("/manage/organizations/%d/signups.csv", w.orgID),
			"/office/signups.csv",
		} {
			if p := b.get(path); p.status != 403 || strings.Contains(p.body, "Әлия") {
				t.Errorf("%s: %d for another organization's coordinator", path, p.status)
			}
		}
		if p := b.get("/manage/shifts/abc/roster.csv"); p.status != 404 {
			t.Errorf("a bad id: %d", p.status)
		}
		// The API: another organization's token, a bad format, a bad id; the city for the Front Office only.
		if r := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster/export", w.shiftID), token: other.coord.token}); r.status != 403 {
			t.Errorf("another organization's token: %d %s", r.status, r.raw)
		}
		bad := a.do(req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster/export?format=pdf", w.shiftID), token: w.coord.token, header: map[string]string{"Accept-Language": "ru"}})
		if bad.status != 422 || !bytes.Contains(bad.raw, []byte(`"field":"format"`)) || !strings.Contains(string(bad.raw), "Выберите csv или xlsx") {
			t.Errorf("a bad format: %d %s", bad.status, bad.raw)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/events/abc/roster/export", token: w.coord.token}); r.status != 422 || !bytes.Contains(r.raw, []byte(`"field":"id"`)) {
			t.Errorf("a bad id: %d %s", r.status, r.raw)
		}
		if r := a.do(req{method: "GET", path: "/api/v1/signups/export", token: w.coord.token}); r.status != 403 {
			t.Errorf("the city for a coordinator: %d", r.status)
		}
		fo := a.browser("kk")
		fo.signIn(t, w.fo)
		city := readCSV(t, fo.get("/office/signups.csv"))
		if len(city) != 3 || strings.Contains(fmt.Sprint(city), "@example.kz") {
			t.Errorf("the city's signups: %q", city)
		}
	})
}

func TestExportLinks(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		b := a.browser("ru")
		b.signIn(t, w.coord)
		for page, link := range map[string]string{
			fmt.Sprintf("/manage/shifts/%d/roster", w.shiftID): fmt.Sprintf("/manage/shifts/%d/roster.xlsx", w.shiftID),
			fmt.Sprintf("/manage/events/%d", w.eventID):        fmt.Sprintf("/manage/events/%d/roster.csv", w.eventID),
			fmt.Sprintf("/manage/organizations/%d", w.orgID):   fmt.Sprintf("/manage/organizations/%d/signups.xlsx", w.orgID),
		} {
			if p := b.get(page); p.status != 200 || !strings.Contains(p.body, `href="`+link+`"`) || !strings.Contains(p.body, "файлом") {
				t.Errorf("%s: %d, no link to %s", page, p.status, link)
			}
		}
		fo := a.browser("en")
		fo.signIn(t, w.fo)
		if p := fo.get("/office"); p.status != 200 || !strings.Contains(p.body, `href="/office/signups.csv"`) {
			t.Errorf("/office: %d, no link to the city's signups", p.status)
		}
	})
}
