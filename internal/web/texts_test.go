package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	goical "github.com/emersion/go-ical"

	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// marked finds the elements a page marks with data-i18n="kind": a venue, an address, an
// organization's name or description, a shift's role, a project. Their text is the demo's text in
// one language, with no markup inside.
var marked = regexp.MustCompile(`(?s)<(\w+)\b[^>]*\bdata-i18n="([a-z-]+)"[^>]*>(.*?)</(\w+)>`)

// demoTexts are the demo's texts of each marked kind in lang, as a set.
func demoTexts(lang string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(kind string, t domain.Text) {
		if out[kind] == nil {
			out[kind] = map[string]bool{}
		}
		if s := t.Get(lang); s != "" {
			out[kind][s] = true
		}
	}
	p := demo.Build()
	for _, pr := range p.Projects {
		add("project", pr.Name)
	}
	for _, o := range p.Organizations {
		add("org", o.Organization.Name)
		add("org-description", o.Organization.Description)
		for _, e := range o.Events {
			add("venue", e.Venue)
			add("address", e.Address)
			for _, sh := range e.Shifts {
				add("role", sh.Role)
			}
		}
	}
	return out
}

func districtName(code, lang string) string {
	for _, d := range domain.Districts() {
		if d.Code == code {
			return d.Name.In(lang)
		}
	}
	return code
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

// programmeLink is a link to a page of the programme without filters (the next page, the first,
// past events), which the crawl follows; a link that filters (by direction, district…) is not.
var programmeLink = regexp.MustCompile(`href="(/programme(?:\?[^"]*)?)"`)

var mapHref = regexp.MustCompile(`href="(https://www\.openstreetmap\.org/[^"]*)"`)

func followedProgramme(raw string) bool {
	u, err := url.Parse(html.UnescapeString(raw))
	if err != nil {
		return false
	}
	for k := range u.Query() {
		switch k {
		case "direction", "district", "q", "accessibility", "silver", "free", "from", "to", "org", "project":
			return false
		}
	}
	return true
}

// Every public page of the demo — the home page, each page of the programme, every event page,
// the fair and every organization's page — shows each venue, address, organization, role and
// project in the reader's language, in English and in Russian: each marked element holds the
// demo's own text in that language, and in English no Cyrillic letter (issue 16).
func TestEveryPublicPageSpeaksTheReadersLanguage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		loadDemo(t, a)
		ctx := context.Background()
		events, _, err := a.store.Events(ctx, store.EventFilter{Limit: 100000})
		if err != nil || len(events) < 100 {
			t.Fatalf("the demo's public events: %d, %v", len(events), err)
		}
		orgs, err := a.store.Organizations(ctx, "")
		if err != nil || len(orgs) < 10 {
			t.Fatalf("the demo's organizations: %d, %v", len(orgs), err)
		}
		for _, lang := range []string{"en", "ru"} {
			want := demoTexts(lang)
			b := a.browser(lang)
			seen := map[string]int{}
			pages := 0
			check := func(path string) string {
				t.Helper()
				p := b.get(path)
				if p.status != 200 {
					t.Fatalf("%s in %s: status %d", path, lang, p.status)
				}
				pages++
				for _, m := range marked.FindAllStringSubmatch(p.body, -1) {
					kind, text := m[2], strings.TrimSpace(html.UnescapeString(m[3]))
					seen[kind]++
					if m[1] != m[4] || strings.Contains(text, "<") {
						t.Errorf("%s in %s: the %s element holds markup: %q", path, lang, kind, m[0])
						continue
					}
					if !want[kind][text] {
						t.Errorf("%s in %s: %s %q is not the demo's %s text", path, lang, kind, text, lang)
					}
					if lang == "en" && hasCyrillic(text) {
						t.Errorf("%s in en: %s %q has Cyrillic letters", path, kind, text)
					}
				}
				return p.body
			}
			check("/")
			check("/fair")
			// the programme, page after page
			queue, done := []string{"/programme"}, map[string]bool{}
			for len(queue) > 0 && len(done) < 500 {
				path := queue[0]
				queue = queue[1:]
				if done[path] {
					continue
				}
				done[path] = true
				for _, m := range programmeLink.FindAllStringSubmatch(check(path), -1) {
					if next := html.UnescapeString(m[1]); followedProgramme(m[1]) && !done[next] {
						queue = append(queue, next)
					}
				}
			}
			for _, e := range events {
				body := check(fmt.Sprintf("/events/%d", e.ID))
				// the map link: the place's point when known, else a search for its address
				want := "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Place(lang)+", "+districtName(e.District, lang)+", Almaty")
				if e.HasCoordinates() {
					lat, lon := strconv.FormatFloat(e.Lat, 'f', 6, 64), strconv.FormatFloat(e.Lon, 'f', 6, 64)
					want = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
				}
				if got := mapHref.FindStringSubmatch(body); got == nil || html.UnescapeString(got[1]) != want {
					t.Errorf("event %d in %s: map link %q, want %q", e.ID, lang, got, want)
				}
			}
			for _, o := range orgs {
				if o.Status != domain.OrgSuspended {
					check(fmt.Sprintf("/organizations/%d", o.ID))
				}
			}
			for _, kind := range []string{"venue", "address", "org", "org-description", "role", "project"} {
				if seen[kind] == 0 {
					t.Errorf("in %s no page marks a %s", lang, kind)
				}
			}
			t.Logf("%s: %d pages, %d programme pages, marked %v", lang, pages, len(done), seen)
		}
	})
}

