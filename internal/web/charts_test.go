package web

import (
	"context"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
)

// A bar is its count against its plan or target: full at or beyond it, nothing without one.
func TestBarWidth(t *testing.T) {
	for _, c := range []struct{ n, of, want int }{
		{0, 25, 0}, {1, 25, chartTrack / 25}, {25, 25, chartTrack}, {30, 25, chartTrack}, {3, 0, 0}, {-1, 5, 0},
	} {
		if got := barWidth(c.n, c.of); got != c.want {
			t.Errorf("barWidth(%d, %d) = %d, want %d", c.n, c.of, got, c.want)
		}
	}
}

// The home page's charts (issue 17): one bar per direction in its colour, as wide as its held
// events against its share of the plan, its numbers written beside it, and the table beside the
// chart holding the same numbers for a screen reader (the chart itself is aria-hidden); the
// flagship projects with a target as a bar of their count against it (full when it is reached),
// the others with their count; no <progress>, in kk, ru and en, on both engines.
func TestHomeCharts(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		reached := &domain.Project{Slug: "reached", Name: domain.Text{KK: "Жоба бір", RU: "Проект один", EN: "Project one"}, Target: 1}
		ahead := &domain.Project{Slug: "ahead", Name: domain.Text{KK: "Жоба екі", RU: "Проект два", EN: "Project two"}, Target: 4}
		open := &domain.Project{Slug: "open", Name: domain.Text{KK: "Жоба үш", RU: "Проект три", EN: "Project three"}}
		for _, p := range []*domain.Project{reached, ahead, open} {
			if err := a.store.CreateProject(ctx, 0, p); err != nil {
				t.Fatal(err)
			}
		}
		w := a.world(5) // an ecology event a week ahead
		event := func(direction string, project int64, start time.Time) {
			body := map[string]any{
				"direction": direction, "title": map[string]string{"kk": "Жарыс", "ru": "Забег", "en": "Run"},
				"venue": map[string]string{"kk": "Стадион"}, "district": "medeu", "status": "published",
				"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(4 * time.Hour).Format(time.RFC3339)}
			if project > 0 {
				body["project_id"] = project
			}
			a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID), token: w.coord.token, body: body})
		}
		event("sport", reached.ID, w.start)
		event("sport", ahead.ID, w.start)
		event("culture", open.ID, w.start)
		event("digital", 0, w.start.Add(48*time.Hour)) // in the programme, not held yet
		// five hours after they started, the events have been held
		a.clock.mu.Lock()
		a.clock.off += time.Until(w.start) + 5*time.Hour
		a.clock.mu.Unlock()
		held := map[string]int{"ecology": 1, "sport": 2, "culture": 1}
		planned := map[string]int{"ecology": 1, "sport": 2, "culture": 1, "digital": 1}
		if year := a.clock.now().In(domain.Almaty()).Year(); year != w.start.Year() {
			// the events fell in the last hours of the year before the home page's
			held, planned = map[string]int{}, map[string]int{}
			if w.start.Add(48*time.Hour).Year() == year {
				planned["digital"] = 1
			}
		}
		plan := domain.YearPlan()
		msgs, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		// msg is a project's text as the page writes it
		msg := func(lang, key string, n, target int) string {
			return template.HTMLEscapeString(msgs.T(lang, key, map[string]any{"n": n, "target": target}))
		}
		bar := regexp.MustCompile(`<g class="dir-([a-z]+)"[^>]*><text[^>]*>[^<]+</text><rect class="track" x="0" y="22" width="400" height="16"/><rect class="planned" x="0" y="22" width="([0-9]+)" height="16"/><rect class="held" x="0" y="22" width="([0-9]+)" height="16"/><text[^>]*>([0-9]+) / ([0-9]+)</text></g>`)
		row := regexp.MustCompile(`<a href="/programme\?direction=([a-z]+)">[^<]+</a></th><td>([0-9]+)</td><td>[0-9]+</td><td>([0-9]+)</td>`)
		project := regexp.MustCompile(`<p class="progress-text" id="progress-([0-9]+)">([^<]+)</p>\s*<svg class="bars project" aria-hidden="true"[^>]*><rect class="track"[^>]*/><rect class="held" x="0" y="0" width="([0-9]+)"`)
		for _, lang := range domain.Languages() {
			t.Run(lang, func(t *testing.T) {
				home := a.browser(lang).get("/").must(t, 200).lacks(t, "<progress")
				if !strings.Contains(home.body, `<svg class="bars" aria-hidden="true"`) {
					t.Fatal("no plan chart on the home page")
				}
				bars := bar.FindAllStringSubmatch(home.body, -1)
				if len(bars) != len(domain.Directions()) {
					t.Fatalf("%d bars in the plan chart, want one per direction (%d)", len(bars), len(domain.Directions()))
				}
				for _, b := range bars {
					dir, p := b[1], plan.ByDirection[b[1]]
					if want := strconv.Itoa(400 * held[dir] / p); b[3] != want || b[4] != strconv.Itoa(held[dir]) || b[5] != strconv.Itoa(p) {
						t.Errorf("%s: bar %s wide, labelled %s / %s; want %s wide, %d / %d", dir, b[3], b[4], b[5], want, held[dir], p)
					}
					if want := strconv.Itoa(400 * planned[dir] / p); b[2] != want {
						t.Errorf("%s: the programme's bar %s wide, want %s", dir, b[2], want)
					}
				}
				rows := row.FindAllStringSubmatch(home.body, -1)
				if len(rows) != len(domain.Directions()) {
					t.Fatalf("%d rows in the table beside the chart, want %d", len(rows), len(domain.Directions()))
				}
				for _, r := range rows {
					if r[2] != strconv.Itoa(plan.ByDirection[r[1]]) || r[3] != strconv.Itoa(held[r[1]]) {
						t.Errorf("%s: the table says plan %s, held %s; want %d, %d", r[1], r[2], r[3], plan.ByDirection[r[1]], held[r[1]])
					}
				}
				want := map[string]struct {
					width string
					text  string
				}{
					strconv.FormatInt(reached.ID, 10): {"400", msg(lang, "home.project_progress", 1, 1)},
					strconv.FormatInt(ahead.ID, 10):   {"100", msg(lang, "home.project_progress", 1, 4)},
				}
				ps := project.FindAllStringSubmatch(home.body, -1)
				if len(ps) != len(want) {
					t.Fatalf("%d project bars, want %d (the projects with a target)", len(ps), len(want))
				}
				for _, p := range ps {
					if w, ok := want[p[1]]; !ok || p[3] != w.width || p[2] != w.text {
						t.Errorf("project %s: bar %s wide, text %q; want %+v", p[1], p[3], p[2], w)
					}
				}
				home.has(t, `<p class="progress-text">`+msg(lang, "home.project_held", 1, 0)+`</p>`)
			})
		}
	})
}

