package locale

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
)

// TestEveryLanguageHasEveryString fails when kk, ru or en lacks a string another has, or a plural
// message lacks a form its language needs.
func TestEveryLanguageHasEveryString(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, lang := range domain.Languages() {
		for _, k := range b.Keys(lang) {
			all[k] = true
		}
	}
	needForms := map[string][]string{"kk": {"one", "other"}, "ru": {"one", "few", "many", "other"}, "en": {"one", "other"}}
	for _, lang := range domain.Languages() {
		keys := b.Keys(lang)
		for k := range all {
			if !slices.Contains(keys, k) {
				t.Errorf("%s lacks %q", lang, k)
				continue
			}
			if forms := b.PluralForms(lang, k); forms != nil {
				for _, f := range needForms[lang] {
					if !slices.Contains(forms, f) {
						t.Errorf("%s %q lacks the plural form %q", lang, k, f)
					}
				}
			}
			if b.T(lang, k, nil) == "" {
				t.Errorf("%s %q is empty", lang, k)
			}
		}
	}
}

func TestPluralsAndParams(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 1, "Не длиннее 1 символа"},
		{"ru", 3, "Не длиннее 3 символов"},
		{"ru", 21, "Не длиннее 21 символа"},
		{"ru", 200, "Не длиннее 200 символов"},
		{"en", 1, "Must be at most 1 character"},
		{"en", 200, "Must be at most 200 characters"},
		{"kk", 200, "200 таңбадан аспауы керек"},
	}
	for _, c := range cases {
		if got := b.T(c.lang, "field.too_long", map[string]any{"max": c.n}); got != c.want {
			t.Errorf("%s %d: got %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	// the other shift by its title, role and time in the reader's words, never by its number
	title := domain.Text{KK: "Сенбілік", RU: "Субботник"}
	start := time.Date(2026, 3, 7, 10, 0, 0, 0, domain.Almaty())
	overlap := domain.OverlapError(domain.Shift{ID: 7, Role: domain.Text{KK: "Көмекші", EN: "Helper"}, StartsAt: start, EndsAt: start.Add(4 * time.Hour)}, title)
	for lang, want := range map[string]string{
		"en": "You already hold a shift at the same time: Сенбілік, Helper, 7 March 2026, 10:00–14:00",
		"ru": "У вас уже есть смена в это же время: Субботник, Көмекші, 7 марта 2026 г., 10:00–14:00",
		"kk": "Сізде дәл осы уақытта басқа ауысым бар: Сенбілік, Көмекші, 2026 ж. 7 наурыз, 10:00–14:00",
	} {
		if got := b.T(lang, overlap.Key, overlap.Params); got != want {
			t.Errorf("overlap in %s: %q, want %q", lang, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for accept, want := range map[string]string{
		"":                        "kk",
		"ru-RU,ru;q=0.9,en;q=0.8": "ru",
		"en-US":                   "en",
		"kk-KZ":                   "kk",
		"de-DE":                   "kk",
		"de,en;q=0.5":             "en",
		"!!garbage":               "kk",
	} {
		if got := b.Match(accept); got != want {
			t.Errorf("Match(%q) = %q, want %q", accept, got, want)
		}
	}
}

// TestEveryKeyInTheCodeHasAMessage scans erikti's Go source and page templates for message keys:
// each must have a message, and each message must be used. Keys built at run time from a
// catalogue (months, accessibility features, statuses, roles) are listed here from the same
// catalogues; the error.* titles are built from error codes.
func TestEveryKeyInTheCodeHasAMessage(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := b.Keys("en")
	prefixes := map[string]bool{}
	for _, k := range keys {
		prefixes[strings.SplitN(k, ".", 2)[0]] = true
	}
	keyRe := regexp.MustCompile(`["=]([a-z_]+\.[a-z_0-9]*[a-z0-9])"`)
	used := map[string]bool{}
	walk := func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") ||
			!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, "s.audit(") || strings.Contains(line, ".Record(") || strings.Contains(line, "recordRefusal(") { // audit actions look like keys but are not shown
				continue
			}
			for _, m := range keyRe.FindAllStringSubmatch(line, -1) {
				if prefixes[strings.SplitN(m[1], ".", 2)[0]] {
					used[m[1]] = true
				}
			}
		}
		return nil
	}
	// the packages under internal/, and the command line, which speaks to its operator too
	for _, root := range []string{"..", "../../cmd"} {
		if err := filepath.WalkDir(root, walk); err != nil {
			t.Fatal(err)
		}
	}
	if len(used) < 200 {
		t.Fatalf("found only %d keys in the source; the scan is broken", len(used))
	}
	for m := 1; m <= 12; m++ {
		for _, p := range []string{"month.", "month_name.", "month_short."} {
			used[p+strconv.Itoa(m)] = true
		}
	}
	for _, f := range domain.AccessibilityFeatures() {
		used["access."+f] = true
	}
	for _, st := range []string{"published", "draft", "cancelled", "confirmed", "waitlisted"} {
		used["status."+st] = true
	}
	for _, st := range []string{"pending", "verified", "suspended"} {
		used["org.status_"+st] = true
	}
	used["office.decide_verified"], used["office.decide_suspended"] = true, true
	used["role.admin"], used["role.coordinator"] = true, true
	for _, st := range []string{"pending", "approved", "rejected", "superseded"} { // domain.Claim*, web: "hours.status_" + status
		used["hours.status_"+st] = true
	}
	used["checkin.done_in"], used["checkin.done_out"] = true, true    // web.renderCheckin: "checkin.done_" + in or out
	for _, f := range []string{"refused", "unreachable", "invalid"} { // store.Failure*
		used["notifications.failure_"+f] = true
	}
	for _, c := range domain.MailCategories() {
		used["mail.unsubscribe_"+c], used["unsubscribe.lead_"+c], used["prefs.category_"+c] = true, true, true
	}
	for _, st := range []string{domain.GuardianNeeded, domain.GuardianRequested, domain.GuardianGiven} {
		used["guardian.status_"+st] = true
	}
	for _, kind := range domain.MailKinds() {
		for _, part := range []string{"subject", "body", "action"} {
			used["mail."+kind+"."+part] = true
		}
	}
	for _, k := range []string{"checkin", "entered", "approved", "rejected"} { // mydata.html: "mydata.ledger_" + an entry's kind
		used["mydata.ledger_"+k] = true
	}
	for _, r := range []string{domain.UnmatchedLanguage, domain.UnmatchedTime, domain.UnmatchedDistance, domain.UnmatchedVerified, domain.UnmatchedRefused} {
		used["mentoring.rule."+r] = true // store.checkPin: "mentoring.rule." + the rule a pin breaks
	}
	for _, r := range []string{domain.UnmatchedLanguage, domain.UnmatchedTime, domain.UnmatchedDistance, domain.UnmatchedVerified, domain.UnmatchedRefused,
		domain.UnmatchedCapacity, domain.UnmatchedNoMentor} {
		used["mentoring.unmatched."+r] = true // web.viewApplication: "mentoring.unmatched." + why
	}
	for _, slot := range domain.MentoringSlots() { // web.slotName: "mentoring.day_" + day, "mentoring.part_" + part
		day, part, _ := strings.Cut(slot, "_")
		used["mentoring.day_"+day], used["mentoring.part_"+part] = true, true
	}
	for _, role := range []string{domain.RoleMentor, domain.RoleMentee} { // store: "mentoring.as_", "mentoring.not_in_round_as_" + role; pages
		used["mentoring.as_"+role], used["mentoring.not_in_round_as_"+role] = true, true
		used["mentoring.role_"+role], used["mentoring.you_are_"+role] = true, true
	}
	for _, m := range []string{domain.MeetOnline, domain.MeetInPerson, domain.MeetBoth} { // mentoring pages: "mentoring.mode_" + mode
		used["mentoring.mode_"+m] = true
	}
	for _, st := range []string{"upcoming", "open", "closed", "matched", "published"} { // web.view.RoundState
		used["mentoring.state_"+st] = true
	}
	for _, st := range []string{"proposed", "published", "accepted", "declined"} { // store.Pair*: "mentoring.status_" + status
		used["mentoring.status_"+st] = true
	}
	used["mentoring.my_answer_accepted"], used["mentoring.my_answer_declined"] = true, true
	used["mentoring.done_rule"], used["mentoring.done_verified"] = true, true
	for n := 1; n <= 5; n++ { // web.RatingChoices: "mentoring.rating_" + n
		used["mentoring.rating_"+strconv.Itoa(n)] = true
	}
	// store.notifyDecided: the outcome of a decision on hours, a key of three parts
	used["mail.hours_decided.approved"], used["mail.hours_decided.rejected"] = true, true
	for k := range used {
		if !slices.Contains(keys, k) {
			t.Errorf("the code uses %q, which has no message", k)
		}
	}
	for _, k := range keys {
		if !used[k] && !strings.HasPrefix(k, "error.") {
			t.Errorf("the message %q is used nowhere", k)
		}
	}
}

// A count too large to negate or to read has no plural form of its own, and no panic.
func TestPluralOfExtremeCounts(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []any{math.MinInt, "-9223372036854775808", "99999999999999999999", int64(math.MinInt64)} {
		if got := b.T("en", "shift.waitlist", map[string]any{"n": n}); got == "" {
			t.Errorf("%v: empty", n)
		}
	}
}
