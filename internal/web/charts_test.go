package web

import (
	"context"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/locale"
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
