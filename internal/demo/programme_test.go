package demo

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"erikti/internal/domain"
)

// today is the day the demo is written for: a newcomer must find plenty still ahead.
var today = time.Date(2026, time.November, 23, 0, 0, 0, 0, domain.Almaty())

// each calls f for every event of p with its organization.
func each(p Programme, f func(o *Org, e *Event)) {
	for i := range p.Organizations {
		o := &p.Organizations[i]
		for j := range o.Events {
			f(o, &o.Events[j])
		}
	}
}

func name(e *Event) string {
	return fmt.Sprintf("%q (%s)", e.Title.EN, e.StartsAt.In(domain.Almaty()).Format("2006-01-02 15:04"))
}

func TestBuildIsDeterministic(t *testing.T) {
	if a, b := Build(), Build(); !reflect.DeepEqual(a, b) {
		t.Fatal("Build() returned different programmes on two calls")
	}
}

func TestEventCounts(t *testing.T) {
	p := Build()
	total := 0
	perDir := map[string]int{}
	each(p, func(_ *Org, e *Event) { total++; perDir[e.Direction]++ })
	if total < 200 || total > 260 {
		t.Errorf("programme has %d events, want 200 to 260", total)
	}
	for _, d := range domain.Directions() {
		if perDir[d.Code] < 15 {
			t.Errorf("direction %q has %d events, want at least 15", d.Code, perDir[d.Code])
		}
	}
	for code := range perDir {
		if !domain.IsDirection(code) {
			t.Errorf("unknown direction %q", code)
		}
	}
}

func TestEverythingValidates(t *testing.T) {
	p := Build()
	each(p, func(o *Org, e *Event) {
		if err := e.Validate(); err != nil {
			t.Errorf("event %s of %q: %v", name(e), o.Organization.Name, err)
		}
		if e.ID != 0 || e.OrgID != 0 || e.ProjectID != 0 {
			t.Errorf("event %s: IDs must be left 0", name(e))
		}
		if n := len(e.Shifts); n < 1 || n > 4 {
			t.Errorf("event %s has %d shifts, want 1 to 4", name(e), n)
		}
		for _, s := range e.Shifts {
			if err := s.Validate(&e.Event); err != nil {
				t.Errorf("shift %q of %s: %v", s.Role.EN, name(e), err)
			}
			if s.ID != 0 || s.EventID != 0 {
				t.Errorf("shift %q of %s: IDs must be left 0", s.Role.EN, name(e))
			}
			if (s.Capacity < 3 || s.Capacity > 60) && s.Capacity != 450 {
				t.Errorf("shift %q of %s has capacity %d, want 3 to 60", s.Role.EN, name(e), s.Capacity)
			}
		}
	})
	for _, o := range p.Organizations {
		org := o.Organization
		if err := org.Validate(); err != nil {
			t.Errorf("organization %q: %v", org.Name, err)
		}
	}
}