// A cell of the plan's grid: held, then coming, then the missing rest of the share, filling its
// bar; over plan the bar is full of held and coming and nothing is missing; without a share or an
// event it is empty; a share with no event is all missing.
func TestLayCell(t *testing.T) {
	for _, c := range []struct {
		name                                    string
		share, held, coming                     int
		heldW, comingW, missingW, missing, over int
	}{
		{"nothing planned, nothing held", 0, 0, 0, 0, 0, 0, 0, 0},
		{"events without a share", 0, 1, 1, 30, 30, 0, 0, 2},
		{"an empty month", 3, 0, 0, 0, 0, 60, 3, 0},
		{"part held, part coming", 4, 1, 2, 15, 30, 15, 1, 0},
		{"the share met", 3, 2, 1, 40, 20, 0, 0, 0},
		{"over plan", 2, 3, 1, 45, 15, 0, 0, 2},
		{"all coming", 3, 0, 3, 0, 60, 0, 0, 0},
		{"a third", 3, 1, 0, 20, 0, 40, 2, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := layCell(100, 50, 72, 60, c.share, c.held, c.coming)
			if got.HeldW != c.heldW || got.ComingW != c.comingW || got.MissingW != c.missingW || got.Missing != c.missing || got.Over != c.over {
				t.Fatalf("%+v; want held %d, coming %d, missing %d wide, %d missing, %d over", got, c.heldW, c.comingW, c.missingW, c.missing, c.over)
			}
			if got.BarX != 106 || got.Mid != 136 || got.TextY != 72 || got.BarY != 80 {
				t.Fatalf("placed at %+v", got)
			}
			if got.ComingX != got.BarX+got.HeldW || (got.MissingW > 0 && got.MissingX+got.MissingW != got.BarX+got.BarW) {
				t.Fatalf("the parts do not follow each other: %+v", got)
			}
			if sum := got.HeldW + got.ComingW + got.MissingW; !got.Empty() && sum != 60 {
				t.Fatalf("the parts fill %d of the bar's 60", sum)
			}
			if got.Empty() != (c.share == 0 && c.held == 0 && c.coming == 0) {
				t.Fatalf("empty: %v", got.Empty())
			}
		})
	}
}

