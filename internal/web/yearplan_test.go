package web

import (
	"regexp"
	"strconv"
	"testing"

	"erikti/internal/domain"
)

// One plan figure everywhere (issue 16): the home page's lead and its figures, and the Front
// Office's programme against the plan, give the same plan, the city's (domain.YearPlan), in every
// language, and each direction the same share of it; the events counted against it are the
// programme's, never a second plan.
func TestOnePlanFigure(t *testing.T) {
	a := newApp(t, "sqlite")
	plan := domain.YearPlan()
	fo := a.frontOffice()
	homeFigure := regexp.MustCompile(`id="year-plan">([0-9]+)<`)
	homeRow := regexp.MustCompile(`<a href="/programme\?direction=([a-z]+)">[^<]+</a></th><td>([0-9]+)</td>`)
	planMax := regexp.MustCompile(`<progress max="([0-9]+)"`)
	planRow := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th>(?:<td>[0-9]+</td>){12}<td><strong>[0-9]+</strong></td><td>([0-9]+)</td></tr>`)
	for _, lang := range domain.Languages() {
		t.Run(lang, func(t *testing.T) {
			home := a.browser(lang).get("/").must(t, 200)
			office := a.browser(lang)
			office.signIn(t, fo)
			planPage := office.get("/office/plan").must(t, 200)

			m := homeFigure.FindStringSubmatch(home.body)
			if m == nil {
				t.Fatal("the home page shows no plan figure")
			}
			p := planMax.FindStringSubmatch(planPage.body)
			if p == nil {
				t.Fatal("the plan page shows no plan")
			}
			want := strconv.Itoa(plan.Events)
			if m[1] != want || p[1] != want {
				t.Errorf("the home page's plan is %s, the plan page's %s; want both the city's %s", m[1], p[1], want)
			}
			// the lead says "more than" the same figure, and the plan page's progress names it
			lead := map[string]string{"kk": want + "-ден астам", "ru": "Более " + want, "en": "More than " + want}[lang]
			home.has(t, lead).lacks(t, "{plan}")
			planPage.has(t, " "+want+" ").lacks(t, "{plan}")

			shares := map[string]string{}
			for _, r := range homeRow.FindAllStringSubmatch(home.body, -1) {
				shares[r[1]] = r[2]
			}
			rows := planRow.FindAllStringSubmatch(planPage.body, -1)
			if len(shares) != len(domain.Directions()) || len(rows) != len(domain.Directions())+1 {
				t.Fatalf("%d directions with a plan on the home page, %d rows on the plan page; want %d", len(shares), len(rows), len(domain.Directions()))
			}
			for i, d := range domain.Directions() {
				share := strconv.Itoa(plan.ByDirection[d.Code])
				if shares[d.Code] != share || rows[i][1] != d.Name.Get(lang) || rows[i][2] != share {
					t.Errorf("direction %s: the home page's plan %s, the plan page's %q %s; want %s", d.Code, shares[d.Code], rows[i][1], rows[i][2], share)
				}
			}
			if total := rows[len(rows)-1]; total[2] != want {
				t.Errorf("the plan page's total plan is %s, want %s", total[2], want)
			}
		})
	}
}