func TestThreeLanguages(t *testing.T) {
	p := Build()
	const kazakh = "әғқңөұүһі"
	titles, kazakhTitles := 0, 0
	check := func(what string, tx domain.Text) {
		for _, l := range domain.Languages() {
			if strings.TrimSpace(tx.Get(l)) == "" {
				t.Errorf("%s has no %s text: %+v", what, l, tx)
			}
		}
	}
	english := func(what string, tx domain.Text) {
		if hasCyrillic(tx.EN) {
			t.Errorf("English %s has Cyrillic letters: %q", what, tx.EN)
		}
	}
	each(p, func(_ *Org, e *Event) {
		check("title of "+name(e), e.Title)
		check("description of "+name(e), e.Description)
		for _, s := range e.Shifts {
			check(fmt.Sprintf("role %q of %s", s.Role.EN, name(e)), s.Role)
		}
		if e.Title.KK == e.Title.RU || e.Title.RU == e.Title.EN {
			t.Errorf("title of %s is not translated: %+v", name(e), e.Title)
		}
		if !strings.ContainsAny(e.Description.KK, kazakh) {
			t.Errorf("Kazakh description of %s uses no Kazakh letter: %q", name(e), e.Description.KK)
		}
		titles++
		if strings.ContainsAny(strings.ToLower(e.Title.KK), kazakh) {
			kazakhTitles++
		}
	})
	if kazakhTitles*10 < titles*8 {
		t.Errorf("only %d of %d Kazakh titles use a Kazakh letter (%s)", kazakhTitles, titles, kazakh)
	}
	for _, pr := range p.Projects {
		check("name of project "+pr.Slug, pr.Name)
		check("description of project "+pr.Slug, pr.Description)
		english("name of project "+pr.Slug, pr.Name)
	}
	for _, o := range p.Organizations {
		org := o.Organization
		check("name of "+org.Name.EN, org.Name)
		check("description of "+org.Name.EN, org.Description)
		english("name of "+org.Name.EN, org.Name)
		english("description of "+org.Name.EN, org.Description)
		if org.Name.KK == org.Name.RU {
			t.Errorf("organization name not translated: %+v", org.Name)
		}
	}
}

