package web

import (
	"strings"
	"testing"

	"erikti/internal/domain"
)

// TestRepeatedFiltersAreBounded: a thousand repeated access filters once made SQLite's expression
// tree too deep (a 500); now more than there are features, or one twice, is a 422 naming access in
// the reader's language, on the API and on the programme page, and every feature once still works.
func TestRepeatedFiltersAreBounded(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		thousand := strings.Repeat("access=wheelchair&", 1000)
		rep := a.do(req{method: "GET", path: "/api/v1/events?" + thousand, header: map[string]string{"Accept-Language": "ru"}})
		if rep.status != 422 || !strings.Contains(string(rep.raw), `"field":"access"`) || !strings.Contains(string(rep.raw), "Не больше 8 значений") {
			t.Errorf("1000 access filters: %d %s", rep.status, rep.raw)
		}
		rep = a.do(req{method: "GET", path: "/api/v1/events?access=wheelchair&access=seating&access=wheelchair"})
		if rep.status != 422 || !strings.Contains(string(rep.raw), `"field":"access"`) {
			t.Errorf("a repeated access filter: %d %s", rep.status, rep.raw)
		}
		all := ""
		for _, f := range domain.AccessibilityFeatures() {
			all += "access=" + f + "&"
		}
		a.must(200, req{method: "GET", path: "/api/v1/events?" + all})
		p := a.browser("en").send("GET", "/programme?"+thousand, nil, nil)
		if p.status != 422 || !strings.Contains(p.body, "At most 8 values") {
			t.Errorf("the programme page with 1000 access filters: %d", p.status)
		}
	})
}