// The grid: a row per direction in their order, twelve months and the year, each month against its
// share of the plan (none before domain.PlanFrom) and the year against the direction's share.
func TestPlanGrid(t *testing.T) {
	plan := domain.Plan{Events: 10, ByDirection: map[string]int{"ecology": 10}}
	var c store.MonthCounts
	c.Held[0], c.Held[2], c.Coming[11] = 1, 2, 5 // January before the plan, March over it
	rows := planGrid(plan, map[string]store.MonthCounts{"ecology": c, "nowhere": {Held: [12]int{9}}}, func(code string) string { return "Name of " + code })
	if len(rows) != len(domain.Directions()) {
		t.Fatalf("%d rows, want %d", len(rows), len(domain.Directions()))
	}
	eco := rows[0]
	if eco.Direction != "ecology" || eco.Y != gridHead || rows[1].Y != gridHead+gridRow || len(eco.Cells) != 13 {
		t.Fatalf("the first row: %+v", eco)
	}
	if jan := eco.Cells[0]; jan.Share != 0 || jan.Held != 1 || jan.Over != 1 || jan.HeldW != gridBar {
		t.Errorf("January: %+v", jan)
	}
	if mar := eco.Cells[2]; mar.Share != 1 || mar.Held != 2 || mar.Over != 1 || mar.Missing != 0 {
		t.Errorf("March: %+v", mar)
	}
	if apr := eco.Cells[3]; apr.Share != 1 || apr.Missing != 1 || apr.MissingW != gridBar {
		t.Errorf("April: %+v", apr)
	}
	if dec := eco.Cells[11]; dec.Share != 1 || dec.Coming != 5 || dec.Over != 4 || dec.X != gridLabel+11*gridCell {
		t.Errorf("December: %+v", dec)
	}
	if year := eco.Cells[12]; year.Share != 10 || year.Held != 3 || year.Coming != 5 || year.Missing != 2 || year.X != gridLabel+12*gridCell || year.X+gridYear != gridWidth {
		t.Errorf("the year: %+v", year)
	}
	for _, r := range rows[1:] {
		for _, cell := range r.Cells {
			if !cell.Empty() {
				t.Errorf("%s without a plan or events: %+v", r.Direction, cell)
			}
		}
	}
	if len(eco.Label) != 1 || eco.Label[0].Text != "Name of ecology" || eco.Label[0].Y != gridHead+21 {
		t.Errorf("the label: %+v", eco.Label)
	}
}

