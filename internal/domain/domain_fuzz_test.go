package domain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets of the domain's parsers of outside input. Each keeps its seed corpus in
// testdata/fuzz/<target>/ besides the seeds added here; scripts/fuzz.sh runs each for a while.

// checkInvalid fails unless err is a *Error with code Invalid whose fields are all among known.
func checkInvalid(t *testing.T, err error, known ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *domain.Error", err, err)
	}
	if e.Code != Invalid || len(e.Fields) == 0 {
		t.Fatalf("error %v: code %q with %d fields, want invalid naming at least one field", err, e.Code, len(e.Fields))
	}
	for _, f := range e.Fields {
		if !slices.Contains(known, f.Field) || f.Key == "" {
			t.Fatalf("error %v names field %q (key %q), not one of %q", err, f.Field, f.Key, known)
		}
	}
}

// FuzzParseTime: ParseTime never panics, refuses with the zero time, and what it accepts is a UTC
// instant that comes back unchanged through RFC 3339: exactly with fractions (RFC3339Nano), and to
// the second as RFC3339 in UTC and in Almaty, as the API writes it. (A date and time in Almaty
// without an offset need not come back: the hour after a change of offset happens twice.)
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2026-03-05T10:00:00+05:00", "2026-03-05T05:00:00Z", "2026-03-05T10:00", "2026-03-05T10:00:30",
		"2026-03-05 10:00", "2026-03-05T10:00:00.123456789+06:00", "2026-02-30T10:00", "2026-13-01T00:00",
		"2026-03-05", "10:00", "", "2026-03-05T24:00", "2026-03-05T10:00:00+24:00", "2026-03-05T10:00:00z",
		"1970-01-01T00:00:00Z", "2000-02-29T12:00:00-12:00", "2026-03-05T10:00:00+05:30", "20260305T100000Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, ok := ParseTime(s)
		if !ok {
			if !tm.IsZero() {
				t.Fatalf("ParseTime(%q) refused it but returned %v", s, tm)
			}
			return
		}
		if tm.Location() != time.UTC {
			t.Fatalf("ParseTime(%q) = %v, not in UTC", s, tm)
		}
		for _, c := range []struct {
			layout string
			in     *time.Location
			want   time.Time
		}{
			{time.RFC3339Nano, time.UTC, tm},
			{time.RFC3339, time.UTC, tm.Truncate(time.Second)},
			{time.RFC3339, Almaty(), tm.Truncate(time.Second)},
		} {
			out := tm.In(c.in).Format(c.layout)
			back, ok := ParseTime(out)
			if !ok || !back.Equal(c.want) {
				t.Fatalf("ParseTime(%q) = %v, written %q, which reads back as %v, %v; want %v",
					s, tm, out, back, ok, c.want)
			}
		}
	})
}

// FuzzParseDate: ParseDate never panics; what it accepts is a UTC midnight that it writes back as
// exactly the input.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1990-01-01", "2000-02-29", "2001-02-29", "2026-13-01", "2026-1-1", "", "0000-01-01",
		"9999-12-31", "1990-01-01T00:00", " 1990-01-01", "1990/01/01", "+1990-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not a midnight in UTC", s, d)
		}
		if out := d.Format(time.DateOnly); out != s {
			t.Fatalf("ParseDate(%q) = %v, which writes as %q", s, d, out)
		}
	})
}

// binCheck is the BIN's check digit as the rules of the Kazakh tax authority give it, written apart
// from ValidBIN: -1 when no check digit is possible.
func binCheck(d [11]int) int {
	for _, first := range []int{1, 3} {
		sum := 0
		for i, v := range d {
			w := first + i
			if w > 11 {
				w -= 11
			}
			sum += w * v
		}
		if sum%11 != 10 {
			return sum % 11
		}
	}
	return -1
}

