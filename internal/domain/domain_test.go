package domain

import (
	"strings"
	"testing"
	"time"
)

func TestValidBIN(t *testing.T) {
	for bin, want := range map[string]bool{
		"000740000728":  true, // weights 1..11
		"180440012349":  true,
		"000740000729":  false, // wrong check digit
		"00074000072":   false, // 11 digits
		"0007400007280": false,
		"00074000072a":  false,
		"":              false,
	} {
		if got := ValidBIN(bin); got != want {
			t.Errorf("ValidBIN(%q) = %v, want %v", bin, got, want)
		}
	}
	// the second pass (weights 3..11,1,2) when the first gives 10
	found := false
	for n := 0; n < 200000 && !found; n++ {
		s := strings.Repeat("0", 5) + itoa6(n)
		d := make([]int, 11)
		sum := 0
		for i := range 11 {
			d[i] = int(s[i] - '0')
			sum += (i + 1) * d[i]
		}
		if sum%11 != 10 {
			continue
		}
		sum2 := 0
		for i := range 11 {
			sum2 += ((i+2)%11 + 1) * d[i]
		}
		if sum2%11 == 10 {
			continue
		}
		found = true
		if !ValidBIN(s + string(rune('0'+sum2%11))) {
			t.Fatalf("a BIN whose check comes from the second pass is refused: %s%d", s, sum2%11)
		}
	}
	if !found {
		t.Fatal("no second-pass BIN found")
	}
}

func itoa6(n int) string {
	b := []byte("000000")
	for i := 5; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03-05T10:00":          "2026-03-05T05:00:00Z", // Almaty is UTC+5
		"2026-03-05T10:00:30":       "2026-03-05T05:00:30Z",
		"2026-03-05 10:00":          "2026-03-05T05:00:00Z",
		"2026-03-05T10:00:00+06:00": "2026-03-05T04:00:00Z",
		"2026-03-05T05:00:00Z":      "2026-03-05T05:00:00Z",
	} {
		got, ok := ParseTime(in)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("ParseTime(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"2026-02-30T10:00", "2026-13-01T10:00", "2026-03-05T25:00", "tomorrow", "", "2026-03-05"} {
		if _, ok := ParseTime(bad); ok {
			t.Errorf("ParseTime(%q) accepted", bad)
		}
	}
}

func TestAgeOn(t *testing.T) {
	birth, _ := ParseDate("2010-03-05")
	at := func(s string) time.Time { t, _ := ParseTime(s); return t }
	if a := AgeOn(birth, at("2026-03-04T23:59")); a != 15 {
		t.Errorf("the day before the birthday: %d", a)
	}
	if a := AgeOn(birth, at("2026-03-05T00:30")); a != 16 {
		t.Errorf("half past midnight in Almaty on the birthday (still the 4th in UTC): %d", a)
	}
}

func TestCheckSignup(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	birth, _ := ParseDate("2012-01-01")
	ok := SignupTarget{Shift: Shift{StartsAt: now.Add(time.Hour)}, EventStatus: EventPublished, OrgStatus: OrgVerified}
	if err := CheckSignup(ok, birth, now); err != nil {
		t.Fatalf("an open shift of a verified organization: %v", err)
	}
	cases := map[string]func(*SignupTarget){
		"signup.org_suspended":    func(t *SignupTarget) { t.OrgStatus = OrgSuspended },
		"signup.org_not_verified": func(t *SignupTarget) { t.OrgStatus = OrgPending }, // issue 14
		"signup.event_not_open":   func(t *SignupTarget) { t.EventStatus = EventDraft },
		"signup.closed":           func(t *SignupTarget) { t.Shift.StartsAt = now },
		"signup.too_young":        func(t *SignupTarget) { t.EventMinAge = 16 },
	}
	for key, change := range cases {
		tg := ok
		change(&tg)
		err := CheckSignup(tg, birth, now)
		if e, _ := err.(*Error); e == nil || e.Key != key {
			t.Errorf("%s: got %v", key, err)
		}
	}
}

func TestEventValidation(t *testing.T) {
	start := time.Date(2026, 12, 5, 5, 0, 0, 0, time.UTC)
	e := Event{Direction: "social", Title: Text{RU: "День волонтёра"}, Venue: Text{RU: "Арбат"}, District: "almaly",
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Status: EventPublished, Accessibility: []string{"wheelchair"}}
	if err := e.Validate(); err != nil {
		t.Fatalf("a good event: %v", err)
	}
	bad := e
	bad.Accessibility = []string{"wheelchair", "wheelchair"}
	bad.MinAge = -1
	bad.Title = Text{EN: strings.Repeat("x", MaxTitleLen+1)}
	err := bad.Validate().(*Error)
	fields := map[string]bool{}
	for _, f := range err.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{"accessibility", "min_age", "title.en"} {
		if !fields[want] {
			t.Errorf("%s not named in %v", want, err)
		}
	}
	sh := Shift{Role: Text{KK: "Тіркеу"}, StartsAt: start.Add(-time.Hour), EndsAt: start.Add(time.Hour), Capacity: 5}
	if err := sh.Validate(&e); err == nil {
		t.Fatal("a shift starting before its event was accepted")
	}
}