// A name or venue missing in every language, or too long in one, is refused with a 4xx naming the
// field, through the API and through the forms, in the reader's language; nothing is stored.
// Given in one or more languages, each is stored as given and shown in the reader's language.
func TestTextsInThreeLanguagesThroughAPIAndForms(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		ctx := context.Background()
		vol := a.register("Тимур Серікбаев", "2001-11-11")
		events := fmt.Sprintf("/api/v1/organizations/%d/events", w.orgID)
		ev := fmt.Sprintf("/api/v1/events/%d", w.eventID)
		newEvent := func(change map[string]any) map[string]any {
			e := map[string]any{"direction": "culture", "title": map[string]string{"en": "Mural"}, "venue": map[string]string{"kk": "Арбат"},
				"district": "almaly", "starts_at": "2027-02-01T10:00", "ends_at": "2027-02-01T14:00"}
			for k, v := range change {
				e[k] = v
			}
			return e
		}
		long := func(n int) string { return strings.Repeat("ж", n) }
		orgsBefore, _ := a.store.Organizations(ctx, "")
		eventBefore, _ := a.store.Event(ctx, w.eventID)
		for _, c := range []struct {
			name   string
			r      req
			status int
			field  string
		}{
			{"an organization named in no language", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{}}}, 422, "name"},
			{"an organization named in spaces", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": " ", "ru": ""}}}, 422, "name"},
			{"an organization name too long in English", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор", "en": long(201)}}}, 422, "name.en"},
			{"a description too long in Russian", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "description": map[string]string{"ru": long(5001)}}}, 422, "description.ru"},
			{"a name as a bare string", req{method: "POST", path: "/api/v1/organizations", token: vol.token, body: map[string]any{"name": "Қамқор"}}, 400, "name"},
			{"an event with no venue", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"venue": map[string]string{}})}, 422, "venue"},
			{"a venue too long in Russian", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"venue": map[string]string{"ru": long(301)}})}, 422, "venue.ru"},
			{"an address too long in English", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"address": map[string]string{"en": long(301)}})}, 422, "address.en"},
			{"a latitude past the pole", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"lat": 91, "lon": 76.9})}, 422, "lat"},
			{"a latitude without a longitude", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"lat": 43.2})}, 422, "lat"},
			{"a latitude that is no number", req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{"lat": "north"})}, 400, "lat"},
			{"a venue emptied", req{method: "PATCH", path: ev, token: w.coord.token, body: map[string]any{"venue": map[string]string{"kk": "", "ru": " "}}}, 422, "venue"},
		} {
			r := a.do(c.r)
			fields, _ := r.body["errors"].([]any)
			if r.status != c.status || len(fields) == 0 || fields[0].(map[string]any)["field"] != c.field {
				t.Errorf("%s: %d %s, want %d naming %s", c.name, r.status, r.raw, c.status, c.field)
			}
		}
		if orgs, _ := a.store.Organizations(ctx, ""); len(orgs) != len(orgsBefore) {
			t.Fatalf("a refused organization was stored: %d, then %d", len(orgsBefore), len(orgs))
		}
		if all, _, _ := a.store.Events(ctx, store.EventFilter{OrgID: w.orgID, WithDrafts: true}); len(all) != 1 {
			t.Fatalf("a refused event was stored: %d events", len(all))
		}
		if e, _ := a.store.Event(ctx, w.eventID); e.Venue != eventBefore.Venue {
			t.Fatalf("a refused change of venue was stored: %+v", e.Venue)
		}

		// the API takes and answers every language and the coordinates
		made := a.must(201, req{method: "POST", path: events, token: w.coord.token, body: newEvent(map[string]any{
			"venue":   map[string]string{"kk": "Орталық саябақ", "ru": "Центральный парк", "en": "Central Park"},
			"address": map[string]string{"kk": "Гоголь көшесі, 1", "ru": "улица Гоголя, 1", "en": "1 Gogol Street"},
			"lat":     43.2601, "lon": 76.9702, "status": "published"})})
		if v := made.body["venue"].(map[string]any); v["en"] != "Central Park" || made.body["lat"] != 43.2601 || made.body["address"].(map[string]any)["ru"] != "улица Гоголя, 1" {
			t.Fatalf("the event answered: %s", made.raw)
		}
		// the organization's calendar, read back by a second iCalendar library, places it in the reader's language
		for lang, want := range map[string]string{"en": "Central Park, 1 Gogol Street", "ru": "Центральный парк, улица Гоголя, 1"} {
			_, cal := a.fetchCalendar(t, fmt.Sprintf("/calendar/organizations/%d.ics?lang=%s", w.orgID, lang))
			e := eventByUID(cal, fmt.Sprintf("event-%d@erikti", id(made)))
			if e == nil {
				t.Fatalf("the event is not in its organization's feed in %s", lang)
			}
			if loc, _ := e.Props.Text(goical.PropLocation); loc != want {
				t.Errorf("the calendar's location in %s: %q, want %q", lang, loc, want)
			}
		}
		if o := a.must(200, req{method: "GET", path: ev}).body["organization"].(map[string]any); o["name"].(map[string]any)["kk"] != "Жасыл Алматы" {
			t.Fatalf("the event's organization: %v", o)
		}
		if lat := a.must(200, req{method: "GET", path: ev}).body["lat"]; lat != nil {
			t.Fatalf("unknown coordinates answered as %v, want null", lat)
		}

		// the forms: every language empty, or one too long, is refused beside its field
		c := a.coordinatorBrowser(t, w)
		// a role given in Kazakh only is shown in its own field, not offered to an English reader as
		// English, nor saved so
		edit := c.get(fmt.Sprintf("/manage/events/%d", w.eventID)).must(t, 200)
		edit.has(t, fmt.Sprintf(`name="s%d_role_kk" type="text" value="Көмекші"`, w.shiftID), fmt.Sprintf(`name="s%d_role_en" type="text" value=""`, w.shiftID))
		sh := fmt.Sprintf("s%d_", w.shiftID)
		c.post(fmt.Sprintf("/manage/shifts/%d", w.shiftID), url.Values{sh + "role_kk": {"Көмекші"}, sh + "role_en": {""}, sh + "starts_at": {localValue(w.start)},
			sh + "ends_at": {localValue(w.start.Add(2 * time.Hour))}, sh + "capacity": {"4"}}).must(t, 303)
		if e, _ := a.store.Event(ctx, w.eventID); e.Shifts[0].Role != (domain.Text{KK: "Көмекші"}) || e.Shifts[0].Capacity != 4 {
			t.Fatalf("the shift after saving its form in English: %+v", e.Shifts[0])
		}
		newForm := fmt.Sprintf("/manage/organizations/%d/events/new", w.orgID)
		c.get(newForm).must(t, 200).has(t, `id="f-venue_kk"`, `id="f-venue_ru"`, `id="f-venue_en"`, `id="f-address_en"`, `id="f-lat"`, `id="f-lon"`)
		day := w.start.AddDate(0, 0, 2).Format("2006-01-02")
		form := url.Values{"direction": {"ecology"}, "title_en": {"Park clean-up"}, "venue_kk": {""}, "venue_ru": {" "}, "venue_en": {""},
			"district": {"medeu"}, "starts_at": {day + "T09:00"}, "ends_at": {day + "T18:00"}, "status": {"published"}, "min_age": {"0"},
			"shift1_role_en": {"Morning"}, "shift1_starts_at": {day + "T09:00"}, "shift1_ends_at": {day + "T13:00"}, "shift1_capacity": {"5"}}
		c.post(newForm, form).must(t, 422).has(t, `id="f-venue_kk-error"`, "Give it in at least one language")
		form.Set("venue_en", "Central Park")
		form.Set("address_ru", long(301))
		form.Set("lat", "north")
		c.post(newForm, form).must(t, 422).has(t, `id="f-address_ru-error"`, `id="f-lat-error"`)
		if all, _, _ := a.store.Events(ctx, store.EventFilter{OrgID: w.orgID, WithDrafts: true}); len(all) != 2 {
			t.Fatalf("a refused event form was stored: %d events", len(all))
		}
		form.Set("venue_kk", "Орталық саябақ")
		form.Set("address_ru", "улица Гоголя, 1")
		form.Set("address_en", "1 Gogol Street")
		form.Set("lat", "43,2601") // a decimal comma, as many keyboards write it
		form.Set("lon", "76.9702")
		p := c.post(newForm, form).must(t, 303)
		var id int64
		fmt.Sscanf(p.location, "/manage/events/%d", &id)
		e, err := a.store.Event(ctx, id)
		if err != nil || e.Venue != (domain.Text{KK: "Орталық саябақ", EN: "Central Park"}) || e.Address.RU != "улица Гоголя, 1" || e.Lat != 43.2601 || e.Lon != 76.9702 {
			t.Fatalf("the event stored: %+v %v", e, err)
		}
		c.get(p.location).must(t, 200).has(t, `value="Орталық саябақ"`, `value="43.2601"`)
		// a Russian reader sees the venue in Kazakh, the first language it was given in, and the address in Russian
		a.browser("ru").get(fmt.Sprintf("/events/%d", id)).must(t, 200).
			has(t, `<span data-i18n="venue">Орталық саябақ</span>`, `<span data-i18n="address">улица Гоголя, 1</span>`, "?mlat=43.260100&amp;mlon=76.970200")
		a.browser("en").get(fmt.Sprintf("/events/%d", id)).must(t, 200).
			has(t, `<span data-i18n="venue">Central Park</span>`, `<span data-i18n="address">1 Gogol Street</span>`)

		// an organization's form: named in no language, then in three
		admin := a.browser("ru")
		admin.signUp(t, "Әкімші", "1990-01-01")
		admin.get("/manage/organizations/new").must(t, 200).has(t, `id="f-name_kk"`, `id="f-name_ru"`, `id="f-name_en"`, `id="f-description_en"`)
		admin.post("/manage/organizations/new", url.Values{"name_kk": {""}, "name_ru": {""}, "name_en": {""}, "description_en": {"About us"}}).
			must(t, 422).has(t, `id="f-name_kk-error"`, "Укажите хотя бы на одном языке", `value=""`, "About us")
		admin.post("/manage/organizations/new", url.Values{"name_ru": {"Забота"}, "name_en": {long(201)}}).must(t, 422).has(t, `id="f-name_en-error"`)
		if orgs, _ := a.store.Organizations(ctx, ""); len(orgs) != len(orgsBefore) {
			t.Fatalf("a refused organization form was stored: %d, then %d", len(orgsBefore), len(orgs))
		}
		p = admin.post("/manage/organizations/new", url.Values{"name_kk": {"Қамқор"}, "name_ru": {"Забота"}, "name_en": {"Care"},
			"description_ru": {"Помогаем соседям"}}).must(t, 303)
		var orgID int64
		fmt.Sscanf(p.location, "/manage/organizations/%d", &orgID)
		o, err := a.store.Organization(ctx, orgID)
		if err != nil || o.Name != (domain.Text{KK: "Қамқор", RU: "Забота", EN: "Care"}) || o.Description != (domain.Text{RU: "Помогаем соседям"}) {
			t.Fatalf("the organization stored: %+v %v", o, err)
		}
		a.browser("en").get(fmt.Sprintf("/organizations/%d", orgID)).must(t, 200).
			has(t, `<h1 data-i18n="org">Care</h1>`, `data-i18n="org-description">Помогаем соседям</p>`)
		office := a.browser("en")
		office.signIn(t, w.fo)
		office.get("/office").must(t, 200).has(t, fmt.Sprintf(`<a href="/office/organizations/%d">Care</a>`, orgID))
		// its admin empties every name: refused beside the field, nothing changed
		admin.enrolAsRoleHolder(t, p.location)
		admin.post(p.location, url.Values{"name_kk": {""}, "name_ru": {""}, "name_en": {""}}).must(t, 422).has(t, `id="f-name_kk-error"`)
		if o2, _ := a.store.Organization(ctx, orgID); o2.Name != o.Name {
			t.Fatalf("a refused profile was stored: %+v", o2.Name)
		}
	})
}