// FuzzValidBIN: ValidBIN never panics, accepts only 12 ASCII digits, agrees with the checksum written
// apart, and of the ten possible last digits accepts at most one.
func FuzzValidBIN(f *testing.F) {
	for _, s := range []string{"000740000728", "180440012349", "000740000729", "00074000072", "0007400007280",
		"00074000072a", "", "٠٠٠٧٤٠٠٠٠٧٢٨", "000000000000", "99999999999x", " 00740000728"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := ValidBIN(s)
		digits := len(s) == 12
		for i := 0; digits && i < 12; i++ {
			digits = s[i] >= '0' && s[i] <= '9'
		}
		if ok && !digits {
			t.Fatalf("ValidBIN(%q) = true, but it is not 12 ASCII digits", s)
		}
		if !digits {
			return
		}
		var d [11]int
		for i := range 11 {
			d[i] = int(s[i] - '0')
		}
		if want := binCheck(d) == int(s[11]-'0'); ok != want {
			t.Fatalf("ValidBIN(%q) = %v, the checksum says %v", s, ok, want)
		}
		valid := 0
		for c := '0'; c <= '9'; c++ {
			if ValidBIN(s[:11] + string(c)) {
				valid++
			}
		}
		if valid > 1 {
			t.Fatalf("%d check digits are accepted after %q", valid, s[:11])
		}
	})
}

// FuzzRegistrationValidate: Validate never panics; an error is invalid and names only the form's
// fields; an accepted registration has a lower-case, trimmed email, a birth date, an age in range,
// a password of the right length, a trimmed name, one of erikti's languages and consent to the
// privacy policy.
func FuzzRegistrationValidate(f *testing.F) {
	f.Add("Aigerim@Example.KZ", "Ақ жол 2026!", "Айгерім", "1996-02-03", "kk", true)
	f.Add("  volunteer@example.kz ", "12345678", " Ben ", "2019-03-05", "", true)
	f.Add("silver@example.kz", "erikti-demo-2026", "Сауле", "1950-12-31", "ru", false)
	f.Add("a@b", "short", "", "1990-02-30", "de", true)
	f.Add("İSTANBUL@example.kz", strings.Repeat("p", 257), "x", "1900-01-01", "en", true)
	f.Add("\"quoted\"@example.kz", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", "\xff", "0001-01-01", "EN", false)
	f.Add("Name <a@example.kz>", "пароль-пароль", "Ерлан", "2026-03-05", "kk", true)
	now := time.Date(2026, 3, 5, 10, 0, 0, 0, Almaty())
	known := []string{"email", "password", "name", "birth_date", "locale", "accept_privacy_policy"}
	f.Fuzz(func(t *testing.T, email, password, name, birthDate, locale string, accept bool) {
		r := Registration{Email: email, Password: password, Name: name, BirthDate: birthDate, Locale: locale, AcceptPrivacyPolicy: accept}
		got, birth, err := r.Validate(now)
		if err != nil {
			checkInvalid(t, err, known...)
			return
		}
		if got != strings.ToLower(got) || got != strings.ToLower(strings.TrimSpace(email)) || got == "" {
			t.Fatalf("email %q is accepted as %q, not normalized to lower case", email, got)
		}
		if birth.IsZero() {
			t.Fatalf("birth date %q is accepted as the zero time", birthDate)
		}
		if age := AgeOn(birth, now); age < MinAge || age > MaxAge {
			t.Fatalf("birth date %q (age %d) is accepted", birthDate, age)
		}
		if n := utf8.RuneCountInString(password); !utf8.ValidString(password) || n < MinPasswordLen || n > MaxPasswordLen {
			t.Fatalf("password %q is accepted", password)
		}
		if r.Name == "" || r.Name != strings.TrimSpace(r.Name) || !utf8.ValidString(r.Name) {
			t.Fatalf("name %q is accepted as %q", name, r.Name)
		}
		if !IsLanguage(r.Locale) {
			t.Fatalf("locale %q is accepted as %q", locale, r.Locale)
		}
		if !accept {
			t.Fatal("a registration without consent to the privacy policy is accepted")
		}
	})
}

// FuzzDecision: Decision never panics; an error is invalid and names status or reason; an accepted
// decision is verified (also for an empty status) or suspended with a reason.
func FuzzDecision(f *testing.F) {
	for _, c := range [][2]string{{"", ""}, {"verified", ""}, {"suspended", "Жалған БСН"}, {"suspended", "  "},
		{"pending", "x"}, {"Verified", ""}, {"suspended", strings.Repeat("я", 1001)}, {"verified", "\xff"}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, status, reason string) {
		st, err := Decision(status, reason)
		if err != nil {
			checkInvalid(t, err, "status", "reason")
			return
		}
		switch {
		case status == "" && st != OrgVerified, status != "" && string(st) != status:
			t.Fatalf("Decision(%q, %q) = %q", status, reason, st)
		case st != OrgVerified && st != OrgSuspended:
			t.Fatalf("Decision(%q, %q) accepts %q", status, reason, st)
		case st == OrgSuspended && strings.TrimSpace(reason) == "":
			t.Fatalf("a suspension without a reason (%q) is accepted", reason)
		case !utf8.ValidString(reason) || utf8.RuneCountInString(reason) > MaxReasonLen:
			t.Fatalf("reason %q is accepted", reason)
		}
	})
}