func TestText(t *testing.T) {
	tx := Text{RU: "Субботник", EN: "Clean-up"}
	if tx.In("kk") != "Субботник" || tx.In("en") != "Clean-up" || tx.In("xx") != "Субботник" {
		t.Fatalf("fallback: %q %q %q", tx.In("kk"), tx.In("en"), tx.In("xx"))
	}
	if len(Directions()) != 8 || len(Districts()) != 8 {
		t.Fatal("Almaty has eight directions and eight districts")
	}
	for _, d := range Directions() {
		if d.Name.KK == "" || d.Name.RU == "" || d.Name.EN == "" {
			t.Errorf("direction %s lacks a language", d.Code)
		}
	}
	for _, d := range Districts() {
		if d.Name.KK == "" || d.Name.RU == "" || d.Name.EN == "" {
			t.Errorf("district %s lacks a language", d.Code)
		}
	}
}

// Times erikti could not write back as read are refused: before 1970 (Almaty's offset was not
// whole minutes before 1924) and after 9998 (five-digit years are not RFC 3339).
func TestParseTimeRange(t *testing.T) {
	for _, s := range []string{"0000-01-01 0:00", "1923-06-01T10:00", "9999-12-31T23:59:59-01:00", "10000-01-01T00:00:00Z"} {
		if _, ok := ParseTime(s); ok {
			t.Errorf("%q accepted", s)
		}
	}
	if _, ok := ParseTime("2026-03-05T10:00"); !ok {
		t.Error("a time of the programme refused")
	}
}

func TestControlCharactersAreRefused(t *testing.T) {
	var p Problems
	CheckText(&p, "name", "a\x00b", 1, 100)
	CheckText(&p, "description", "line one\nline two\ttab", 0, 100)
	CheckEmail(&p, "email", "a\x00@example.kz")
	if !p.Has("name") || p.Has("description") || !p.Has("email") {
		t.Fatalf("problems: %+v", p)
	}
}