// A direction's name breaks at spaces into lines of at most n letters, counted as letters (not
// bytes), a longer word on a line of its own.
func TestWrapLabel(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want []string
	}{
		{"Экология", 24, []string{"Экология"}},
		{"Тәлімгерлік және ұрпақтар диалогы", 24, []string{"Тәлімгерлік және", "ұрпақтар диалогы"}},
		{"Чрезвычайные ситуации и безопасность", 24, []string{"Чрезвычайные ситуации и", "безопасность"}},
		{"Ұзынсөзұзынсөз a", 5, []string{"Ұзынсөзұзынсөз", "a"}},
		{"  ", 5, nil},
	} {
		if got := wrapLabel(c.s, c.n); !slices.Equal(got, c.want) {
			t.Errorf("wrapLabel(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// The year by month: each month's approved and pending minutes against the busiest month; an
// empty year draws nothing.
func TestHoursByMonth(t *testing.T) {
	empty := hoursByMonth([12]int{}, [12]int{})
	for _, m := range empty {
		if m.ApprovedW != 0 || m.PendingW != 0 {
			t.Fatalf("an empty year draws %+v", m)
		}
	}
	if len(empty) != 12 || empty[0].Month != 1 || empty[11].Month != 12 || empty[11].Y != 11*hoursRow {
		t.Fatalf("months: %+v", empty)
	}
	got := hoursByMonth([12]int{0, 0, 120, 0, 0, 0, 0, 0, 0, 0, 0, 60}, [12]int{0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 60})
	if m := got[2]; m.ApprovedW != chartTrack || m.PendingW != 0 {
		t.Errorf("March, the busiest: %+v", m)
	}
	if m := got[3]; m.ApprovedW != 0 || m.PendingX != 0 || m.PendingW != chartTrack/4 {
		t.Errorf("April, pending only: %+v", m)
	}
	if m := got[11]; m.ApprovedW != chartTrack/2 || m.PendingX != chartTrack/2 || m.PendingW != chartTrack/2 {
		t.Errorf("December, as busy as March: %+v", m)
	}
}

// The Front Office's plan page (issue 17): the month grid's SVG is aria-hidden, and the table
// beside it gives each direction's held, coming and missing events against the month's share, in
// kk, ru and en, on both engines; the rule of spreading the plan is written on the page.
func TestPlanGridPage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5) // a published ecology event a week ahead
		fo := a.frontOffice()
		now := a.clock.now().In(domain.Almaty())
		month := w.start.In(domain.Almaty()).Month()
		plan := domain.YearPlan()
		msgs, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		cell := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th>((?:<td>[^<]+</td>){13})</tr>`)
		td := regexp.MustCompile(`<td>([^<]+)</td>`)
		for _, lang := range domain.Languages() {
			t.Run(lang, func(t *testing.T) {
				b := a.browser(lang)
				b.signIn(t, fo)
				page := b.get("/office/plan").must(t, 200)
				page.has(t, `<svg class="grid" aria-hidden="true"`, template.HTMLEscapeString(msgs.T(lang, "plan.grid_rule", map[string]any{
					"from": msgs.T(lang, "month_name.3", nil), "to": msgs.T(lang, "month_name.12", nil)})))
				rows := cell.FindAllStringSubmatch(page.body, -1)
				if len(rows) != len(domain.Directions()) {
					t.Fatalf("%d rows in the grid's table, want %d", len(rows), len(domain.Directions()))
				}
				for i, d := range domain.Directions() {
					if rows[i][1] != d.Name.Get(lang) {
						t.Fatalf("row %d is %q, want %s", i, rows[i][1], d.Code)
					}
					cells := td.FindAllStringSubmatch(rows[i][2], -1)
					for m := 1; m <= 13; m++ {
						share, coming := plan.ByDirection[d.Code], 0
						if m <= 12 {
							share = plan.MonthShare(d.Code, m)
						}
						if d.Code == "ecology" && w.start.Year() == now.Year() && (m == int(month) || m == 13) {
							coming = 1
						}
						want := template.HTMLEscapeString(msgs.T(lang, "plan.grid_cell", map[string]any{"held": 0, "coming": coming, "missing": max(0, share-coming), "share": share}))
						if cells[m-1][1] != want {
							t.Errorf("%s, column %d: %q, want %q", d.Code, m, cells[m-1][1], want)
						}
					}
				}
			})
		}
		// once the event is over it is held
		a.moveClockTo(w.start.Add(5 * time.Hour))
		b := a.browser("en")
		b.signIn(t, fo)
		page := b.get("/office/plan").must(t, 200)
		if w.start.Year() == now.Year() {
			share := plan.MonthShare("ecology", int(month))
			page.has(t, fmt.Sprintf("<td>1 held, 0 coming, %d missing of %d</td>", max(0, share-1), share),
				fmt.Sprintf("<td>1 held, 0 coming, %d missing of 25</td>", 24))
		}
	})
}

// A volunteer's hours page (issue 17): the approved hours as the large figure, the hours waiting
// for a decision beside it, and this year's months as an aria-hidden chart with a table of the
// same figures, in kk, ru and en, on both engines.
func TestHoursYearChart(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(5) // a 2-hour shift a week ahead
		second := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/events/%d/shifts", w.eventID), token: w.coord.token, body: map[string]any{
			"role": map[string]string{"kk": "Көмекші"}, "starts_at": w.start.Add(2 * time.Hour).Format(time.RFC3339),
			"ends_at": w.start.Add(4 * time.Hour).Format(time.RFC3339), "capacity": 5}}))
		vol := a.register("Айгерім Нұрланова", "2001-04-05")
		b := a.browser("en")
		b.signIn(t, vol)
		b.get("/me/hours").must(t, 200).has(t, "No approved hours yet.").lacks(t, `class="figure figure-big"`)
		first := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token}))
		other := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", second), token: vol.token}))
		a.moveClockTo(w.start.Add(5 * time.Hour))
		approved, err := a.store.EnterHours(ctx, w.coord.ID, first, 150, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.store.ApproveHours(ctx, w.coord.ID, approved); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.EnterHours(ctx, w.coord.ID, other, 90, 0); err != nil {
			t.Fatal(err)
		}
		msgs, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		day := w.start.In(domain.Almaty())
		for _, lang := range domain.Languages() {
			t.Run(lang, func(t *testing.T) {
				hours := func(m int) string {
					return msgs.T(lang, "hours.amount", map[string]any{"h": m / 60, "m": m % 60})
				}
				b := a.browser(lang)
				b.signIn(t, vol)
				page := b.get("/me/hours").must(t, 200)
				page.has(t, `<span class="figure figure-big">`+hours(150)+`</span>`,
					template.HTMLEscapeString(msgs.T(lang, "hours.pending_figure", map[string]any{"hours": hours(90)})),
					`<svg class="bars months" aria-hidden="true"`,
					fmt.Sprintf(`<tr><th scope="row">%s</th><td>%s</td><td>%s</td></tr>`, msgs.T(lang, fmt.Sprintf("month_name.%d", day.Month()), nil), hours(150), hours(90)),
					fmt.Sprintf(`<rect class="held" x="60" y="6" width="%d" height="18"/><rect class="planned" x="%d" y="6" width="%d" height="18"/>`, chartTrack*150/240, 60+chartTrack*150/240, chartTrack-chartTrack*150/240))
			})
		}
	})
}