// FuzzProfileValidate: Profile.Validate never panics; an error is invalid and names only the
// profile's fields; an accepted profile has a known district, known languages without repeats and
// texts within their limits.
func FuzzProfileValidate(f *testing.F) {
	f.Add("medeu", " КазНУ ", "kk,ru,en", "first aid", "")
	f.Add("", "", "", "", "")
	f.Add("Medeu", "x", "kk,kk", "\xff", "wheelchair")
	f.Add("almaly", strings.Repeat("u", 201), "sign,zh,fr", strings.Repeat("s", 1001), "тихое место")
	f.Fuzz(func(t *testing.T, district, university, languages, skills, needs string) {
		p := Profile{District: district, University: university, Skills: skills, AccessibilityNeeds: needs}
		if languages != "" {
			p.Languages = strings.Split(languages, ",")
		}
		err := p.Validate()
		if err != nil {
			checkInvalid(t, err, "district", "university", "languages", "skills", "accessibility_needs")
			return
		}
		if p.District != "" && !IsDistrict(p.District) {
			t.Fatalf("district %q is accepted", district)
		}
		seen := map[string]bool{}
		for _, l := range p.Languages {
			if !IsSpokenLanguage(l) || seen[l] {
				t.Fatalf("languages %q are accepted", p.Languages)
			}
			seen[l] = true
		}
		for _, c := range []struct {
			text string
			max  int
		}{{p.University, MaxUniversityLen}, {p.Skills, MaxSkillsLen}, {p.AccessibilityNeeds, MaxNeedsLen}} {
			if !utf8.ValidString(c.text) || utf8.RuneCountInString(c.text) > c.max {
				t.Fatalf("profile text %q is accepted", c.text)
			}
		}
		if p.University != strings.TrimSpace(p.University) {
			t.Fatalf("university %q is kept untrimmed", p.University)
		}
	})
}

// A certificate code as anyone types it: either a code in its one written form, which reads
// back as itself, or NotFound naming the field code; never a panic.
func FuzzParseCertificateCode(f *testing.F) {
	for _, s := range []string{"ERK-7QF2-M9XD-K4TA", "erk 7qf2 m9xd k4ta", "7QF2M9XDK4TA", "ERK-OIL0-0000-0000", "ERK-UUUU-0000-0000",
		"ЕРК-7QF2-M9XD-K4TA", "ERK-7QF2-M9XD-K4T", "ERKERK7QF2M9XDK4", "", "----", "ERK-7QF2-M9XD-K4TA\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ParseCertificateCode(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != NotFound || len(e.Fields) != 1 || e.Fields[0].Field != "code" {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if len(code) != 18 || !strings.HasPrefix(code, CertificatePrefix+"-") || code[8] != '-' || code[13] != '-' {
			t.Fatalf("%q reads as %q", s, code)
		}
		for _, r := range strings.ReplaceAll(code[4:], "-", "") {
			if !strings.ContainsRune(CertificateAlphabet, r) {
				t.Fatalf("%q reads as %q, with %q", s, code, r)
			}
		}
		if again, err := ParseCertificateCode(code); err != nil || again != code {
			t.Fatalf("%q reads as %q, which reads as %q (%v)", s, code, again, err)
		}
		if lower, err := ParseCertificateCode(strings.ToLower(code)); err != nil || lower != code {
			t.Fatalf("%q in lower case reads as %q (%v)", code, lower, err)
		}
	})
}