// A certificate code is read the way Crockford's base32 says, however it is typed, and a new one
// is in the written form.
func TestCertificateCode(t *testing.T) {
	for in, want := range map[string]string{"ERK-7QF2-M9XD-K4TA": "ERK-7QF2-M9XD-K4TA", "erk 7qf2 m9xd k4ta": "ERK-7QF2-M9XD-K4TA",
		"7qf2m9xdk4ta": "ERK-7QF2-M9XD-K4TA", "ERK-OIL0-0000-0000": "ERK-0110-0000-0000"} {
		if got, err := ParseCertificateCode(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"ERK-UUUU-0000-0000", "ERK-7QF2-M9XD-K4T", "ERK-7QF2-M9XD-K4TA-0", "ЕРК-7QF2-M9XD-K4TA", ""} {
		if _, err := ParseCertificateCode(bad); ErrorCode(err) != NotFound {
			t.Errorf("%q: %v, want not found", bad, err)
		}
	}
	seen := map[string]bool{}
	for range 1000 {
		c := NewCertificateCode()
		if got, err := ParseCertificateCode(c); err != nil || got != c || seen[c] {
			t.Fatalf("a new code %q: %q %v (seen: %v)", c, got, err, seen[c])
		}
		seen[c] = true
	}
}

func TestCutTextKeepsWholeLetters(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"Алматы", 12, "Алматы"},
		{"Алматы", 11, "Алма…"},
		{"Алматы", 10, "Алм…"},
		{"abc", 2, "ab"},
		{"", 5, ""},
	} {
		if got := CutText(c.in, c.max); got != c.want || len(got) > c.max {
			t.Errorf("CutText(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

// Issue 14: hours wait for the shift's start and are never approved by their volunteer; an event
// is public only when published (or cancelled) by a verified organization.
func TestHoursRulesAndPublicEvents(t *testing.T) {
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	sh := Shift{StartsAt: start, EndsAt: start.Add(40 * time.Minute)}
	if e, _ := CheckStarted(sh, start.Add(-time.Second)).(*Error); e == nil || e.Code != Invalid || len(e.Fields) != 1 ||
		e.Fields[0].Field != "starts_at" || e.Fields[0].Key != "hours.not_started" {
		t.Fatalf("a second before the start: %v", e)
	}
	if err := CheckStarted(sh, start); err != nil {
		t.Fatalf("at the start: %v", err)
	}
	if e, _ := CheckNotOwn(7, LedgerEntry{UserID: 7}).(*Error); e == nil || e.Key != "hours.own" {
		t.Fatalf("one's own hours: %v", e)
	}
	if err := CheckNotOwn(8, LedgerEntry{UserID: 7}); err != nil {
		t.Fatal(err)
	}
	if CapMinutes(sh) != 70 {
		t.Fatalf("a 40-minute shift's cap: %d", CapMinutes(sh))
	}
	for _, c := range []struct {
		st     EventStatus
		org    OrgStatus
		public bool
	}{{EventPublished, OrgVerified, true}, {EventCancelled, OrgVerified, true}, {EventDraft, OrgVerified, false},
		{EventPublished, OrgPending, false}, {EventPublished, OrgSuspended, false}, {EventPublished, "", false}} {
		if got := (Event{Status: c.st, OrgStatus: c.org}).Public(); got != c.public {
			t.Errorf("%s event of a %s organization: public %v", c.st, c.org, got)
		}
	}
}

// Fields of one line refuse every control character, CR and LF among them, while texts of several
// lines keep theirs (finding 10 of issue 14).
func TestSingleLineFieldsRefuseControlCharacters(t *testing.T) {
	start := time.Date(2026, 12, 5, 5, 0, 0, 0, time.UTC)
	for _, bad := range []string{"a\r\nb", "a\nb", "a\rb", "a\tb", "a\x00b", "a\x1bb", "a\x7fb", "a\u0085b", "a\u009bb", "a\u2028b", "a\u2029b"} {
		named := func(err error, field string) {
			t.Helper()
			e, ok := err.(*Error)
			if !ok {
				t.Errorf("%q in %s: accepted", bad, field)
				return
			}
			for _, f := range e.Fields {
				if f.Field == field && f.Key == "field.control_chars" {
					return
				}
			}
			t.Errorf("%q in %s: %v", bad, field, err)
		}
		r := Registration{Email: "a@example.kz", Password: "long enough", Name: "Дана" + bad, BirthDate: "2000-01-01", AcceptPrivacyPolicy: true}
		_, _, err := r.Validate(start)
		named(err, "name")
		o := Organization{Name: Text{KK: "Қамқор" + bad}}
		named(o.Validate(), "name.kk")
		o = Organization{Name: Text{KK: "Қамқор"}, Phone: "+7" + bad}
		named(o.Validate(), "phone")
		e := Event{Direction: "social", Title: Text{KK: "Сенбілік" + bad}, Venue: Text{RU: "Арбат" + bad}, District: "almaly",
			StartsAt: start, EndsAt: start.Add(time.Hour), Status: EventPublished}
		err = e.Validate()
		named(err, "title.kk")
		named(err, "venue.ru")
		g := GuardianRequest{Email: "g@example.kz", Name: "Гүлнар" + bad}
		named(g.Validate("a@example.kz"), "name")
		pr := Profile{University: "ҚазҰУ" + bad}
		named(pr.Validate(), "university")
		_, err = CheckReason("Кешікті" + bad)
		named(err, "reason")
	}
	// a description keeps its lines
	e := Event{Direction: "social", Title: Text{KK: "Сенбілік"}, Description: Text{KK: "Бірінші жол.\r\nЕкінші жол."}, Venue: Text{RU: "Арбат"},
		District: "almaly", StartsAt: start, EndsAt: start.Add(time.Hour), Status: EventPublished}
	if err := e.Validate(); err != nil {
		t.Errorf("a description of two lines: %v", err)
	}
}

// A certificate's revocation reason may have lines but no NUL or other control character.
func TestRevokeReasonRefusesControlCharacters(t *testing.T) {
	if r, err := CheckRevokeReason("Қате берілді.\r\nҚайта беріледі."); err != nil || r == "" {
		t.Errorf("a reason of two lines: %q %v", r, err)
	}
	for _, bad := range []string{"a\x00b", "a\x1bb", "\xff"} {
		if _, err := CheckRevokeReason(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A text is shown in the reader's language, else in Kazakh, Russian, English, in that order; a
// language holding only spaces counts as missing, and a text given in one language is never shown
// empty in another (issue 16).
func TestTextFallbackOrder(t *testing.T) {
	for _, c := range []struct {
		text       Text
		lang, want string
	}{
		{Text{"kk", "ru", "en"}, "en", "en"},
		{Text{"kk", "ru", "en"}, "ru", "ru"},
		{Text{"kk", "ru", ""}, "en", "kk"},
		{Text{"", "ru", "en"}, "kk", "ru"},
		{Text{" ", "ru", "en"}, "kk", "ru"},
		{Text{"", "", "en"}, "ru", "en"},
		{Text{"", "", "en"}, "kk", "en"},
		{Text{"kk", "", ""}, "xx", "kk"},
		{Text{"", "ru", ""}, "en", "ru"},
		{Text{}, "en", ""},
	} {
		if got := c.text.In(c.lang); got != c.want {
			t.Errorf("%+v in %s: %q, want %q", c.text, c.lang, got, c.want)
		}
	}
}

// An event's venue is required in at least one language, each within its limit; coordinates are a
// point on Earth, both or neither.
func TestEventVenueAndCoordinates(t *testing.T) {
	start := time.Date(2026, 12, 5, 5, 0, 0, 0, time.UTC)
	valid := func() Event {
		return Event{Direction: "social", Title: Text{KK: "Сенбілік"}, Venue: Text{EN: "Central Park"}, District: "almaly",
			StartsAt: start, EndsAt: start.Add(time.Hour), Status: EventPublished, Lat: 43.26, Lon: 76.95}
	}
	e := valid()
	if err := e.Validate(); err != nil {
		t.Fatalf("a venue in English only, with coordinates: %v", err)
	}
	for name, c := range map[string]struct {
		change func(*Event)
		field  string
	}{
		"no venue":           {func(e *Event) { e.Venue = Text{KK: " ", RU: "", EN: ""} }, "venue"},
		"venue too long":     {func(e *Event) { e.Venue.RU = strings.Repeat("я", MaxVenueLen+1) }, "venue.ru"},
		"address too long":   {func(e *Event) { e.Address.KK = strings.Repeat("ә", MaxVenueLen+1) }, "address.kk"},
		"latitude past 90":   {func(e *Event) { e.Lat = 91 }, "lat"},
		"longitude past 180": {func(e *Event) { e.Lon = -181 }, "lon"},
		"latitude alone":     {func(e *Event) { e.Lon = 0 }, "lat"},
	} {
		e := valid()
		c.change(&e)
		err, ok := e.Validate().(*Error)
		if !ok || len(err.Fields) != 1 || err.Fields[0].Field != c.field {
			t.Errorf("%s: %v, want a problem with %s alone", name, err, c.field)
		}
	}
}

// The city's plan is 200 events, and its shares by direction, one for each direction, add up to it.
func TestYearPlanAddsUp(t *testing.T) {
	p := YearPlan()
	if p.Events != 200 {
		t.Errorf("the year's plan is %d events, want the 200 the city announced", p.Events)
	}
	sum := 0
	for _, d := range Directions() {
		if p.ByDirection[d.Code] <= 0 {
			t.Errorf("direction %s has no share of the plan", d.Code)
		}
		sum += p.ByDirection[d.Code]
	}
	if sum != p.Events || len(p.ByDirection) != len(Directions()) {
		t.Errorf("the directions' shares add up to %d over %d directions, want %d over %d", sum, len(p.ByDirection), p.Events, len(Directions()))
	}
}

// The plan spread over the months (issue 17): nothing before PlanFrom, every month of the season
// a whole share, the later ones taking the remainder, the months adding up to the direction's
// share; a direction without a share has none in any month.
func TestPlanMonthShare(t *testing.T) {
	p := Plan{ByDirection: map[string]int{"ecology": 25, "sport": 10, "digital": 3, "social": 0}}
	want := map[string][12]int{
		"ecology": {0, 0, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3},
		"sport":   {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
		"digital": {0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1},
		"social":  {},
		"none":    {},
	}
	for dir, months := range want {
		sum := 0
		for m := 1; m <= 12; m++ {
			got := p.MonthShare(dir, m)
			sum += got
			if got != months[m-1] {
				t.Errorf("%s, month %d: share %d, want %d", dir, m, got, months[m-1])
			}
		}
		if sum != p.ByDirection[dir] {
			t.Errorf("%s: the months add up to %d, want %d", dir, sum, p.ByDirection[dir])
		}
	}
	for _, m := range []int{0, -1, 13} {
		if got := p.MonthShare("ecology", m); got != 0 {
			t.Errorf("month %d: share %d, want 0", m, got)
		}
	}
	year := YearPlan()
	for dir, share := range year.ByDirection {
		sum := 0
		for m := 1; m <= 12; m++ {
			sum += year.MonthShare(dir, m)
		}
		if sum != share {
			t.Errorf("the city's plan, %s: the months add up to %d, want %d", dir, sum, share)
		}
	}
}