// Every place of the demo has its name and a street address in each language, the English ones
// in Latin letters, and coordinates inside Almaty unless its exact address is told only after
// signing up (issue 16).
func TestPlacesInThreeLanguages(t *testing.T) {
	p := Build()
	withPoint := 0
	each(p, func(_ *Org, e *Event) {
		for _, l := range domain.Languages() {
			if strings.TrimSpace(e.Venue.Get(l)) == "" || strings.TrimSpace(e.Address.Get(l)) == "" {
				t.Errorf("%s: venue %+v at %+v lacks %s", name(e), e.Venue, e.Address, l)
			}
		}
		for what, text := range map[string]string{"venue": e.Venue.EN, "address": e.Address.EN} {
			if hasCyrillic(text) {
				t.Errorf("%s: English %s %q has Cyrillic letters", name(e), what, text)
			}
		}
		for _, sh := range e.Shifts {
			if hasCyrillic(sh.Role.EN) {
				t.Errorf("%s: English role %q has Cyrillic letters", name(e), sh.Role.EN)
			}
		}
		if e.Address.KK == e.Address.RU {
			t.Errorf("%s: the address is not translated: %+v", name(e), e.Address)
		}
		if e.HasCoordinates() {
			withPoint++
			if e.Lat < 43.0 || e.Lat > 43.45 || e.Lon < 76.7 || e.Lon > 77.2 {
				t.Errorf("%s: %v, %v is not in Almaty", name(e), e.Lat, e.Lon)
			}
		} else if !strings.Contains(e.Address.EN, "after signing up") {
			t.Errorf("%s: no coordinates for %q", name(e), e.Address.EN)
		}
	})
	if withPoint == 0 {
		t.Error("no event has coordinates")
	}
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

func TestOpeningCeremony(t *testing.T) {
	p := Build()
	var ceremonies, fairs []*Event
	var organizer *Org
	each(p, func(o *Org, e *Event) {
		for _, s := range e.Shifts {
			if s.Capacity != 450 {
				continue
			}
			if d := e.StartsAt.In(domain.Almaty()); d.Year() != 2026 || d.Month() != time.March || d.Day() != 5 {
				t.Errorf("450-place shift on %s, want only the opening ceremony on 2026-03-05", name(e))
				continue
			}
			ceremonies = append(ceremonies, e)
			organizer = o
		}
		if strings.Contains(strings.ToLower(e.Title.EN), "fair of volunteer organizations") {
			fairs = append(fairs, e)
		}
	})
	if len(ceremonies) != 1 {
		t.Fatalf("found %d opening ceremonies with a 450-place shift on 2026-03-05, want exactly 1", len(ceremonies))
	}
	c := ceremonies[0]
	if !strings.Contains(strings.ToLower(c.Title.EN), "opening ceremony") {
		t.Errorf("the 450-place event is %s, want the opening ceremony", name(c))
	}
	if c.Venue.KK != "Республика сарайы" || c.Venue.RU != "Дворец Республики" || c.Address.RU != "проспект Достык, 56" {
		t.Errorf("opening ceremony venue %+v at %+v, want the Republic Palace", c.Venue, c.Address)
	}
	if !c.CityProgramme || c.Status != domain.EventPublished {
		t.Errorf("opening ceremony: city programme %v, status %q; want true, published", c.CityProgramme, c.Status)
	}
	if org := organizer.Organization; org.Name.KK != "Еріктілер фронт-офисі" || org.Status != domain.OrgVerified {
		t.Errorf("opening ceremony organized by %q (%s), want the verified Еріктілер фронт-офисі", org.Name, org.Status)
	}
	if len(fairs) == 0 {
		t.Fatal("no fair of volunteer organizations")
	}
	if d := fairs[0].StartsAt.Sub(c.StartsAt); d < -12*time.Hour || d > 7*24*time.Hour {
		t.Errorf("fair %s is not on the ceremony's day or soon after", name(fairs[0]))
	}
}

func TestSpreadOverTheYear(t *testing.T) {
	p := Build()
	ahead := 0
	months := map[string]int{}
	first := time.Date(2026, time.January, 1, 0, 0, 0, 0, domain.Almaty())
	last := time.Date(2027, time.April, 1, 0, 0, 0, 0, domain.Almaty())
	each(p, func(o *Org, e *Event) {
		if e.StartsAt.Before(first) || !e.StartsAt.Before(last) {
			t.Errorf("event %s is outside January 2026 – March 2027", name(e))
		}
		if e.StartsAt.Location() != time.UTC {
			t.Errorf("event %s: StartsAt is not in UTC", name(e))
		}
		local := e.StartsAt.In(domain.Almaty())
		months[local.Format("2006-01")]++
		if h := local.Hour(); h < 7 || h > 20 {
			t.Errorf("event %s starts at %02d:00 Almaty time", name(e), h)
		}
		if e.StartsAt.After(today) && e.Status == domain.EventPublished && o.Organization.Status != domain.OrgSuspended {
			ahead++
		}
	})
	if ahead < 40 {
		t.Errorf("%d published events after %s, want at least 40", ahead, today.Format(time.DateOnly))
	}
	for m := first; m.Before(last); m = m.AddDate(0, 1, 0) {
		if months[m.Format("2006-01")] == 0 {
			t.Errorf("no event in %s", m.Format("2006-01"))
		}
	}
}

func TestOrganizations(t *testing.T) {
	p := Build()
	if n := len(p.Organizations); n < 25 || n > 40 {
		t.Errorf("%d organizations, want 25 to 40", n)
	}
	statuses := map[domain.OrgStatus]int{}
	withBIN := 0
	names := map[domain.Text]bool{}
	for _, o := range p.Organizations {
		org := o.Organization
		statuses[org.Status]++
		if org.ID != 0 {
			t.Errorf("organization %q: ID must be left 0", org.Name)
		}
		if names[org.Name] {
			t.Errorf("organization %q appears twice", org.Name)
		}
		names[org.Name] = true
		if org.BIN != "" {
			withBIN++
			if !domain.ValidBIN(org.BIN) {
				t.Errorf("organization %q: BIN %q does not pass its checksum", org.Name, org.BIN)
			}
		}
		if !strings.HasSuffix(org.Email, "@example.kz") {
			t.Errorf("organization %q: email %q is not at example.kz", org.Name, org.Email)
		}
		if !strings.HasPrefix(org.Phone, "+7 727 000 00 ") {
			t.Errorf("organization %q: phone %q is not a +7 727 000 00 NN number", org.Name, org.Phone)
		}
		if org.Website != "" && !strings.HasPrefix(org.Website, "https://example.kz/") {
			t.Errorf("organization %q: website %q is not under https://example.kz/", org.Name, org.Website)
		}
		if org.Description.Empty() {
			t.Errorf("organization %q has no description", org.Name)
		}
		if len(o.Events) == 0 {
			t.Errorf("organization %q has no events", org.Name)
		}
	}
	if statuses[domain.OrgSuspended] != 1 {
		t.Errorf("%d suspended organizations, want exactly 1", statuses[domain.OrgSuspended])
	}
	if statuses[domain.OrgPending] < 3 || statuses[domain.OrgPending] > 7 {
		t.Errorf("%d pending organizations, want about 5", statuses[domain.OrgPending])
	}
	if statuses[domain.OrgVerified] < len(p.Organizations)/2 {
		t.Errorf("%d verified organizations of %d, want most", statuses[domain.OrgVerified], len(p.Organizations))
	}
	if n := len(p.Organizations); withBIN*3 < n || withBIN*3 > 2*n {
		t.Errorf("%d of %d organizations have a BIN, want about half", withBIN, n)
	}
}

func TestBINCheckDigit(t *testing.T) {
	g := newGen()
	for range 500 {
		if b := g.bin(); !domain.ValidBIN(b) {
			t.Fatalf("generated BIN %q is not valid", b)
		}
	}
}

func TestNoLorem(t *testing.T) {
	if s := strings.ToLower(fmt.Sprintf("%+v", Build())); strings.Contains(s, "lorem") {
		t.Error(`the programme contains "lorem"`)
	}
}

func TestProjects(t *testing.T) {
	p := Build()
	projects := map[string]domain.Project{}
	for _, pr := range p.Projects {
		if pr.ID != 0 {
			t.Errorf("project %s: ID must be left 0", pr.Slug)
		}
		projects[pr.Slug] = pr
	}
	for _, slug := range []string{"100-good-meetings", "birgemiz-inclusion", "dialogue-of-generations"} {
		if _, ok := projects[slug]; !ok {
			t.Errorf("no project %q", slug)
		}
	}
	if gm := projects["100-good-meetings"]; gm.Target != 100 || gm.Name.KK != "100 игі кездесу" || gm.Name.RU != "100 добрых встреч" {
		t.Errorf("100-good-meetings: target %d, name %+v; want 100, «100 игі кездесу» / «100 добрых встреч»", gm.Target, gm.Name)
	}
	if dg := projects["dialogue-of-generations"]; dg.Name.KK != "Ұрпақтар диалогы – Алматы" || dg.Name.EN != "Dialogue of Generations – Almaty" {
		t.Errorf("dialogue-of-generations is named %+v", dg.Name)
	}

	perProject := map[string]int{}
	numbers := map[string]bool{}
	gmMonths := map[time.Month]bool{}
	each(p, func(o *Org, e *Event) {
		if e.ProjectSlug == "" {
			return
		}
		if _, ok := projects[e.ProjectSlug]; !ok {
			t.Errorf("event %s names unknown project %q", name(e), e.ProjectSlug)
		}
		perProject[e.ProjectSlug]++
		if o.Organization.Status != domain.OrgVerified {
			t.Errorf("flagship event %s is run by %s organization %q", name(e), o.Organization.Status, o.Organization.Name)
		}
		switch e.ProjectSlug {
		case "100-good-meetings":
			i := strings.Index(e.Title.KK, "№")
			if i < 0 || !strings.Contains(e.Title.RU, "№") {
				t.Errorf("good meeting %s is not numbered: %+v", name(e), e.Title)
				return
			}
			n := strings.SplitN(e.Title.KK[i:], ":", 2)[0]
			if numbers[n] {
				t.Errorf("good meeting number %s is used twice", n)
			}
			numbers[n] = true
			gmMonths[e.StartsAt.In(domain.Almaty()).Month()] = true
		case "birgemiz-inclusion":
			if len(e.Accessibility) < 2 {
				t.Errorf("Birgemiz Inclusion event %s lists accessibility %v, want several features", name(e), e.Accessibility)
			}
		case "dialogue-of-generations":
			if e.Direction != "mentoring" {
				t.Errorf("Dialogue of Generations event %s is in direction %q, want mentoring", name(e), e.Direction)
			}
		}
	})
	if n := perProject["100-good-meetings"]; n < 25 || n > 45 {
		t.Errorf("100-good-meetings has %d events, want 25 to 45", n)
	}
	if len(gmMonths) < 10 {
		t.Errorf("100 good meetings are held in only %d months, want them spread through the year", len(gmMonths))
	}
	for _, slug := range []string{"birgemiz-inclusion", "dialogue-of-generations"} {
		if perProject[slug] < 8 {
			t.Errorf("project %s has %d events, want more", slug, perProject[slug])
		}
	}
}

func TestEventRules(t *testing.T) {
	p := Build()
	statuses := map[domain.EventStatus]int{}
	seen := map[string]string{}
	each(p, func(_ *Org, e *Event) {
		statuses[e.Status]++
		if e.Direction == domain.DirectionEmergency && e.MinAge != 18 {
			t.Errorf("emergency event %s has minimum age %d, want 18", name(e), e.MinAge)
		}
		if e.MinAge != 0 && e.MinAge != 14 && e.MinAge != 16 && e.MinAge != 18 {
			t.Errorf("event %s has minimum age %d, want 0, 14, 16 or 18", name(e), e.MinAge)
		}
		if e.OrgName.Empty() {
			t.Errorf("event %s has no organization name", name(e))
		}
		day := e.StartsAt.In(domain.Almaty()).Format(time.DateOnly)
		for _, title := range []string{e.Title.KK, e.Title.RU, e.Title.EN} {
			if other, ok := seen[day+"|"+title]; ok {
				t.Errorf("title %q is used twice on %s: %s and %s", title, day, other, name(e))
			}
			seen[day+"|"+title] = name(e)
		}
	})
	if n := statuses[domain.EventCancelled]; n < 1 || n > 2 {
		t.Errorf("%d cancelled events, want 1 or 2", n)
	}
	if n := statuses[domain.EventDraft]; n < 1 || n > 10 {
		t.Errorf("%d draft events, want a few", n)
	}
	if total := statuses[domain.EventPublished] + statuses[domain.EventDraft] + statuses[domain.EventCancelled]; statuses[domain.EventPublished]*10 < total*9 {
		t.Errorf("only %d of %d events are published, want nearly all", statuses[domain.EventPublished], total)
	}
}

// The demo tells the year truthfully: the city announced 200 and more events for 2026, so the
// calendar year 2026 alone holds more than the plan's 200 published events, each direction at least
// its share of the plan, and the programme runs on into early 2027.
func TestTheYearMeetsThePlan(t *testing.T) {
	p := Build()
	plan := domain.YearPlan()
	in2026, in2027 := 0, 0
	perDir := map[string]int{}
	each(p, func(o *Org, e *Event) {
		if e.Status != domain.EventPublished || o.Organization.Status == domain.OrgPending {
			return
		}
		switch e.StartsAt.In(domain.Almaty()).Year() {
		case 2026:
			in2026++
			perDir[e.Direction]++
		case 2027:
			in2027++
		}
	})
	if in2026 < plan.Events || in2026 < 200 {
		t.Errorf("%d published events in 2026, want at least the plan's %d", in2026, plan.Events)
	}
	for _, d := range domain.Directions() {
		if perDir[d.Code] < plan.ByDirection[d.Code] {
			t.Errorf("direction %s has %d published events in 2026, want at least its plan of %d", d.Code, perDir[d.Code], plan.ByDirection[d.Code])
		}
	}
	if in2027 < 20 {
		t.Errorf("%d published events in January to March 2027, want some", in2027)
	}
}
